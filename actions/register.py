"""register: where a registered sender stands and who handles a change; a new or changed number
becomes a verification task for a grid worker (never a self-service change of identity)."""

from __future__ import annotations

import re

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import tracker_data
from actions.policy import ActionAnswerPolicy, channel_and_message
from actions.reports import ActionReportInstead
from actions.runtime import context
from bot.core import id_lures, registration, residence

# What a registration message is about: a number or the registry itself. Without these words, what the knowledge base
# answers is the question ("我是骑手 流动网格员发现问题有积分没得", blind test 8, #25), not the registration.
ABOUT_REGISTERING = re.compile(r"号码|手机|号|登记|注册|绑定|认证|实名|网格|住在|住哪")
KNOWN_RESPONSES = {"resident": "utter_registered", "rider": "utter_registered_rider",
                   "staff": "utter_registered_staff"}


class ActionRegister(Action):
    def name(self) -> str:
        return "action_register"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        ctx = context()
        text = tracker_data.text(tracker)
        if (ABOUT_REGISTERING.search(text.replace("网格员", "")) is None
                or registration.registers_something_else(text)) and ctx.knowledge.find(text) is not None:
            # 房子出租要不要登记: the house's registration asked about, never a number's (blind test 32, B123)
            return await ActionAnswerPolicy().run(dispatcher, tracker, domain)
        if id_lures.told(text):  # 免费领鸡蛋 要登记身份证号: a fraud reported, never a number's (blind test 33, B31)
            return await ActionReportInstead().run(dispatcher, tracker, domain)
        with ctx.db.session() as session:
            known = registration.standing(session, tracker.sender_id, ctx.knowledge.contact)
            if known.kind in KNOWN_RESPONSES and (known.place or known.kind != "resident"):
                who = f"网格员{known.whom.name}" if known.whom.grid_worker else known.whom.name
                dispatcher.utter_message(response=KNOWN_RESPONSES[known.kind], place=known.place, who=who,
                                         phone=known.whom.phone)
                return []
            if known.person is not None:  # a resident the registry has no grid for
                dispatcher.utter_message(response="utter_registered_no_grid", who=known.whom.name,
                                         phone=known.whom.phone)
                return []
            if residence.says_where_they_live(text) or registration.bare_address(text):
                # 我住河滨社区, 河畔花园2栋1单元301: no number change, no task (blind test 22, #76; blind test 25, E2)
                dispatcher.utter_message(text=residence.lives_reply(session, text))
                return []
            if tracker.sender_id.startswith("tg:"):  # Telegram links an account by its shared contact
                dispatcher.utter_message(response="utter_register_telegram")
                return []
            channel, message_id = channel_and_message(tracker)
            opened = registration.request_verification(session, ctx.clock, ctx.rules, tracker.sender_id, channel,
                                                       tracker_data.text(tracker), message_id)
            number = opened.ticket.number
            assignee = opened.assignee.name if opened.assignee is not None else None
        if assignee:
            dispatcher.utter_message(response="utter_register_verifying", name=assignee, number=number)
        else:
            dispatcher.utter_message(response="utter_register_verifying_unassigned", number=number)
        return [SlotSet("last_ticket", number)]

"""The step that answers what people ask about the service itself, and words that are no report (advice,
complaints, chat), before the classifier can file them or miss them."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from bot.app.advice_step import MISSENT_WINDOW, Advice
from bot.app.steps import from_staff
from bot.common.clock import Clock
from bot.core import (
    angry_words,
    answers,
    call_awaited,
    care_words,
    chatter,
    complaints,
    council,
    council_outsider,
    council_questions,
    council_words,
    held_words,
    how_to,
    lifecycle,
    not_ours,
    openers,
    privacy,
    public_board,
    question_kinds,
    questions,
    reaching_us,
    reasked,
    registration,
    registry,
    residence,
    small_talk,
    someones_number,
    ticket_questions,
    triage,
    unreachable_worker,
)
from bot.core.knowledge import Contact, KnowledgeBase
from bot.core.places import match_place
from bot.core.routing_rules import RoutingRules
from bot.messaging.ports import Claimed, Replies, with_note
from bot.store.db import Database


class InformationRequests:
    """What people ask about the service itself, answered before the classifier can file it or miss
    it (bot/core/triage.py): "我的网格员电话多少" (their grid worker's published number, whole), "咋个投票",
    "咋个发照片", "可以发语音不", "咋个发位置". Never a ticket, never points; nor is chat meant for someone else
    (老王 明天早上去钓鱼不), nor a small hurt said to be nothing serious (膝盖擦破点皮 没得事: first aid), and a
    self-introduction trailing off (我是阳光小区的 我们那个) is asked for the problem.
    Anything else goes on to the engine."""

    ANSWERED = ("contact", "someone_contact", "how_to_vote", "how_to_photo", "how_to_video", "how_to_voice",
                "how_to_location")

    def __init__(self, db: Database, contact: Contact, *, clock: Clock | None = None,
                 rules: RoutingRules | None = None, fraud_warning: str | None = None,
                 knowledge: KnowledgeBase | None = None) -> None:
        self.db = db
        self.contact = contact
        self.knowledge = knowledge  # for the entries answered before the classifier (`early`)
        self.clock = clock
        self.rules = rules
        self._advice = Advice(db, contact, clock=clock, fraud_warning=fraud_warning)

    async def __call__(self, message: Claimed) -> Claimed | Replies:
        with_photos = (self._complaints, self._asked)  # a photo is a report's: only these may answer beside it
        for step in with_photos if message.payload.get("photos") else \
                (self._call_awaited, self._advice, self._complaints, self._chat, self._asked):
            outcome = await step(message)
            if isinstance(outcome, list):
                await asyncio.to_thread(self._moved_on, message)
                return outcome
            message = outcome  # perhaps with a note for the reply (110 named, we are on it)
        return message

    async def _call_awaited(self, message: Claimed) -> Claimed | Replies:
        """啥时候打电话给我 while a number waits to be verified: who will call, the task's state, what to do if no
        call comes; never "不便提供" nor the worker's number alone (blind test 34, B89, B168)."""
        came = call_awaited.says_call_came(message.text)  # 联系上了 alone: only then contacted (B168)
        if not came and not call_awaited.asks(message.text):
            return message  # the words first: no query for other messages
        with self.db.session() as s:
            if from_staff(s, message):
                return message
            task = call_awaited.awaited(s, message.sender)
            if task is None:
                return message
            return [{"text": unreachable_worker.CALLED_BACK if came else call_awaited.reply(task)}]

    def _moved_on(self, message: Claimed) -> None:
        """Answered here, before the council step: the ballot just cast is no longer what 撤回投票 means (现在几点了
        between a ballot and 撤回投票); a council question still open (她是邻居 after 帮隔壁王大爷投一票不) is kept."""
        with self.db.session() as s:
            person = registry.person_by_address(s, message.sender)
            if person is not None:
                council_questions.moved_on(s, person)

    async def _complaints(self, message: Claimed) -> Claimed | Replies:
        """A complaint about a grid worker or to someone above is lodged; a report said in exasperation is noted."""
        if self.clock is not None and unreachable_worker.says(message.text):
            # 网格员电话打不通 安居苑的: other ways to reach someone now, the worker asked to call back; never a
            # complaint ticket against her (blind test 32, B110)
            reached = await asyncio.to_thread(self._unreachable, message)
            if reached is not None:
                return [{"text": reached}]
        if self.rules is not None and complaints.complains_about_worker(message.text):
            # 我要投诉网格员 打电话都不接: upward to the community, never that worker's number (blind test 5, #108); an
            # insult naming the worker too (网格员是个瓜娃子 喊了半天不来, blind test 25, S5), before it is only calmed
            lodged = await asyncio.to_thread(self._complaint, message)
            if lodged is not None:
                return [{"text": lodged}]
        if self.rules is not None and complaints.complains_to_superiors(message.text) \
                and not triage.has_problem(message.text):
            # 我要找你们领导 投诉: a complaint upward as the one about a worker, asked what happened (blind test 28)
            lodged = await asyncio.to_thread(self._complaint, message, complaints.lodge_general)
            if lodged is not None:
                return [{"text": lodged}]
        if (angry_words.left_unattended(message.text) or (angry_words.fed_up(message.text)
                                                           and triage.has_problem(message.text))) \
                and ticket_questions.kind_of(message.text) is None:  # 转到哪里去了 咋个还莫得人来: its answer urges
            message = with_note(message, angry_words.ON_IT)  # 发了八百遍了 安居苑路灯: filed, and we are on it
        return message

    async def _chat(self, message: Claimed) -> Claimed | Replies:
        """Words with no photo that are no report: privacy, abuse, chat meant for someone else, small talk, anger,
        how to reach us, a vote for a neighbour. Only for a message without photos."""
        text = message.text
        if privacy.asks_about_privacy(text):
            return [{"text": privacy.REPLY}]  # 会不会把我电话号码给别人: answered, never a registration (blind test 26)
        if unreachable_worker.says_called_back(text):  # 杨网格员回我电话了 谢谢: a warm word (blind test 33, A59)
            return [{"text": unreachable_worker.CALLED_BACK}]
        if triage.abuse_only(text):
            # 傻逼, 滚: a calm word, never 没太看懂 (blind test 6, #58); 滚 不要再给我发了: how to stop (blind test 28)
            return [{"text": small_talk.reply(text) or triage.CALM_REPLY}]
        if chatter.meant_for_someone_else(text):
            return [{"text": chatter.NOT_FOR_US}]  # 老王 明天早上去钓鱼不: never a ticket (blind test 8, #99)
        if chatter.missent(text) and await asyncio.to_thread(self._filed_nothing_before, message):
            return [{"text": chatter.NEVER_MIND}]  # 王哥 晚上喝酒不, then 发错了 对不起哈 (blind test 26, A71)
        now = self.clock.now() if self.clock is not None else datetime.now(UTC)
        day = small_talk.what_day(text, now) or small_talk.what_time(text, now)  # 现在几点了 (blind test 30)
        pet = care_words.lost_pet(text)
        if day is not None or pet is not None:  # 今天星期几, 我家猫跑丢了 (blind test 29)
            return [{"text": day or pet or ""}]
        talk = small_talk.reply(text)
        if talk is not None:  # 你是机器人还是真人, 我孙子考起大学了: answered in kind (blind test 22, #9, #82)
            return [{"text": talk}]
        angry = await self._angry(message)
        if angry is not None:
            return [{"text": angry}]
        if reaching_us.asks(text):
            # 我耳朵不好 只能发短信, 你们的电话是多少嘛: texting is fine, and our number (blind test 26, A3, B126)
            return [{"text": await asyncio.to_thread(self._contact, message.sender, "call_us")}]
        worker_call = await asyncio.to_thread(self._worker_call, message.sender, text)
        if worker_call is not None:  # 那我直接打李磊电话嘛: that number, never an emergency's (blind test 30, B119)
            return [{"text": worker_call}]
        if council_words.asks_proxy_vote(text):
            # 帮隔壁王大爷投一票不: answered, never a detail (#N29); 她是邻居 next is answered too (blind test 25, V1)
            return [{"text": await asyncio.to_thread(self._may_i, message)}]
        return message

    async def _asked(self, message: Claimed) -> Claimed | Replies:
        """Someone's number asked beside a problem; a self-introduction or a problem still to come; a question about
        the service itself (its contact, how to vote, send a photo, a voice message, a location)."""
        photos = bool(message.payload.get("photos"))
        again = None if photos or self.knowledge is None or self.clock is None else \
            await asyncio.to_thread(self._reasked, message)
        if again is not None:  # 我是问教老人用手机 不是娃娃: asked again, never 记下了 (blind test 33)
            return [{"text": again}]
        if public_board.asks_where_notices(message.text) and not photos:
            # 村里的公告在哪里看: the 村口黑板 and 公告 here, then what is up (blind test 35, VL12n: the topics alone)
            return [{"text": t} for t in await asyncio.to_thread(self._where_notices, message.sender)]
        same = None if photos or self.knowledge is None or self.clock is None else \
            await asyncio.to_thread(self._restated, message)
        if same is not None:  # 就是每年过年发的那个米和油 after the 米油 answer: never 记下了 (blind test 35, B174)
            return [{"text": same}]
        if not photos and not triage.has_danger(message.text):
            # 帮我叫个出租车, 今天会下雨不, 有没有修伞修鞋的: what we don't do, who can (blind test 36, Q16b, Q18b, Q1b)
            instead = await asyncio.to_thread(self._not_ours, message.sender, message.text)
            if instead is not None:
                return [{"text": instead}]
            supply = question_kinds.outage_asked(message.text)
            if supply is not None and await asyncio.to_thread(self._names_place, message.text):
                # 河畔花园好久来水: the outage, for that place's worker, never 答不上 (blind test 36, B114)
                return replace(message, text=question_kinds.as_outage_report(message.text, supply))
        if triage.asks_someones_number(message.text) and triage.has_problem(message.text):
            # 帮我查一下李婆婆家的电话号码 他家漏水漏到我家了: the leak is reported, the number refused (#88)
            return with_note(replace(message, text=someones_number.without_number_request(message.text)),
                             someones_number.REFUSED)
        if chatter.introduces_only(message.text) and not photos:
            # 我是阳光小区的 我们那个: the problem comes next, the estate held for it (blind test 8, #1)
            # 想问个事: listened to, the place named beside it held for the report (blind test 25, #8)
            reply = await asyncio.to_thread(self._introduced, chatter.introduced_place(message.text),
                                            chatter.about_to_ask(message.text))
            return [{"text": chatter.GREETED + reply if chatter.greets(message.text) else reply}]
        if openers.asks_if_in_charge(message.text) and not photos:  # 你们是管事的吧: yes, and what to send (bt 31)
            return [{"text": openers.IN_CHARGE}]
        if openers.says_no_problem_yet(message.text) and not photos \
                and "lat" not in message.payload:  # 我要反应个事, 我们屋头那个: never a ticket (blind test 5, #62)
            return [{"text": openers.no_problem_yet_reply(message.text)}]
        # 河畔花园门禁卡丢了 咋个补 (blind test 36, Q24): an estate named made it a report; else the engine answers
        lost = question_kinds.asks_replacing_lost(message.text) and \
            await asyncio.to_thread(self._names_place, message.text)
        # 我想养只狗 小区让不让养, 有没得充电的地方 (blind test 37, Q10c, Q9c): asked, whatever its problem words
        if not photos and (lost or question_kinds.asks_allowed_or_where(message.text)
                           or not triage.has_problem(message.text)):
            # 网格员是干啥子的, 垃圾分类咋个分哦 搞不懂, 登记的名字写错了: the classifier's help menu or a number change
            # (blind test 32, B127, B42, B152)
            known = await asyncio.to_thread(self._known_answer, message.sender, message.text, lost)
            if known is not None:
                return [{"text": known}]
        asked = triage.information_request(message.text)
        if asked not in self.ANSWERED:
            return message
        if asked == "how_to_vote":
            return [{"text": how_to.HOW_TO_VOTE}]
        if asked == "how_to_photo":
            return [{"text": how_to.HOW_TO_PHOTO}]
        if asked == "how_to_video":  # 可以发视频不 (blind test 31, B89b: the menu)
            return [{"text": how_to.HOW_TO_VIDEO}]
        if asked == "how_to_location":
            return [{"text": how_to.HOW_TO_LOCATION}]
        return [{"text": await asyncio.to_thread(self._contact, message.sender, asked, message.text)}]

    def _reasked(self, message: Claimed) -> str | None:
        assert self.knowledge is not None and self.clock is not None
        with self.db.session() as s:
            return reasked.reply(s, self.clock, self.knowledge, message.channel, message.sender, message.id,
                                 message.text)

    def _where_notices(self, sender: str) -> list[str]:
        """Where notices are read, then the board itself: a resident's open topics and notices, the public notice
        for a number not registered; staff are told where alone."""
        with self.db.session() as s:
            person = registry.person_by_address(s, sender)
            if person is None:
                return [public_board.WHERE_READ, public_board.outsider_board(s)]
            if person.kind != "resident" or self.clock is None:
                return [public_board.WHERE_READ]
            return [public_board.WHERE_READ, council.board_text(s, person, self.clock.now())]

    def _restated(self, message: Claimed) -> str | None:
        assert self.knowledge is not None and self.clock is not None
        with self.db.session() as s:
            return reasked.restated(s, self.clock, self.knowledge, message.channel, message.sender, message.id,
                                    message.text)

    def _not_ours(self, sender: str, text: str) -> str | None:
        """A taxi, the weather or a small trade asked for: said kindly, with who or where can; None for the rest."""
        if not triage.has_problem(text) and not_ours.asks_taxi(text):
            return not_ours.TAXI
        if not triage.has_problem(text) and not_ours.asks_weather(text):
            return not_ours.WEATHER
        if not not_ours.asks_trade(text):
            return None
        with self.db.session() as s:
            whom = questions.whom_to_ask(s, registry.person_by_address(s, sender), self.contact)
            return not_ours.trade_reply(whom.name, whom.phone, whom.grid_worker)

    def _names_place(self, text: str) -> bool:
        with self.db.session() as s:
            return bool(match_place(s, text).grids)

    def _known_answer(self, sender: str, text: str, lost: bool = False) -> str | None:
        """What a grid worker does, a registered detail to correct, or an entry of the knowledge base answered before
        the classifier (any entry for a lost card's replacement); None for anything else (the words first: no query
        for other messages)."""
        role, detail = how_to.asks_grid_worker_role(text), registration.says_detail_wrong(text)
        if not role and not detail and not lost and (self.knowledge is None or not self.knowledge.early(text)):
            return None
        with self.db.session() as s:
            person = registry.person_by_address(s, sender)
            if role or detail:
                whom = questions.whom_to_ask(s, person, self.contact)
                return how_to.grid_worker_role_reply(whom.name, whom.phone, whom.grid_worker) if role \
                    else registration.detail_wrong_reply(whom)
            assert self.knowledge is not None
            return questions.early_answer(s, self.knowledge, person, text, any_entry=lost)

    async def _angry(self, message: Claimed) -> str | None:
        """The reply to words said in anger with no problem in them (bot/core/angry_words.py): venting is calmed,
        giving up on the machine gets a number to call; None for anything else."""
        text = message.text
        if triage.has_problem(text):
            return None
        if angry_words.vents(text):  # 你们这些当官的就晓得收钱, 吃干饭的: a calm word, never 没太看懂
            return triage.CALM_REPLY
        if angry_words.gives_up(text):  # 算了 跟机器说有啥用: a person to call, never "请问在哪点？"
            return await asyncio.to_thread(self._contact, message.sender, "a_person")
        return None

    def _filed_nothing_before(self, message: Claimed) -> bool:
        since = self.clock.now() - MISSENT_WINDOW if self.clock is not None else datetime.min.replace(tzinfo=UTC)
        with self.db.session() as s:
            return chatter.filed_nothing_before(s, message.channel, message.sender, message.id, since)

    def _may_i(self, message: Claimed) -> str:
        if self.clock is None:
            return council_words.PROXY_VOTE
        with self.db.session() as s:
            return council_outsider.may_i(s, self.clock, registry.person_by_address(s, message.sender), message.text)

    def _introduced(self, place: str, about_to_ask: bool = False) -> str:
        """The place held when the registry knows it, a community of several grids too (安居社区: its grid is asked
        with the report, blind test 10, #2); else what is the problem. About to ask (有点事想问下): listened to."""
        with self.db.session() as s:
            known = bool(place) and bool(match_place(s, place).grids)
        if about_to_ask:
            return chatter.listening_at(place) if known else openers.LISTENING
        return held_words.held_place_reply(place) if known else openers.ASK_PROBLEM

    def _complaint(self, message: Claimed, lodge: Callable[..., str] = complaints.lodge) -> str | None:
        """The reply to a resident's complaint about their grid worker (or to someone above, with `lodge`); None from
        staff (theirs go on)."""
        assert self.rules is not None
        with self.db.session() as s:
            if from_staff(s, message):
                return None
            if answers.rating_in(message.text) is not None and lifecycle.awaiting_rating(s, message.sender):
                return None  # "3 网格员态度差" rates the ticket awaiting it, with its reason (the dialogue's)
            if complaints.asks_after_one(s, message.sender, message.text):
                return None  # 投诉周网格员那个 有人理没得: asked after, never lodged again (blind test 31, B87b)
            return lodge(s, self.clock or Clock(), self.rules, message.sender, message.channel, message.text,
                         message.id)

    def _unreachable(self, message: Claimed) -> str | None:
        assert self.clock is not None
        with self.db.session() as s:
            if from_staff(s, message):
                return None
            return unreachable_worker.reply(s, self.clock, self.contact.phone, message.sender, message.text)

    def _worker_call(self, sender: str, text: str) -> str | None:
        """"好的，网格员李磊电话…" when the sender says they will call their own grid worker, else None."""
        if not reaching_us.says_calling(text):
            return None  # the words first: no query for a message that calls nobody
        with self.db.session() as s:
            whom = questions.whom_to_ask(s, registry.person_by_address(s, sender), self.contact)
            if not whom.grid_worker or not reaching_us.calls_worker(text, whom.name):
                return None
            return reaching_us.call_worker_reply(whom.name, whom.phone)

    def _contact(self, sender: str, asked: str, text: str = "") -> str:
        with self.db.session() as s:
            whom = questions.whom_to_ask(s, registry.person_by_address(s, sender), self.contact)
            named = residence.grid_contact(s, text) if asked == "contact" and not whom.grid_worker else None
            if named is None and asked == "contact" and not whom.grid_worker and self.clock is not None:
                # …安居苑的, then 她电话多少: the grid of the place said lately (blind test 30, A-B107)
                named = residence.grid_contact_said_before(s, self.clock, sender)
            if named is not None:  # 我住河畔花园的 网格员是哪个: that place's grid worker (blind test 22, #94)
                return named
            if asked == "a_person":
                return angry_words.call_a_person(f"网格员{whom.name}" if whom.grid_worker else whom.name, whom.phone)
            if asked == "call_us":
                return reaching_us.reply(whom.name, whom.phone, whom.grid_worker)
            if asked == "how_to_voice":
                return how_to.voice_reply(whom.name, whom.phone, whom.grid_worker)
            if asked == "someone_contact" and how_to.asks_estate_office(text):  # 物业电话 (blind test 34, E35)
                return how_to.estate_office_reply(whom.name, whom.phone, whom.grid_worker)
            return how_to.contact_reply(whom.name, whom.phone, whom.grid_worker, asked == "someone_contact")

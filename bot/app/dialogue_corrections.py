"""The sender correcting how the bot read their last messages, for `DialogueContext` (bot/core/corrections.py):
a ticket that was a question withdrawn (不是报事 我是问…), a new ticket merged back (是一回事 不要新开), the open
report's place fixed (说错了 是9栋门口), a report merged into another's taken apart (我说的是…不是…), and a report
the bot took for a question insisted on (我是反映问题 不是问你 …,
blind test 7, #63): filed from these words or the message before, with the photos held; when nothing places it
(a rider has no home grid, blind test 9, #61), where is asked first and the answer files it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

from bot.common.clock import Clock
from bot.core import corrections, detail_taken_back, earlier_matter, lifecycle, openers, place_parts, reports, triage
from bot.core.emergencies import answers_where, knows_no_place
from bot.core.followups import sent_alone
from bot.core.other_problem import OWN_REPORT
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import Report, assignee_label
from bot.engine.parse import category_of
from bot.messaging.ports import Claimed, Replies
from bot.store.db import Database
from bot.store.message_models import InboxMessage

Classify = Callable[[str], Awaitable[dict[str, Any]]]


OPENED = "收到，工单{number}已派给网格员{assignee}，会尽快处理。"  # as utter_report_opened
OPENED_UNASSIGNED = "收到，工单{number}已登记，街道会尽快派人处理。"  # as utter_report_opened_unassigned
MERGED = "收到，这个问题已有人反映，已并入工单{number}，办理进展会同步告诉您。"  # as utter_report_merged
SUBSTANCE_CHARS = 6  # words this long may be a report (shorter: 你好, 1, 嘛)


class Corrections:
    def __init__(self, db: Database, clock: Clock, rules: RoutingRules) -> None:
        self.db = db
        self.clock = clock
        self.rules = rules

    def correct(self, message: Claimed, number: str, text: str) -> Claimed | Replies | None:
        """The sender correcting what the bot made of their last messages (bot/core/corrections.py): a ticket
        that was a question withdrawn and the question sent on, a new ticket merged back, the place fixed."""
        if corrections.says_other_matter(text):  # 我说的是建筑垃圾挡路 不是垃圾桶, after a merge (blind test 33, B135)
            with self.db.session() as s:
                merged = corrections.merged_elsewhere(s, self.clock, message.sender)
                if merged is not None:
                    return [{"text": corrections.take_apart(s, self.clock, self.rules, merged)}]
        asked = corrections.question_in(text) if corrections.not_a_report(text) else None
        if asked is None and not corrections.same_thing(text) and not corrections.says_mistake(text):
            return None
        with self.db.session() as s:
            place = corrections.corrected_place(s, text)
            if place is not None:
                ticket = lifecycle.get_ticket(s, number)
                return [{"text": corrections.fix_place(s, self.clock, ticket, place, message.sender, message.id,
                                                          self.rules)}]
            if asked is not None:
                withdrawn = corrections.withdraw_asked(s, self.clock, message.sender)
                if withdrawn is None:
                    return None
                return replace(message, text=asked, payload={**message.payload, "context_read": True,
                                                             "before": withdrawn})
            merged = corrections.merge_back(s, self.clock, message.sender, message.id) \
                if corrections.same_thing(text) else None
            return [{"text": merged}] if merged is not None else None

    def taken_back(self, message: Claimed, text: str, window: timedelta) -> Claimed | None:
        """按错了 楼上拖椅子是另外一个事 跟下水道不相干: the detail those words name taken off the ticket it was
        joined to (its holder told) and its original words sent on as a report of their own (blind test 35, E21n); None
        when no detail joined lately is meant."""
        with self.db.session() as s:
            found = detail_taken_back.joined_by_mistake(s, self.clock, message.sender, text, window)
            if found is None:
                return None
            ticket, added = found
            words = detail_taken_back.take_out(s, self.clock, ticket, added, message.sender, message.id)
            beside = place_parts.spot_beside(ticket.place_text or "", words)
        return replace(message, text=words, payload={**message.payload, "context_read": True, OWN_REPORT: True,
                                                     **({"held_place": beside} if beside else {})})

    def with_earlier(self, message: Claimed, text: str) -> Claimed:
        """昨晚上又跳到十点半 after her 广场舞 message that filed nothing: read with it (blind test 35, E4n)."""
        with self.db.session() as s:
            before = earlier_matter.unfiled_matter(s, self.clock, message.sender, message.id, text)
        return replace(message, text=f"{before} {text}") if before else message

    async def insisted(self, message: Claimed, text: str, classify: Classify | None) -> Claimed | Replies | None:
        """A report the bot took for a question, insisted on: these words (花坛那点建筑垃圾要清走), else the message
        before that filed nothing, is the report, with the photos held and that message's own, filed here as the
        sender says it is one (a danger goes on to the engine's emergency). Nothing placing it (a rider has no home
        grid: "充电柜那个是坏的", blind test 9, #61): where is asked first, `placed` files it with the answer. None
        when there is nothing to file."""
        words = await asyncio.to_thread(self._insisted_words, message.id, text)
        if words is None:
            return None
        said, photos, before_id = words
        photos = list(dict.fromkeys([*(message.payload.get("photos") or []), *photos]))
        if before_id is not None:
            await asyncio.to_thread(self._forget_question, before_id)
        message = replace(message, text=said, payload={**message.payload, "photos": photos, "context_read": True})
        if triage.has_danger(said):
            return message  # the engine raises the emergency
        if await asyncio.to_thread(self._unplaced, message):
            return [{"text": corrections.ask_where(said)}]
        # Filed here even when the classifier reads a report: the engine had already answered these words as a
        # question (咋个回事嘛) and would again.
        parsed = await classify(said) if classify is not None else {}
        return [{"text": await asyncio.to_thread(self._file, message, category_of(parsed))}]

    async def placed(self, message: Claimed, asked_for: int | None, point: tuple[float, float] | None,
                     held_photos: list[str], classify: Classify | None) -> Replies | None:
        """The answer to `corrections.ask_where` (万达广场门口那个, a location, 不晓得): the insisted report of message
        `asked_for` filed with that place. None when the message is no answer to where (a new report, a question)."""
        text = message.text.strip()
        bare = sent_alone(text)
        if asked_for is None or (point is None and (bare or not answers_where(text))) \
                or corrections.insists_report(text) or triage.has_danger(text):
            return None
        words = await asyncio.to_thread(self._asked_words, asked_for)
        if words is None:
            return None
        said, photos = words
        place = "" if bare or knows_no_place(text) else text
        photos = list(dict.fromkeys([*photos, *held_photos, *(message.payload.get("photos") or [])]))
        at = {"lat": point[0], "lon": point[1]} if point is not None else {}
        report = replace(message, text=said, payload={**message.payload, **at, "photos": photos, "place": place})
        parsed = await classify(said) if classify is not None else {}
        return [{"text": await asyncio.to_thread(self._file, report, category_of(parsed))}]

    def _insisted_words(self, message_id: int, text: str) -> tuple[str, list[str], int | None] | None:
        """(the report's words, the photos of the message before that filed nothing, that message's id)."""
        before = self._unfiled(message_id)
        rest = corrections.insisted_rest(text)
        said = next((t for t in (rest, before[1] if before is not None else "") if _substantial(t)), "")
        if not said:
            return None
        return said, before[2] if before is not None else [], before[0] if before is not None else None

    def _asked_words(self, asked_for: int) -> tuple[str, list[str]] | None:
        with self.db.session() as s:
            row = s.get(InboxMessage, asked_for)
            text, photos = (row.text, list(reports.photos_of_message(s, row.id))) if row is not None else ("", [])
        words = self._insisted_words(asked_for, text) if corrections.insists_report(text) else None
        return (words[0], [*photos, *words[1]]) if words is not None else None

    def _unplaced(self, message: Claimed) -> bool:
        with self.db.session() as s:
            return reports.needs_place(s, self._report(message, "other"))

    def _report(self, message: Claimed, category: str | None) -> Report:
        point = message.payload.get("lat"), message.payload.get("lon")
        lat, lon = (float(point[0]), float(point[1])) if all(isinstance(v, int | float) for v in point) \
            else (None, None)
        return Report(text=message.text, category=category or "other", reporter_address=message.sender,
                      channel=message.channel, place_text=str(message.payload.get("place") or ""), lat=lat, lon=lon,
                      source_message_id=message.id, photos=tuple(message.payload.get("photos") or ()))

    def _file(self, message: Claimed, category: str | None) -> str:
        """The report filed as the sender insists, whatever the classifier's doubt: the reply as the engine's."""
        with self.db.session() as s:
            opened = reports.submit(s, self.clock, self._report(message, category), self.rules)
            if opened.merged_into is not None:
                return MERGED.format(number=opened.merged_into.number)
            if opened.assignee is None:
                return OPENED_UNASSIGNED.format(number=opened.ticket.number)
            return OPENED.format(number=opened.ticket.number, assignee=assignee_label(opened.assignee))

    def _unfiled(self, message_id: int) -> tuple[int, str, list[str]] | None:
        with self.db.session() as s:
            message = s.get(InboxMessage, message_id)
            if message is None:
                return None
            row = corrections.unfiled_before(s, self.clock, message.sender, message_id)
            return (row.id, row.text, list(reports.photos_of_message(s, row.id))) if row is not None else None

    def _forget_question(self, message_id: int) -> None:
        with self.db.session() as s:
            corrections.forget_question(s, message_id)


def _substantial(text: str) -> bool:
    """Words that can be a report: a problem named, or a sentence that is no bare opener (你好, 1, 我想反映个事)."""
    plain = "".join(text.split())
    return triage.has_problem(plain) or (len(plain) >= SUBSTANCE_CHARS and not openers.says_no_problem_yet(plain)
                                         and triage.information_request(plain) not in ("board", "contact"))

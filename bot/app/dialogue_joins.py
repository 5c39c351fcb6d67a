"""A follow-up to the sender's open report and a photo or a location sent alone (bot/app/dialogue.py): a detail joins
the report (its holder hears "补充：…"), another problem goes on as a report of its own, an urge or a status check is
answered for the ticket the words point at, and unsure words are asked about; a location said to be the report's
place goes onto it; a photo or a location alone is held for the next message."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from bot.app.dialogue_after import READINGS, AfterReport
from bot.app.dialogue_look import Look
from bot.common.clock import Clock
from bot.core import (
    after_report,
    follow_up_reading,
    followups,
    help_requests,
    lifecycle,
    other_problem,
    place_followups,
    place_parts,
    report_location,
    reports,
    safety_questions,
    sent_before,
    still_going,
    ticket_focus,
    ticket_listing,
    ticket_questions,
    triage,
    urging,
)
from bot.core.other_problem import OWN_REPORT
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import OPEN_STATUSES, assignee_label, distance_m
from bot.engine.parse import category_of
from bot.messaging.ports import Claimed, Replies
from bot.store.db import Database


class Joins:
    def __init__(self, db: Database, clock: Clock, rules: RoutingRules, after: AfterReport, *,
                 followup_window: timedelta, photo_hold: timedelta) -> None:
        self.db = db
        self.clock = clock
        self.rules = rules
        self.after = after
        self.followup_window = followup_window
        self.photo_hold = photo_hold

    async def follow_up(self, message: Claimed, look: Look, text: str, point: tuple[float, float] | None,
                        classify: Callable[[str], Awaitable[dict[str, Any]]]) -> Claimed | Replies:
        assert look.open_report is not None
        parsed = await classify(text)
        intent = str((parsed.get("intent") or {}).get("name") or "")  # nlu_fallback too: unsure is not a report
        category = category_of(parsed)
        far = point is not None and look.open_report_point is not None and \
            distance_m(*point, *look.open_report_point) > followups.FAR_M
        return await asyncio.to_thread(self.join_or_pass, message, look.open_report, text, intent, category, far,
                                       point)

    def more_of(self, number: str, text: str) -> bool:
        """死鱼越来越多了 还有股怪味道 minutes after 河里头好多死鱼: more of the open report `number`, never two new
        problems (blind test 33, B88 was asked "请问在哪点？")."""
        with self.db.session() as s:
            return after_report.more_of_it(lifecycle.get_ticket(s, number).text, text)

    def join_or_pass(self, message: Claimed, number: str, text: str, intent: str, category: str | None,
                      far: bool, point: tuple[float, float] | None) -> Claimed | Replies:
        with self.db.session() as s:
            ticket = lifecycle.get_ticket(s, number)
            far = far or followups.away_from(s, ticket, point)  # a location in another grid too (blind test 26)
            if not far and help_requests.asks_visit(text) and not triage.has_problem(text) \
                    and help_requests.about_someone_alone(ticket.text):
                # 能不能有人上门去看看她 after 我妈80多了 一个人住在河畔花园: that ticket's request, its holder told,
                # never the generic 居家养老 answer (blind test 35, L9)
                self.add(s, ticket, text, message.id, [], message.sender)
                return [{"text": help_requests.visit_joined_reply(number, assignee_label(ticket.assignee))}]
            reading = "new" if far else follow_up_reading.read_follow_up(s, ticket, text, intent, category)
            # 楼下还在吵 咋个办: what to do meanwhile, a quarrel's 110 (blind test 31, B71)
            # 烟子大得很 after a coal stove: open the windows (blind test 33, A46)
            meanwhile = still_going.meanwhile(ticket.text, text) \
                if still_going.goes_on(ticket.text, text) or still_going.stove_smoke(ticket.text, text) else ""
            # 司机跑了 after a crash with nobody hurt: the traffic police's 122 (blind test 33, A69's kind)
            meanwhile = meanwhile or (after_report.HIT_AND_RUN if after_report.driver_gone(ticket.text, text) else "")
            also = [{"text": meanwhile}] if meanwhile else []
            if reading == "detail":
                self.add(s, ticket, text, message.id, [str(p) for p in message.payload.get("photos") or []],
                          message.sender, point)
                return [{"text": followups.DETAIL_ADDED.format(number=number)}, *also]
            if reading == "ask":
                return [{"text": followups.ask_which(ticket)}]
            if reading == "accepted":  # 好嘛 明天就明天: acknowledged, never a 补充 (blind test 31, B2)
                return [{"text": after_report.accepted_reply(text)}]
            if reading == "safety":  # 用水泼得不: what is safe to do, never a 补充 (blind test 27, C8)
                return [{"text": safety_questions.answer(text, ticket.text)}]
            if reading in READINGS:  # a withdrawal, a plea for the worker, a remark with a question (blind test 8)
                acted = self.after.act(s, message, ticket, reading, text)
                return acted if acted is not None else message
            mine = lifecycle.reported_by(s, message.sender, OPEN_STATUSES) if reading in ("urge", "status") else []
            listed = ticket_listing.listing(mine, text) if reading == "status" else None  # 查一下我的报事进度
            if mine and not listed:  # 咋个还莫得人来: this report, or the one the words or talk mean (bt 7, #13)
                ticket = ticket_focus.meant(s, self.clock, message.sender, mine, text) or ticket
            if reading == "urge":  # (blind test 5, #107)
                urged = lifecycle.urge(s, self.clock, self.rules, message.sender, ticket.number, text=text)
                return [{"text": urging.urged_reply(s, urged)}, *also]
            if reading == "status":  # with who has it and the latest progress (bt 9, #60; bt 10, #36), or the list
                return [{"text": p} for p in listed or [ticket_questions.status_reply(s, ticket)]]
            if reading != "new":
                return message
            # A complete report of its own the classifier may not place (有个老人家坐在路边 说找不到屋了 安居苑门口,
            # blind test 24): filed as one all the same (actions/reports.py's ActionUnsure).
            # So is another thing's fault of its own at the report's place (路口 晚上没得灯 after a 井盖 there, blind
            # test 32, B154: 没太看懂).
            own = other_problem.own_report(ticket.text, ticket.place_text, text) or (
                other_problem.fresh_thing(ticket.text, text) and other_problem.own_problem(ticket.text, text))
            # 还有楼上那家天天半夜打麻将, after a report at 安居苑2栋: that building is its place (blind test 26, B31);
            # so is another problem said as more of the talk (还有单元门的门禁也坏了, blind test 27, B79).
            beside = place_parts.spot_beside(ticket.place_text or "", text)
            # 还有个事 路灯不亮: in the estate just reported, never asked where (blind test 30, A-B14a)
            beside = beside or place_parts.estate_goes_on(ticket.place_text or "", text)
            # 还有旁边那个路灯也是黑的, after a report at a location only: at that point (blind test 29, B74)
            there = {"lat": ticket.lat, "lon": ticket.lon} if not beside and not ticket.place_text \
                and ticket.lat is not None and point is None and place_parts.nearby(text) else {}
            return replace(message, payload={**message.payload, "context_read": True, **({OWN_REPORT: True} if own
                                                                                          else {}),
                                             **({"held_place": beside} if beside else {}), **there})

    def place_of_closed(self, message: Claimed, number: str, text: str) -> Replies | None:
        """就是5栋后面那个垃圾站 minutes after the worker's 办结 of 垃圾站一年到头都臭: where it was, onto that ticket
        for its holder, never "请问在哪点？" (blind test 35, E2); None when the words are more than its place."""
        with self.db.session() as s:
            ticket = lifecycle.get_ticket(s, number)
            if not place_followups.just_closed(ticket, self.clock, self.followup_window) \
                    or not place_followups.names_its_place(s, ticket.text, text):
                return None
            self.add(s, ticket, text, message.id, [], message.sender)
            return [{"text": followups.DETAIL_ADDED.format(number=number)}]

    def add(self, s: Session, ticket: Any, text: str, message_id: int, photos: list[str], sender: str,
             point: tuple[float, float] | None = None) -> None:
        followups.add_detail(s, self.clock, ticket, text, sender, message_id)
        if photos:
            reports.add_photos(s, self.clock, ticket, tuple(photos), message_id, sender)
        if point is not None:
            followups.add_point(s, self.clock, ticket, *point, sender, message_id)

    def locate(self, message: Claimed, number: str, point: tuple[float, float]) -> Replies:
        with self.db.session() as s:
            ticket = lifecycle.get_ticket(s, number)
            return [{"text": report_location.place_point(s, self.clock, self.rules, ticket, point, message.sender,
                                                   message.id)}]

    def sent_point(self, message: Claimed) -> tuple[float, float] | None:
        with self.db.session() as s:
            return sent_before.latest_point(s, message.channel, message.sender, message.id,
                                            self.clock.now() - self.followup_window)

    def alone(self, message: Claimed, photos: list[str], point: tuple[float, float] | None,
              held_point: tuple[float, float] | None = None) -> Replies:
        """`held_point`: a location the sender sent alone just before, with which a photo now is somewhere too."""
        with self.db.session() as s:
            ticket = followups.open_report(s, self.clock, message.sender, self.followup_window)
            if ticket is None or followups.away_from(s, ticket, point or held_point):  # elsewhere (blind test 26)
                return [{"text": followups.kept_reply(bool(photos), point is not None)}]
            if not photos:  # a location alone may be for a new problem: held for the next message (blind 4, #11)
                return [{"text": followups.POINT_HELD.format(number=ticket.number)}]
            # A photo too may be for a new problem (blind test 17, #22): held; the open report gets it when the next
            # message is a detail of it, or when nothing else comes (a timer).
            followups.hold_photos(s, self.clock, ticket, self.photo_hold)
            return [{"text": followups.held_reply(ticket.number or "", point is not None)}]

"""`DialogueContext`: the conversation so far decides how to read a message before the classifier's
guess does (a step, like `EmergencyPlace`, run before the engine).

- The answer to the question the bot just asked is read as that answer: a rating (3 还是一闪一闪的,
  不满意 根本没修好, 👍, 要得 right after the request) rates the ticket awaiting it, the reason passed on;
  praise soon after rating (小李师傅动作快 点赞) is thanked and passed to the assignee (rating_remarks);
  a rating changed soon after it was given (不对 我要改成满意) is changed, and the reply says so (rating_changes);
  a numbered choice in any script (一, ①, １) answers the most recent numbered question, and only within `answer_window`
  (a call back offered and a report's "where?" stand for `followup_window`: bot/app/dialogue_look.py)
  (a bare digit long after is never read against an old list: with a topic open it goes to the vote
  action); a rating changed soon after it was given is changed (rating_changes); a place or a form's
  answer goes on to the engine, whose form asked.
- A follow-up within `followup_window` of the sender's open report joins it (the handler hears
  "补充：…"), unless the classifier and the words say it is something else or a new problem; when
  unsure, the bot asks "是补充T1004，还是新问题？".
- A status check or an urge about it (停水那个搞得咋样了, 咋个还莫得人来) answers for the ticket the words or the bot's
  latest reply point at among the sender's open ones (垃圾那个, 没人来收: bot/core/ticket_focus.py), else the report.
- "我是反映问题 不是问你 …" after the bot took a report for a question files it, with the photos held
  (bot/app/dialogue_corrections.py); a photo held stays held through words that took nothing.
- Right after a report, its reporter's words about it are read before the classifier's guess (bot/app/dialogue_after.py,
  blind test 8): a short remark joins it, a withdrawal withdraws it, a plea is told who has it, "that was a detail"
  puts an extra ticket back; a remark on a question just answered is noted, never filed; "120打了" reaches everyone
  an emergency alerted.
- Within `followup_window` of the sender's emergency, a message saying it is over (火灭了, 没事了,
  救护车来了) is its update: everyone alerted hears it (bot/core/emergency_updates.py); a question about another
  ticket or a person, and words taking back another ticket (楼道灯那个不用来了), are not the emergency's (blind
  test 24: bot/core/emergency_context.py).
- Two problems in one message (…还有…), filed apart by the classifier, go on as the first with the second
  along (bot/core/two_problems.py): two tickets.
- A place sent alone (5栋2单元) with no report open is held for the next report; who alone (我们楼上那家, asked
  "楼上那家怎么了？") begins the next message's report (blind test 9, #40).
- A photo or a location sent alone is held for the sender's next message, which carries it: onto the open
  report when that message is a detail of it, into a new report when it is another problem (blind test 4,
  #11; blind test 17, #22); a photo with nothing after it joins the open report after `photo_hold`. Simulator and
  SMS; Telegram's own step does the same for its messages. While the bot asks where, a location answers it (a photo
  waits with the report, the place asked again) and "我刚才不是发了位置嘛" is the location sent before (blind test 8);
  "就是刚才那个垃圾的位置" after a location makes it the open report's place (blind test 22, #19).
- A withdrawal that names an older report (3栋背后垃圾那个不用来了 物业已经拉走了) withdraws that one, not the latest
  (blind test 22, #59: bot/core/cancelling.py), and its holder hears why.

What the bot asked and what was held are read by `bot/app/dialogue_look.py`. Staff messages pass untouched:
theirs are commands."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from bot.app.dialogue_after import AfterReport
from bot.app.dialogue_corrections import Corrections
from bot.app.dialogue_emergency import EmergencyTalk
from bot.app.dialogue_joins import Joins
from bot.app.dialogue_look import BARE_WORDS, Look, Reader, point_of
from bot.app.dialogue_place_only import PlaceOnly
from bot.app.dialogue_ratings import Ratings, rating_read
from bot.common.clock import Clock
from bot.core import (
    after_report,
    answers,
    cancelling,
    corrections,
    detail_taken_back,
    earlier_matter,
    emergency_downgrade,
    emergency_followups,
    emergency_questions,
    emergency_updates,
    followup_words,
    followups,
    held_words,
    lifecycle,
    openers,
    other_problem,
    place_parts,
    rating_changes,
    rating_remarks,
    report_location,
    reports,
    sent_before,
    triage,
    two_problems,
    urging,
    worker_praise,
)
from bot.core.commands import ticket_number_in
from bot.core.routing_rules import RoutingRules
from bot.engine.parse import category_of
from bot.messaging.ports import Claimed, Replies
from bot.store.db import Database
from bot.store.message_models import InboxMessage

Classify = Callable[[str], Awaitable[dict[str, Any]]]

CANCELLED = "好的，工单{number}已撤销。"  # as utter_ticket_cancelled
CANCEL_NAMED_CHARS = 16  # "撤销 T1054", "T1054 不要了": short; longer messages go to the engine
ASK_RATING = "请评价工单{number}：1 满意 2 基本满意 3 不满意"
WHICH_CHOICE = "您回复的“{n}”是选哪一项？回复：1 反映问题 2 查询进度 3 议事投票 4 我的积分"


class DialogueContext:
    def __init__(self, db: Database, clock: Clock, rules: RoutingRules, *, classify: Classify | None = None,
                 followup_window: timedelta = timedelta(minutes=30), answer_window: timedelta = timedelta(minutes=10),
                 hold_media: bool = True, photo_hold: timedelta = timedelta(minutes=2)) -> None:
        self.db = db
        self.clock = clock
        self.rules = rules
        self.classify = classify
        self.followup_window = followup_window
        self.answer_window = answer_window
        self.hold_media = hold_media  # Telegram's own step holds its photos and locations
        self.photo_hold = photo_hold  # a photo alone waits this long for a new report before joining the open one
        self.reader = Reader(db, clock, followup_window=followup_window, answer_window=answer_window,
                             hold_media=hold_media)
        self.after = AfterReport(db, clock, classify=classify, followup_window=followup_window,
                                 answer_window=answer_window)
        self.corrections = Corrections(db, clock, rules)
        self.ratings = Ratings(db, clock, rules, followup_window)
        self.emergencies = EmergencyTalk(db, clock, rules, followup_window)
        self.joins = Joins(db, clock, rules, self.after, followup_window=followup_window, photo_hold=photo_hold)
        self.place_only = PlaceOnly(db, clock, classify, followup_window)

    async def __call__(self, message: Claimed) -> Claimed | Replies:
        if message.payload.get("context_read"):
            return message  # read here before (a "new problem" sent on)
        look = await asyncio.to_thread(self.reader.read, message)
        if look.staff:
            return message
        text = message.text.strip()
        photos = [str(p) for p in message.payload.get("photos") or []]
        point = point_of(message.payload)
        if look.question == "insisted_place":  # 哪里的充电柜？ answered: the insisted report filed there (bt 9, #61)
            placed = await self.corrections.placed(message, look.question_reply_to, point or look.held_point,
                                                   look.held_photos, self.classify)
            if placed is not None:
                return placed
        if self.hold_media and answers.plain(text) in BARE_WORDS and (photos or point):
            if look.question == "place":  # "也可以发个位置": the engine's form takes it, a photo waits with it (#73)
                if not point:  # kept on the emergency that waits for its place, if any (blind test 8)
                    kept = await asyncio.to_thread(self.emergencies.photo, message, photos) if photos else None
                    return kept or [{"text": sent_before.PHOTO_WHILE_ASKED}]
                held = list(dict.fromkeys([*look.held_photos, *photos]))
                return replace(message, text=text or "我的位置", payload={**message.payload, "photos": held})
            return await asyncio.to_thread(self.joins.alone, message, photos, point, look.held_point)
        if self.hold_media and (look.held_photos or (look.held_point and not point)):
            held: dict[str, Any] = {"photos": list(dict.fromkeys([*look.held_photos, *photos]))}
            if look.held_point and not point:
                held["lat"], held["lon"] = look.held_point
                point = look.held_point
            message = replace(message, payload={**message.payload, **held})
        # 就是刚才那个垃圾的位置, after the location (blind test 22, #19)
        if point is not None and look.open_report is not None and look.question != "place" \
                and report_location.says_location(text):
            return await asyncio.to_thread(self.joins.locate, message, look.open_report, point)
        if look.question == "place" and point is None and sent_before.says_sent_location(text):
            point = await asyncio.to_thread(self.joins.sent_point, message)  # 我刚才不是发了位置嘛 (blind test 8, #22)
            if point is not None:
                message = replace(message, payload={**message.payload, "lat": point[0], "lon": point[1]})
        if not look.held_place and look.recent_place:  # 5栋门口的下水道盖子也烂了: the estate just reported (bt 29)
            look.held_place = place_parts.said_in_estate(look.recent_place, text) \
                or place_parts.estate_goes_on(look.recent_place, text) or None  # 还有个事 路灯不亮 (bt 30, A-B14a)
        # 杂物又堆起了, days later: there again (bt 30); 垃圾没人扫 after a question naming 安居苑 (blind test 33, B106)
        look.held_place = look.held_place or look.again_place or look.place_before
        if look.held_place and "held_place" not in message.payload:
            message = replace(message, payload={**message.payload, "held_place": look.held_place})
        if look.held_who and held_words.tells_what_happened(text):  # 我们楼上那家 → 天天半夜剁肉: one report
            message = replace(message, text=f"{look.held_who} {text}")
            text = message.text
        elif look.open_report is None and look.question in (None, "menu") and not photos and not point \
                and earlier_matter.is_fragment(text):  # 昨晚上又跳到十点半: the whole matter (blind test 35, E4n)
            message = await asyncio.to_thread(self.corrections.with_earlier, message, text)
            text = message.text
        if look.question not in ("follow_up", "problem", "insisted_place") and answers.rating_in(text) is None \
                and not rating_remarks.disputes_done(text):  # 电梯修好没得 after 已办结 (水还是没来: the rating's)
            done = await asyncio.to_thread(self.ratings.resolved, message, text, look.rating_ticket)  # (bt 31)
            if done is None and not photos:  # 还是乱停, 35 min on (bt 33, A98); 又拖到一点 beside a newer (37, E21n)
                done = await asyncio.to_thread(self.ratings.still_open, message, text, look.open_report)
            if done is not None:
                return done
        if look.open_report is None and look.rating_ticket is not None and not photos and not point:
            placed = await asyncio.to_thread(self.joins.place_of_closed, message, look.rating_ticket, text)
            if placed is not None:  # 就是5栋后面那个垃圾站 after 办结: where it was, for its holder (bt 35, E2)
                return placed
        if look.open_report is None and look.question in (None, "problem", "menu") and not photos and not point \
                and await self.place_only(text, message):  # 5栋2单元 first: held for the report
            return [{"text": await asyncio.to_thread(self.place_only.reply, text, message)}]
        if ticket_number_in(text) is None and cancelling.says_cancel(text):  # 楼道灯的不用来了 with a fall open:
            other = await asyncio.to_thread(self.emergencies.other_withdrawn, message, text)  # the lamp (bt 24, B76)
            solved = await asyncio.to_thread(self.after.solved, message, text, other) if other is not None else None
            if solved is not None:
                return solved
        if emergency_downgrade.says_not_urgent(text):  # 这个不是急事哈: an ordinary ticket now (blind test 22, #1)
            downgraded = await asyncio.to_thread(self.emergencies.downgrade, message, text)
            if downgraded is not None:
                return downgraded
        if look.open_report is None and look.question in (None, "problem", "menu") and not photos and not point \
                and openers.names_only_who(text):  # 我们楼上那家: what happened? the words held (blind test 9, #40)
            return [{"text": openers.who_asked(text)}]
        about_emergency = emergency_updates.says_over(text) or emergency_followups.may_be_about(text)
        if about_emergency and await asyncio.to_thread(self.emergencies.about_else, message, text):
            about_emergency = False  # 师傅啥子时候来嘛 (the rubbish's), 张涛是哪个嘛: not the fall's (bt 24)
        if about_emergency and emergency_updates.says_over(text):  # "火已经灭了 莫得事了": its update
            update = await asyncio.to_thread(self.emergencies.update, message, text)
            if update is not None:
                return update
        news = await asyncio.to_thread(self.after.emergency_news, message, text)  # 120打了 说10分钟到
        if news is not None:
            return news
        if about_emergency and emergency_followups.may_be_about(text):  # 有个已经在流血了, 是不是要打120哦, 搞错了
            about = await asyncio.to_thread(self.emergencies.about, message, text)
            if about is not None:
                return about
        if emergency_questions.asks_how_it_stands(text):  # 劝下来没得 past the window (blind test 30, A1c: 没太看懂)
            stands = await asyncio.to_thread(self.emergencies.stands_later, message, text)
            if stands is not None:
                return stands
        change = rating_changes.change_asked(text) if look.rating_ticket is None else None
        if change is None and look.rating_ticket is None and rating_remarks.disputes_done(text):
            change = answers.Rating(3, " ".join(text.split()))  # 水还是没来: a ticket rated lately is not done
        if change is not None:  # 不对 我要改成满意: the rating just given, changed (blind test 6, #110)
            changed = await asyncio.to_thread(self.ratings.change, message, change)
            if changed is not None:
                return changed
        answered = await self._answer(message, look, text)
        if answered is not None:
            return answered
        if look.rating_ticket is None and (rating_remarks.praises(text) or worker_praise.thanks_a_worker(text)):
            praised = await asyncio.to_thread(self.ratings.praise, message, text)
            if praised is not None:
                return praised
        if look.rating_ticket is None and rating_remarks.remarks_on_job(text) \
                and (remarked := await asyncio.to_thread(self.ratings.remark, message, text)) is not None:
            return remarked  # 亮是亮了 就是有点暗 after a 2: passed on (blind test 36, RT2b)
        if look.rating_ticket is None and (rating_remarks.thanks_it_is_better(text)
                                           or rating_remarks.thanks_with_news(text)) \
                and (better := await asyncio.to_thread(self.ratings.better, message, text)) is not None:
            return better  # 现在好多了 谢谢 on a job in progress: noted (blind test 34, W21)
        named = ticket_number_in(text)
        if named is not None and followup_words.urges_by_number(text):  # 催T1001: never left to the engine's guess
            urged = await asyncio.to_thread(self._urge_named, message, named)
            if urged is not None:
                return urged
        if named is not None and len(text) <= CANCEL_NAMED_CHARS and cancelling.says_cancel(text):
            cancelled = await asyncio.to_thread(self._cancel_named, message, named)  # 撤销 T1054: hers, surely
            if cancelled is not None:
                return cancelled
        if named is None and cancelling.solved_elsewhere(text):  # 垃圾那个不用来了 物业已经拉走了 (blind test 22, #59)
            solved = await asyncio.to_thread(self.after.solved, message, text)
            if solved is not None:
                return solved
        if look.open_report is not None and named is None and cancelling.leads_with_withdrawal(text):
            withdrawn = await asyncio.to_thread(self._withdraw_open, message, look.open_report, text)
            if withdrawn is not None:  # 撤销 我搞错了 是隔壁小区的: withdrawn, never moved (blind test 24, B116)
                return withdrawn
        if named is None and detail_taken_back.says_apart(text):  # 按错了 拖椅子是另外一个事 (blind test 35, E21n)
            apart = await asyncio.to_thread(self.corrections.taken_back, message, text, self.followup_window)
            if apart is not None:
                return apart
        if look.open_report is not None and named is None:
            corrected = await asyncio.to_thread(self.corrections.correct, message, look.open_report, text)
            if corrected is not None:
                return corrected
        if named is None and corrections.insists_report(text):  # 我是反映问题 不是问你 … (blind test 7, #63)
            insisted = await self.corrections.insisted(message, text, self.classify)
            if insisted is not None:
                return insisted
        after = await self.after.read(message, look, text) if named is None else None
        if after is not None:  # 后面那个是补充的 不是新的; 房东是安居苑的 after an answer (blind test 8)
            return after
        more = look.open_report is not None and after_report.may_be_more(text) \
            and await asyncio.to_thread(self.joins.more_of, look.open_report, text)
        two = await self._two_problems(text) if named is None and not more else None
        if two is not None:  # 楼道灯不亮了 还有垃圾桶满了: the second goes with the first, to be its own ticket
            return replace(message, text=two[0], payload={**message.payload, "second_problem": two[1],
                                                          "second_category": two[2], "context_read": True})
        if look.open_report is not None and self.classify is not None and named is None:
            return await self.joins.follow_up(message, look, text, point, self.classify)
        return message

    async def _two_problems(self, text: str) -> tuple[str, str, str] | None:
        """(first clause, second clause, its category) when both are reports the classifier files apart."""
        split = two_problems.clauses(text)
        # …路灯也不亮, or no word between (安居苑门口井盖松了 路灯坏了): two only when the things differ
        also = (two_problems.also_clauses(text) or two_problems.bare_clauses(text)) if split is None else None
        split = split or also
        if split is None or self.classify is None or triage.has_danger(text):
            return None
        things = [other_problem.things_in(clause) for clause in split]
        apart = all(things) and not things[0] & things[1]  # 井盖 … 路灯也不亮: two things (blind test 30, B25)
        if also is not None and not apart:
            return None
        parsed = [await self.classify(clause) for clause in split]
        intents = [str((p.get("intent") or {}).get("name") or "") for p in parsed]
        categories = [category_of(p) for p in parsed]
        if intents != ["report_issue", "report_issue"] or None in categories \
                or (categories[0] == categories[1] and not apart):
            return None
        return split[0], split[1], str(categories[1])

    def _withdraw_open(self, message: Claimed, number: str, text: str) -> Replies | None:
        """A message opening with 撤销 after the report `number`: that report (or the one its words name) withdrawn."""
        with self.db.session() as s:
            return self.after.act(s, message, lifecycle.get_ticket(s, number), "withdraw", text)

    def _cancel_named(self, message: Claimed, number: str) -> Replies | None:
        """The sender's own open ticket by number withdrawn (its points taken back); None (the engine answers)
        when it is not theirs or cannot be withdrawn. The bot's own replies say "回“撤销 T1018”"."""
        try:
            with self.db.session() as s:
                cancelling.cancel(s, self.clock, message.sender, number)
        except lifecycle.TicketError:
            return None
        return [{"text": CANCELLED.format(number=number)}]

    def _urge_named(self, message: Claimed, number: str) -> Replies | None:
        """The sender's own open ticket by number urged; None (the engine answers) when it is not theirs."""
        try:
            with self.db.session() as s:
                urged = lifecycle.urge(s, self.clock, self.rules, message.sender, number, text=message.text)
                reply = urging.urged_reply(s, urged)  # a second urge raised to 片区督办 says so (blind 25, R5)
        except lifecycle.TicketError:
            return None
        return [{"text": reply}]

    # -- the answer to the question just asked -------------------------------------------------

    async def _answer(self, message: Claimed, look: Look, text: str) -> Claimed | Replies | None:
        number = answers.choice_number(text)
        if look.question == "follow_up":
            said = answers.plain(text)
            if number == 1 or after_report.chooses_detail(text) or after_report.says_was_detail(text) \
                    or after_report.says_same_matter(text):
                return await asyncio.to_thread(self._join_asked, message, look)
            if number == 2 or said in ("新问题", "是新问题", "新的", "另外的"):
                return await asyncio.to_thread(self._send_asked_on, message, look)
            if number is None and triage.stands_down(text):  # 算了 不报了 我喊儿子拿螺丝刀拧紧了 (blind 8, #150)
                return [{"text": triage.STOOD_DOWN}]
            if number is not None:
                return [{"text": followups.ASK_WHICH.format(number=look.open_report or "")}] \
                    if look.open_report else [{"text": WHICH_CHOICE.format(n=answers.plain(text))}]
        if look.rating_ticket is not None:
            rating = rating_read(text, asked=look.question == "rating")
            if rating is not None and (number is None or look.question == "rating"):
                return await asyncio.to_thread(self.ratings.rate, message, look.rating_ticket, rating)
        if number is not None:
            if look.question == "rating" and look.rating_ticket is not None:
                return [{"text": ASK_RATING.format(number=look.rating_ticket)}]  # 4 and up: not a rating
            if look.question in answers.NUMBERED:
                return replace(message, text=str(number), payload={**message.payload, "answers": look.question})
            if number == 1 and await asyncio.to_thread(self.reader.callback_waiting, message.sender):
                return replace(message, payload={**message.payload, "answers": "callback"})  # 答不上 (bt 32, B69)
            if len(answers.plain(text)) == 1:  # a bare 2 answering nothing asked lately: which list?
                if await asyncio.to_thread(self.reader.may_vote, message.sender):
                    return message  # the vote action's: the one open topic's ballot, said, or asked about
                return [{"text": WHICH_CHOICE.format(n=answers.plain(text))}]
        if look.question == "problem":  # "您说，我听着": what follows is the report, whatever it asks (bt 7, #42)
            return replace(message, payload={**message.payload, "answers": "problem"})
        if look.question in answers.ANSWERED_BY_ENGINE:
            return message
        return None

    def _asked(self, s: Session, look: Look) -> InboxMessage | None:
        return s.get(InboxMessage, look.question_reply_to) if look.question_reply_to is not None else None

    def _join_asked(self, message: Claimed, look: Look) -> Replies | Claimed:
        with self.db.session() as s:
            asked = self._asked(s, look)
            ticket = followups.open_report(s, self.clock, message.sender, self.followup_window * 2)
            if asked is None or ticket is None:
                return message
            held_photos, held_point = self.reader.held_before(s, asked.channel, message.sender, asked.id,
                                                              self.clock.now())
            self.joins.add(s, ticket, asked.text, asked.id, [*held_photos, *reports.photos_of_message(s, asked.id)],
                      message.sender, point_of(asked.payload or {}) or held_point)
            return [{"text": followups.DETAIL_ADDED.format(number=ticket.number)}]

    def _send_asked_on(self, message: Claimed, look: Look) -> Claimed:
        """"2 新问题": the message asked about goes on to the engine as a report of its own."""
        with self.db.session() as s:
            asked = self._asked(s, look)
            if asked is None:
                return message
            carried = {k: v for k, v in (asked.payload or {}).items() if k in ("lat", "lon")}
            held_photos, held_point = self.reader.held_before(s, asked.channel, message.sender, asked.id,
                                                              self.clock.now())
            if held_point is not None and "lat" not in carried:
                carried["lat"], carried["lon"] = held_point
            photos = list(dict.fromkeys([*held_photos, *reports.photos_of_message(s, asked.id)]))
            if photos:
                carried["photos"] = list(photos)
            ticket = followups.open_report(s, self.clock, message.sender, self.followup_window * 2)
            beside = place_parts.spot_beside(ticket.place_text or "", asked.text) if ticket is not None else ""
            if beside:  # 楼上那家天天吵 said after a report at 安居苑2栋: there (blind test 26, B31)
                carried["held_place"] = beside
            return replace(message, text=asked.text, payload={**message.payload, **carried, "context_read": True})


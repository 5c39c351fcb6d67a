"""A rating in the conversation (bot/app/dialogue.py): the one asked for, a change of the one just given (不对 我要改成
满意), praise after it reaching the worker, praise of a grid worker named outside any rating reaching her
(网格员小杨态度好得很: bot/core/worker_praise.py); a ticket resolved lately asked after (电梯修好没得: 已办结 and the
worker's words) or said still broken or back again (还是关不上, 纸壳子又堆起了: reopened, bot/core/resolved_again.py);
a report still open said to go on past the follow-up window (门口那些车还是乱停: urged, bot/core/still_open.py); the
replies say what was done."""

from __future__ import annotations

from datetime import timedelta

from bot.common.clock import Clock
from bot.core import (
    answers,
    followups,
    lifecycle,
    rating_changes,
    rating_remarks,
    resolved_again,
    still_open,
    worker_praise,
)
from bot.core.routing_rules import RoutingRules
from bot.messaging.ports import Claimed, Replies
from bot.store.db import Database

RATED_CLOSED = "感谢评价！工单{number}已完结。"
RATED_REOPENED = "抱歉没办好，工单{number}已重新交办，会再处理。"
RATED_REOPENED_REASON = "抱歉没办好，工单{number}已重新交办，您说的“{reason}”已转告承办人。"


def rating_read(text: str, *, asked: bool) -> answers.Rating | None:
    """The rating in words to a ticket awaiting one, `asked` when the rating request is the bot's last question:
    a score or its words, approval in words (要得 谢谢你们哈, 水管换好了 谢谢杨网格员: 满意), a score said last (建渣是
    拉走了 但是地上还有一层灰 2), a done disputed (咋个就说办好了: 不满意); None when the words rate nothing."""
    rating = answers.rating_in(text)
    if rating is None and asked and rating_remarks.approves(text):
        # 要得 谢谢你们哈: the request's answer, in words (blind 5, #93); 要得 谢谢李网格员: the thanks
        rating = answers.Rating(1, rating_remarks.approval_reason(text))  # passed on (blind test 33, S3)
    if rating is None and asked and rating_remarks.approves_in_words(text):
        rating = answers.Rating(1, " ".join(text.split()))  # 水管换好了 谢谢杨网格员: 满意 (blind test 32)
    trailing = rating_remarks.trailing_score(text) if rating is None and asked else None
    if trailing is not None:  # 建渣是拉走了 但是地上还有一层灰 2: the score last (blind test 33, S2)
        rating = answers.Rating(*trailing)
    if rating is None and rating_remarks.disputes_done(text):  # 咋个就说办好了: a 不满意 (blind test 30, B2)
        rating = answers.Rating(3, " ".join(text.split()))
    return rating


class Ratings:
    def __init__(self, db: Database, clock: Clock, rules: RoutingRules, followup_window: timedelta) -> None:
        self.db = db
        self.clock = clock
        self.rules = rules
        self.followup_window = followup_window

    def change(self, message: Claimed, rating: answers.Rating) -> Replies | None:
        with self.db.session() as s:
            said = rating_changes.change_rating(s, self.clock, self.rules, message.sender, rating,
                                                self.followup_window)
        return [{"text": said}] if said is not None else None

    def praise(self, message: Claimed, text: str) -> Replies | None:
        """Praise within the window after rating a ticket: thanked, and its assignee hears it; praise naming another
        grid worker, or none rated lately, reaches the worker it names."""
        with self.db.session() as s:
            closed = lifecycle.reported_by(s, message.sender, ("closed",))
            ticket = rating_remarks.recently_rated(closed, self.clock, self.followup_window)
            named = worker_praise.named(s, self.clock, message.sender, text)
            if ticket is not None and (named is None or not named.as_worker or named.worker in (None, ticket.assignee)):
                return [{"text": rating_remarks.pass_praise(s, self.clock, ticket, text, message.sender)}]
            if named is None:
                return None
            return [{"text": worker_praise.pass_on(s, message.sender, text, named)}]

    def remark(self, message: Claimed, text: str) -> Replies | None:
        """亮是亮了 就是有点暗 soon after rating: passed to the rated ticket's assignee (blind test 36, RT2b); None when
        nothing was rated lately."""
        with self.db.session() as s:
            closed = lifecycle.reported_by(s, message.sender, ("closed",))
            ticket = rating_remarks.recently_rated(closed, self.clock, self.followup_window)
            if ticket is None:
                return None
            return [{"text": rating_remarks.pass_remark(s, self.clock, ticket, text, message.sender)}]

    def better(self, message: Claimed, text: str) -> Replies | None:
        """现在好多了 谢谢 with a job of the sender's still being worked on: noted on it, its holder told (blind test
        34, W21); None when nothing of theirs is open."""
        with self.db.session() as s:
            open_now = lifecycle.reported_by(s, message.sender, rating_remarks.WORKED_ON)
            if not open_now:
                return None
            if rating_remarks.thanks_with_news(text):  # 谢谢 那些人还在河边 (blind test 36, VS3b)
                return [{"text": rating_remarks.note_news(s, self.clock, open_now[0], text, message.sender)}]
            return [{"text": rating_remarks.note_better(s, self.clock, open_now[0], text, message.sender)}]

    def rate(self, message: Claimed, number: str, rating: answers.Rating) -> Replies:
        with self.db.session() as s:
            try:
                ticket = lifecycle.rate(s, self.clock, self.rules, message.sender, rating.score, number, rating.reason)
            except lifecycle.TicketError:
                return [{"text": RATED_CLOSED.format(number=number)}]  # rated already (a retried message)
            reopened = ticket.status == "reopened"
        if not reopened:
            return [{"text": rating_remarks.closed_reply(number, rating.reason) or RATED_CLOSED.format(number=number)}]
        if rating.reason:
            return [{"text": RATED_REOPENED_REASON.format(number=number, reason=followups.fit(rating.reason, 14))}]
        return [{"text": RATED_REOPENED.format(number=number)}]

    def resolved(self, message: Claimed, text: str, awaiting: str | None) -> Replies | None:
        """A ticket of the sender's resolved lately, asked after (its state and the worker's closing words) or said
        still broken or back again (reopened, its holder told); None when the words are about none of them."""
        with self.db.session() as s:
            said = resolved_again.read(s, self.clock, message.sender, text, awaiting)
            if said is None:
                return None
            if said.kind == "status":
                return [{"text": resolved_again.status_reply(s, said.ticket)}]
            reopened = resolved_again.reopen(s, self.clock, self.rules, message.sender, said.ticket, text)
            advice = resolved_again.advice_on_reopening(said.ticket)  # 水还是黄的: not to drink it (bt 33, L13)
            return [{"text": reopened}, *([{"text": advice}] if advice else [])]

    def still_open(self, message: Claimed, text: str, beside: str | None = None) -> Replies | None:
        """The sender's own report still open, said to go on or asked after past the follow-up window (门口那些车还是
        乱停, 35 minutes on): urged with the words, never a new ticket (blind test 33, A98, A42); None when the words
        share nothing with an open report of theirs. With a newer report `beside` in its follow-up window, only words
        of the older one's trouble and nothing of the newer's (blind test 37, E21n)."""
        if not still_open.says_it_goes_on(text):
            return None
        with self.db.session() as s:
            ticket = still_open.meant(s, self.clock, message.sender, text)
            if ticket is None or ticket.number == beside:
                return None
            if beside is not None and not still_open.rather_than(ticket, lifecycle.get_ticket(s, beside), text):
                return None
            return [{"text": still_open.urge(s, self.clock, self.rules, message.sender, ticket, text)}]

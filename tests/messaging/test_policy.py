from datetime import timedelta

from sqlalchemy import event

from bot.common.clock import FakeClock
from bot.messaging.optout import OptOuts
from bot.messaging.outbox import Outbox
from bot.messaging.sms_budget import MORE, segments
from bot.messaging.sms_policy import SmsPolicy
from bot.store.channel_models import SmsContinuation
from bot.store.db import Database
from bot.store.message_models import OutboxMessage
from tests.conftest import RESIDENT


def queue(db: Database, clock: FakeClock, text: str, recipient: str = RESIDENT, **payload) -> None:
    with db.session() as s:
        s.add(OutboxMessage(channel="sms", recipient=recipient, text=text, kind="reply", payload=payload,
                            created_at=clock.now(), next_attempt_at=clock.now()))


def review_next(db, clock, policy):
    outbox = Outbox(db, clock)
    [message] = outbox.claim("w", ["sms"])
    [review] = policy.review_all([message])
    if review.action == "send":
        outbox.sent(message, "w", "SM1")
    elif review.action == "suppress":
        outbox.suppressed(message, "w", review.reason)
    else:
        outbox.deferred(message, "w", review.until, review.reason)
    return review


def test_an_opted_out_number_gets_nothing_but_its_confirmation(db: Database, clock: FakeClock):
    optouts = OptOuts(db, clock)
    optouts.set("sms", RESIDENT, opted_out=True)
    policy = SmsPolicy(db, clock)
    queue(db, clock, "您的工单已受理")
    assert review_next(db, clock, policy).action == "suppress"
    queue(db, clock, "已退订", custom={"optout_notice": True})
    assert review_next(db, clock, policy).action == "send"


def test_the_same_text_is_not_sent_to_a_number_twice_within_24_hours(db: Database, clock: FakeClock):
    policy = SmsPolicy(db, clock)
    queue(db, clock, "请回复1或2")
    assert review_next(db, clock, policy).action == "send"
    clock.advance(hours=23)
    queue(db, clock, "请回复1或2")
    assert review_next(db, clock, policy).action == "suppress"
    clock.advance(hours=2)
    queue(db, clock, "请回复1或2")
    assert review_next(db, clock, policy).action == "send"


def test_a_number_over_its_daily_budget_waits_until_the_oldest_part_leaves_the_window(db: Database,
                                                                                       clock: FakeClock):
    policy = SmsPolicy(db, clock, daily_parts=3)
    start = clock.now()
    for n in range(3):
        queue(db, clock, f"第{n}条通知")
        assert review_next(db, clock, policy).action == "send"
        clock.advance(minutes=1)
    queue(db, clock, "第4条通知")
    review = review_next(db, clock, policy)
    assert review.action == "defer"
    assert review.until == start + timedelta(hours=24)


def test_a_reply_over_budget_is_cut_and_the_rest_kept_for_more(db: Database, clock: FakeClock):
    policy = SmsPolicy(db, clock, max_parts=2)
    text = "\n".join(f"{n}. 河滨社区第{n}网格 网格员联系方式" for n in range(1, 15))
    queue(db, clock, text)
    review = review_next(db, clock, policy)
    assert review.action == "send" and review.text.endswith(MORE) and segments(review.text) <= 2
    with db.session() as s:
        rest = s.query(SmsContinuation).one().text
        sent = s.query(OutboxMessage).one()
        assert sent.text == review.text  # the row records what actually went out
    assert review.text.removesuffix(MORE).strip() + "\n" + rest == text


def test_opting_out_holds_back_what_was_queued_so_the_confirmation_is_not_stuck_behind_it(db: Database,
                                                                                          clock: FakeClock):
    optouts = OptOuts(db, clock)
    policy = SmsPolicy(db, clock, daily_parts=1)
    queue(db, clock, "第一条")
    assert review_next(db, clock, policy).action == "send"
    queue(db, clock, "第二条")
    assert review_next(db, clock, policy).action == "defer"  # over budget: waits a day
    assert optouts.set("sms", RESIDENT, opted_out=True)
    queue(db, clock, "已退订", custom={"optout_notice": True})
    review = review_next(db, clock, policy)
    assert (review.action, review.text) == ("send", "已退订")
    with db.session() as s:
        statuses = [r.status for r in s.query(OutboxMessage).order_by(OutboxMessage.id)]
    assert statuses == ["sent", "suppressed", "sent"]


def test_a_claimed_batch_is_judged_number_by_number_from_two_reads(db: Database, clock: FakeClock):
    stopped, repeated, fresh = "+8613900000001", "+8613900000002", "+8613900000003"
    OptOuts(db, clock).set("sms", stopped, opted_out=True)
    policy = SmsPolicy(db, clock)
    queue(db, clock, "请回复1或2", recipient=repeated)
    assert review_next(db, clock, policy).action == "send"
    for number in (stopped, repeated, fresh):
        queue(db, clock, "请回复1或2", recipient=number)
    batch = Outbox(db, clock).claim("w", ["sms"])
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        reviews = policy.review_all(batch)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert [(m.recipient, r.action) for m, r in zip(batch, reviews, strict=True)] == [
        (stopped, "suppress"), (repeated, "suppress"), (fresh, "send")]
    assert len(statements) == 2

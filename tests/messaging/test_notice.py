"""The privacy notice: once per new address, after its first replies, never for a message that failed,
never twice for a message processed again, not to an opted-out number."""

from __future__ import annotations

from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.messaging.inbox import Inbox
from bot.messaging.notice import KIND, NOTICE, SMS_NOTICE
from bot.messaging.optout import OptOuts
from bot.messaging.ports import Inbound
from bot.messaging.sms_budget import segments
from bot.store.db import Database
from bot.store.message_models import OutboxMessage
from bot.store.privacy_models import PrivacyNotice
from tests.conftest import RESIDENT, STRANGER


def inbound(n: int, sender: str = RESIDENT, channel: str = "sms") -> Inbound:
    return Inbound(channel=channel, external_id=f"ext-{channel}-{sender}-{n}", sender=sender, text="你好")


def answer(inbox: Inbox, *replies: str) -> list[bool]:
    claimed = inbox.claim("w1")
    return inbox.complete_many([(message, [{"text": r} for r in replies]) for message in claimed], "w1")


def queued(db: Database, recipient: str = RESIDENT) -> list[tuple[str, str]]:
    with db.session() as s:
        return [(kind, text) for kind, text in s.execute(
            select(OutboxMessage.kind, OutboxMessage.text).where(OutboxMessage.recipient == recipient)
            .order_by(OutboxMessage.id))]


def test_the_notice_is_short_and_says_how_to_stop_and_how_to_see_or_erase_one_s_data():
    for text in (SMS_NOTICE, NOTICE):
        assert len(text) <= 70 and segments(text) == 1
        assert "查看或删除" in text
    assert "退订" in SMS_NOTICE


def test_a_new_number_gets_the_notice_after_its_first_replies_and_never_again(db: Database, clock: FakeClock):
    inbox = Inbox(db, clock)
    inbox.store(inbound(1))
    assert answer(inbox, "收到", "请说说在哪里") == [True]
    inbox.store(inbound(2))
    answer(inbox, "好的")
    assert queued(db) == [("reply", "收到"), ("reply", "请说说在哪里"), (KIND, SMS_NOTICE), ("reply", "好的")]
    with db.session() as s:
        assert s.scalars(select(PrivacyNotice.address)).all() == [RESIDENT]


def test_several_new_senders_finished_together_are_each_told(db: Database, clock: FakeClock):
    inbox = Inbox(db, clock)
    inbox.store_many([inbound(1), inbound(1, sender=STRANGER, channel="telegram")])
    assert answer(inbox, "收到") == [True, True]
    assert queued(db)[-1] == (KIND, SMS_NOTICE)
    assert queued(db, STRANGER)[-1] == (KIND, NOTICE)  # Telegram has no 退订 to offer


def test_a_message_that_fails_tells_nobody_and_its_retry_tells_once(db: Database, clock: FakeClock):
    inbox = Inbox(db, clock, backoff_seconds=1, lease_seconds=60)
    inbox.store(inbound(1))
    [message] = inbox.claim("w1")
    inbox.retry_later(message, "w1", "engine unreachable")
    assert queued(db) == []
    clock.advance(seconds=30)
    [again] = inbox.claim("w2")
    clock.advance(seconds=61)
    [taken_over] = inbox.claim("w3")  # w2 lost its claim while the engine answered
    assert inbox.complete_many([(again, [{"text": "收到"}])], "w2") == [False]
    assert inbox.complete_many([(taken_over, [{"text": "收到"}])], "w3") == [True]
    assert queued(db) == [("reply", "收到"), (KIND, SMS_NOTICE)]


def test_a_message_answered_with_nothing_waits_for_the_first_real_reply(db: Database, clock: FakeClock):
    inbox = Inbox(db, clock)
    inbox.store(inbound(1))
    answer(inbox)  # e.g. a repeated STOP is answered with silence
    inbox.store(inbound(2))
    answer(inbox, "收到")
    assert queued(db) == [("reply", "收到"), (KIND, SMS_NOTICE)]


def test_an_address_told_on_one_channel_is_not_told_again_on_another(db: Database, clock: FakeClock):
    inbox = Inbox(db, clock)
    inbox.store(inbound(1, channel="simulator"))
    answer(inbox, "收到")
    inbox.store(inbound(2))
    answer(inbox, "好的")
    assert queued(db) == [("reply", "收到"), (KIND, NOTICE), ("reply", "好的")]


def test_an_opted_out_number_is_told_only_once_it_opts_back_in(db: Database, clock: FakeClock):
    inbox, optouts = Inbox(db, clock), OptOuts(db, clock)
    optouts.set("sms", RESIDENT, opted_out=True)
    inbox.store(inbound(1))
    answer(inbox, "已退订网格通短信")
    assert (KIND, SMS_NOTICE) not in queued(db)
    optouts.set("sms", RESIDENT, opted_out=False)
    inbox.store(inbound(2))
    answer(inbox, "已恢复网格通短信")
    assert queued(db)[-1] == (KIND, SMS_NOTICE)


def test_no_notice_where_people_are_told_another_way(db: Database, clock: FakeClock):
    inbox = Inbox(db, clock, privacy_notice=False)
    inbox.store(inbound(1))
    answer(inbox, "收到")
    assert queued(db) == [("reply", "收到")]


def test_those_the_app_exempts_are_never_told_nor_recorded_as_told_and_asked_about_once_each(db: Database,
                                                                                              clock: FakeClock):
    # Blind test 7, #45: a grid worker got the residents' notice. The app says who is staff (bot/app/services.py).
    asked: list[list[str]] = []

    def staff(_conn: object, addresses: list[str]) -> set[str]:
        asked.append(sorted(addresses))
        return {a for a in addresses if a == STRANGER}

    inbox = Inbox(db, clock, notice_exempt=staff)
    inbox.store_many([inbound(1), inbound(1, sender=STRANGER)])
    answer(inbox, "收到")
    assert queued(db)[-1] == (KIND, SMS_NOTICE) and queued(db, STRANGER) == [("reply", "收到")]
    inbox.store(inbound(2))
    answer(inbox, "好的")
    assert asked == [sorted([RESIDENT, STRANGER])]  # the resident, told already, is not asked about again
    with db.session() as s:
        assert s.scalars(select(PrivacyNotice.address)).all() == [RESIDENT]

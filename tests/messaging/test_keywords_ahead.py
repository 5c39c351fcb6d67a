"""STOP/START/HELP are claimed ahead of the sender's queue, one at a time per sender, in order."""

from bot.common.clock import Clock
from bot.messaging.inbox import Inbox
from bot.messaging.keywords import SmsKeywords
from bot.messaging.optout import OptOuts
from bot.messaging.ports import Inbound
from bot.store.db import Database

A, B, C = "+8613900000001", "+8613900000002", "+8613900000003"


def test_a_senders_keywords_overtake_their_report_but_not_each_other(db: Database):
    inbox = Inbox(db, Clock())
    sent = [(A, "路灯坏了"), (A, "退订"), (A, "订阅"), (B, " help！"), (C, "你好"), (C, "帮助一下")]
    ids = [inbox.store(Inbound("sms", f"SM{n}", sender, text))[0] for n, (sender, text) in enumerate(sent)]
    keywords = SmsKeywords(db, OptOuts(db, Clock()))

    first = keywords.claim_ahead(inbox, "w", 8)
    assert [m.id for m in first] == [ids[1], ids[3]]  # A's 退订 and B's HELP; not a report, not 帮助一下
    assert keywords.claim_ahead(inbox, "w", 8) == []  # A's 订阅 waits for its 退订
    inbox.complete_many([(first[0], [])], "w")
    assert [m.text for m in keywords.claim_ahead(inbox, "w", 8)] == ["订阅"]
    assert inbox.status_of(ids[0]) == "pending"  # the report still waits its turn for the engine


def test_no_more_than_the_free_slots_are_claimed(db: Database):
    inbox = Inbox(db, Clock())
    for n in range(5):
        inbox.store(Inbound("sms", f"SM{n}", f"+86139000000{n:02d}", "STOP"))
    keywords = SmsKeywords(db, OptOuts(db, Clock()))
    assert len(keywords.claim_ahead(inbox, "w", 2)) == 2
    assert len(keywords.claim_ahead(inbox, "w", 8)) == 3

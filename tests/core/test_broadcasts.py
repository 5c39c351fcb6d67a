"""Broadcasts (宣传知识送到家): audiences within a scope, the preview's counts and SMS parts, opt-outs,
the budget, paced outbox rows, and delivery counts read back from the outbox."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from bot.common.clock import FakeClock
from bot.core import broadcasts
from bot.core.broadcasts import Audience, BroadcastError, Limits
from bot.core.notify import notify_address
from bot.core.ticket_filter import GridScope, grids_under
from bot.messaging.optout import OptOuts
from bot.messaging.outbox import Outbox
from bot.store.db import Database
from bot.store.message_models import OutboxMessage
from bot.store.models import OrgUnit, Person
from tests.conftest import DUTY_OFFICER

ANTI_FRAUD = "【防诈骗】公检法不会电话办案，不会让您转账到安全账户。接到可疑电话请挂断并拨打96110咨询。"  # one part
LONG = "【交通安全】" + "骑电动车请戴头盔，不闯红灯，不逆行，不载人，不超速。" * 6  # three parts


def unit(db: Database, code: str) -> int:
    with db.session() as s:
        return s.scalar(select(OrgUnit.id).where(OrgUnit.code == code))


def scope_of(db: Database, code: str) -> GridScope:
    with db.session() as s:
        return GridScope.of_grids(grids_under(s, [unit(db, code)]))


def residents_of(db: Database, grid_code: str) -> list[Person]:
    with db.session() as s:
        return list(s.scalars(select(Person).join(OrgUnit, Person.home_unit_id == OrgUnit.id)
                              .where(OrgUnit.code == grid_code, Person.kind == "resident").order_by(Person.id)))


def on_sms(db: Database, people: list[Person]) -> None:
    with db.session() as s:
        s.execute(update(Person).where(Person.id.in_([p.id for p in people])).values(preferred_channel="sms"))


def test_the_preview_counts_a_grids_residents_by_channel_and_the_sms_parts(demo_db: Database, clock: FakeClock):
    people = residents_of(demo_db, "XF-G1")
    on_sms(demo_db, people[:3])
    with demo_db.session() as s:
        seen = broadcasts.preview(s, clock, scope_of(demo_db, "XF"), Audience(unit_id=unit(demo_db, "XF-G1")), LONG)
        short = broadcasts.preview(s, clock, scope_of(demo_db, "XF"), Audience(unit_id=unit(demo_db, "XF-G1")),
                                   ANTI_FRAUD)
    assert (seen.count, seen.by_channel) == (20, {"sms": 3, "simulator": 17})
    assert (seen.sms_parts, seen.sms_total, seen.problems) == (3, 9, ["too_long"])
    assert (short.sms_parts, short.sms_total, short.problems, short.audience_label) == (1, 3, [], "幸福社区第1网格")
    assert short.budget_left == Limits().daily_sms_parts


def test_colours_tags_and_villager_groups_pick_their_households(demo_db: Database, clock: FakeClock):
    xingfu = unit(demo_db, "XF")
    with demo_db.session() as s:
        red = broadcasts.preview(s, clock, GridScope.all(), Audience(unit_id=xingfu, colour="red"), ANTI_FRAUD)
        left_behind = broadcasts.preview(s, clock, GridScope.all(), Audience(unit_id=xingfu, tag="留守儿童"),
                                         ANTI_FRAUD)
        group = broadcasts.preview(s, clock, scope_of(demo_db, "SQ"), Audience(unit_id=unit(demo_db, "SQ-V1")),
                                   ANTI_FRAUD)
        whole = broadcasts.preview(s, clock, scope_of(demo_db, "XF"), Audience(), ANTI_FRAUD)
    # 幸福社区 holds households H0001–H0060: red every tenth (8 people), 留守儿童 every seventh (11 people).
    assert (red.count, red.audience_label) == (8, "幸福社区·红色户")
    assert (left_behind.count, left_behind.audience_label) == (11, "幸福社区·留守儿童")
    assert (group.count, group.audience_label) == (4, "石桥村一组")
    assert (whole.count, whole.audience_label) == (80, "全部辖区")
    with demo_db.session() as s:  # a scope holding the community itself besides its grids spans the grids
        held = GridScope(unit_ids=scope_of(demo_db, "XF").unit_ids | {xingfu})
        assert broadcasts.preview(s, clock, held, Audience(), ANTI_FRAUD).grid_ids == sorted(held.unit_ids - {xingfu})


def test_an_audience_outside_the_senders_scope_is_refused(demo_db: Database, clock: FakeClock):
    grid_worker = scope_of(demo_db, "XF-G1")
    with demo_db.session() as s:
        for code in ("XF", "HB-G2", "SQ-V1"):
            with pytest.raises(BroadcastError) as refused:
                broadcasts.preview(s, clock, grid_worker, Audience(unit_id=unit(demo_db, code)), ANTI_FRAUD)
            assert refused.value.reason == "not_allowed"
        nobody = broadcasts.preview(s, clock, GridScope(), Audience(), ANTI_FRAUD)
    assert (nobody.count, nobody.problems) == (0, ["no_recipients"])


def test_an_opted_out_number_is_left_out_and_counted(demo_db: Database, clock: FakeClock):
    people = residents_of(demo_db, "XF-G1")
    on_sms(demo_db, people[:3])
    OptOuts(demo_db, clock).set("sms", people[0].phone, opted_out=True)
    with demo_db.session() as s:
        sent = broadcasts.send(s, clock, GridScope.all(), Audience(unit_id=unit(demo_db, "XF-G1")), ANTI_FRAUD,
                               actor="cli:test", topic="anti_fraud")
    with demo_db.session() as s:
        rows = list(s.scalars(select(OutboxMessage).where(OutboxMessage.kind == "broadcast")))
    assert (sent.recipients, sent.opted_out, sent.sms_total) == (19, 1, 2)
    assert len(rows) == 19 and people[0].phone not in {r.recipient for r in rows}
    assert {r.text for r in rows} == {ANTI_FRAUD}


def test_a_send_queues_paced_rows_and_the_delivery_counts_follow_the_outbox(demo_db: Database, clock: FakeClock):
    people = residents_of(demo_db, "XF-G1")
    on_sms(demo_db, people[:2])
    with demo_db.session() as s:
        sent = broadcasts.send(s, clock, GridScope.all(), Audience(unit_id=unit(demo_db, "XF-G1")), ANTI_FRAUD,
                               actor="person:1", topic="anti_fraud", limits=Limits(rate_per_second=2))
        reply = notify_address(s, "simulator", DUTY_OFFICER, "一条回复")  # queued after the whole broadcast
        reply.next_attempt_at = clock.now()
    with demo_db.session() as s:
        due = list(s.scalars(select(OutboxMessage.next_attempt_at).where(OutboxMessage.kind == "broadcast")
                             .order_by(OutboxMessage.id)))
        assert broadcasts.deliveries(s, [sent.id])[sent.id] == broadcasts.Deliveries(pending=20)
    assert [d - clock.now() for d in due[:3]] == [timedelta(0), timedelta(seconds=0.5), timedelta(seconds=1)]
    assert due[-1] - clock.now() == timedelta(seconds=9.5)
    outbox = Outbox(demo_db, clock)
    first = outbox.claim("w", ["simulator", "sms"], limit=20)
    # The reply is not held behind the other 19: only the broadcast's first row is due yet.
    assert {m.recipient for m in first} == {people[0].phone, DUTY_OFFICER}
    clock.advance(seconds=10)
    claimed = first + outbox.claim("w", ["simulator", "sms"], limit=30)
    ours = [m for m in claimed if m.recipient != DUTY_OFFICER]
    for message in ours[:15]:
        outbox.sent(message, "w", "p")
    for message in ours[15:17]:
        outbox.failed(message, "w", "invalid number", permanent=True)
    OptOuts(demo_db, clock).set("sms", people[1].phone, opted_out=False)  # changes nothing of what was sent
    with demo_db.session() as s:
        counts = broadcasts.deliveries(s, [sent.id])[sent.id]
        listed = broadcasts.recent(s, GridScope.all())
    assert counts == broadcasts.Deliveries(sent=15, failed=2, pending=3) and counts.total == 20
    assert [b.id for b in listed] == [sent.id] and listed[0].audience_label == "幸福社区第1网格"


def test_the_daily_sms_budget_refuses_a_broadcast_that_would_pass_it(demo_db: Database, clock: FakeClock):
    people = residents_of(demo_db, "XF-G1")
    on_sms(demo_db, people[:3])
    limits = Limits(daily_sms_parts=5)
    grid = Audience(unit_id=unit(demo_db, "XF-G1"))
    with demo_db.session() as s:
        broadcasts.send(s, clock, GridScope.all(), grid, ANTI_FRAUD, actor="cli:test", limits=limits)
    with demo_db.session() as s:
        again = broadcasts.preview(s, clock, GridScope.all(), grid, ANTI_FRAUD, limits)
        with pytest.raises(BroadcastError) as refused:
            broadcasts.send(s, clock, GridScope.all(), grid, ANTI_FRAUD, actor="cli:test", limits=limits)
    assert (again.budget_left, again.problems, refused.value.reason) == (2, ["over_budget"], "over_budget")
    clock.advance(hours=24, seconds=1)
    with demo_db.session() as s:
        assert broadcasts.preview(s, clock, GridScope.all(), grid, ANTI_FRAUD, limits).problems == []


def test_a_text_past_the_sms_parts_or_empty_is_refused_and_nothing_is_written(demo_db: Database, clock: FakeClock):
    grid = Audience(unit_id=unit(demo_db, "XF-G1"))
    with demo_db.session() as s:
        for text, reason in ((LONG, "too_long"), ("   ", "empty")):
            with pytest.raises(BroadcastError) as refused:
                broadcasts.send(s, clock, GridScope.all(), grid, text, actor="cli:test")
            assert refused.value.reason == reason
        assert s.scalar(select(OutboxMessage.id).where(OutboxMessage.kind == "broadcast")) is None


def test_a_broadcast_is_seen_only_by_a_scope_holding_its_grids(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        sent = broadcasts.send(s, clock, GridScope.all(), Audience(unit_id=unit(demo_db, "XF")), ANTI_FRAUD,
                               actor="cli:test")
    with demo_db.session() as s:
        assert broadcasts.get(s, scope_of(demo_db, "XF"), sent.id) is not None
        assert broadcasts.get(s, scope_of(demo_db, "XF-G1"), sent.id) is None
        assert broadcasts.get(s, scope_of(demo_db, "HB"), sent.id) is None
        assert broadcasts.recent(s, scope_of(demo_db, "HB")) == []
        units = [u.name for u in broadcasts.units_for_audience(s, scope_of(demo_db, "SQ"))]
    assert units[:2] == ["石桥村", "石桥村网格"] and "石桥村十二组" in units and len(units) == 14


def test_the_same_notice_to_the_same_audience_twice_in_a_row_is_refused(demo_db: Database, clock: FakeClock):
    grid = Audience(unit_id=unit(demo_db, "XF-G1"))
    with demo_db.session() as s:
        broadcasts.send(s, clock, GridScope.all(), grid, ANTI_FRAUD, actor="person:1")
    with demo_db.session() as s, pytest.raises(BroadcastError) as refused:
        broadcasts.send(s, clock, GridScope.all(), grid, ANTI_FRAUD, actor="person:1")
    assert refused.value.reason == "duplicate"
    with demo_db.session() as s:  # another audience, or later, is another broadcast
        broadcasts.send(s, clock, GridScope.all(), Audience(unit_id=unit(demo_db, "XF-G2")), ANTI_FRAUD,
                        actor="person:1")
    clock.advance(minutes=31)
    with demo_db.session() as s:
        broadcasts.send(s, clock, GridScope.all(), grid, ANTI_FRAUD, actor="person:1")
        assert len(broadcasts.recent(s, GridScope.all())) == 3


def test_the_preview_counts_numbers_whose_own_daily_sms_parts_it_would_pass(demo_db: Database, clock: FakeClock):
    people = residents_of(demo_db, "XF-G1")
    on_sms(demo_db, people[:2])
    with demo_db.session() as s:  # 19 parts went to the first number within the day
        s.add(OutboxMessage(channel="sms", recipient=people[0].phone, text="通" * 1270, kind="notification",
                            status="sent", sent_at=clock.now() - timedelta(hours=3), next_attempt_at=clock.now()))
    grid = Audience(unit_id=unit(demo_db, "XF-G1"))
    with demo_db.session() as s:
        one_part = broadcasts.preview(s, clock, GridScope.all(), grid, ANTI_FRAUD, Limits(parts_per_number=20))
        two_parts = broadcasts.preview(s, clock, GridScope.all(), grid, ANTI_FRAUD + "请转告家人。" * 5,
                                       Limits(parts_per_number=20))
    assert (one_part.sms_parts, one_part.over_daily_parts) == (1, 0)
    assert (two_parts.sms_parts, two_parts.over_daily_parts, two_parts.problems) == (2, 1, [])


def test_the_tag_picker_offers_the_tags_in_use_in_the_grids_given(demo_db: Database):
    with demo_db.session() as s:
        grid = s.scalar(select(OrgUnit.id).where(OrgUnit.code == "XF-G1"))
        assert broadcasts.tags_in(s, [grid]) == ["大病", "留守儿童", "空巢老人"]
        assert broadcasts.tags_in(s, []) == []

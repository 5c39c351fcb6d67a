import re

from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.common.sms_parts import segments
from bot.core import reports, staff_views
from bot.core.tickets import Report, assignee_label
from bot.messaging.inbox import Inbox
from bot.messaging.ports import Inbound
from bot.store.db import Database
from bot.store.message_models import OutboxMessage
from bot.store.models import Ticket, TicketEvent
from tests.conftest import DUTY_OFFICER, RESIDENT, STRANGER, WORKER
from tests.core.helpers import RULES, read_details


def report(text: str = "我家楼下路灯坏了好几天了", sender: str = RESIDENT, **kw) -> Report:
    return Report(text=text, category=kw.pop("category", "roads"), reporter_address=sender, channel="simulator", **kw)


def test_a_residents_report_opens_a_ticket_for_the_home_grids_primary_worker(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        opened = reports.submit(s, clock, report(), RULES)
        ticket = opened.ticket
        assert re.fullmatch(r"T\d{4,}", ticket.number)
        assert ticket.status == "assigned"
        assert opened.assignee.phone == WORKER
        assert ticket.unit.name == "幸福社区第1网格"
        assert assignee_label(opened.assignee) == f"{opened.assignee.name}（13700000001）"  # published, whole
        kinds = s.scalars(select(TicketEvent.kind).where(TicketEvent.ticket_id == ticket.id)).all()
        assert kinds == ["created", "assigned"]


def test_the_grid_worker_is_notified_with_the_ticket_number(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        number = reports.submit(s, clock, report(), RULES).ticket.number
    with demo_db.session() as s:
        [note] = s.scalars(select(OutboxMessage).where(OutboxMessage.recipient == WORKER)).all()
        assert note.kind == "notification" and number in note.text and "路灯" in note.text
        assert "139****0001" in note.text  # the reporter, masked


def test_the_same_inbound_message_never_opens_two_tickets(demo_db: Database, clock: FakeClock):
    message_id, _ = Inbox(demo_db, clock).store(Inbound("simulator", "x1", RESIDENT, "路灯坏了"))
    with demo_db.session() as s:
        first = reports.submit(s, clock, report(source_message_id=message_id), RULES)
    with demo_db.session() as s:
        second = reports.submit(s, clock, report(source_message_id=message_id), RULES)
        assert not second.created and second.ticket.number == first.ticket.number
        assert len(s.scalars(select(Ticket)).all()) == 1


def test_a_report_nobody_can_place_goes_to_the_duty_officer(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        opened = reports.submit(s, clock, report(sender=STRANGER, place_text="不晓得"), RULES)
        assert opened.assignee is None and opened.ticket.status == "new"
        notes = s.scalars(select(OutboxMessage.recipient).where(OutboxMessage.ticket_id == opened.ticket.id)).all()
        assert notes == [DUTY_OFFICER]


def test_an_unknown_category_is_filed_as_other(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        assert reports.submit(s, clock, report(category="weather"), RULES).ticket.category == "other"


def test_a_stranger_naming_a_known_place_needs_no_question(demo_db: Database):
    with demo_db.session() as s:
        assert reports.needs_place(s, report(sender=STRANGER))
        assert not reports.needs_place(s, report(sender=STRANGER, place_text="阳光小区"))


def test_a_workers_notice_cut_short_says_how_to_read_the_whole_problem(demo_db: Database, clock: FakeClock):
    long_text = "我家楼下路灯坏了好几天了，晚上黑漆漆的，老人出门怕摔跤，上次就有人在那里崴了脚，麻烦尽快来修一下"
    with demo_db.session() as s:
        number = reports.submit(s, clock, report(long_text), RULES).ticket.number
        notice = s.scalars(select(OutboxMessage.text).where(OutboxMessage.recipient == WORKER)).all()[-1]
    assert long_text not in notice and f"回复“{number} 详情”看全文" in notice


def test_a_short_problem_comes_whole_in_the_notice_without_the_pointer(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        reports.submit(s, clock, report("路灯坏了"), RULES)
        notice = s.scalars(select(OutboxMessage.text).where(OutboxMessage.recipient == WORKER)).all()[-1]
    assert "路灯坏了。" in notice and "详情" not in notice


def test_an_emergencys_notice_gives_staff_the_reporters_whole_number_to_call_back(demo_db: Database,
                                                                                   clock: FakeClock):
    with demo_db.session() as s:
        reports.submit(s, clock, report("着火了", category="fire_safety", emergency=True), RULES)
        reports.submit(s, clock, report("路灯坏了"), RULES)
        first, second = s.scalars(select(OutboxMessage.text).where(OutboxMessage.recipient == WORKER)
                                  .order_by(OutboxMessage.id)).all()[-2:]
    assert RESIDENT in first and RESIDENT not in second  # an ordinary report's stays masked


def test_a_report_of_two_problems_reaches_the_assignee_whole_one_details_away(demo_db: Database, clock: FakeClock):
    two = "我们楼下路灯坏了一个多星期了晚上黑得很，还有小区门口的垃圾也三四天没人收了臭得很"
    with demo_db.session() as s:
        number = reports.submit(s, clock, report(two), RULES).ticket.number
        notice = s.scalars(select(OutboxMessage.text).where(OutboxMessage.recipient == WORKER)).all()[-1]
        whole = staff_views.details(s, RULES, number, WORKER)
    assert segments(notice) == 1 and f"回复“{number} 详情”看全文" in notice  # blind test 4: notices of 71–108
    assert two.replace(" ", "") in read_details(whole)[1]  # in messages of one part each (blind test 28, B-S1)

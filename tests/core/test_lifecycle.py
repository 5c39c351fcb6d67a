"""The 四单 lifecycle: acknowledge, resolve, rate, reopen, cancel, return, urge, and who may act."""

import re

import pytest

from bot.common.clock import FakeClock
from bot.core import cancelling, lifecycle, staff_views
from bot.core.lifecycle import TicketError
from bot.store.db import Database
from tests.conftest import BACKUP_WORKER, DUTY_OFFICER, RESIDENT, STRANGER, WORKER
from tests.core.helpers import (
    AUX_POLICE,
    BRANCH_SECRETARY,
    COMMUNITY_SECRETARY,
    RULES,
    kinds,
    make_report,
    messages_to,
    submit,
    ticket,
)


def test_the_assignee_acknowledges_resolves_and_the_reporter_closes_it_satisfied(demo_db: Database,
                                                                                 clock: FakeClock):
    number = submit(demo_db, clock)
    with demo_db.session() as s:
        assert lifecycle.acknowledge(s, clock, RULES, number, WORKER).status == "acknowledged"
    clock.advance(hours=3)
    with demo_db.session() as s:
        lifecycle.resolve(s, clock, RULES, number, WORKER, "路灯换好了", photo="photos/ab.jpg")
    done = ticket(demo_db, number)
    assert (done.status, done.resolution_note, done.resolution_photo) == ("resolved", "路灯换好了", "photos/ab.jpg")
    request = messages_to(demo_db, RESIDENT)[-1]
    assert "路灯换好了" in request and "1 满意 2 基本满意 3 不满意" in request and len(request) <= 70
    with demo_db.session() as s:
        assert lifecycle.awaiting_rating(s, RESIDENT).number == number
        lifecycle.rate(s, clock, RULES, RESIDENT, 1)
    closed = ticket(demo_db, number)
    assert (closed.status, closed.rating) == ("closed", 1)
    assert kinds(demo_db, number) == ["created", "assigned", "acknowledged", "resolved", "rated", "closed"]


def test_an_unsatisfied_rating_reopens_it_for_the_same_worker_with_new_deadlines(demo_db: Database,
                                                                                clock: FakeClock):
    number = submit(demo_db, clock)
    with demo_db.session() as s:
        lifecycle.resolve(s, clock, RULES, number, WORKER, "修好了")
    clock.advance(days=1)
    with demo_db.session() as s:
        lifecycle.rate(s, clock, RULES, RESIDENT, 3)
    reopened = ticket(demo_db, number)
    assert reopened.status == "reopened" and reopened.assignee.phone == WORKER
    assert reopened.rating is None
    assert "重新打开" in messages_to(demo_db, WORKER)[-1]
    with demo_db.session() as s:
        assert lifecycle.acknowledge(s, clock, RULES, number, WORKER).status == "acknowledged"


def test_someone_outside_the_chain_is_refused(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)
    other_grid_worker = "+8613700000002"
    for who in (other_grid_worker, RESIDENT, STRANGER):
        with demo_db.session() as s, pytest.raises(TicketError) as refused:
            lifecycle.acknowledge(s, clock, RULES, number, who)
        assert refused.value.reason == "not_allowed"
    assert ticket(demo_db, number).status == "assigned"


def test_someone_above_the_assignee_in_the_chain_may_act(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)
    with demo_db.session() as s:
        lifecycle.acknowledge(s, clock, RULES, number, BRANCH_SECRETARY)
    with demo_db.session() as s:
        lifecycle.resolve(s, clock, RULES, number, COMMUNITY_SECRETARY, "社区已协调处理")
    assert ticket(demo_db, number).status == "resolved"


def test_an_unknown_ticket_number_is_reported_as_not_found(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s, pytest.raises(TicketError) as refused:
        lifecycle.acknowledge(s, clock, RULES, "T9999", WORKER)
    assert refused.value.reason == "not_found"


def test_a_resolved_ticket_cannot_be_resolved_again(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)
    with demo_db.session() as s:
        lifecycle.resolve(s, clock, RULES, number, WORKER, "好了")
    with demo_db.session() as s, pytest.raises(TicketError) as refused:
        lifecycle.resolve(s, clock, RULES, number, WORKER, "又好了")
    assert refused.value.reason == "wrong_state"


def test_the_reporter_may_withdraw_a_report_and_the_worker_is_told(demo_db: Database, clock: FakeClock):
    first = submit(demo_db, clock)
    with demo_db.session() as s:
        assert cancelling.cancel(s, clock, RESIDENT).number == first
    assert ticket(demo_db, first).status == "cancelled"
    assert "撤销" in messages_to(demo_db, WORKER)[-1]
    assert kinds(demo_db, first)[-1] == "cancelled"


def test_a_withdrawal_after_the_worker_accepted_cancels_the_ticket_and_tells_the_worker(demo_db: Database,
                                                                                        clock: FakeClock):
    # Blind test 4, #49: "不报了 电工已经来弄了" answered 已取消 while the ticket stayed 已接单, the worker untold.
    number = submit(demo_db, clock, make_report("楼道灯不亮", place_text="幸福家园"))
    with demo_db.session() as s:
        lifecycle.acknowledge(s, clock, RULES, number, "+8613700000002")
    with demo_db.session() as s:
        assert cancelling.cancel(s, clock, RESIDENT).number == number
    assert ticket(demo_db, number).status == "cancelled"
    assert f"工单{number}已被反映人撤销" in messages_to(demo_db, "+8613700000002")[-1]
    with demo_db.session() as s, pytest.raises(TicketError) as again:
        cancelling.cancel(s, clock, RESIDENT)
    assert again.value.reason == "none_open"  # nothing left: never a second "已取消"


def test_a_withdrawal_tells_the_co_handler_too(demo_db: Database, clock: FakeClock):
    # Blind test 4, #15: the 协办 told of T1011 never heard it was withdrawn.
    number = submit(demo_db, clock, make_report("还有楼上那家天天打麻将 吵得睡不着", category="public_security"))
    assert any("协办" in m and number in m for m in messages_to(demo_db, AUX_POLICE))
    with demo_db.session() as s:
        cancelling.cancel(s, clock, RESIDENT, number)
    assert f"协办工单{number}已被反映人撤销" in messages_to(demo_db, AUX_POLICE)[-1]
    assert f"工单{number}已被反映人撤销" in messages_to(demo_db, WORKER)[-1]


def test_a_return_tells_the_reporter_it_is_passed_on_without_staff_names(demo_db: Database, clock: FakeClock):
    # Blind test 4, #22: the reporter never heard of the 退单.
    rerouted = submit(demo_db, clock)
    to_the_officer = submit(demo_db, clock, make_report("小区门口垃圾堆起了", category="sanitation"))
    with demo_db.session() as s:
        lifecycle.return_ticket(s, clock, RULES, rerouted, WORKER, "不是我们网格的，在安居苑")
        lifecycle.return_ticket(s, clock, RULES, to_the_officer, WORKER, "这个归环卫所管")
    told = messages_to(demo_db, RESIDENT)
    for number in (rerouted, to_the_officer):
        [note] = [m for m in told if number in m and "转交" in m]
        assert len(note) <= 70 and "李磊" not in note and "杨艳" not in note and not re.search(r"\d{7,}", note)


def test_a_return_naming_another_grid_reroutes_it_there(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)
    with demo_db.session() as s:
        _, new_assignee = lifecycle.return_ticket(s, clock, RULES, number, WORKER, "不是我们网格的，在安居苑")
        assert new_assignee.phone == "+8613700000005"
    moved = ticket(demo_db, number)
    assert (moved.status, moved.unit.name) == ("assigned", "安居社区第1网格")
    assert kinds(demo_db, number)[-3:] == ["returned", "assigned", "rerouted"]


def test_a_return_without_a_place_goes_to_the_duty_officer(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)
    with demo_db.session() as s:
        _, new_assignee = lifecycle.return_ticket(s, clock, RULES, number, WORKER, "不归我们管")
        assert new_assignee is None
    assert ticket(demo_db, number).status == "returned"
    assert any("退单待改派" in m and number in m for m in messages_to(demo_db, DUTY_OFFICER))


def test_status_lists_every_open_ticket_of_the_reporter_shortly(demo_db: Database, clock: FakeClock):
    a = submit(demo_db, clock)
    b = submit(demo_db, clock, make_report("垃圾没人收", category="sanitation"))
    with demo_db.session() as s:
        lifecycle.acknowledge(s, clock, RULES, a, WORKER)
        lines = lifecycle.status_lines(s, RESIDENT)
    assert lines == [f"{b}环境卫生待接单", f"{a}道路设施已接单"]
    assert len("；".join(lines)) <= 67


def test_urging_reminds_the_assignee_and_repeated_urging_escalates(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)
    with demo_db.session() as s:
        lifecycle.urge(s, clock, RULES, RESIDENT)
    assert "催办" in messages_to(demo_db, WORKER)[-1]
    assert ticket(demo_db, number).escalation_level == 0
    with demo_db.session() as s:
        lifecycle.urge(s, clock, RULES, RESIDENT, number)
    urged = ticket(demo_db, number)
    assert (urged.urge_count, urged.escalation_level) == (2, 1)
    assert any(number in m and "督办" in m for m in messages_to(demo_db, BRANCH_SECRETARY))
    assert kinds(demo_db, number).count("urged") == 2


def test_a_reporter_with_nothing_open_cannot_urge(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s, pytest.raises(TicketError) as refused:
        lifecycle.urge(s, clock, RULES, RESIDENT)
    assert refused.value.reason == "none_open"


def test_the_backup_worker_cannot_act_until_assigned(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)
    with demo_db.session() as s, pytest.raises(TicketError):
        lifecycle.acknowledge(s, clock, RULES, number, BACKUP_WORKER)


def test_each_staff_action_on_a_ticket_is_in_the_audit_log_under_the_staff_member_s_id(demo_db: Database,
                                                                                       clock: FakeClock):
    from sqlalchemy import select

    from bot.core import audit
    from bot.core.registry import person_by_address
    from bot.store.privacy_models import AuditEntry

    number, other = submit(demo_db, clock), submit(demo_db, clock, make_report("垃圾没人收", category="sanitation"))
    with demo_db.session() as s:
        lifecycle.acknowledge(s, clock, RULES, number, WORKER)
        lifecycle.acknowledge(s, clock, RULES, number, WORKER)  # changes nothing, records nothing
        lifecycle.start_work(s, clock, RULES, number, WORKER)
        lifecycle.resolve(s, clock, RULES, number, WORKER, "路灯换好了")
        lifecycle.return_ticket(s, clock, RULES, other, WORKER, "不归我们管")
    with demo_db.session() as s:
        worker_id = person_by_address(s, WORKER).id
        logged = [(e.actor, e.action, e.subject) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
        assert audit.verify(s).ok
    assert logged == [(f"person:{worker_id}", "ticket.acknowledged", number),
                      (f"person:{worker_id}", "ticket.in_progress", number),
                      (f"person:{worker_id}", "ticket.resolved", number),
                      (f"person:{worker_id}", "ticket.returned", other)]


def test_a_progress_note_is_kept_on_the_ticket_and_the_reporter_hears_it(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)
    with demo_db.session() as s:
        lifecycle.start_work(s, clock, RULES, number, WORKER, "进度 已联系物业")
    assert ticket(demo_db, number).status == "in_progress"
    assert messages_to(demo_db, RESIDENT)[-1] == f"工单{number}进展：已联系物业"
    with demo_db.session() as s:
        lifecycle.start_work(s, clock, RULES, number, WORKER, "明天上午换灯泡")
    assert messages_to(demo_db, RESIDENT)[-1].endswith("明天上午换灯泡")
    assert kinds(demo_db, number)[-2:] == ["in_progress", "progress"]


def test_a_bare_in_progress_tells_the_reporter_nothing_new(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)
    before = messages_to(demo_db, RESIDENT)
    with demo_db.session() as s:
        lifecycle.start_work(s, clock, RULES, number, WORKER, "处理中")
    assert messages_to(demo_db, RESIDENT) == before


def test_a_staff_members_queue_fits_one_sms_part_however_many_they_hold(demo_db: Database, clock: FakeClock):
    numbers = [submit(demo_db, clock, make_report(f"路灯坏了第{n}处")) for n in range(9)]
    with demo_db.session() as s:
        queue = staff_views.staff_queue(s, lifecycle.staff_member(s, WORKER))
    assert len(queue) <= 70 and "等9件" in queue and numbers[-1] in queue  # the newest first


def test_every_progress_note_is_in_the_audit_log_not_only_the_first(demo_db: Database, clock: FakeClock):
    from sqlalchemy import select

    from bot.store.privacy_models import AuditEntry
    from tests.core.helpers import submit

    number = submit(demo_db, clock)
    with demo_db.session() as s:
        lifecycle.start_work(s, clock, RULES, number, WORKER, note="已联系物业")
        lifecycle.start_work(s, clock, RULES, number, WORKER, note="明天上门")
        actions = list(s.scalars(select(AuditEntry.action).where(AuditEntry.subject == number)))
    assert actions == ["ticket.in_progress", "ticket.progress"]


def test_an_unsatisfied_rating_passes_the_reporters_reason_to_the_worker_within_one_sms(demo_db: Database,
                                                                                     clock: FakeClock):
    number = submit(demo_db, clock)
    with demo_db.session() as s:
        lifecycle.resolve(s, clock, RULES, number, WORKER, "灯泡换了")
        lifecycle.rate(s, clock, RULES, RESIDENT, 3, reason="还是一闪一闪的")
    notice = messages_to(demo_db, WORKER)[-1]
    assert "还是一闪一闪的" in notice and "重新打开" in notice and len(notice) <= 70
    assert ticket(demo_db, number).status == "reopened"
    long_reason = "晚上还是一闪一闪的 " * 10
    assert len(lifecycle.reopen_notice(ticket(demo_db, number), long_reason)) <= 70


def test_an_urge_goes_to_the_ticket_its_words_point_at_not_just_the_latest(demo_db: Database, clock: FakeClock):
    light = submit(demo_db, clock, make_report("阳光小区3栋门口的路灯坏了好几天了"))
    fall = submit(demo_db, clock, make_report("楼下垃圾桶翻了 垃圾撒了一地", category="sanitation"))
    with demo_db.session() as s:  # blind test 3, #36: "催一下 路灯那个" urged the newest ticket instead
        assert lifecycle.urge(s, clock, RULES, RESIDENT, text="催一下 路灯那个咋个还没修").number == light
        assert lifecycle.urge(s, clock, RULES, RESIDENT, text="快点嘛").number == fall  # no clue: the latest
    assert ticket(demo_db, light).urge_count == 1 and ticket(demo_db, fall).urge_count == 1


def pipe_and_garbage(db: Database, clock: FakeClock) -> tuple[str, str]:
    pipe = submit(db, clock, make_report("单元里水管漏水了 地上全是水", category="housing_utilities"))
    clock.advance(hours=2)
    garbage = submit(db, clock, make_report("小区门口垃圾堆起好几天了没人收", category="sanitation"))
    clock.advance(hours=1)
    return pipe, garbage


def test_a_cancel_naming_what_it_is_about_cancels_that_ticket_not_the_newest(demo_db: Database,
                                                                           clock: FakeClock):
    # Blind test 5, #81: "不报了 水管那个我自己找人修了" cancelled the newer garbage ticket.
    pipe, garbage = pipe_and_garbage(demo_db, clock)
    with demo_db.session() as s:
        assert cancelling.cancel(s, clock, RESIDENT, text="不报了 水管那个我自己找人修了").number == pipe
    assert (ticket(demo_db, pipe).status, ticket(demo_db, garbage).status) == ("cancelled", "assigned")


def test_a_cancel_naming_nothing_with_several_open_asks_which_and_cancels_none(demo_db: Database,
                                                                             clock: FakeClock):
    pipe, garbage = pipe_and_garbage(demo_db, clock)
    with demo_db.session() as s, pytest.raises(TicketError) as asked:
        cancelling.cancel(s, clock, RESIDENT, text="不报了")
    assert asked.value.reason == "which"
    with demo_db.session() as s:
        question = cancelling.which_to_cancel(s, RESIDENT)
    assert pipe in question and garbage in question and "撤销哪件" in question and len(question) <= 70
    assert ticket(demo_db, pipe).status == ticket(demo_db, garbage).status == "assigned"


def test_the_rating_request_carries_the_whole_note_when_it_fits_and_cuts_only_where_a_clause_ends(
        demo_db: Database, clock: FakeClock):
    """Blind test 9, #47: the reporter read "…是有人在楼顶烧垃圾 已。请评价…" (the note cut at 20 characters)."""
    number = submit(demo_db, clock)
    with demo_db.session() as s:
        lifecycle.resolve(s, clock, RULES, number, WORKER, "火灭了 没得事了 是有人在楼顶烧垃圾 已经批评教育了")
    request = messages_to(demo_db, RESIDENT)[-1]
    assert "火灭了 没得事了 是有人在楼顶烧垃圾 已经批评教育了。请评价：" in request and len(request) <= 70, request
    long = ticket(demo_db, number)
    long.resolution_note = "火灭了 没得事了 是有人在楼顶烧垃圾 已经批评教育了 物业也说以后要加强巡查"
    cut = lifecycle.rating_request(long)
    assert len(cut) <= 70 and cut.endswith("已经批评教育了…请评价：1 满意 2 基本满意 3 不满意"), cut


def test_a_long_progress_note_is_cut_where_a_clause_ends():
    note = ("物业说水管是公共部分要走维修基金 已经报上去了 估计要等审批 "
            "这几天先用临时的管子接起 有问题随时找我 我每天上午都在小区里转")
    notice = lifecycle.progress_notice("T1001", note, "李磊")
    assert len(notice) <= 70 and notice.endswith("有问题随时找我…（详情请问李磊）"), notice

"""Blind test 26's staff words, stopped lift and held photo (docs/usertests/2026-12-06-blind14.md, B86, B117, A12,
A36), through the gateway, the real engine and the real action server: a secretary's plan on the complaint she holds
is an internal note the complainant never reads (her 进度 still tells him); a worker taking back what he filed himself
withdraws it (撤销, never 无效工单) and a holder who did not file it is asked which he means; a child shut in a lift
that stood still is 119's or the lift rescue's, never 120; a photo and a location sent alone away from the open report
are held for the next one with a reply naming no ticket.

Voices: +86139777940 … 959, in no other test (residents of 安居社区第1网格, a rider, passers-by); 安居社区's secretary
and 杨艳 (shared: what is asserted of them is about this module's tickets). Each runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.channels.simulator import ONE_PIXEL_PNG
from bot.store.models import Ticket, TicketEvent
from tests.integration.stack import Stack
from tests.integration.talk import (
    assignee_phone,
    bare,
    file_report,
    number_in,
    raised,
    register,
    say,
    session_of,
    ticket_numbered,
    tickets_of,
    told,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+86139777{n:03d}" for n in range(940, 960)]
ANJU_GRID_1 = "安居社区第1网格"
ANJU_SECRETARY = "+8613800002001"
YANG_YAN = "+8613700000005"  # 杨艳, 安居社区第1网格 (安居苑)
# A barrier in 河滨社区第2网格 and two holes in 幸福社区第2网格, each some 240 m or more from any other test's point
# (in the crowded first grid they sat on the riders' spots, and a 井盖 there merged into the riders' report).
BARRIER = (25.4142, 103.3058)
HOLE = (25.4045, 103.3090)
OTHER_HOLE = (25.4008, 103.3090)


def test_a_secretarys_plan_on_the_complaint_she_holds_never_reaches_the_complainant(running: Stack) -> None:
    # B86: the complainant read "工单T1041进展：这个我明天去找李磊谈一下".
    resident = register(running, SENDERS[0], "resident", ANJU_GRID_1)
    number = number_in(say(running, resident, "我要投诉网格员 喊了几回都不来 电话也不接"))
    assert assignee_phone(running, number) == ANJU_SECRETARY
    heard = told(running, resident, number)
    [answer] = say(running, ANJU_SECRETARY, f"{number} 这个我明天去找杨艳谈一下")
    assert "内部备注" in answer and "反映人不会收到" in answer and f"{number} 进度" in answer, answer
    assert told(running, resident, number) == heard
    with session_of(running) as s:  # on the timeline, for staff only (the workbench's 内部备注)
        notes = s.scalars(select(TicketEvent).join(Ticket).where(Ticket.number == number, TicketEvent.kind == "note"))
        assert [(e.note, e.data.get("private")) for e in notes] == [("这个我明天去找杨艳谈一下", True)]
    say(running, ANJU_SECRETARY, f"{number} 进度 已找网格员谈过了 以后电话都会接")
    assert told(running, resident, number)[-1] == f"工单{number}进展：已找网格员谈过了 以后电话都会接"


def test_a_worker_taking_back_what_she_filed_withdraws_it_never_closes_it_as_invalid(running: Stack) -> None:
    # B117: "T1095 是我发错了 撤销" → "已作无效工单关闭".
    number = file_report(running, YANG_YAN, "安居苑47栋楼道扶手松了 晃得很")
    [answer] = say(running, YANG_YAN, f"{number} 是我发错了 撤销")
    assert answer.startswith(f"好的，工单{number}已撤销"), answer
    assert ticket_numbered(running, number).status == "cancelled"


def test_a_holder_who_did_not_file_it_is_asked_which_he_means(running: Stack) -> None:
    resident = register(running, SENDERS[1], "resident", ANJU_GRID_1)
    number = file_report(running, resident, "安居苑47栋门口垃圾桶翻了 垃圾撒了一地")
    holder = assignee_phone(running, number)
    heard = told(running, resident, number)
    [asked] = say(running, holder, f"{number} 是我发错了 撤销")
    assert "不是您报的" in asked and f"{number} 无效工单 关掉" in asked and f"退单 {number}" in asked, asked
    assert ticket_numbered(running, number).status not in ("cancelled", "closed")
    assert told(running, resident, number) == heard
    [closed] = say(running, holder, f"{number} 无效工单 关掉")
    assert closed.startswith(f"好的，工单{number}已作无效工单关闭"), closed


def test_a_grandson_shut_in_a_lift_that_stood_still_is_for_119_never_120(running: Stack) -> None:
    # A12: "情况紧急请先拨打120！" for a lift with a child inside.
    caller = SENDERS[2]
    replies = say(running, caller, "电梯停起不动了")
    replies += say(running, caller, "我孙子在里头出不来")
    replies += say(running, caller, "阳光小区45栋")
    said = " ".join(bare(r) for r in replies)
    assert "119" in said and "120" not in said, replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket) and "阳光小区45栋" in (ticket.place_text or "")


@pytest.mark.parametrize(("n", "old", "at", "hole"), [
    (3, "小区门口的道闸断了 杆子横在路上", BARRIER, HOLE),  # the old report located far away
    (4, "河畔花园46栋门口的道闸断了 抬不起来", None, OTHER_HOLE),  # the old report in another grid
])
def test_a_riders_photo_and_location_away_from_his_open_report_name_no_ticket(
        running: Stack, n: int, old: str, at: tuple[float, float] | None, hole: tuple[float, float]) -> None:
    # A36: "稍后补充到工单T1007" (his 道闸) before his 井盖 report.
    rider = register(running, SENDERS[n])
    earlier = file_report(running, rider, old, **({"lat": at[0], "lon": at[1]} if at else {}))
    [held] = say(running, rider, "", photo=ONE_PIXEL_PNG, lat=hole[0], lon=hole[1])
    assert "照片" in held and "什么问题" in held and earlier not in held and "工单" not in held, held
    number = file_report(running, rider, "刚才拍的是井盖不见了 一个大洞")
    assert number != earlier
    hole_ticket = ticket_numbered(running, number)
    assert len(hole_ticket.photos) == 1 and hole_ticket.lat == pytest.approx(hole[0])
    assert not ticket_numbered(running, earlier).photos

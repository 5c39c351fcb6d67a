"""Blind test 28's staff commands and what residents are told (docs/usertests/2026-12-06-blind16.md, B-K10, B-S1,
A-B59c-redo, A-B61, B88, B-K6, B85, B83), through the gateway, the real engine and the real action server: the duty
officer's "派给 杨艳 周明那边忙不过来 你去帮个忙" goes to 杨艳 with the rest as her 交代; a rider's located ticket's
详情 comes in messages of one SMS part; "已经回电话告诉他了" never reaches the caller; praise inside a rating, or of
网格员小杨 from a stranger, reaches that worker; "李磊是哪个" after a take-over says he is their grid worker and who
has it now; a worry about an old neighbour not seen lately is a visit for the grid worker; a grid worker at the door
doubted is told how to check, never a registration.

Voices: +86139666420 … 459, in no other test (riders, residents and passers-by); the duty officer and the grid workers
(shared: what is asserted of them is about this module's tickets). Each runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.conftest import BACKUP_WORKER, DUTY_OFFICER, WORKER
from tests.integration.stack import Stack
from tests.integration.talk import (
    assignee_phone,
    file_report,
    number_in,
    register,
    say,
    ticket_numbered,
    tickets_of,
    told,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+86139666{n:03d}" for n in range(420, 460)]
YANG_YAN = "+8613700000005"  # 杨艳, 安居社区第1网格 (安居苑)
ZHOU_MING = "+8613700000009"  # 周明, 河滨社区第1网格 (河畔花园)
SPOT = (25.4043, 103.3041)  # in 幸福社区第1网格, no other test's


def test_the_name_right_after_派给_gets_the_ticket_and_the_rest_is_her_instructions(running: Stack) -> None:
    # B-K10: "有几个可选：杨艳（安居社区第1网格）、周明（河滨社区第1网格）。请写清楚派给哪一个。", nothing dispatched.
    rider = register(running, SENDERS[0])
    number = file_report(running, rider, "河畔花园81栋门口的垃圾桶满了 好几天没人倒")
    assert assignee_phone(running, number) == ZHOU_MING
    [answer] = say(running, DUTY_OFFICER, f"{number} 派给 杨艳 周明那边忙不过来 你去帮个忙")
    assert answer.startswith(f"好的，工单{number}已派给杨艳") and "交代" in answer, answer
    assert assignee_phone(running, number) == YANG_YAN
    assert any("交代" in t and "周明那边忙不过来" in t for t in told(running, YANG_YAN, number))
    assert any("改派给杨艳" in t for t in told(running, ZHOU_MING, number))


def test_a_located_tickets_details_come_in_messages_of_one_part_each(running: Stack) -> None:
    # B-S1: the 详情 reply was 91 characters (a rider's ticket with 定位 coordinates).
    rider = register(running, SENDERS[1])
    text = "这个路口的护栏被车撞断了一截 铁皮翘起来好危险 电瓶车差点挂到 晚上看不清楚 麻烦快点派人来弄一下"
    number = number_in(say(running, rider, text, lat=SPOT[0], lon=SPOT[1]))
    replies = say(running, assignee_phone(running, number), f"{number} 详情")  # `say`: every one within 70
    assert len(replies) >= 2 and "定位25.4043,103.3041" in replies[0] and rider in replies[0], replies
    assert "".join(r.split("：", 1)[1] for r in replies[1:]).replace(" ", "") == text.replace(" ", ""), replies


def test_a_call_back_closed_with_words_about_the_caller_never_sends_him_those_words(running: Stack) -> None:
    # A-B59c-redo: the caller read "工单T1083已办结：已经回电话告诉他了。请评价…".
    rider = register(running, SENDERS[2])
    assert "答不上" in " ".join(say(running, rider, "出国护照在哪里办 我想问一下"))
    number = number_in(say(running, rider, "1"))
    [answer] = say(running, DUTY_OFFICER, f"{number} 已办结 已经回电话告诉他了")
    assert answer.startswith(f"工单{number}已办结"), answer
    [asked] = [t for t in told(running, rider, number) if "评价" in t]
    assert "他" not in asked and "回电话" not in asked and asked.startswith(f"工单{number}已办结"), asked
    assert ticket_numbered(running, number).status == "resolved"


def test_praise_inside_a_satisfied_rating_reaches_the_worker(running: Stack) -> None:
    # A-B61: "满意 李师傅来得快 点个赞" → "感谢评价！工单T1041已完结。", 李磊 heard nothing.
    rider = register(running, SENDERS[3])
    number = file_report(running, rider, "阳光小区82栋楼下的路灯不亮了")
    holder = assignee_phone(running, number)
    say(running, holder, f"{number} 已办结 灯泡换好了")
    thanked = " ".join(say(running, rider, "满意 李师傅来得快 点个赞"))
    assert "表扬" in thanked and number in thanked, thanked
    assert any("表扬" in t and "来得快" in t for t in told(running, holder, number))
    assert ticket_numbered(running, number).rating == 1


def test_a_strangers_praise_of_a_grid_worker_by_surname_reaches_her(running: Stack) -> None:
    # B88: "谢谢你们 昨天那个网格员小杨态度好得很" → "不客气，有事随时找我们。", passed on to nobody.
    before = [m["text"] for m in running.outbox(YANG_YAN)]
    [thanked] = say(running, SENDERS[4], "谢谢你们 昨天那个网格员小杨态度好得很")
    assert "杨艳" in thanked and "表扬" in thanked, thanked
    heard = [m["text"] for m in running.outbox(YANG_YAN)][len(before):]
    assert any("表扬您" in t and "态度好得很" in t for t in heard), heard
    assert not tickets_of(running, SENDERS[4])


def test_asking_who_the_former_worker_is_says_he_is_theirs_and_who_has_it_now(running: Stack) -> None:
    # B-K6: "李磊办过您的工单T1087，现在已接单。" — not that he is her grid worker, nor that 李艳 has it now.
    resident = register(running, SENDERS[5], "resident", "幸福社区第1网格")
    number = file_report(running, resident, "阳光小区83栋楼道里的声控灯坏了")
    assert assignee_phone(running, number) == WORKER
    say(running, WORKER, f"收到 {number}")
    say(running, BACKUP_WORKER, f"{number} 我来处理")
    assert assignee_phone(running, number) == BACKUP_WORKER
    [answer] = say(running, resident, "李磊是哪个")
    assert answer.startswith("李磊是您的网格员") and "李艳" in answer and BACKUP_WORKER[3:] in answer, answer


def test_a_worry_about_an_old_neighbour_not_seen_lately_is_a_visit_for_the_grid_worker(running: Stack) -> None:
    # B85: "抱歉，这个问题我还答不上…回复1…".
    sender = SENDERS[6]
    replies = say(running, sender, "帮我问问安居苑84栋那个张大爷还在不在 好久没看到他了")
    assert any("上门看看" in r for r in replies) and not any("答不上" in r for r in replies), replies
    [ticket] = tickets_of(running, sender)
    assert ticket.category == "elderly_care" and ticket.severity != "critical"
    assert ticket.assignee is not None and ticket.assignee.phone == YANG_YAN


def test_a_grid_worker_at_the_door_doubted_is_told_how_to_check_never_a_registration(running: Stack) -> None:
    # B83: "收到，已转街道工作人员核实，会打这个号码联系您，核实后才登记。工单T1103。"
    sender = SENDERS[7]
    [answer] = say(running, sender, "网格员上门登记要我身份证号 是不是骗子")
    assert "0874-3112345" in answer and "姓名" in answer and "核实" in answer, answer
    assert not tickets_of(running, sender)

"""Blind test 10's staff failures at the staff desk and what the resident then heard: an acknowledgement's words cut
in the middle, plain words of a finished job kept as progress, staff's words about the reporter repeated to them, a
registration not made with nobody named, a dispatcher's place stripped from the 交代, a new holder's notice with no
place."""

from __future__ import annotations

import pytest

from bot.common.clock import FakeClock
from bot.core import invalid_tickets, registration, staff_desk, staff_notices
from bot.core.commands import worker_command
from bot.store.db import Database
from tests.conftest import DUTY_OFFICER, RESIDENT, STRANGER, WORKER
from tests.core.helpers import COMMUNITY_SECRETARY, RULES, kinds, make_report, messages_to, submit, ticket

ANJU_WORKER = "+8613700000005"  # 杨艳, 安居社区第1网格
ZHANG_TAO = "+8613700000002"  # 张涛, 幸福社区第2网格


def say(db: Database, clock: FakeClock, who: str, text: str) -> str:
    with db.session() as s:
        answer = staff_desk.answer(s, clock, RULES, who, text)
    assert answer is not None and len(answer) <= 70, answer
    return answer


def test_an_acknowledgement_with_words_passes_them_whole_in_one_notice(demo_db: Database, clock: FakeClock):
    # Blind test 10, #69: "T1007 收到 我马上过去 已经打了119" reached the reporter as "工单T1007进展：我 已经打了119".
    number = submit(demo_db, clock, make_report("阳光小区3栋楼道里头冒烟了", category="fire_safety"))
    before = len(messages_to(demo_db, RESIDENT))
    answer = say(demo_db, clock, WORKER, f"{number} 收到 我马上过去 已经打了119")
    assert answer.startswith(f"好的，工单{number}已接单，您说的情况已告诉反映人")
    told = messages_to(demo_db, RESIDENT)[before:]
    assert told == [f"工单{number}网格员李磊已收到：我马上过去 已经打了119"]
    assert ticket(demo_db, number).status == "acknowledged" and kinds(demo_db, number)[-2:] == ["acknowledged",
                                                                                                 "progress"]


def test_words_with_a_second_acknowledgement_are_progress_and_a_bare_one_tells_nothing_more(demo_db: Database,
                                                                                             clock: FakeClock):
    number = submit(demo_db, clock, make_report("阳光小区门口路灯坏了"))
    say(demo_db, clock, WORKER, f"收到 {number}")
    before = len(messages_to(demo_db, RESIDENT))
    say(demo_db, clock, WORKER, f"{number} 好的 收到了 师傅下午两点过来换灯泡")
    assert messages_to(demo_db, RESIDENT)[before:] == [f"工单{number}进展：师傅下午两点过来换灯泡"]
    say(demo_db, clock, WORKER, f"{number} 收到 马上过去")
    assert len(messages_to(demo_db, RESIDENT)) == before + 1


def test_a_long_acknowledgement_is_cut_with_whom_to_ask():
    class Someone:
        id, name = 7, "李磊"

    class Held:
        number, assignee_id, assignee_role = "T1007", 7, "grid_worker"

    from bot.core.lifecycle import ack_notice
    text = ack_notice(Held(), Someone(), "我马上过去 " + "消防车已经到了 " * 8)  # type: ignore[arg-type]
    assert len(text) <= 70 and text.startswith("工单T1007网格员李磊已收到：我马上过去")
    assert text.endswith("（详情请问李磊）")


@pytest.mark.parametrize(("text", "note"), [
    ("T1016 垃圾拉走了", "垃圾拉走了"), ("T1016 清理了", "清理了"), ("T1016 下水道通了", "下水道通了"),
    ("T1016 环卫车运走了", "环卫车运走了"), ("T1016 楼道扫干净了", "楼道扫干净了"),
    ("T1016 管子已经通了", "管子已经通了"), ("T1016 换好了", "换好了"), ("T1016 处理完了", ""), ("T1016 搞好了", ""),
    ("T1016 弄好了", ""), ("T1016 修好了", "")])
def test_plain_words_of_a_finished_job_resolve_it(text: str, note: str):
    # Blind test 10, #92: "T1016 垃圾拉走了" was 已记为处理中.
    assert (worker_command(text, "").verb, worker_command(text, "").note) == ("resolve", note)


@pytest.mark.parametrize("text", ["T1016 还没拉走", "T1016 明天拉", "T1016 正在拉", "T1016 明天拉走", "T1016 要拉走了",
                                  "T1016 拉走了一车 还剩两车", "T1016 灯泡换好了 还有两盏没换", "T1016 换好了一半",
                                  "T1016 电话打通了 明天来", "T1016 跟物业沟通了", "T1016 还没通",
                                  "T1016 环卫所还没来 明天再催"])
def test_a_plan_a_part_or_a_call_is_no_finished_job(text: str):
    assert worker_command(text, "").verb != "resolve"


def test_a_worker_saying_the_rubbish_was_carried_off_resolves_the_ticket(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report("阳光小区3栋背后垃圾好几天没人收", category="sanitation"))
    say(demo_db, clock, WORKER, f"{number} 环卫所还没来 明天再催")
    assert ticket(demo_db, number).status == "in_progress"
    assert say(demo_db, clock, WORKER, f"{number} 垃圾拉走了").startswith(f"工单{number}已办结")
    assert ticket(demo_db, number).status == "resolved" and "请评价" in messages_to(demo_db, RESIDENT)[-1]


@pytest.mark.parametrize("why", ["是骂人的", "乱填的", "有人在捣乱", "瞎报的", "恶作剧", "发的广告"])
def test_words_judging_the_reporter_are_never_repeated_to_them(why: str):
    text = invalid_tickets.to_reporter("T1036", "不需要办理", why)
    assert text == "您好，您反映的问题（T1036）经核实不需要办理，已关闭。有问题欢迎再找我们。"


@pytest.mark.parametrize(("why", "said"), [("误报 是熏腊肉", "原因：误报 是熏腊肉"),
                                           ("有人发错了", "原因：有人发错了")])
def test_a_reason_about_the_matter_is_still_told(why: str, said: str):
    text = invalid_tickets.to_reporter("T1005", "属于误报", why)
    assert said in text and len(text) <= 70


def test_the_duty_officer_closing_an_insult_tells_its_sender_politely(demo_db: Database, clock: FakeClock):
    # Blind test 10, #96: "T1036 无效工单 是骂人的 关了" → the sender read "原因：无效工单 是骂人的".
    number = submit(demo_db, clock, make_report("你们这个破系统 真的是气死人", sender=STRANGER, category="other"))
    answer = say(demo_db, clock, DUTY_OFFICER, f"{number} 无效工单 是骂人的 关了")
    assert answer.startswith(f"好的，工单{number}已作无效工单关闭")
    told = messages_to(demo_db, STRANGER)[-1]
    assert told == f"您好，您反映的问题（{number}）经核实不需要办理，已关闭。有问题欢迎再找我们。"
    assert ticket(demo_db, number).status == "cancelled"


def test_a_registration_not_made_names_the_worker_and_his_number(demo_db: Database, clock: FakeClock):
    # Blind test 10, #43: "T1017 已办结 打了电话没人接 未核实" → "…如有疑问请找您的网格员" with no name.
    with demo_db.session() as s:
        number = registration.request_verification(s, clock, RULES, STRANGER, "sms", "我是阳光小区的，换了号码") \
            .ticket.number
    say(demo_db, clock, WORKER, f"{number} 已办结 打了电话没人接 未核实")
    told = messages_to(demo_db, STRANGER)[-1]
    assert told == "您好，您申请的号码登记没有办成，如有疑问请找网格员李磊（13700000001）。" and len(told) <= 70


@pytest.mark.parametrize(("words", "said"), [
    ("派给 安居社区第1网格 是安居苑3栋电梯坏了半个月", "是安居苑3栋电梯坏了半个月"),
    ("派给 杨艳 骑手说在安居苑外面那条路", "骑手说在安居苑外面那条路"),
    ("派给 安居苑 电梯坏了半个月 物业不管", "电梯坏了半个月 物业不管")])
def test_the_dispatchers_words_reach_the_new_holder_whole_but_the_target(demo_db: Database, clock: FakeClock,
                                                                         words: str, said: str):
    # Blind test 10, #32 and #89: 安居苑 was stripped from the 交代 ("是 3栋电梯坏了半个月", "骑手说在 外面那条路").
    number = submit(demo_db, clock, make_report("电梯坏了好久了 老年人爬不动", sender=STRANGER,
                                                category="housing_utilities"))
    assert ticket(demo_db, number).status == "new"
    assert "交代也转给了承办人" in say(demo_db, clock, DUTY_OFFICER, f"{number} {words}")
    assert messages_to(demo_db, ANJU_WORKER)[-1] == f"工单{number}，街道值班员赵建华交代：{said}"


def test_a_reassigned_ticket_of_a_registered_resident_names_where_they_live(demo_db: Database, clock: FakeClock):
    # Blind test 10, #105: "T1041 转给 张涛 他那边有电工" → "新工单T1041【房屋水电气】：我们单元楼道的灯坏了…":
    # no place.
    number = submit(demo_db, clock, make_report("我们单元楼道的灯坏了 晚上上楼黑得很", category="housing_utilities"))
    assert "交代" in say(demo_db, clock, COMMUNITY_SECRETARY, f"{number} 转给 张涛 他那边有电工")
    [notice] = [m for m in messages_to(demo_db, ZHANG_TAO) if m.startswith(f"新工单{number}")]
    assert "（住阳光小区" in notice and "我们单元楼道的灯坏了" in notice and len(notice) <= 70


def test_a_notice_with_no_place_known_says_so_and_points_to_the_details():
    notice = staff_notices.new_ticket("T1041", "房屋水电气", "幸福社区第2网格", "",
                                      "我们单元楼道的灯坏了 晚上上楼黑得很", "139****0001")
    assert "（地点不明）" in notice and "回复“T1041 详情”看全文" in notice and len(notice) <= 70
    long = staff_notices.new_ticket("T1041", "房屋水电气", "幸福社区第2网格", "", "灯坏了 " * 30, "13999990001",
                                    urgent=True, calling=True)
    assert "（地点不明）" in long and "13999990001" in long and "详情" in long and len(long) <= 70

"""Blind test 30: what a worker's words do to a ticket (W-B2, S17, B63)."""

import pytest

from bot.core import staff_desk
from bot.core.commands import worker_command
from bot.core.invalid_tickets import to_reporter
from tests.conftest import WORKER
from tests.core.helpers import RULES, make_report, submit, ticket

NEIGHBOUR = "+8613900000002"  # 幸福社区第1网格, like RESIDENT


@pytest.mark.parametrize("text", ["T1065 师傅已经把阀门换了 下午通水", "T1065 修好了 明天来刷漆",
                                  "T1065 换好了 等配件到货再换表", "T1065 清理了 待通水"])
def test_a_job_with_work_still_to_come_keeps_the_ticket_open(text):
    assert worker_command(text, "").verb != "resolve"


@pytest.mark.parametrize("text", ["T1112 来电了", "T1113 撒了盐了 冰化了", "T1065 来水了", "T1065 搬走了",
                                  "T1065 修好了 明天不用来了", "T1017 已办结 环卫所下午全部清运了",
                                  "T1065 已办结 下午通水"])
def test_words_saying_the_problem_is_gone_resolve_the_ticket(text):
    assert worker_command(text, "").verb == "resolve"


@pytest.mark.parametrize(("why", "advice"), [("是劳资纠纷 已告诉他打12333", "打12333"),
                                             ("已经让他去找派出所", "去找派出所"), ("叫他去法院起诉", "去法院起诉")])
def test_where_staff_sent_the_reporter_reaches_him_on_closing(why, advice):
    text = to_reporter("T1138", "不需要办理", why)
    assert f"建议您{advice}" in text and "他" not in text and len(text) <= 70


def test_judging_words_still_never_reach_the_reporter():
    text = to_reporter("T1138", "不需要办理", "他喝醉了 乱报")
    assert "喝醉" not in text and "乱报" not in text


def test_a_worker_merges_two_reports_of_one_building_across_categories_and_reporters(demo_db, clock):
    # Blind test 30, A30a: 楼梯间的灯坏了 and 楼道灯不亮 at one building, filed in two categories by two people.
    older = submit(demo_db, clock, make_report("阳光小区3栋楼梯间的灯坏了", category="housing_utilities",
                                               place_text="阳光小区3栋楼梯间"))
    newer = submit(demo_db, clock, make_report("楼道灯不亮 黑黢黢的", sender=NEIGHBOUR, category="roads",
                                               place_text="阳光小区3栋"))
    with demo_db.session() as s:
        answer = staff_desk.answer(s, clock, RULES, WORKER, f"{newer} 跟{older}重复了 并到一起")
    assert answer.startswith(f"好的，工单{newer}已并入{older}")
    assert ticket(demo_db, newer).status == "merged"


def test_two_reports_at_different_buildings_in_different_categories_are_not_merged(demo_db, clock):
    older = submit(demo_db, clock, make_report("阳光小区3栋下水道堵了", category="sanitation",
                                               place_text="阳光小区3栋"))
    newer = submit(demo_db, clock, make_report("路灯坏了", sender=NEIGHBOUR, category="roads",
                                               place_text="阳光小区5栋"))
    with demo_db.session() as s:
        answer = staff_desk.answer(s, clock, RULES, WORKER, f"{newer} 跟{older}重复了 并到一起")
    assert "不能并单" in answer and ticket(demo_db, newer).status != "merged"

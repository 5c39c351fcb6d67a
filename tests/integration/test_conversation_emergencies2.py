"""An emergency's place and what its reporter says next (blind test 8, issue 17 §3), through the gateway, the real
engine and the real action server: the answer to "where?" with words of its own goes onto that emergency, every
notice to whoever must act carries the place, a follow-up of the same emergency joins it, and a location alone is
told as its grid and point. Voices: passers-by in dialect (unknown numbers). Each runs on SQLite and PostgreSQL;
the duty officer is shared, so what is asserted of her is about this test's tickets."""

from __future__ import annotations

import pytest

from tests.conftest import DUTY_OFFICER, POINT_IN_GRID_1
from tests.integration.stack import Stack
from tests.integration.talk import number_in, say, tickets_of, told

pytestmark = pytest.mark.engine

PASSERS_BY = [f"+86139999900{n}" for n in range(71, 81)]  # not in the registry
YANG_YAN = "+8613700000005"  # 杨艳, 安居社区第1网格 (安居苑)
WU_JUN = "+8613700000008"  # 吴军, 安居社区第4网格 (农贸市场)
ZHOU_MING = "+8613700000009"  # 周明, 河滨社区第1网格 (河畔花园)
LI_LEI = "+8613700000001"  # 李磊, 幸福社区第1网格
AJ_SECRETARY = "+8613800002001"  # 安居社区's community secretary
XF_SECRETARY = "+8613800001001"  # 幸福社区's


def test_the_place_said_with_words_of_its_own_goes_onto_the_fire_and_everyone_who_must_act_hears_it(
        running: Stack):
    # Blind test 8, #16: "安居苑5栋2单元 三楼冒烟" opened an ordinary ticket; the fire never got its place.
    caller = PASSERS_BY[0]
    replies = say(running, caller, "着火了着火了 快来人")
    fire = number_in(replies)
    assert any("在哪" in r for r in replies)
    [placed] = say(running, caller, "安居苑5栋2单元 三楼冒烟")
    assert "安居苑5栋2单元" in placed and "没太看懂" not in placed
    [ticket] = tickets_of(running, caller)  # the same emergency, no second ticket
    assert ticket.number == fire and ticket.severity == "critical"
    assert ticket.place_text == "安居苑5栋2单元" and "三楼冒烟" in ticket.text
    for staff in (DUTY_OFFICER, AJ_SECRETARY):
        assert any("安居苑5栋2单元" in t and "三楼冒烟" in t for t in told(running, staff, fire)), staff
    [notice] = told(running, YANG_YAN, fire)  # the grid worker who must go: once, with the place and the number
    assert "【紧急】" in notice and "安居苑5栋2单元" in notice and caller in notice


def test_a_place_with_a_guess_of_what_burns_is_taken_and_the_grid_worker_told_where(running: Stack):
    # Blind test 8, #117: "河畔花园2栋 楼梯间那点 好像是哪个在烧东西" got 没太看懂; 周明's alert had no place.
    caller = PASSERS_BY[1]
    smoke = number_in(say(running, caller, "楼道里头冒黑烟 好呛人"))
    [placed] = say(running, caller, "河畔花园2栋 楼梯间那点 好像是哪个在烧东西")
    assert "河畔花园2栋" in placed and "没太看懂" not in placed
    [ticket] = tickets_of(running, caller)
    assert ticket.place_text == "河畔花园2栋" and "烧东西" in ticket.text
    assert any("河畔花园2栋" in t for t in told(running, DUTY_OFFICER, smoke))
    assert told(running, ZHOU_MING, smoke) and all("河畔花园2栋" in t for t in told(running, ZHOU_MING, smoke))


def test_someone_bleeding_after_a_fight_joins_that_emergency_with_the_ambulance_advice(running: Stack):
    # Blind test 8, #19: 杨艳's 【紧急】 notice had only 楼下; "有个已经在流血了" opened a second emergency.
    caller = PASSERS_BY[2]
    fight = number_in(say(running, caller, "楼下两个男的打起来了 拿起刀了"))
    say(running, caller, "安居苑门口的烧烤摊那点")
    [alert] = told(running, YANG_YAN, fight)
    assert "【紧急】" in alert and "安居苑门口" in alert and caller in alert
    [joined] = say(running, caller, "有个已经在流血了")
    assert "120" in joined and "在哪" not in joined
    assert [t.number for t in tickets_of(running, caller)] == [fight]
    for staff in (DUTY_OFFICER, YANG_YAN):
        assert any("有个已经在流血了" in t for t in told(running, staff, fight)), staff


def test_a_new_worker_dispatched_to_the_emergency_is_told_once_with_the_place(running: Stack):
    # Blind test 8, #57: after the duty officer's dispatch 吴军 got the same 【紧急】 notice twice, with no place.
    caller = PASSERS_BY[3]
    fainted = number_in(say(running, caller, "有人晕倒了 快点"))
    say(running, caller, "农贸市场后门")
    [reply] = say(running, DUTY_OFFICER, f"把{fainted}派到安居社区第4网格去 快点")
    assert fainted in reply and "吴军" in reply
    alerts = [t for t in told(running, WU_JUN, fainted) if "【紧急】" in t]
    assert len(alerts) == 1 and "农贸市场后门" in alerts[0]


def test_a_location_alone_for_an_emergency_is_told_as_its_grid_and_point_and_the_spot_after_it_to_all(
        running: Stack):
    # Blind test 8, #55: the alerts said "地点：共享的位置" with no coordinates; the exact spot reached the worker only.
    caller = PASSERS_BY[4]
    sparks = number_in(say(running, caller, "充电棚那点电线在冒火花 好多电瓶车停起的"))
    [placed] = say(running, caller, "", lat=POINT_IN_GRID_1[0], lon=POINT_IN_GRID_1[1])
    assert "共享的位置" not in placed and "幸福社区第1网格" in placed
    point = f"{POINT_IN_GRID_1[0]:.4f},{POINT_IN_GRID_1[1]:.4f}"
    for staff in (DUTY_OFFICER, XF_SECRETARY):
        [place] = [t for t in told(running, staff, sparks) if "地点" in t and "待核实" not in t]
        assert point in place and "幸福社区第1网格" in place and "共享的位置" not in place, staff
    [notice] = told(running, LI_LEI, sparks)  # the grid worker, with the point
    assert point in notice
    [added] = say(running, caller, "就是这点 阳光小区北门")  # the exact spot: everyone alerted hears it
    assert sparks in added
    for staff in (DUTY_OFFICER, XF_SECRETARY, LI_LEI):
        assert any("阳光小区北门" in t for t in told(running, staff, sparks)), staff

"""Blind test 22's emergencies (rows #1, #6, #14, #48, #50, #66, #81, #107), through the gateway, the real engine
and the real action server: 倒起了 after a verb of a thing's state (堵倒起, 坏倒起) is no one down; "不是急事" makes an
emergency an ordinary ticket and nothing after speaks of 120/110; a washed-out farm track is an ordinary report;
people trapped by water are told 119; a question mid-emergency is answered, never thanked; a fall at a registered
resident's home is placed there and the detail that follows joins it; a location sent just before is the
emergency's place. Voices: passers-by (not in the registry), residents of 幸福社区第1网格 and a rider. Each runs on
SQLite and PostgreSQL; the duty officer is shared, so what is asserted of her is about this test's tickets."""

from __future__ import annotations

import pytest

from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import bare, left_ordinary, live_at, number_in, raised, register, say, tickets_of, told

pytestmark = pytest.mark.engine

PASSERS_BY = [f"+861399999019{n}" for n in range(1, 10)]  # not in the registry
RESIDENTS = [f"+86139000003{n:02d}" for n in (0, 2, 3)]  # added to 幸福社区第1网格
RIDER = "+8613600000081"
GRID = "幸福社区第1网格"
HOME = "阳光小区1栋2单元401"
OUTSIDE_EVERY_GRID = (25.4012, 103.2895)  # west of the demo's grids, as blind test 22's rider was
CALL_NOW = "马上打"



def test_a_thing_blocked_or_broken_daoqi_is_no_emergency_a_person_daoqi_still_is(running: Stack):
    # Blind test 22, #1 and #48: 堵倒起了, 坏倒起了 ("…着") were told 120和110, the duty officer alerted.
    for caller, text in ((PASSERS_BY[0], "喂 河畔花园门口的路灯坏倒起了"),
                         (PASSERS_BY[1], "喂 安居苑门口那个下水道堵倒起了 臭得很")):
        replies = say(running, caller, text)
        assert not any("120" in bare(r) or "110" in bare(r) for r in replies), replies
        [ticket] = tickets_of(running, caller)
        assert left_ordinary(running, ticket)
    caller = PASSERS_BY[2]
    replies = say(running, caller, "河畔花园门口有个老人在路边倒起了 喊不应")
    assert any("120" in bare(r) for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)


def test_not_urgent_makes_the_emergency_an_ordinary_ticket_and_no_call_advice_follows(running: Stack):
    # Blind test 22, #1 and #6: "这个不是急事哈" was a 补充; "师傅好久到嘛" then got "还没打120和110请马上打！".
    resident = register(running, RESIDENTS[0], "resident", GRID)
    number = number_in(say(running, resident, "楼道里头的电表箱在冒烟"))
    [ticket] = tickets_of(running, resident)
    assert raised(running, ticket) and ticket.number == number
    [reply] = say(running, resident, "这个不是急事哈 没得危险 就是有点糊味")
    assert number in reply and "普通" in reply and "补充" not in reply, reply
    [ticket] = tickets_of(running, resident)
    assert ticket.severity != "critical" and ticket.priority != "immediate"
    assert any("无需按紧急处置" in n for n in told(running, DUTY_OFFICER, number))
    replies = say(running, resident, "师傅好久到嘛")
    assert not any(CALL_NOW in r or "120" in bare(r) or "119" in bare(r) or "110" in bare(r) for r in replies), replies
    assert len(tickets_of(running, resident)) == 1


def test_a_farm_track_washed_half_away_is_an_ordinary_report(running: Stack):
    # Blind test 22, #66: "情况紧急请先拨打110！" for a road with nobody in danger.
    caller = PASSERS_BY[3]
    replies = say(running, caller, "三组过去那段机耕道遭水冲垮了一半 拖拉机过不去")
    assert not any("拨打" in r for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert left_ordinary(running, ticket)


def test_a_family_trapped_by_rising_water_is_told_119(running: Stack):
    # Blind test 22, #14: told only 110.
    caller = PASSERS_BY[4]
    replies = say(running, caller, "河滨路涨水了 一家人被困在屋头")
    assert any("119" in bare(r) for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert ticket.severity == "critical"


def test_asking_whether_the_fire_is_out_and_they_may_go_back_is_answered_never_thanked(running: Stack):
    # Blind test 22, #107: "收到，已转告值班人员。大家平安就好，谢谢您告诉我们！" to a question.
    caller = PASSERS_BY[5]
    fire = number_in(say(running, caller, "着火了 安居苑二期5栋一楼的门面冒好大的烟"))
    [reply] = say(running, caller, "火灭了没得 我们可以回去了不")
    assert "安全" in reply and "谢谢" not in reply and "平安就好" not in reply, reply
    assert any("报告人问" in n and "回去" in n for n in told(running, DUTY_OFFICER, fire))


def test_a_fall_at_a_registered_residents_home_is_placed_there_and_the_detail_joins_it(running: Stack):
    # Blind test 22, #81: asked 在哪里 though registered; "他80多岁了 有高血压" opened a new ticket.
    resident = live_at(running, RESIDENTS[1], GRID, HOME)
    replies = say(running, resident, "老头子从床上摔下来了 爬不起来 我一个人扶不动他")
    fall = number_in(replies)
    assert any("120" in bare(r) for r in replies), replies
    assert not any("在哪里" in r for r in replies), replies
    assert any(HOME in r for r in replies), replies
    say(running, resident, "他80多岁了 有高血压")
    [ticket] = tickets_of(running, resident)
    assert ticket.number == fall and "高血压" in ticket.text
    assert any("高血压" in n for n in told(running, DUTY_OFFICER, fall))


def test_a_location_sent_just_before_is_the_emergencys_place(running: Stack):
    # Blind test 22, #50: asked 在哪里, and the duty officer got 地点待核实.
    rider = register(running, RIDER, "rider")
    say(running, rider, "", lat=OUTSIDE_EVERY_GRID[0], lon=OUTSIDE_EVERY_GRID[1])
    replies = say(running, rider, "这里一个骑摩托的被大货车挂倒了 流了好多血")
    crash = number_in(replies)
    assert any("120和110" in bare(r) for r in replies), replies
    assert not any("在哪里" in r for r in replies), replies
    [ticket] = [t for t in tickets_of(running, rider) if t.number == crash]
    assert (ticket.lat, ticket.lon) == OUTSIDE_EVERY_GRID
    notices = told(running, DUTY_OFFICER, crash)
    assert notices and all("地点待核实" not in n for n in notices), notices
    assert any("定位25.4012,103.2895" in n for n in notices), notices

"""Blind test 9's emergencies (rows #3, #28, #32, #33, #34, #45, #55, #57), through the gateway, the real engine and
the real action server: people inside a stopped lift are an emergency without 困 or 关到, and "要不要打119哦" after it
is answered; a fight with a broken head is told 120 and 110; whoever a place answer brings in hears what happened;
a place answer starting with 去 keeps its place; a question while "where?" stands is calmed, never the menu; a home
emergency's notice carries the home's address; a photo while "where?" stands goes onto the emergency. Voices:
passers-by (not in the registry) and residents of 安居社区第4网格 (农贸市场). Each runs on SQLite and PostgreSQL;
the duty officer is shared, so what is asserted of her is about this test's tickets."""

from __future__ import annotations

import pytest

from bot.channels.simulator import ONE_PIXEL_PNG
from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import assignee_phone, bare, left_ordinary, number_in, raised, say, tickets_of, told

pytestmark = pytest.mark.engine

PASSERS_BY = [f"+861399999015{n}" for n in range(1, 10)] + ["+8613999990160"]  # not in the registry
RESIDENTS = [f"+86139000001{n}" for n in range(41, 47)]  # 安居社区第4网格 (农贸市场)
HEBIN_SECRETARY, ANJU_SECRETARY = "+8613800003001", "+8613800002001"
HEBIN_WORKERS = [f"+86137000000{n:02d}" for n in range(9, 13)]
ANJU_WORKERS = [f"+86137000000{n:02d}" for n in range(5, 9)]
MENU = "1 反映问题"


def test_people_inside_a_stopped_lift_are_an_emergency_and_asking_about_119_is_answered(running: Stack):
    # Blind test 9, #32: an ordinary ticket, no call advice, nobody alerted; the 119 question filed as a 补充.
    caller = PASSERS_BY[0]
    replies = say(running, caller, "河畔花园3栋的电梯卡起了 里头关了两个老年人")
    stuck = number_in(replies)
    assert any("119" in bare(r) and "电梯" in r for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert ticket.severity == "critical" and ticket.category == "housing_utilities"
    assert told(running, DUTY_OFFICER, stuck) and told(running, HEBIN_SECRETARY, stuck)
    [advice] = say(running, caller, "要不要打119哦 我们在外头喊他们答应了的")
    assert "119" in advice and "救援" in advice and "补充" not in advice, advice
    [ticket] = tickets_of(running, caller)
    assert "喊他们答应" not in ticket.text


def test_a_lift_stopped_halfway_with_someone_inside_is_an_emergency_a_broken_empty_one_is_not(running: Stack):
    # Blind test 9, #45: "安居苑2栋电梯卡到半中间了 里头还有人" was an ordinary ticket.
    caller = PASSERS_BY[1]
    replies = say(running, caller, "安居苑2栋电梯卡到半中间了 里头还有人")
    stuck = number_in(replies)
    assert any("119" in bare(r) for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket) and ticket.number == stuck
    resident = RESIDENTS[2]
    broken = say(running, resident, "电梯坏了 好几天了")
    assert not any("119" in bare(r) for r in broken), broken
    [ordinary] = tickets_of(running, resident)
    assert left_ordinary(running, ordinary)


def test_a_fight_with_a_broken_head_is_told_120_and_110_and_the_grid_brought_in_hears_the_injury(running: Stack):
    # Blind test 9, #57: told only 110; the 安居 workers and secretary got the place without the injury.
    caller = PASSERS_BY[2]
    replies = say(running, caller, "有两个在打架 一个头都打破了 流好多血")
    fight = number_in(replies)
    assert any("120和110" in bare(r) for r in replies), replies
    say(running, caller, "安居社区 广场那点")
    for staff in (ANJU_SECRETARY, *ANJU_WORKERS):
        notices = told(running, staff, fight)
        assert any("打破" in n and "广场" in n for n in notices), (staff, notices)


def test_the_grid_a_place_answer_brings_in_hears_what_happened_with_the_place(running: Stack):
    # Blind test 9, #3: the 河滨 workers and secretary got only "紧急工单T1003【治安】地点：…", never 拿起刀了.
    caller = PASSERS_BY[3]
    knife = number_in(say(running, caller, "有人打架 拿起刀了"))
    say(running, caller, "河滨社区菜市场后门这点")
    for staff in (HEBIN_SECRETARY, *HEBIN_WORKERS):
        notices = told(running, staff, knife)
        assert any("刀" in n and "菜市场后门" in n for n in notices), (staff, notices)
    assert any("菜市场后门" in n for n in told(running, DUTY_OFFICER, knife))


def test_a_place_answer_starting_with_qu_keeps_the_place_for_the_duty_officer(running: Stack):
    # Blind test 9, #28: "就是去高速路口…" was dropped ("地点不明（未说明）"), 详情 said 待分派 twice.
    caller = PASSERS_BY[4]
    asked = say(running, caller, "电线杆歪了")
    assert any("在哪" in r for r in asked), asked
    number = number_in(say(running, caller, "就是去高速路口那条路上 加油站过去点"))
    [ticket] = tickets_of(running, caller)
    assert "高速路口" in ticket.place_text and not ticket.place_text.startswith("就是去"), ticket.place_text
    notices = told(running, DUTY_OFFICER, number)
    assert any("高速路口" in n for n in notices) and not any("未说明" in n for n in notices), notices
    details = " ".join(say(running, DUTY_OFFICER, f"{number} 详情"))
    assert "待分派，待分派" not in details and "高速路口" in details, details


def test_a_place_answer_on_the_way_to_the_village_is_routed_there(running: Stack):
    # Blind test 9, #55: "去石桥村那条路上 桥头过来一点点" was dropped though it names 石桥村.
    caller = PASSERS_BY[5]
    say(running, caller, "路灯杆子被车撞歪了")
    number = number_in(say(running, caller, "去石桥村那条路上 桥头过来一点点"))
    [ticket] = tickets_of(running, caller)
    assert ticket.number == number and ticket.unit is not None and ticket.unit.name == "石桥村网格"
    assert "石桥村" in ticket.place_text and not ticket.place_text.startswith("去"), ticket.place_text


def test_a_question_while_where_is_asked_is_calmed_with_120_never_the_menu(running: Stack):
    # Blind test 9, #33: "帮我查一下最近的医院在哪点" got "这个我帮不上忙" and the menu.
    caller = PASSERS_BY[6]
    down = number_in(say(running, caller, "有个人在路边倒起了"))
    [calm] = say(running, caller, "帮我查一下最近的医院在哪点")
    assert "120" in calm and "地点" in calm and MENU not in calm and "帮不上" not in calm, calm
    thanks = say(running, caller, "安居苑大门口 公交站旁边")
    assert any("收到地点" in r for r in thanks), thanks
    [ticket] = tickets_of(running, caller)
    assert ticket.number == down and "安居苑" in ticket.place_text


def test_a_home_emergencys_notice_to_whoever_must_act_carries_the_home_address(running: Stack):
    # Blind test 9, #34: the worker's 【紧急】 notice had no address or grid, though the reply named the home.
    son = RESIDENTS[0]  # 农贸市场1栋101
    replies = say(running, son, "我妈在屋头晕倒了 咋个办")
    fainted = number_in(replies)
    assert any("120" in bare(r) for r in replies), replies
    notices = told(running, assignee_phone(running, fainted), fainted)
    assert any("紧急" in n and "农贸市场1栋101" in n for n in notices), notices
    assert any("农贸市场1栋101" in n for n in told(running, DUTY_OFFICER, fainted))


def test_a_photo_while_an_emergency_waits_for_its_place_goes_onto_it_and_where_is_asked_again(running: Stack):
    # An earlier blind test: the photo was neither kept on the emergency nor was a new ticket right.
    caller = PASSERS_BY[7]
    down = number_in(say(running, caller, "有个老人在路边倒起了 喊不应"))
    [kept] = say(running, caller, "", photo=ONE_PIXEL_PNG)
    assert down in kept and "照片" in kept and "在哪" in kept, kept
    [ticket] = tickets_of(running, caller)
    assert ticket.number == down and len(ticket.photos) == 1
    say(running, caller, "安居苑门口")
    [ticket] = tickets_of(running, caller)
    assert len(ticket.photos) == 1 and "安居苑" in ticket.place_text

"""Blind test 29's emergencies missed or wrongly raised (docs/usertests/2026-12-07-blind17.md, failures 1 and 6, and
A10-2, A12-3, A14-12, A6-6), through the gateway, the real engine and the real action server: someone outside a railing
or a window is 110 with the duty officer alerted, a petrol threat 119 and 110; a blocked ditch and a lift's past
trouble are ordinary tickets; a bin on fire is 119's, a child beaten 110's, a drunk lying in the road 110's, choking
120's; smoke after a 烧纸 report raises that ticket, never a second asking where; an earthquake, a bite, a fever are
answered with what to do, never filed; 我要报警 with a theft is filed and told to call 110.

Voices: passers-by not in the registry (+86139666500 …), one made a villager of 石桥村. Each runs on SQLite and
PostgreSQL; the duty officer is shared, so what is asserted of her is about this test's tickets."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import bare, left_ordinary, live_at, raised, say, tickets_of

pytestmark = pytest.mark.engine
PASSERS_BY = [f"+86139666{n}" for n in range(500, 540)]


def _calls(replies: list[str]) -> set[str]:
    """The emergency numbers the replies tell the sender to call."""
    said = " ".join(bare(r) for r in replies)
    return {number for number in ("110", "119", "120") if number in said}


@pytest.mark.parametrize(("index", "text"), [
    (0, "河畔花园1栋天台有个娃儿翻出栏杆了 在哭"),  # A1-2: an ordinary ticket to 周明
    (1, "安居苑2栋有个人站在阳台栏杆外面 喊他不应"),  # A1-3
    (2, "有个老太婆站在安居苑11栋五楼窗子外面的台台上"),  # A1-6
])
def test_someone_outside_a_railing_or_a_window_is_110_with_the_duty_officer_alerted(running: Stack, index: int,
                                                                                   text: str):
    caller = PASSERS_BY[index]
    replies = say(running, caller, text)
    assert _calls(replies) == {"110"}, replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket) and ticket.category == "public_security"


@pytest.mark.parametrize(("index", "text"), [
    (3, "看到一个人往车上倒汽油 河畔花园停车场"),  # A3-4: ordinary
    (4, "安居苑门口有人提桶汽油 说要把物业办公室烧了"),  # A3-6: ordinary
])
def test_a_petrol_threat_is_an_emergency_for_119_and_110(running: Stack, index: int, text: str):
    caller = PASSERS_BY[index]
    replies = say(running, caller, text)
    assert _calls(replies) == {"110", "119"}, replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket) and ticket.category == "fire_safety"


def test_a_blocked_irrigation_ditch_is_an_ordinary_ticket_never_119(running: Stack):
    villager = live_at(running, PASSERS_BY[5], "石桥村网格", "石桥村一组")
    replies = say(running, villager, "一组那个水渠堵了 田里灌不进水")  # B66: "情况紧急请先拨打119！"
    assert not _calls(replies) and any("工单" in r for r in replies), replies
    [ticket] = tickets_of(running, villager)
    assert left_ordinary(running, ticket)


def test_a_long_complaint_telling_of_last_weeks_lift_trouble_is_an_ordinary_lift_ticket(running: Stack):
    caller = PASSERS_BY[6]
    replies = say(running, caller, "安居苑4栋2单元电梯经常停 上礼拜还把一个老人关在里头半个小时 物业说没得钱修 "
                                   "你们到底管不管嘛")  # B159: 电梯救援电话或119, the duty officer alerted
    assert not _calls(replies) and not any("救援" in r for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert left_ordinary(running, ticket)


def test_a_bin_on_fire_is_119s_never_110(running: Stack):
    caller = PASSERS_BY[7]
    replies = say(running, caller, "安居苑门口垃圾桶燃起来了")  # A12-4: "情况紧急请先拨打110！"
    assert _calls(replies) == {"119"}, replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket) and ticket.category == "fire_safety"


@pytest.mark.parametrize(("index", "text"), [
    (8, "楼下那家大人拿皮带抽娃娃 河畔花园3栋 听到叫得好惨"),  # A77b: 120
    (9, "隔壁天天打娃娃 娃娃哭得好造孽 安居苑5栋"),  # A77: an ordinary ticket, nobody above told
    (10, "河畔花园门口有个醉鬼躺在路中间"),  # B39: an ordinary ticket
])
def test_a_child_beaten_or_a_drunk_lying_in_the_road_is_110_with_the_duty_officer_alerted(running: Stack, index: int,
                                                                                         text: str):
    caller = PASSERS_BY[index]
    replies = say(running, caller, text)
    assert _calls(replies) == {"110"}, replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket) and ticket.category == "public_security"


def test_choking_is_a_120_emergency(running: Stack):
    caller = PASSERS_BY[11]
    replies = say(running, caller, "老汉吃饭噎住了 喘不过气")
    assert "120" in _calls(replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)


def test_smoke_after_a_烧纸_report_raises_that_ticket_with_its_place_never_a_second_asking_where(running: Stack):
    caller = PASSERS_BY[12]
    say(running, caller, "河畔花园5栋有人在楼道里烧纸")
    [burning] = tickets_of(running, caller)
    assert left_ordinary(running, burning)
    replies = say(running, caller, "烟子好大 整个楼道都是")  # B106: a second ticket, 119, "在哪里？"
    assert "119" in _calls(replies) and burning.number in " ".join(replies), replies
    assert not any("在哪" in r for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert ticket.number == burning.number and raised(running, ticket)


@pytest.mark.parametrize(("index", "text", "words"), [
    (13, "地震了 楼在晃 咋个办", ("伏地", "手抓牢")),  # A14-12: 120 and "在哪里？"
    (14, "刚才是不是地震了 我们要不要跑下楼", ("楼梯", "别坐电梯")),  # A14-12b: 没太看懂
    (15, "我孙子发烧 一直退不下去", ("医院",)),  # A10-2: "请问在哪点？"
    (16, "遭狗咬了 狂犬疫苗去哪点打", ("15分钟", "24小时内")),  # A12-3: "请问在哪点？"
    (17, "被猫抓了 要打针不", ("冲洗", "狂犬疫苗")),  # A12-3b
])
def test_an_earthquake_a_fever_or_a_bite_asked_about_gets_what_to_do_never_a_ticket_or_where(
        running: Stack, index: int, text: str, words: tuple[str, ...]):
    caller = PASSERS_BY[index]
    replies = say(running, caller, text)
    assert any(all(w in r for w in words) for r in replies), replies
    assert not any("在哪" in r or "没太看懂" in r or "工单" in r for r in replies), replies
    assert tickets_of(running, caller) == []


def test_wanting_the_police_for_a_stolen_bike_is_filed_and_told_to_call_110(running: Stack):
    caller = PASSERS_BY[18]
    replies = say(running, caller, "我要报警 电瓶车遭偷了 安居苑")  # A6-6: filed, 110 never said
    assert any("工单" in r for r in replies) and any("110" in r for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert left_ordinary(running, ticket)

"""Blind test 32 (docs/usertests/2026-12-07-blind20.md), a detail or a different problem glued to the wrong ticket,
through the gateway, the real engine and the real action server:

- 楼上没人在家 电话也打不通 after a leak from upstairs joins it (B27 opened a second ticket);
- 水压好小 after the sender's 单元门锁, 楼道里的灯一闪一闪 after 剁肉, 电瓶车遭偷了 after 电线 are tickets of their own,
  never 补充 nor "补充还是新问题？" (B3, B2, A94);
- 消防车都进不来 after 乱停车 joins it without asking (B30);
- a rider's 路口 晚上没得灯, after his report was merged into another's 井盖, is a ticket of its own (B154);
- rubbish nobody collects, dumped, piled a week, is never merged into another's fallen bin, nor 好几天没看到收垃圾的
  into a smelly bin station resolved (A63, A112, B118); a second fallen bin still is;
- 楼道里堆满了杂物 消防通道都堵了 is one ticket (L9 was split in two).

Senders: +86139555520000 … 099, in no other test; places 安居苑 / 河畔花园 buildings 541–559. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import assignee_phone, file_report, register, say, ticket_numbered, tickets_of

pytestmark = pytest.mark.engine
SENDERS = [f"+861395555200{n:02d}" for n in range(0, 100)]
ASKED = "新问题"
MERGED = "已并入"


def _added_to(number: str, replies: list[str]) -> bool:
    return any("已补充" in r and number in r for r in replies)


def _new_ticket(running: Stack, sender: str, replies: list[str], before: set[str]) -> str:
    """The one ticket `replies` opened for `sender`, never asked about nor added to another."""
    assert not any(ASKED in r or "已补充" in r for r in replies), replies
    made = [t.number for t in tickets_of(running, sender) if t.number not in before]
    assert len(made) == 1 and any(made[0] in r for r in replies), (replies, made)
    return made[0]


def test_a_neighbour_out_of_reach_is_a_detail_of_the_leak(running: Stack):
    resident = SENDERS[0]  # B27: "收到，工单T1058已派给网格员杨艳…"
    number = file_report(running, resident, "楼上漏水漏到我家了 安居苑541栋302")
    replies = say(running, resident, "楼上没人在家 电话也打不通")
    assert _added_to(number, replies), replies
    assert [t.number for t in tickets_of(running, resident)] == [number]
    assert "打不通" in ticket_numbered(running, number).text


def test_low_water_pressure_after_a_door_lock_is_its_own_ticket(running: Stack):
    resident = SENDERS[1]  # B3: "已补充到工单T1004"
    lock = file_report(running, resident, "安居苑542栋单元门锁坏了 关不上")
    replies = say(running, resident, "我们这栋的水压好小 洗澡水都上不来")
    water = _new_ticket(running, resident, replies, {lock})
    assert "水压" not in ticket_numbered(running, lock).text and "水压" in ticket_numbered(running, water).text


def test_a_flickering_stairway_light_after_a_noise_report_is_new_without_asking(running: Stack):
    resident = SENDERS[2]  # B2: "是补充T1002（我家楼上天天半夜剁…），还是新问题？"
    noise = file_report(running, resident, "我家楼上天天半夜剁肉 吵得睡不着 安居苑543栋")
    replies = say(running, resident, "楼道里的灯一闪一闪的 晚上怕摔跤")
    _new_ticket(running, resident, replies, {noise})


def test_a_stolen_ebike_after_a_wiring_report_is_new_without_asking(running: Stack):
    rider = register(running, SENDERS[3])  # A94: "是补充T1084（…），还是新问题？"
    wires = file_report(running, rider, "安居苑544栋车棚的电线乱拉乱接 怕起火")
    replies = say(running, rider, "我电瓶车遭偷了 在安居苑544栋车棚")
    _new_ticket(running, rider, replies, {wires})


def test_what_the_parking_keeps_out_is_a_detail_without_asking(running: Stack):
    resident = SENDERS[4]  # B30: "是补充T1057…还是新问题？"
    number = file_report(running, resident, "安居苑545栋门口天天有人乱停车")
    replies = say(running, resident, "消防车都进不来")
    assert _added_to(number, replies) and not any(ASKED in r for r in replies), replies
    assert len(tickets_of(running, resident)) == 1


def test_a_dark_crossing_after_a_report_merged_into_a_manhole_is_its_own_ticket(running: Stack):
    neighbour, rider = SENDERS[5], register(running, SENDERS[6])  # B154: "已补充到工单T1033"
    cover = file_report(running, neighbour, "安居苑546栋门口井盖松了 踩上去晃")
    merged = say(running, rider, "安居苑546栋门口的井盖松了 电瓶车差点翻了")
    assert any(MERGED in r and cover in r for r in merged), merged
    before = {t.number for t in tickets_of(running, rider)}
    replies = say(running, rider, "安居苑546栋那个路口 晚上没得灯 好黑 差点撞到人")
    assert not any(cover in r for r in replies), replies
    lamp = _new_ticket(running, rider, replies, before)
    assert ticket_numbered(running, lamp).status != "merged" and "没得灯" not in ticket_numbered(running, cover).text


@pytest.mark.parametrize(("words", "n"), [
    (["我想反映个事", "我们那边垃圾好久没人收了", "河畔花园547栋"], 8),  # A63
    (["河畔花园547栋有人晚上乱倒垃圾"], 9),  # A112
    (["垃圾堆了一个礼拜了 河畔花园547栋"], 10),
])
def test_rubbish_of_another_kind_is_never_merged_into_a_strangers_fallen_bin(running: Stack, words: list[str],
                                                                           n: int):
    bin_ = _fallen_bin(running)
    replies: list[str] = []
    for text in words:
        replies = say(running, SENDERS[n], text)
    # Another's rubbish of the same kind before it (好久没人收 … 堆了一个礼拜) may take it: never the fallen bin.
    assert not any(bin_ in r for r in replies), replies
    [mine] = tickets_of(running, SENDERS[n])
    assert any(mine.number in r for r in replies) or any(MERGED in r for r in replies), replies
    assert mine.merged_into_id != ticket_numbered(running, bin_).id


def _fallen_bin(running: Stack) -> str:
    """The stranger's 垃圾桶倒了 the others' rubbish might be merged into (once per database)."""
    found = tickets_of(running, SENDERS[7])
    return found[0].number if found else file_report(running, SENDERS[7], "河畔花园547栋门口垃圾桶倒了")


def test_a_second_fallen_bin_is_still_merged(running: Stack):
    bin_ = _fallen_bin(running)
    replies = say(running, SENDERS[11], "河畔花园547栋门口的垃圾桶遭风吹倒了")
    assert any(MERGED in r and bin_ in r for r in replies), replies


def test_rubbish_not_collected_is_never_merged_into_a_smell_ticket_just_resolved(running: Stack):
    smell = file_report(running, SENDERS[12], "安居苑548栋后面垃圾站臭得很")  # B118: "已并入工单T1078"
    say(running, assignee_phone(running, smell), f"{smell} 已办结 垃圾站冲洗干净了")
    assert ticket_numbered(running, smell).status == "resolved"
    replies = say(running, SENDERS[13], "好几天没看到收垃圾的了 安居苑548栋后面")
    assert not any(MERGED in r or smell in r for r in replies), replies
    [mine] = tickets_of(running, SENDERS[13])
    assert mine.status != "merged" and any(mine.number in r for r in replies), replies


def test_a_stairway_blocked_by_things_piled_there_is_one_ticket(running: Stack):
    resident = SENDERS[14]  # L9: "分成两件：工单T1007和T1008"
    replies = say(running, resident, "安居苑549栋楼道里堆满了杂物 消防通道都堵了")
    assert not any("两件" in r for r in replies), replies
    assert len(tickets_of(running, resident)) == 1, replies

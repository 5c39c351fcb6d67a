"""Blind test 31's returns to a resolved ticket (docs/usertests/2026-12-07-blind19.md, B56, B56b, B90, B94, A-B14a2,
B112b, B63, A-B4a2, A-B92b2, S17c), through the gateway, the real engine and the real action server: minutes after
the worker's 已办结 the reporter asking whether it is done hears 已办结 and the worker's words, never "请问在哪点？";
saying it still does not work or is back again reopens it for the worker; 满意 inside a longer message rates it;
还有点晃 in a basic rating reopens it; 水压正常了 resolves.

Voices: +8613955542001 … 099; places: buildings 251–259 of 安居苑 / 河畔花园. Each runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import (
    as_if_earlier,
    assignee_phone,
    file_report,
    register,
    say,
    ticket_numbered,
    tickets_of,
    told,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+86139555420{n:02d}" for n in range(1, 100)]
WHERE = "在哪"


def resolved_report(running: Stack, rider: str, text: str, note: str) -> tuple[str, str]:
    """A report filed and resolved by its holder with `note`: (its number, the holder's phone)."""
    number = file_report(running, rider, text)
    holder = assignee_phone(running, number)
    say(running, holder, f"{number} {note}")
    assert ticket_numbered(running, number).status == "resolved", number
    return number, holder


def test_asking_whether_the_lift_is_fixed_gets_its_state_and_still_broken_reopens_it(running: Stack) -> None:
    # B56, B56b: "电梯修好没得", "电梯到底修好没有 我还是下不了楼" → "请问在哪点？".
    rider = register(running, SENDERS[0])
    lift, holder = resolved_report(running, rider, "安居苑251栋电梯坏了 老人下不了楼", "已办结 电梯修好了 换了零件")
    as_if_earlier(running, rider, 5)
    [answer] = say(running, rider, "电梯修好没得")
    assert lift in answer and "已办结" in answer and "电梯修好了" in answer and WHERE not in answer, answer
    as_if_earlier(running, rider, 3)
    [answer] = say(running, rider, "电梯到底修好没有 我还是下不了楼")
    assert lift in answer and "重新交办" in answer, answer
    assert ticket_numbered(running, lift).status == "reopened"
    assert any("下不了楼" in t for t in told(running, holder, lift))
    assert [t.number for t in tickets_of(running, rider)] == [lift]


def test_asking_after_the_other_of_two_resolved_tickets_names_that_one(running: Stack) -> None:
    # B56: "电梯修好了啊 那楼道灯呢" → "请问在哪点？".
    rider = register(running, SENDERS[1])
    resolved_report(running, rider, "安居苑252栋电梯坏了", "已办结 电梯修好了")
    lamp, _ = resolved_report(running, rider, "安居苑252栋3单元楼道灯不亮", "已办结 灯泡换好了")
    as_if_earlier(running, rider, 5)
    [answer] = say(running, rider, "电梯修好了啊 那楼道灯呢")
    assert lamp in answer and "已办结" in answer, answer


def test_cardboard_back_again_after_a_satisfied_rating_reopens_it(running: Stack) -> None:
    # B90: "纸壳子又堆起了" → "请问在哪点？"; with 5栋 → "没找到这个地方".
    rider = register(running, SENDERS[2])
    number, holder = resolved_report(running, rider, "河畔花园253栋楼道里纸壳子堆满了 过不去", "已办结 纸壳子清走了")
    say(running, rider, "1")
    assert ticket_numbered(running, number).status == "closed"
    as_if_earlier(running, rider, 5)
    [answer] = say(running, rider, "纸壳子又堆起了")
    assert number in answer and "重新交办" in answer and WHERE not in answer, answer
    assert ticket_numbered(running, number).status == "reopened"
    assert any("又堆起了" in t for t in told(running, holder, number))


def test_the_shoe_cabinet_back_again_with_its_place_reopens_the_ticket_not_a_new_one(running: Stack) -> None:
    # B94: "邻居那个鞋柜又摆出来了 河畔花园4栋" → a new ticket, the old one not reopened.
    rider = register(running, SENDERS[3])
    number, _ = resolved_report(running, rider, "河畔花园254栋邻居把鞋柜摆在楼道 占道", "已办结 鞋柜搬走了")
    say(running, rider, "满意")
    as_if_earlier(running, rider, 12)
    [answer] = say(running, rider, "邻居那个鞋柜又摆出来了 河畔花园254栋")
    assert number in answer and "重新交办" in answer, answer
    assert ticket_numbered(running, number).status == "reopened"
    assert [t.number for t in tickets_of(running, rider)] == [number]


def test_the_door_said_fixed_that_still_does_not_shut_is_reopened(running: Stack) -> None:
    # A-B14a2: "单元门说修好了 还是关不上" → "请问在哪点？".
    rider = register(running, SENDERS[4])
    number, holder = resolved_report(running, rider, "河畔花园255栋单元门坏了 关不上", "单元门修好了")
    as_if_earlier(running, rider, 9)
    [answer] = say(running, rider, "单元门说修好了 还是关不上")
    assert number in answer and "重新交办" in answer, answer
    assert any("关不上" in t for t in told(running, holder, number))


def test_the_ice_asked_after_gets_the_workers_words_and_still_slippery_reopens_it(running: Stack) -> None:
    # B63: "路上的冰化了没得 我要出门" → "请问在哪点？"; "冰是化了 但是坡上还是滑" → "没太看懂".
    rider = register(running, SENDERS[5])
    number, _ = resolved_report(running, rider, "河畔花园256栋门口那个坡结冰了 好滑", "撒了盐了 冰化了")
    as_if_earlier(running, rider, 5)
    [answer] = say(running, rider, "路上的冰化了没得 我要出门")
    assert number in answer and "冰化了" in answer and WHERE not in answer, answer
    [answer] = say(running, rider, "冰是化了 但是坡上还是滑")
    assert number in answer and "重新交办" in answer, answer
    assert ticket_numbered(running, number).status == "reopened"


def test_satisfied_in_words_with_praise_rates_and_reaches_the_worker(running: Stack) -> None:
    # A-B4a2: "灯亮了 满意 杨网格员辛苦了" → asked to rate again.
    rider = register(running, SENDERS[6])
    number, holder = resolved_report(running, rider, "安居苑257栋门口路灯不亮", "已办结 灯泡换好了")
    [answer] = say(running, rider, "灯亮了 满意 网格员辛苦了")
    assert "请评价" not in answer and number in answer, answer
    ticket = ticket_numbered(running, number)
    assert ticket.status == "closed" and ticket.rating == 1
    assert any("辛苦了" in t for t in told(running, holder, number))


def test_a_basic_rating_saying_the_rail_still_wobbles_reopens_it(running: Stack) -> None:
    # A-B92b2: "还行 就是还有点晃" → closed, only passed on.
    rider = register(running, SENDERS[7])
    number, _ = resolved_report(running, rider, "安居苑258栋楼梯扶手松了 摇得很", "已办结 扶手固定好了")
    say(running, rider, "还行 就是还有点晃")
    assert ticket_numbered(running, number).status == "reopened"


def test_water_pressure_back_to_normal_resolves_and_the_reporter_hears_it(running: Stack) -> None:
    # S17c: "T1053 水压正常了" → "已记为处理中"; then "水压好了没得".
    rider = register(running, SENDERS[8])
    number = file_report(running, rider, "河畔花园259栋水压太小了 楼上都没得水")
    [answer] = say(running, assignee_phone(running, number), f"{number} 水压正常了")
    assert "办结" in answer, answer
    assert ticket_numbered(running, number).status == "resolved"
    as_if_earlier(running, rider, 5)
    [answer] = say(running, rider, "水压好了没得")
    assert number in answer and "已办结" in answer, answer


def test_the_barbecue_stall_back_again_reopens_its_ticket(running: Stack) -> None:
    # B112b: "烧烤摊又摆起了" → "请问在哪点？".
    rider = register(running, SENDERS[9])
    number, _ = resolved_report(running, rider, "投诉 烧烤摊的烟子熏死人了 安居苑259栋门口", "已办结 劝离了")
    as_if_earlier(running, rider, 9)
    [answer] = say(running, rider, "烧烤摊又摆起了")
    assert number in answer and "重新交办" in answer and WHERE not in answer, answer
    assert ticket_numbered(running, number).status == "reopened"

"""Blind test 27's emergency failures (docs/usertests/2026-12-06-blind15.md, B63, B99, A1b, A53, A98, C2, A77a, A52,
B64, B71, B74), through the gateway, the real engine and the real action server: someone about to jump or end their
life is 110 with the duty officer alerted, and "那个人下来没有" is answered with the emergency's state; an old person
out since morning and not back is the lost-elder 110, the estate said beside how they look is its place, a named
bridge is a place; a beating with 救命 in it is the police's, never 消防安全; someone down in a fight is 120和110, a
child in the river the water rescue; a plain dog bite is no emergency (the rabies jab), a mauling is 120; during a gas
leak a safety question gets the drill and a false alarm stands it down.

Voices: passers-by not in the registry (+86139666100 …), riders (+86139666120 …), residents of 幸福社区第1网格 with a
household address (+86139666130 …). Each runs on SQLite and PostgreSQL; the duty officer is shared, so what is asserted
of her is about this test's tickets."""

from __future__ import annotations

import pytest

from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import (
    bare,
    left_ordinary,
    live_at,
    raised,
    register,
    say,
    ticket_numbered,
    tickets_of,
    told,
)

pytestmark = pytest.mark.engine
GRID = "幸福社区第1网格"
SENDERS = [f"+86139666{n}" for n in range(100, 140)]
PASSERS_BY, RIDERS, RESIDENTS = SENDERS[:20], SENDERS[20:30], SENDERS[30:]


def _calls(replies: list[str]) -> set[str]:
    """The emergency numbers the replies tell the sender to call."""
    said = " ".join(bare(r) for r in replies)
    return {number for number in ("110", "119", "120") if number in said}


@pytest.mark.parametrize(("index", "text"), [
    (0, "楼顶有个人站在边边上 怕是要跳楼 河畔花园11栋"),  # B63: an ordinary ticket
    (1, "我邻居说活不下去了 要喝农药 河畔花园17栋"),
    (2, "有个女的在河滨大桥上哭 说不想活了"),
])
def test_someone_about_to_end_their_life_is_110_with_the_duty_officer_alerted(running: Stack, index: int, text: str):
    caller = PASSERS_BY[index]
    replies = say(running, caller, text)
    assert _calls(replies) == {"110"} and not any("在哪里" in r for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket) and ticket.category == "public_security"


def test_asked_whether_the_one_on_the_roof_came_down_the_reporter_hears_its_state(running: Stack):
    caller = PASSERS_BY[3]
    say(running, caller, "楼顶有个人站在边边上 怕是要跳楼 河畔花园19栋")
    [ticket] = tickets_of(running, caller)
    replies = say(running, caller, "楼顶那个人下来没有哦")  # B99: "已补充到工单T1074"
    assert any(r.startswith(f"工单{ticket.number}现在") for r in replies), replies
    assert not any("补充" in r for r in replies), replies
    after = ticket_numbered(running, str(ticket.number))
    assert "补充" not in after.text and len(tickets_of(running, caller)) == 1
    assert any("报告人问" in n for n in told(running, DUTY_OFFICER, str(ticket.number)))


@pytest.mark.parametrize(("index", "first", "answer", "place", "looks"), [
    # A1b: asked where, then an ordinary 养老助残 ticket
    (4, "屋头老爷子早上出去就没回来 打电话也不接", "我们是河畔花园23栋的", "河畔花园23栋", ""),
    # A53 and A98: the estate beside how they look was no place, and "在哪里？" came again
    (5, "我爷爷老年痴呆 中午出去的还没回来", "他穿灰色外套 河畔花园的", "河畔花园", "灰色外套"),
    (6, "我老妈有点痴呆 早上出门到现在没回来", "她穿的红衣服 安居苑的", "安居苑", "红衣服"),
])
def test_a_lost_elder_is_110_and_the_estate_answering_where_is_the_place(running: Stack, index: int, first: str,
                                                                         answer: str, place: str, looks: str):
    caller = PASSERS_BY[index]
    replies = say(running, caller, first)
    assert _calls(replies) == {"110"} and any("在哪里" in r for r in replies), replies
    replies = say(running, caller, answer)
    assert any(f"收到地点：{place}，" in r for r in replies) and not any("在哪里" in r for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket) and ticket.place_text == place and looks in ticket.text, (ticket.place_text,
                                                                                              ticket.text)


def test_a_named_bridge_in_the_message_is_the_place_never_asked_again(running: Stack):
    caller = PASSERS_BY[7]
    replies = say(running, caller, "有个小伙子坐在河滨大桥栏杆外面 好像想不开")  # C2: "在哪里？"
    assert "110" in _calls(replies) and not any("在哪里" in r for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket) and "河滨大桥" in (ticket.place_text or "")


@pytest.mark.parametrize(("index", "text"), [
    (8, "妈的 隔壁那家男的又在打老婆 喊救命 河畔花园22栋"),  # A77a: 119 and 消防安全
    (9, "救命 楼上男的在打他媳妇 打得好凶 阳光小区18栋"),
])
def test_a_beating_with_救命_in_it_is_110_never_fire_safety(running: Stack, index: int, text: str):
    caller = PASSERS_BY[index]
    replies = say(running, caller, text)
    assert _calls(replies) == {"110"}, replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket) and ticket.category == "public_security"


@pytest.mark.parametrize(("index", "text", "calls"), [
    (10, "妈卖批 安居苑22栋门口有人在打群架 有个人躺下了", {"110", "120"}),  # A52: 110 only
    (11, "河里有个娃娃掉下去了 快来人 河滨大桥下面", {"110", "119", "120"}),  # B64: 110 only
])
def test_someone_down_in_a_fight_or_a_child_in_the_river_needs_an_ambulance_too(running: Stack, index: int, text: str,
                                                                                calls: set[str]):
    caller = PASSERS_BY[index]
    replies = say(running, caller, text)
    assert _calls(replies) == calls, replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)


@pytest.mark.parametrize(("index", "text"), [
    (0, "送外卖被狗咬了一口 流血了 在阳光小区19栋"),  # B71: a 120 emergency, the duty officer alerted
    (1, "刚才被一条流浪狗咬了 腿上出了点血 河畔花园门卫室旁边"),
])
def test_a_dog_bite_gets_the_rabies_jab_advice_and_no_emergency(running: Stack, index: int, text: str):
    rider = register(running, RIDERS[index])
    replies = say(running, rider, text)
    assert any("狂犬疫苗" in r and "24小时" in r for r in replies), replies
    assert not _calls(replies) and not any("紧急" in r for r in replies), replies
    assert all(left_ordinary(running, t) for t in tickets_of(running, rider))


def test_a_child_mauled_by_a_dog_is_still_120(running: Stack):
    caller = PASSERS_BY[12]
    replies = say(running, caller, "小孩被狗咬了脸 咬得满身是血 阳光小区18栋门口")
    assert "120" in _calls(replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)


@pytest.mark.parametrize(("index", "asked"), [(0, "抽油烟机能开不"), (1, "灯可以开不")])
def test_a_safety_question_during_a_gas_leak_gets_the_drill_and_a_false_alarm_stands_it_down(running: Stack,
                                                                                             index: int, asked: str):
    resident = live_at(running, RESIDENTS[index], GRID, f"阳光小区{index + 18}栋301")
    say(running, resident, "救命 屋头好大一股煤气味")
    [gas] = tickets_of(running, resident)
    assert raised(running, gas)
    replies = say(running, resident, asked)  # B74: "已补充到工单T1081"
    assert any("油烟机" in r and "别点火" in r for r in replies) and not any("补充" in r for r in replies), replies
    replies = say(running, resident, "哦 是我闻错了 是隔壁在熬中药 没得事")  # B74: 改为普通问题, the worker kept on it
    assert any("撤销" in r for r in replies), replies
    assert ticket_numbered(running, str(gas.number)).status == "cancelled"
    assert len(tickets_of(running, resident)) == 1

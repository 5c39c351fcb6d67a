"""Blind test 26's misjudged dangers (docs/usertests/2026-12-06-blind14.md, failures 1, 2 and 4; fixed in the core by
emdanger18), through the gateway, the real engine and the real action server: a swear word never cancels a fight or
a beating (110, and 120 with someone down or bleeding); a small child lost away from home is 110; a smell of gas
guessed at gets 119 and the gas advice; a fire told after 救命 calls for 119; someone lying out in the cold is an
emergency, never small talk; a scrape said to be no big deal and a near miss with nobody hurt are no emergency.

Voices: passers-by (not in the registry), +86139777600 … +86139777639. Each runs on SQLite and PostgreSQL; the duty
officer is shared, so what is asserted of her is about this test's tickets."""

from __future__ import annotations

import pytest

from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import bare, raised, say, tickets_of, told

pytestmark = pytest.mark.engine

CALLERS = [f"+861397776{n:02d}" for n in range(40)]  # not in the registry


def _calls(replies: list[str]) -> set[str]:
    """The emergency numbers the replies tell the sender to call."""
    said = " ".join(bare(r) for r in replies)
    return {number for number in ("110", "119", "120") if number in said}


def _no_emergency(stack: Stack, caller: str) -> bool:
    return all(t.severity != "critical" and not any("紧急" in n for n in told(stack, DUTY_OFFICER, t.number or ""))
               for t in tickets_of(stack, caller))


@pytest.mark.parametrize(("caller", "text"), [
    (CALLERS[0], "他妈的 门口有人在打架 拿起棍棍打 河畔花园门口"),
    (CALLERS[1], "日你妈 楼下有个男的在打婆娘 打得好凶 阳光小区2栋"),
    (CALLERS[2], "狗日的 隔壁那个男的又在打他老婆 安居苑14栋"),
    (CALLERS[3], "妈的 两个醉鬼在巷子口打起来了 河畔花园15栋"),
])
def test_a_swear_word_never_cancels_a_fight_or_a_beating(running: Stack, caller: str, text: str):
    replies = say(running, caller, text)
    assert "110" in _calls(replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)


@pytest.mark.parametrize(("caller", "text"), [
    (CALLERS[4], "妈卖批 河畔花园门口两个人在打架 有个已经倒了"),
    (CALLERS[5], "卧槽 街上有人打起来了 都见血了 河滨路"),
    (CALLERS[6], "楼下两个人打架 一个被打得躺在地上起不来 阳光小区16栋"),
])
def test_someone_down_or_bleeding_in_a_fight_needs_120_and_110(running: Stack, caller: str, text: str):
    replies = say(running, caller, text)
    assert {"110", "120"} <= _calls(replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)


@pytest.mark.parametrize(("caller", "text"), [
    (CALLERS[7], "我家娃儿在菜市场走散了 才五岁 穿红衣服"),
    (CALLERS[8], "我儿子在河边公园耍 一转眼就不见了 才四岁"),
    (CALLERS[9], "孙女跟我在超市 我买个菜的功夫就找不到了 才三岁"),
])
def test_a_small_child_lost_away_from_home_is_110(running: Stack, caller: str, text: str):
    replies = say(running, caller, text)
    assert _calls(replies) == {"110"}, replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)


@pytest.mark.parametrize(("caller", "text"), [
    (CALLERS[10], "屋头有股臭鸡蛋味 怕是天然气漏了 阳光小区2栋"),
    (CALLERS[11], "厨房一股煤气味 好冲 河畔花园15栋"),
    (CALLERS[12], "楼道里好大的天然气味 不晓得哪家的 安居苑14栋"),
])
def test_a_smell_of_gas_guessed_at_gets_119_and_the_gas_advice(running: Stack, caller: str, text: str):
    replies = say(running, caller, text)
    assert "119" in _calls(replies) and any("点火" in r or "开窗" in r for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)


@pytest.mark.parametrize(("caller", "first", "then"), [
    (CALLERS[13], "救命", "我屋头着火了 厨房烧起来了 河畔花园8栋"),
    (CALLERS[14], "救命啊", "楼道里起火了 好大的烟 阳光小区16栋"),
])
def test_a_fire_told_after_救命_calls_for_119(running: Stack, caller: str, first: str, then: str):
    say(running, caller, first)
    replies = say(running, caller, then)
    assert "119" in _calls(replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket) and ticket.category == "fire_safety"


@pytest.mark.parametrize(("caller", "text"), [
    (CALLERS[15], "河滨路公交站那有个老头躺起 喝醉了 天冷得很"),
    (CALLERS[16], "桥洞下面有个婆婆睡在地上 冷得发抖"),
    (CALLERS[17], "路边有个人躺在地上 一动不动的 安居苑14栋门口"),
])
def test_someone_lying_out_in_the_cold_is_an_emergency_never_small_talk(running: Stack, caller: str, text: str):
    replies = say(running, caller, text)
    assert "120" in _calls(replies) and not any("多穿点" in r for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)


@pytest.mark.parametrize(("caller", "text"), [
    (CALLERS[18], "我骑车摔了 腿擦破了皮 没得大事"),
    (CALLERS[19], "摔了一跤 擦破点皮 不严重"),
    (CALLERS[20], "刚才跌了一下 手上破了点皮 没啥大事"),
])
def test_a_scrape_said_to_be_no_big_deal_is_no_emergency(running: Stack, caller: str, text: str):
    replies = say(running, caller, text)
    assert not _calls(replies) and not any("紧急" in r for r in replies), replies
    assert _no_emergency(running, caller)


@pytest.mark.parametrize(("caller", "text"), [
    (CALLERS[21], "阳光小区5栋 外墙皮掉下来了 差点砸到人"),
    (CALLERS[22], "河畔花园15栋楼上掉了个花盆下来 差一点就砸到人了"),
    (CALLERS[23], "安居苑14栋的广告牌被风吹下来了 险些砸到路过的人"),
])
def test_a_near_miss_with_nobody_hurt_is_an_ordinary_report(running: Stack, caller: str, text: str):
    replies = say(running, caller, text)
    assert not _calls(replies), replies
    assert tickets_of(running, caller) and _no_emergency(running, caller)

"""Blind test 25's emergency words (fixed in the core by emwords16), through the gateway, the real engine and the real
action server: a child not home after school is missing (110, the duty officer alerted); a swear word never cancels a
fight with bricks (110); a hissing gas pipe gets the gas advice and the duty officer; a child fallen from a building
needs 120, never 119; a burst pipe and a cat fallen from a window are ordinary reports; a joke is no emergency and
nothing is filed, but "不开玩笑" is no joke.

Voices: passers-by (not in the registry), +8613999990821 … +8613999990840. Each runs on SQLite and PostgreSQL; the
duty officer is shared, so what is asserted of her is about this test's tickets."""

from __future__ import annotations

import pytest

from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import bare, raised, say, tickets_of, told

pytestmark = pytest.mark.engine

PASSERS_BY = [f"+86139999908{n}" for n in range(21, 41)]  # not in the registry


def _calls(replies: list[str]) -> set[str]:
    """The emergency numbers the replies tell the sender to call."""
    said = " ".join(bare(r) for r in replies)
    return {number for number in ("110", "119", "120") if number in said}


@pytest.mark.parametrize(("caller", "text"), [
    (PASSERS_BY[0], "我女儿放学到现在还没到屋 电话关机 才八岁 河畔花园的"),
    (PASSERS_BY[1], "我儿子十岁 放学两个钟头了还没回来 安居苑的"),
    (PASSERS_BY[2], "孙女儿下午放学就没见人 天都黑了还没到家 电话也打不通"),
    (PASSERS_BY[3], "我娃九岁 放学三个多钟头了都没回来 到处都找不到"),
])
def test_a_child_not_home_after_school_is_missing_for_the_police(running: Stack, caller: str, text: str):
    replies = say(running, caller, text)
    assert _calls(replies) == {"110"}, replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)


@pytest.mark.parametrize(("caller", "text"), [
    (PASSERS_BY[4], "妈的 楼下几个人打群架 有人拿砖头砸 安居苑门口"),
    (PASSERS_BY[5], "卧槽 外面一群人在打架 拿起钢管乱打 河畔花园大门"),
    (PASSERS_BY[6], "他妈的 楼底下几个人打起来了 有人拿砖头砸人"),
])
def test_a_swear_word_never_cancels_a_fight_with_bricks(running: Stack, caller: str, text: str):
    replies = say(running, caller, text)
    assert "110" in _calls(replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)


@pytest.mark.parametrize(("caller", "text"), [
    (PASSERS_BY[7], "天然气管子有点嗤嗤的响 不晓得是不是漏了 河畔花园7栋"),
    (PASSERS_BY[8], "厨房的燃气管子嘶嘶的在响 是不是漏气了哦 安居苑3栋"),
])
def test_a_hissing_gas_pipe_gets_the_gas_advice_and_the_duty_officer(running: Stack, caller: str, text: str):
    replies = say(running, caller, text)
    assert any("119" in bare(r) for r in replies) and any("点火" in r or "开窗" in r for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)


@pytest.mark.parametrize(("caller", "text"), [
    (PASSERS_BY[9], "有个娃娃从楼上掉下来了 安居苑6栋"),
    (PASSERS_BY[10], "有个小孩从三楼窗户摔下来了 河畔花园5栋"),
    (PASSERS_BY[11], "快来人 有个老人从楼上跌下来了 阳光小区9栋楼下"),
])
def test_someone_fallen_from_a_building_needs_120_never_119(running: Stack, caller: str, text: str):
    replies = say(running, caller, text)
    calls = _calls(replies)
    assert "120" in calls and "119" not in calls, replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)


def _no_emergency(stack: Stack, caller: str) -> bool:
    """None of the caller's tickets is an emergency, and the duty officer was alerted of none (an ordinary report
    with no place still reaches her as 待分派)."""
    return all(t.severity != "critical" and not any("紧急" in n for n in told(stack, DUTY_OFFICER, t.number or ""))
               for t in tickets_of(stack, caller))


@pytest.mark.parametrize(("caller", "text"), [
    (PASSERS_BY[12], "屋头漏水了 楼上的水管爆了 水哗哗的流 阳光小区4栋"),
    (PASSERS_BY[13], "厨房的水管爆了 水一直在冒 阳光小区11栋"),
    (PASSERS_BY[14], "屋头的猫从五楼掉下去了 还活起的"),
    (PASSERS_BY[15], "我家狗从二楼阳台跳下去了 腿好像瘸了"),
])
def test_a_burst_pipe_or_a_fallen_pet_is_an_ordinary_report(running: Stack, caller: str, text: str):
    replies = say(running, caller, text)
    assert not _calls(replies) and not any("紧急" in r for r in replies), replies
    assert _no_emergency(running, caller)


@pytest.mark.parametrize(("caller", "text"), [
    (PASSERS_BY[16], "哈哈哈哈 测试一下 你们这个好不好用 报个假的 火星上着火了"),
    (PASSERS_BY[17], "开个玩笑哈 月亮上着火了 看你们来不来"),
    (PASSERS_BY[18], "逗你玩的 我们小区着火了 哈哈"),
])
def test_a_made_up_fire_is_no_emergency_and_nothing_filed(running: Stack, caller: str, text: str):
    # B17: 119, "在哪里？" and 没太看懂; then an ordinary ticket 【消防安全】 and 没太看懂.
    replies = say(running, caller, text)
    assert not _calls(replies) and not any("没太看懂" in r or "工单" in r for r in replies), replies
    assert tickets_of(running, caller) == []


def test_no_joke_is_a_fire_all_the_same(running: Stack):
    caller = PASSERS_BY[19]
    replies = say(running, caller, "不开玩笑 河畔花园9栋楼道里真的着火了")
    assert "119" in _calls(replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)

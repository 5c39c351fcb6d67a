"""Blind test 28 (docs/usertests/2026-12-06-blind16.md, B61, A12-1, B-R7, B7, B11, A-B64b, A48, A11-1, B26, B28, B30,
B31, A10-2, A-B105, A42): the answer to what the bot asked is read as that answer, a ticket needs a problem, and every
question is answered — through the gateway, the real engine and the real action server:

- a known place sent alone is held and places the report that follows, never a ticket of its own;
- someone shut in a stopped lift is more of its emergency (the lift's rescue), never its place, which is still asked;
  "at home" from a registered resident keeps the registered address;
- 河滨公园 and 河滨大桥 are places: reports there are placed, an emergency there is not asked where;
- someone who cannot read or see is given our number; a test message is told it gets through;
- small talk, a rude "don't message me", a relative's plans, a small hurt and a fright are answered in kind.

Senders: +86139666380 … 419, in no other test; places 河畔花园71栋, 安居苑71栋, 阳光小区71栋301, where no other test
files. Each runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from bot.core import care_words, chatter, emergencies
from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import bare, live_at, raised, say, tickets_of, told

pytestmark = pytest.mark.engine
SENDERS = [f"+86139666{n}" for n in range(380, 420)]
CENTRE = "0874-3112345"
WHERE = "请问在哪点"


def _answered(replies: list[str]) -> str:
    """The replies as one text, none of them the bot's shrug."""
    said = " ".join(replies)
    assert "帮不上" not in said and "没太看懂" not in said and "答不上" not in said, replies
    return said


def test_a_known_place_sent_alone_is_held_for_the_report_that_follows(running: Stack):
    sender = SENDERS[0]
    held = say(running, sender, "安居苑的")  # B61: "收到，工单T1073…" with the text "安居苑的"
    assert any("已记下地点：安居苑" in r for r in held) and tickets_of(running, sender) == [], held
    replies = say(running, sender, "路边水沟堵了 水漫到路上")  # then "请问在哪点？"
    assert not any(WHERE in r for r in replies) and any("工单" in r for r in replies), replies
    [ticket] = tickets_of(running, sender)
    assert ticket.unit is not None and ticket.unit.code == "AJ-G1" and "水沟" in ticket.text, ticket.text
    assert "安居苑" in (ticket.place_text or "") and ticket.text != "安居苑的"


def test_someone_shut_in_the_stopped_lift_is_more_of_it_and_its_place_is_still_asked(running: Stack):
    sender = SENDERS[1]
    first = say(running, sender, "电梯不动了")
    assert any("在哪" in r for r in first), first  # a report asked where (请问在哪点), no emergency yet
    replies = say(running, sender, "我儿子关在里面")  # A12-1: "收到地点：我儿子关在里面"
    said = " ".join(replies)
    assert "收到地点" not in said and "救援" in said and "119" in bare(said) and "在哪里" in said, replies
    [ticket] = tickets_of(running, sender)
    assert not ticket.place_text and "我儿子关在里面" in ticket.text
    placed = say(running, sender, "河畔花园71栋")
    assert any("收到地点：河畔花园71栋" in r for r in placed), placed
    [ticket] = tickets_of(running, sender)
    assert raised(running, ticket) and ticket.place_text == "河畔花园71栋" and "我儿子关在里面" in ticket.text


def test_at_home_after_an_emergency_sent_home_keeps_the_registered_address(running: Stack):
    sender = live_at(running, SENDERS[2], "幸福社区第1网格", "阳光小区71栋301")
    first = say(running, sender, "楼道里的电线在冒烟 有股焦糊味")
    assert "119" in bare(" ".join(first)) and any("阳光小区71栋301" in r for r in first), first
    replies = say(running, sender, "我在家的 就是我们那栋")  # B-R7: "收到地点：家的 就是我们那栋"
    assert any("阳光小区71栋301" in r for r in replies) and not any("家的" in r for r in replies), replies
    [ticket] = tickets_of(running, sender)
    assert raised(running, ticket) and ticket.place_text == "阳光小区71栋301"
    alerts = told(running, DUTY_OFFICER, ticket.number or "")
    assert alerts and not any("家的" in t or "我们那栋" in t for t in alerts), alerts


def test_at_home_from_a_stranger_is_asked_which_building_and_the_next_answer_places_it(running: Stack):
    stranger = "+8613955510001"  # blind test 29, A32: "收到地点：屋头的 就是我们那栋"
    say(running, stranger, "电梯关到人了 喊不答应")
    asked = say(running, stranger, "我在屋头的 就是我们那栋")
    assert asked == [emergencies.HOME_ASKED], asked
    [ticket] = tickets_of(running, stranger)
    assert not ticket.place_text
    placed = say(running, stranger, "安居苑72栋")
    assert any("收到地点：安居苑72栋" in r for r in placed), placed
    [ticket] = tickets_of(running, stranger)
    assert ticket.place_text == "安居苑72栋" and not any("屋头" in t for t in told(running, DUTY_OFFICER,
                                                                                   ticket.number or ""))


@pytest.mark.parametrize(("n", "text"), [
    (3, "河滨公园的公共厕所好几天没人打扫了 臭得很"),  # B7: "请问在哪点？"
    (4, "河滨公园那段河有人在电鱼"),  # B11
])
def test_a_report_at_the_riverside_park_is_placed_in_its_grid_without_asking_where(running: Stack, n: int,
                                                                               text: str):
    replies = say(running, SENDERS[n], text)
    assert not any(WHERE in r or "在哪里" in r for r in replies) and any("工单" in r for r in replies), replies
    [ticket] = tickets_of(running, SENDERS[n])
    assert ticket.unit is not None and ticket.unit.code == "HB-G2"


def test_someone_in_the_river_under_the_named_bridge_is_not_asked_where(running: Stack):
    sender = SENDERS[5]
    replies = say(running, sender, "河边有人落水了 在扑腾 河滨大桥下面")  # A-B64b: then "在哪里？"
    assert not any("在哪里" in r for r in replies) and "110" in bare(" ".join(replies)), replies
    [ticket] = tickets_of(running, sender)
    assert raised(running, ticket) and "河滨大桥" in (ticket.place_text or "")
    assert ticket.unit is not None and ticket.unit.code == "HB-G2"


@pytest.mark.parametrize(("n", "text"), [
    (6, "我不识字 孙子帮我发的 有没有电话可以打"),  # A48-1: 没太看懂
    (7, "我眼睛看不见 是邻居帮我打的字 你们有电话没得"),  # A48-4: "请问在哪点？"
])
def test_someone_who_cannot_read_or_see_is_given_our_number(running: Stack, n: int, text: str):
    said = _answered(say(running, SENDERS[n], text))
    assert CENTRE in said and WHERE not in said, said
    assert tickets_of(running, SENDERS[n]) == []


def test_a_test_message_after_hello_is_told_it_gets_through_never_filed(running: Stack):
    sender = SENDERS[8]
    say(running, sender, "喂")
    said = _answered(say(running, sender, "莫得事 试一下通没通"))  # A11-1: "请问在哪点？"
    assert "通的" in said and WHERE not in said, said
    assert tickets_of(running, sender) == []


@pytest.mark.parametrize(("n", "text", "words"), [
    (9, "你叫啥子名字", "网格通小助手"),  # B28: 这个我帮不上忙
    (10, "我好无聊 陪我摆会儿龙门阵嘛", "陪您"),  # B26
    (11, "你个憨包 说了半天听不懂", "对不起"),  # B30: an apology, and how to say it
    (12, "滚 不要再给我发了", "退订"),  # B31: only calmed
])
def test_small_talk_is_answered_in_kind(running: Stack, n: int, text: str, words: str):
    said = _answered(say(running, SENDERS[n], text))
    assert words in said and WHERE not in said, said
    assert tickets_of(running, SENDERS[n]) == []


def test_a_relatives_plans_get_the_wrong_number_reply(running: Stack):
    sender = SENDERS[13]
    son = say(running, sender, "儿子 今天回来吃饭不")
    sister = say(running, sender, "幺妹 明天赶场不")  # A10-2: "这个我帮不上忙"
    assert sister == son == [chatter.NOT_FOR_US], (sister, son)
    assert tickets_of(running, sender) == []


@pytest.mark.parametrize(("n", "text", "advice"), [
    (14, "骑电瓶车摔了一跤 膝盖擦破点皮 没得事", care_words.SCRAPE),  # A-B105-1: "请问在哪点？"
    (15, "刚才下楼梯崴了一下脚 不严重 就是问问", care_words.SPRAIN),  # A-B105-2: 没太看懂
])
def test_a_small_hurt_said_to_be_nothing_gets_first_aid_never_a_ticket(running: Stack, n: int, text: str,
                                                                       advice: str):
    assert say(running, SENDERS[n], text) == [advice]
    assert tickets_of(running, SENDERS[n]) == []


def test_an_old_woman_afraid_in_the_dark_is_comforted_and_asked_where(running: Stack):
    sender = SENDERS[16]
    replies = say(running, sender, "停电了 屋头黑黢黢的 我一个老太婆 有点怕")  # A42-1: only "请问在哪点？"
    assert any("别怕" in r for r in replies) and WHERE in replies[-1], replies
    placed = say(running, sender, "安居苑71栋")
    assert any("工单" in r for r in placed), placed
    [ticket] = tickets_of(running, sender)
    assert "安居苑71栋" in (ticket.place_text or "") and "停电" in ticket.text

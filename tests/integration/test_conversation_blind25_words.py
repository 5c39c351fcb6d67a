"""Blind test 25 (#8 and smaller), through the gateway, the real engine and the real action server: an elderly
resident's fragments (an opener with 问, a gas meter named alone, its problem, the place) make one report, never gas
safety advice; what a problem stops (洗不成澡) or a room (厕所) in answer to "where?" joins the report, never a failed
place; openers with 问 are listened to; the weather, an apology, a message sent to the wrong person get a kind word;
a rating's 还行吧 never begins the remark the worker hears.

Voices: numbers nobody registered (+86139777300 … 339). Each conversation runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from bot.core import chatter
from tests.integration.stack import Stack
from tests.integration.talk import assignee_phone, bare, number_in, say, tickets_of, told

pytestmark = pytest.mark.engine
VOICES = [f"+86139777{n}" for n in range(300, 340)]
PLACE_ASKED = "在哪点"
NOT_FOUND = "没找到这个地方"
LISTENING = "您说，我听着"
GAS_ADVICE = ("别开关电器", "119")


def _told_where(stack: Stack, sender: str, replies: list[str], place: str) -> list[str]:
    """The place said when the bot asked for it."""
    return say(stack, sender, place) if any(PLACE_ASKED in r for r in replies) else replies


@pytest.mark.parametrize(("who", "opener", "meter", "problem", "place"), [
    (0, "娃儿 我问哈", "我们屋那个天然气表", "走得好快哦 是不是坏了", "河畔花园10栋"),
    (1, "阿姨 想问你个事情", "屋头那个燃气表", "转得飞快 怕是坏了", "安居苑15栋"),
])
def test_an_elderly_residents_gas_meter_fragments_make_one_report_never_a_leak(
        running: Stack, who: int, opener: str, meter: str, problem: str, place: str):
    me = VOICES[who]
    [listening] = say(running, me, opener)
    assert LISTENING in listening, listening
    [asked] = say(running, me, meter)
    assert "表怎么了" in asked and not any(w in asked for w in GAS_ADVICE), asked
    replies = _told_where(running, me, say(running, me, problem), place)
    said = " ".join(bare(r) for r in replies)  # T1119 is no 119
    assert "没太看懂" not in said and "119" not in said, replies
    [ticket] = tickets_of(running, me)
    assert "表" in ticket.text and problem.split()[0] in ticket.text, ticket.text
    assert ticket.severity != "critical" and place in (ticket.place_text or ""), (ticket.severity, ticket.place_text)


@pytest.mark.parametrize(("who", "report", "more", "place"), [
    (2, "我屋头热水器坏球了", "洗不成澡", "安居苑15栋2单元"),
    (3, "我家抽油烟机坏了", "做不成饭 急死个人", "河畔花园12栋"),
    (23, "屋头的空调坏了", "晚上热得睡不着", "安居苑16栋"),
])
def test_what_a_problem_stops_in_answer_to_where_joins_the_report(running: Stack, who: int, report: str, more: str,
                                                                 place: str):
    me = VOICES[who]
    say(running, me, "幺妹")
    first = say(running, me, report)
    replies = say(running, me, more) if any(PLACE_ASKED in r for r in first) else first
    assert not any(NOT_FOUND in r for r in replies), replies
    _told_where(running, me, replies, place)
    [ticket] = tickets_of(running, me)
    assert report in ticket.text and more.split()[0] in ticket.text, ticket.text
    assert place in (ticket.place_text or ""), ticket.place_text


@pytest.mark.parametrize(("who", "home", "room", "problem", "place"), [
    (4, "屋头", "厕所", "漏水漏到楼下去了", "安居苑17栋"),
    (5, "我家", "卫生间", "地漏堵了 水排不出去", "河畔花园14栋"),
])
def test_a_room_in_answer_to_where_is_part_of_the_report_never_lost(running: Stack, who: int, home: str, room: str,
                                                                    problem: str, place: str):
    me = VOICES[who]
    say(running, me, home)
    [reply] = say(running, me, room)
    assert NOT_FOUND not in reply and "工单" not in reply, reply
    _told_where(running, me, say(running, me, problem), place)
    [ticket] = tickets_of(running, me)
    assert room in ticket.text and problem.split()[0] in ticket.text, ticket.text


@pytest.mark.parametrize(("who", "opener"), [(6, "嬢嬢问你个事"), (7, "大姐 问个事哈"), (8, "小伙子 请教个事"),
                                             (9, "幺妹 我想问一下哈")])
def test_an_opener_with_wen_is_listened_to(running: Stack, who: int, opener: str):
    [reply] = say(running, VOICES[who], opener)
    assert LISTENING in reply and "没太看懂" not in reply, reply
    assert tickets_of(running, VOICES[who]) == []


def test_an_introduction_about_to_ask_is_listened_to_and_its_place_kept_for_the_report(running: Stack):
    me = VOICES[10]
    [reply] = say(running, me, "你好 我住河畔花园的 有点事想问下")
    assert LISTENING in reply and "河畔花园" in reply and "没太看懂" not in reply, reply
    replies = say(running, me, "18栋楼道扶手松了 老人家扶起害怕")
    assert not any(PLACE_ASKED in r for r in replies), replies
    number_in(replies)


@pytest.mark.parametrize(("who", "first", "words", "kind"), [
    (11, None, "今天好冷哦 怕是要下雪了", "保暖"),
    (12, None, "这两天热得很", "防暑"),
    (13, "你好", "没啥子 随便看看", "随时欢迎"),
    (14, "李哥 明天钓鱼去不", "不好意思 发错人了", "网格通"),
    (15, "老王 晚上一起吃火锅不", "发错号码了 不好意思", "网格通"),
    (16, "滚", "我刚才说错话了 对不起", "没关系"),
    (17, "你们这些饭桶", "对不起哈 刚才态度不好", "没关系"),
])
def test_small_talk_an_apology_or_a_wrong_number_gets_a_kind_word(running: Stack, who: int, first: str | None,
                                                                 words: str, kind: str):
    me = VOICES[who]
    if first is not None:
        say(running, me, first)
    said = " ".join(say(running, me, words))
    assert kind in said and "没太看懂" not in said and "帮不上" not in said and "撤销" not in said, said
    assert tickets_of(running, me) == []


@pytest.mark.parametrize(("who", "words"), [(18, "喂 王师傅 你明天来修热水器不"), (19, "张姐 你今天下午在屋头没得"),
                                            (20, "李哥 你几点过来拿钥匙嘛")])
def test_a_message_to_someone_named_is_said_to_be_meant_for_someone_else(running: Stack, who: int, words: str):
    [reply] = say(running, VOICES[who], words)
    assert reply == chatter.NOT_FOR_US, reply
    assert tickets_of(running, VOICES[who]) == []


@pytest.mark.parametrize(("who", "report", "rating", "remark"), [
    (21, "河畔花园16栋门口的垃圾桶满了好几天没人倒", "还行吧 就是来得有点慢", "就是来得有点慢"),
    (22, "安居苑19栋楼道灯不亮了 黑黢黢的", "还可以吧 不过来得晚了点", "不过来得晚了点"),
])
def test_a_rating_phrase_is_taken_off_whole_before_the_remark_is_passed_on(running: Stack, who: int, report: str,
                                                                          rating: str, remark: str):
    me = VOICES[who]
    number = number_in(say(running, me, report))
    holder = assignee_phone(running, number)
    assert any("已办结" in r for r in say(running, holder, f"{number} 已办结 弄好了"))
    said = " ".join(say(running, me, rating))
    assert remark in said and "吧" not in said, said
    heard = [t for t in told(running, holder, number) if "还说" in t]
    assert heard and all(f"还说：{remark}" in t for t in heard), heard


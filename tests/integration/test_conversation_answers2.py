"""Answers to chat that is no report (blind test 22), through the gateway, the real engine and the real action
server: small talk is answered in kind, office hours asked in other words get the hours, how to send a photo is
answered in either word order, someone else's number is refused (and a leak beside it still reported), an unknown
number naming their estate is told its grid worker, "我住河滨社区" is no number change, the worker calling back sees
the question, and a gas-smell reporter's safety question gets the safety advice.

Voices: residents of 幸福社区第1网格 added by the tests (+8613900000286 …), unknown numbers (+8613999990176 …). Each
conversation runs on SQLite and on PostgreSQL with senders no other test uses."""

from __future__ import annotations

import pytest

from bot.core import how_to, someones_number
from tests.integration.stack import Stack
from tests.integration.talk import assignee_phone, number_in, register, say, tickets_of, told

pytestmark = pytest.mark.engine
RESIDENTS = [f"+8613900000{n}" for n in range(286, 293)]  # added to 幸福社区第1网格 by the tests
STRANGERS = [f"+8613999990{n}" for n in range(176, 186)]  # not in the registry
GRID = "幸福社区第1网格"


def test_small_talk_from_an_unknown_number_is_answered_in_kind_never_a_ticket(running: Stack):
    """#9, #82: 天气好安逸 吃了没得, 你是机器人还是真人, 我孙子考起大学了 got 这个我帮不上忙 and the menu."""
    stranger = STRANGERS[0]
    [weather] = say(running, stranger, "今天天气好安逸哦 吃了没得")
    [robot] = say(running, stranger, "你是机器人还是真人嘛")
    [news] = say(running, stranger, "我孙子考起大学了 高兴得很")
    assert "谢谢关心" in weather and "不是真人" in robot and "恭喜" in news, (weather, robot, news)
    for reply in (weather, robot, news):
        assert "帮不上" not in reply and "路灯坏了" in reply, reply
    assert tickets_of(running, stranger) == []


@pytest.mark.parametrize("question", ["社区好久下班", "周末上不上班"])
def test_office_hours_asked_in_other_words_get_the_hours(running: Stack, question: str):
    """#45: 社区好久下班 → 答不上, though 社区几点上班 is answered."""
    resident = register(running, RESIDENTS[0 if question.startswith("社区") else 1], "resident", GRID)
    [answer] = say(running, resident, question)
    assert "17点" in answer and "答不上" not in answer, answer
    assert tickets_of(running, resident) == []


def test_how_to_send_a_photo_is_answered_in_either_word_order(running: Stack):
    """#73: 照片咋个发给你们 got the generic menu while 咋个发照片 is answered."""
    stranger = STRANGERS[1]
    [photo] = say(running, stranger, "照片咋个发给你们")
    [where] = say(running, stranger, "位置咋个发")
    assert photo == how_to.HOW_TO_PHOTO, photo
    assert where == how_to.HOW_TO_LOCATION, where
    assert tickets_of(running, stranger) == []


def test_someone_elses_number_is_refused_and_the_leak_beside_it_is_reported(running: Stack):
    """#88: 帮我查一下楼上李婆婆家的电话号码 → 好的，记下了 (misleading): the number refused plainly, the leak filed."""
    asker = register(running, RESIDENTS[2], "resident", GRID)
    replies = say(running, asker, "帮我查一下楼上李婆婆家的电话号码 他家漏水漏到我家了")
    assert someones_number.REFUSED in replies and "记下了" not in " ".join(replies), replies
    [ticket] = tickets_of(running, asker)
    assert "漏水" in ticket.text and "电话号码" not in ticket.text
    assert ticket.number in " ".join(replies), replies
    neighbour = register(running, RESIDENTS[3], "resident", GRID)
    [refused] = say(running, neighbour, "帮我查一下楼上李婆婆家的电话号码 我找她有事")
    assert "不便提供" in refused and "记下了" not in refused, refused
    assert tickets_of(running, neighbour) == []


def test_an_unknown_number_naming_their_estate_is_told_its_grid_worker(running: Stack):
    """#94: 我住河畔花园的 网格员是哪个 → 还没有分到网格, though the estate was named."""
    stranger = STRANGERS[2]
    [answer] = say(running, stranger, "我住河畔花园的 我们的网格员是哪个 电话好多")
    assert "河畔花园" in answer and "网格员是" in answer and "137" in answer, answer
    assert "还没有分到网格" not in answer
    assert tickets_of(running, stranger) == []


def test_saying_where_one_lives_is_answered_and_a_changed_number_still_verified(running: Stack):
    """#76: 我住河滨社区 opened a 登记核实 task; 换了个号码 still does."""
    stranger = STRANGERS[3]
    [answer] = say(running, stranger, "我住河滨社区")
    assert "哪个小区" in answer and "工单" not in answer and "核实后才登记" not in answer, answer
    assert tickets_of(running, stranger) == []
    changed = STRANGERS[4]
    verification = number_in(say(running, changed, "我是安居苑的 换了个号码 以前那个号丢了"))
    [ticket] = tickets_of(running, changed)
    assert ticket.number == verification and ticket.text.startswith("登记核实")


def test_the_worker_asked_to_call_back_sees_the_question(running: Stack):
    """#77: 老年卡在哪点办 → 1: the worker's notice to call back said only 是居民咨询. (The knowledge base answers
    老年卡 since blind test 28, 结婚证 since blind test 33: a question it still cannot answer stands in.)"""
    resident = register(running, RESIDENTS[4], "resident", GRID)
    [unknown] = say(running, resident, "护照在哪点办 要带啥子")
    assert "回复1" in unknown, unknown
    number = number_in(say(running, resident, "1"))
    notices = told(running, assignee_phone(running, number), number)
    assert any("请回电" in m and "护照在哪点办" in m for m in notices), notices


def test_a_gas_smell_reporters_safety_question_is_answered_and_a_bare_1_is_never_refused(running: Stack):
    """#64: 我要不要把窗子打开 电灯开关能不能按 → 答不上; its 1 → 这个号码还没登记为本村居民."""
    reporter = STRANGERS[5]
    first = say(running, reporter, "安居苑4栋3单元 一股煤气味 好冲哦")
    assert "紧急" in " ".join(first), first
    [unknown] = say(running, reporter, "护照在哪点办")  # 老年卡 until blind test 28, 结婚证 until 33 answered
    assert "回复1" in unknown, unknown
    callback = say(running, reporter, "1")
    assert "还没登记" not in " ".join(callback) and "回电" in " ".join(callback), callback
    [advice] = say(running, reporter, "我要不要把窗子打开 电灯开关能不能按")
    assert "别点火" in advice and "开窗" in advice and "答不上" not in advice, advice

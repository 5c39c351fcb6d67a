"""Blind test 25's misread questions, through the gateway, the real engine and the real action server: a policy word
misspelt by sound (低宝) is answered; 幼儿园 gets the kindergarten answer, not primary school; a subsidy asked for an
illness is answered, never asked where; 低保 progress, the pension rise and the medical insurance premium get their
own answers; a small repair at home, fear of a storm and what 网格通 is are answered, never filed; a place said right
after asking for one's grid worker's number gets that place's worker; an insult naming the grid worker is a
complaint. Voices: passers-by (not in the registry), +86139777200 … 239. Each runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from bot.core import triage
from tests.integration.stack import Stack
from tests.integration.talk import say, tickets_of

pytestmark = pytest.mark.engine

CALLERS = [f"+86139777{n:03d}" for n in range(200, 240)]  # not in the registry
UNKNOWN = "答不上"
WHERE = "在哪点"


def asked(stack: Stack, caller: str, question: str) -> str:
    """The one reply to a question, which is neither unanswered nor asked where, and files nothing."""
    replies = say(stack, caller, question)
    said = " ".join(replies)
    assert UNKNOWN not in said and WHERE not in said and "工单" not in said, (question, replies)
    assert tickets_of(stack, caller) == [], question
    return said


@pytest.mark.parametrize(("caller", "question", "answer"), [
    (CALLERS[0], "低宝咋个办 我一个人带两个娃", "低保"),
    (CALLERS[1], "底保要哪些材料", "低保"),
    (CALLERS[2], "医宝每年在哪点交", "医保"),
])
def test_a_policy_word_misspelt_by_sound_is_answered(running: Stack, caller: str, question: str, answer: str):
    # Blind test 25, A28: "低宝咋个办 我一个人带两个娃" → "抱歉，这个问题我还答不上".
    assert answer in asked(running, caller, question)


@pytest.mark.parametrize(("caller", "question"), [
    (CALLERS[3], "娃娃上幼儿园咋个报名"),
    (CALLERS[4], "孙女明年读幼儿园 啥时候报"),
    (CALLERS[5], "幼儿园报名要带些啥子"),
])
def test_kindergarten_is_answered_about_kindergarten_not_primary_school(running: Stack, caller: str, question: str):
    # Blind test 25, P3: "小学、初中新生每年6至7月报名…".
    said = asked(running, caller, question)
    assert "幼儿园" in said and "小学" not in said, said


@pytest.mark.parametrize(("caller", "question"), [
    (CALLERS[6], "我老汉儿糖尿病 每个月药钱好贵 有没得补助"),
    (CALLERS[7], "我妈高血压 天天吃药 医保报不报"),
    (CALLERS[8], "婆婆有慢性病 买药的钱能不能报销"),
])
def test_a_subsidy_asked_for_an_illness_is_answered_never_asked_where(running: Stack, caller: str, question: str):
    # Blind test 25, O5: "请问在哪点？".
    assert "慢特病" in asked(running, caller, question)


@pytest.mark.parametrize(("caller", "question", "answer"), [
    (CALLERS[9], "我屋的低保审批下来没得 材料交了半个月了", "30个工作日"),
    (CALLERS[10], "低保交了材料一个多月了 咋个还没消息", "进度"),
    (CALLERS[11], "养老金今年涨了好多嘛", "涨"),
    (CALLERS[12], "退休金今年加了没得", "涨"),
    # the amount is the year's notice's, never a figure of a year gone by (blind test 30, B7)
    (CALLERS[13], "医保今年交好多钱一个人", "以当年通知为准"),
    (CALLERS[14], "今年城乡医保每个人要交好多钱", "以当年通知为准"),
])
def test_progress_the_pension_rise_and_the_premium_get_their_own_answers(running: Stack, caller: str, question: str,
                                                                        answer: str):
    # Blind test 25, A14, A19, A50: the generic 低保, pension and premium answers.
    assert answer in asked(running, caller, question)


@pytest.mark.parametrize(("caller", "question", "answer"), [
    (CALLERS[15], "厨房灯泡坏了 咋个换嘛", "自家"),
    (CALLERS[16], "卫生间的花洒坏了 咋个修嘛", "自家"),
    (CALLERS[17], "天上打雷打得好凶 我一个人在屋 好怕", "别怕"),
    (CALLERS[18], "雷声好大 吓死个人了", "别怕"),
    (CALLERS[19], "你们这个网格通是干啥子的", "网格通是"),
    (CALLERS[20], "网格通有啥用", "网格通是"),
])
def test_a_repair_at_home_fear_of_a_storm_and_what_the_service_is_are_answered_never_filed(
        running: Stack, caller: str, question: str, answer: str):
    # Blind test 25, A48, N3: "请问在哪点？"; Y7: the bare menu.
    assert answer in asked(running, caller, question)


@pytest.mark.parametrize(("caller", "question", "place"), [
    (CALLERS[21], "我们网格员电话多少 忘记了", "我住河畔花园"),
    (CALLERS[22], "网格员电话是好多哦", "河畔花园的"),
    (CALLERS[23], "我们的网格员是哪个", "我在河畔花园住"),
])
def test_a_place_said_after_asking_for_ones_grid_worker_gets_that_places_worker(running: Stack, caller: str,
                                                                                question: str, place: str):
    # Blind test 25, A30: "您还没有分到网格…", then "好的，记下了。…" and never 周明.
    first = " ".join(say(running, caller, question))
    assert "还没有分到网格" in first, first
    said = " ".join(say(running, caller, place))
    assert "周明" in said and "137" in said and "记下了" not in said, said
    assert tickets_of(running, caller) == []


@pytest.mark.parametrize(("caller", "text"), [
    (CALLERS[24], "你们网格员是个瓜娃子 喊了半天不来"),
    (CALLERS[25], "那个网格员就是个饭桶 啥子都不管"),
    (CALLERS[26], "网格员龟儿子 打电话都不来"),
])
def test_an_insult_naming_the_grid_worker_is_a_complaint(running: Stack, caller: str, text: str):
    # Blind test 25, S5: "您别急，我们在听。…" only.
    said = " ".join(say(running, caller, text))
    assert "意见已转给" in said and triage.CALM_REPLY not in said, said
    [ticket] = tickets_of(running, caller)
    assert ticket.number in said

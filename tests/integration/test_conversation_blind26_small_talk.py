"""Blind test 26 (2026-12-06, docs/usertests/2026-12-06-blind14.md, A3, A10, A11, A32, A42, A54, A70, A71, A73, A82,
B11, B126): a rude word alone and the apology after it, fog and a lone elder afraid of the wind, someone who can only
text asking our number, openers, a when-question about the rubbish, a wrong-number chat owned up to and 公积金,
through the gateway, the real engine and the real action server.

Senders: numbers +86139777920 … 939, in no other test; rubbish at 安居苑38栋 and 39栋, a lamp at
安居苑37栋, where no other test files."""

from __future__ import annotations

import pytest

from bot.core import chatter, triage
from bot.core.questions import grid_worker_of
from bot.core.registry import person_by_address
from tests.integration.stack import Stack
from tests.integration.talk import file_report, register, say, session_of, tickets_of

pytestmark = pytest.mark.engine
SENDERS = [f"+86139777{n:03d}" for n in range(920, 940)]
GRID = "幸福社区第1网格"
CENTRE = "0874-3112345"


def _plain_words(replies: list[str]) -> str:
    answer = " ".join(replies)
    assert "没太看懂" not in answer and "答不上" not in answer, answer
    assert all(len(r) <= 70 for r in replies), replies
    return answer


@pytest.mark.parametrize(("n", "rude", "sorry"), [
    (0, "爬", "刚才那句不该说 对不起"), (1, "爬开", "发错了 对不起哈"), (2, "滚", "对不起 我刚才态度不好"),
])
def test_a_rude_word_alone_is_calmed_and_the_apology_after_it_forgiven(running: Stack, n: int, rude: str,
                                                                     sorry: str) -> None:
    assert say(running, SENDERS[n], rude) == [triage.CALM_REPLY]
    assert "没关系" in _plain_words(say(running, SENDERS[n], sorry))
    assert tickets_of(running, SENDERS[n]) == []


def test_fog_is_talked_about_never_asked_where(running: Stack) -> None:
    answer = _plain_words(say(running, SENDERS[3], "今天雾好大哦 啥子都看不到"))
    assert "雾" in answer and "在哪" not in answer, answer
    assert tickets_of(running, SENDERS[3]) == []


def test_a_lone_elder_afraid_of_the_wind_is_reassured_and_told_whom_to_call(running: Stack) -> None:
    answer = _plain_words(say(running, SENDERS[4], "外头风好大 吹得窗子砰砰响 我一个人在屋头 有点怕"))
    assert "别怕" in answer and "110" in answer and CENTRE in answer and "在哪" not in answer, answer
    assert tickets_of(running, SENDERS[4]) == []


@pytest.mark.parametrize(("n", "words"), [
    (5, ["我耳朵不好 只能发短信"]), (6, ["我耳朵不好 电话听不到 有事只能发短信"]), (7, ["我不会打字 你们有没得电话"]),
    (8, ["我手抖打字慢 可以直接打电话给你们不", "那你们的电话是多少嘛"]),
])
def test_someone_who_can_only_text_or_only_call_is_given_our_number(running: Stack, n: int,
                                                                    words: list[str]) -> None:
    for said in words:
        answer = _plain_words(say(running, SENDERS[n], said))
        assert "短信" in answer and CENTRE in answer and "不便提供" not in answer, answer
    assert tickets_of(running, SENDERS[n]) == []


def test_a_registered_resident_asking_our_number_gets_their_grid_workers(running: Stack) -> None:
    resident = register(running, SENDERS[9], "resident", GRID)
    with session_of(running) as s:
        worker = grid_worker_of(s, person_by_address(s, resident))
        assert worker is not None
        name = worker.name
    answer = _plain_words(say(running, resident, "我不会打字 你们有没得电话可以直接打"))
    assert f"网格员{name}" in answer and "不便提供" not in answer, answer


@pytest.mark.parametrize(("n", "words"), [(10, "老师 请问一下"), (11, "嬢嬢 问你个事情"), (12, "喂")])
def test_an_opener_is_listened_to(running: Stack, n: int, words: str) -> None:
    answer = _plain_words(say(running, SENDERS[n], words))
    assert answer.startswith("您说，我听着"), answer


def test_someone_only_looking_is_welcomed_never_refused_as_unregistered(running: Stack) -> None:
    say(running, SENDERS[13], "喂")
    answer = _plain_words(say(running, SENDERS[13], "没得啥子事 就看看"))
    assert "欢迎" in answer and "登记" not in answer, answer


def test_when_the_rubbish_is_collected_is_answered_with_the_open_ticket(running: Stack) -> None:
    number = file_report(running, SENDERS[14], "安居苑38栋门口的垃圾好几天没人收了")
    answer = _plain_words(say(running, SENDERS[14], "好久来收哦 都臭了"))
    assert number in answer, answer
    assert [t.number for t in tickets_of(running, SENDERS[14])] == [number]


def test_when_the_rubbish_is_collected_with_nothing_open_is_a_report_asked_where(running: Stack) -> None:
    answer = _plain_words(say(running, SENDERS[15], "好久来收嘛"))
    assert "哪" in answer, answer
    _plain_words(say(running, SENDERS[15], "安居苑39栋门口"))
    [ticket] = tickets_of(running, SENDERS[15])
    assert "好久来收嘛" in ticket.text, ticket.text


@pytest.mark.parametrize(("n", "chat", "sorry"), [
    (16, "张姐 今晚上打麻将不", "哦 发错了 不好意思哈"), (17, "王哥 晚上喝酒不", "发错了 对不起哈"),
])
def test_a_wrong_number_owned_up_to_is_answered_kindly(running: Stack, n: int, chat: str, sorry: str) -> None:
    assert say(running, SENDERS[n], chat) == [chatter.NOT_FOR_US]
    assert say(running, SENDERS[n], sorry) == [chatter.NEVER_MIND]
    assert tickets_of(running, SENDERS[n]) == []


def test_a_mistake_owned_up_to_right_after_a_report_is_left_to_the_dialogue(running: Stack) -> None:
    file_report(running, SENDERS[19], "安居苑37栋楼道灯不亮了")
    answer = " ".join(say(running, SENDERS[19], "发错了 对不起哈"))
    assert chatter.NEVER_MIND not in answer, answer


def test_a_housing_fund_question_is_answered(running: Stack) -> None:
    answer = _plain_words(say(running, SENDERS[18], "住房公积金咋个取出来"))
    assert "公积金管理中心" in answer and "12329" in answer, answer

"""Blind test 31 (docs/usertests/2026-12-07-blind19.md): a question or a problem lost after "请问在哪点？", and health
questions asked where, through the gateway, the real engine and the real action server:

- a rule asked about (种葱子犯法不) and a family's worry (孙子不想上学, 早恋) are answered, never asked where;
- a place given a while after "请问在哪点？" (12, 14 minutes) completes the report asked about, never "what problem?";
- "1" ten minutes after a call back was offered is that call back;
- a bite of any animal, a stove that will not light, a fever of any relative get what to do at once; a place said
  after the fever's advice asks no problem.

Senders: +8613955545000 … 099, in no other test; places 河畔花园 buildings 201–219. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from bot.core import advice_asked, care_words, danger_signs, sick_child
from tests.integration.stack import Stack
from tests.integration.talk import as_if_earlier, number_in, say, tickets_of, understood

pytestmark = pytest.mark.engine
SENDERS = [f"+86139555450{n:02d}" for n in range(0, 100)]
WHERE = "请问在哪点"
WHAT_PROBLEM = "请再说说是什么问题"


@pytest.mark.parametrize(("n", "words", "said"), [
    (0, "小区空地上种葱子犯法不", "公共绿地"),  # AB73b2: asked where, then the question lost
    (1, "孙子不想上学 整天耍手机 咋办", "班主任"),  # B67: asked where
    (2, "外孙女早恋了 成绩下降 咋个办", "12355"),  # B67c: 答不上
])
def test_a_rule_or_a_familys_worry_is_answered_at_once(running: Stack, n: int, words: str, said: str) -> None:
    answer = understood(say(running, SENDERS[n], words))
    assert said in answer, answer
    assert tickets_of(running, SENDERS[n]) == []


def test_one_ten_minutes_after_a_call_back_was_offered_is_that_call_back(running: Stack) -> None:
    resident = SENDERS[3]  # B40b: "1" ten minutes later asked 选哪一项
    assert "回复1" in " ".join(say(running, resident, "这个月退休金咋个少了一截"))
    as_if_earlier(running, resident, 10)
    replies = say(running, resident, "1")
    assert "回电" in " ".join(replies) and not any("选哪一项" in r for r in replies), replies
    assert len(tickets_of(running, resident)) == 1


def test_a_place_twelve_minutes_after_where_files_the_power_cut_asked_about(running: Stack) -> None:
    resident = SENDERS[4]  # A42c: the place was held alone and the 停电 lost
    first = say(running, resident, "停电了 屋头就我一个老太婆 好怕哦")
    assert care_words.COMFORT_DARK in first and any(WHERE in r for r in first), first
    as_if_earlier(running, resident, 12)
    replies = say(running, resident, "河畔花园201栋")
    assert not any(WHAT_PROBLEM in r for r in replies), replies
    number = number_in(replies)
    [ticket] = tickets_of(running, resident)
    assert ticket.number == number and "停电" in ticket.text and "201" in (ticket.place_text or ""), ticket


def test_someone_afraid_who_gives_the_place_at_once_is_comforted_with_the_ticket(running: Stack) -> None:
    resident = SENDERS[5]  # A42c2: the ticket, no comforting word
    replies = say(running, resident, "停电了 我一个人在屋头 黑黢黢的 有点怕 河畔花园202栋")
    number_in(replies)
    assert care_words.COMFORT_DARK in replies, replies


def test_a_stove_that_will_not_light_gets_what_to_check_and_the_place_later_files_it(running: Stack) -> None:
    resident = SENDERS[6]  # B60b: asked where, the question lost, then "what problem?"
    first = say(running, resident, "天然气打不燃火 是不是欠费了")
    assert advice_asked.STOVE in first, first
    if any(WHERE in r for r in first):
        as_if_earlier(running, resident, 14)
        replies = say(running, resident, "河畔花园203栋")
        assert not any(WHAT_PROBLEM in r for r in replies), replies
        number_in(replies)
        assert len(tickets_of(running, resident)) == 1


def test_a_bite_that_bled_gets_the_jab_at_once_and_the_place_later_files_it(running: Stack) -> None:
    resident = SENDERS[7]  # A12-3b2: asked where, then "what problem?", never the wash and the jab
    first = say(running, resident, "遭狗咬了一口 出血了")
    assert danger_signs.BITE_ADVICE in first, first
    if any(WHERE in r for r in first):
        as_if_earlier(running, resident, 10)
        replies = say(running, resident, "河畔花园204栋")
        assert not any(WHAT_PROBLEM in r for r in replies), replies
        number_in(replies)


def test_a_childs_rat_bite_asked_about_gets_what_to_do(running: Stack) -> None:
    resident = SENDERS[8]  # A12-3c: asked where
    assert say(running, resident, "娃娃遭老鼠咬了一口 要紧不") == [advice_asked.RAT_ADVICE]
    assert tickets_of(running, resident) == []


def test_a_grandchilds_fever_and_the_medicine_not_working_are_sent_to_the_doctor(running: Stack) -> None:
    resident = SENDERS[9]  # A10-2b: 没太看懂 twice
    assert say(running, resident, "我外孙发烧39度多") == [sick_child.HIGH_FEVER]
    as_if_earlier(running, resident, 6)
    assert say(running, resident, "喂了退烧药 还是38度8") == [sick_child.STILL_HIGH]
    assert say(running, SENDERS[10], "娃娃烧得脸通红 喂了药也不退") == [sick_child.STILL_HIGH]  # A10-2b3: where?
    assert tickets_of(running, resident) == [] and tickets_of(running, SENDERS[10]) == []


def test_a_place_after_the_fever_advice_asks_no_problem(running: Stack) -> None:
    resident = SENDERS[11]  # A10-2a: "安居苑的" was asked what the problem is
    assert "120" in " ".join(say(running, resident, "屋头娃娃发烧三天了 一直不退 咋个整"))
    [reply] = say(running, resident, "安居苑的")
    assert "安居苑" in reply and "医院" in reply and WHAT_PROBLEM not in reply, reply
    assert tickets_of(running, resident) == []


def test_a_stove_out_of_gas_gets_what_to_check_and_its_ticket_is_asked_after(running: Stack) -> None:
    resident = SENDERS[12]  # B60: filed, the question (是不是没气了) never answered, nor the status asked later
    first = say(running, resident, "燃气灶点不着火 是不是没气了")
    assert advice_asked.STOVE in first, first
    if any(WHERE in r for r in first):
        say(running, resident, "河畔花园205栋")
    say(running, resident, "没漏气 就是点不燃")
    [ticket] = tickets_of(running, resident)
    as_if_earlier(running, resident, 12)
    replies = say(running, resident, "燃气灶那个有人来看没")
    assert any(ticket.number in r for r in replies) and not any(WHERE in r for r in replies), replies

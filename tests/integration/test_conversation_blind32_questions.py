"""Blind test 32 (docs/usertests/2026-12-07-blind20.md): questions filed as tickets or lost, and health advice, through
the gateway, the real engine and the real action server:

- an offer to help, a free check-up, a house let, a fee's fairness are answered, never asked where nor filed;
- any fever gets what to do at once, the medicine not working the doctor, more of it the advice again; never filed;
- a tree grown into a home with its place is filed; a stranger's suggestion goes to the grid worker as a report;
- a washing question inside a water report, or alone after one, is answered; a stove's money is how to top up.

Senders: +86139555540000 … 099, in no other test; places 安居苑 and 河畔花园 buildings 581–599. Each runs on SQLite
and PostgreSQL."""

from __future__ import annotations

import pytest

from bot.core import advice_asked, sick_child
from tests.integration.stack import Stack
from tests.integration.talk import as_if_earlier, file_report, number_in, say, tickets_of, understood

pytestmark = pytest.mark.engine
SENDERS = [f"+861395555400{n:02d}" for n in range(0, 100)]
WHERE = "请问在哪点"


@pytest.mark.parametrize(("n", "words", "said"), [
    (0, "我刚退休 想给社区出点力", "志愿者"),  # A50: asked where, then a junk ticket
    (1, "屋头老人糖尿病 有没得免费体检", "免费体检"),  # B74: asked where, then filed
    (2, "我想问下 房子出租要不要登记", "登记备案"),  # B123: a number verification ticket
    (3, "物业费涨了 合理不", "业主大会"),  # B44: asked where, then filed
])
def test_a_question_with_no_problem_for_a_worker_is_answered_never_filed(running: Stack, n: int, words: str,
                                                                         said: str) -> None:
    answer = understood(say(running, SENDERS[n], words))
    assert said in answer, answer
    assert tickets_of(running, SENDERS[n]) == []


def test_a_fee_asked_about_offers_a_call_back_and_the_place_and_amount_later_are_filed(running: Stack) -> None:
    resident = SENDERS[4]  # B44: the question never answered
    first = say(running, resident, "物业费一下涨这么多 正常吗")
    assert "12345" in " ".join(first) and "回复1" in " ".join(first), first
    as_if_earlier(running, resident, 3)
    number_in(say(running, resident, "安居苑581栋 物业费从一块二涨到一块八 帮我反映一下"))
    [ticket] = tickets_of(running, resident)
    assert "物业费" in ticket.text, ticket.text


def test_a_fever_gets_what_to_do_and_the_medicine_not_working_gets_the_doctor(running: Stack) -> None:
    resident = SENDERS[5]  # A30: 没太看懂, then 答不上
    first = say(running, resident, "我外孙女发烧38度5")
    assert first == [sick_child.FEVER], first
    as_if_earlier(running, resident, 6)
    assert say(running, resident, "吃了退烧药还是不退 咋个办") == [sick_child.STILL_HIGH]
    assert tickets_of(running, resident) == []


def test_a_fever_all_night_then_more_of_it_with_a_place_is_advice_never_a_placeless_ticket(running: Stack) -> None:
    resident = SENDERS[6]  # A97: asked where, then a placeless ticket for the duty officer
    assert say(running, resident, "外孙女发烧了 烧了一晚上") == [sick_child.FEVER]
    as_if_earlier(running, resident, 4)
    replies = say(running, resident, "我们在安居苑 现在烧到38度 还要去医院不")
    assert replies == [sick_child.FEVER], replies
    assert tickets_of(running, resident) == []


@pytest.mark.parametrize(("n", "words"), [(7, "我老伴发烧了 咋个办"), (8, "吃了退烧药还是不退 咋个办")])
def test_a_fever_of_anyone_in_any_words_gets_advice_at_once(running: Stack, n: int, words: str) -> None:
    answer = understood(say(running, SENDERS[n], words))
    assert "医院" in answer and "120" in answer, answer
    assert tickets_of(running, SENDERS[n]) == []


def test_a_tree_grown_onto_a_balcony_with_its_place_is_filed_for_the_grid_worker(running: Stack) -> None:
    resident = SENDERS[9]  # B151: 答不上
    number = number_in(say(running, resident, "哪个管小区里面的树 树枝伸到我家阳台了 河畔花园582栋"))
    [ticket] = tickets_of(running, resident)
    assert ticket.number == number and "582" in (ticket.place_text or "") and ticket.assignee is not None, ticket


def test_a_tree_asked_about_without_a_place_is_asked_where_and_filed(running: Stack) -> None:
    resident = SENDERS[10]
    assert any(WHERE in r for r in say(running, resident, "树枝伸到我家窗子了 哪个管"))
    number = number_in(say(running, resident, "安居苑583栋"))
    [ticket] = tickets_of(running, resident)
    assert ticket.number == number and "树枝" in ticket.text, ticket


def test_a_strangers_suggestion_goes_to_the_grid_worker_never_not_registered(running: Stack) -> None:
    stranger = SENDERS[11]  # B72: "还没登记为本村（社区）居民"
    first = say(running, stranger, "我想给我们小区提个建议 多装点监控")
    assert not any("还没登记" in r for r in first), first
    if any(WHERE in r for r in first):
        first = say(running, stranger, "河畔花园584栋")
    number = number_in(first)
    [ticket] = tickets_of(running, stranger)
    assert ticket.number == number and "监控" in ticket.text and ticket.assignee is not None, ticket


def test_a_bathing_question_inside_a_water_report_is_answered_with_the_ticket(running: Stack) -> None:
    resident = SENDERS[12]  # A75: the ticket and the drinking advice, bathing unanswered
    replies = say(running, resident, "河畔花园585栋停水了 水里有漂白粉味 可以洗澡不")
    number_in(replies)
    assert any(r.startswith("洗澡一般没事") for r in replies), replies
    assert len(tickets_of(running, resident)) == 1


def test_can_i_bathe_alone_after_a_water_report_is_answered_about_it(running: Stack) -> None:
    resident = SENDERS[13]  # A41: 没太看懂
    number = file_report(running, resident, "安居苑586栋自来水有消毒水味")
    as_if_earlier(running, resident, 6)
    replies = say(running, resident, "能洗澡不")
    assert len(replies) == 1 and number in replies[0] and "洗澡一般没事" in replies[0], replies
    assert len(tickets_of(running, resident)) == 1


def test_a_stove_that_will_not_light_asked_if_unpaid_gets_the_check_and_the_top_up(running: Stack) -> None:
    resident = SENDERS[14]  # A26: 没太看懂
    assert say(running, resident, "燃气打不着火 是不是没交费") == [advice_asked.STOVE, advice_asked.GAS_TOP_UP]
    assert tickets_of(running, resident) == []


def test_an_empty_gas_card_asked_how_to_top_up_is_told_how_never_asked_where(running: Stack) -> None:
    resident = SENDERS[15]  # A109: the check-list and "请问在哪点？"
    assert say(running, resident, "燃气卡没钱了 打不燃火 咋个充") == [advice_asked.GAS_TOP_UP]
    assert tickets_of(running, resident) == []

"""Blind test 28 (2026-12-06, docs/usertests/2026-12-06-blind16.md, B-H7a–d, A-B24, B6, B87, B81-2, B75, B75-2, B76,
B82-2, B17, A13-1, A13-2, A-B110, A-B20, B25, and the policy questions answered 答不上): words said in anger, a
complaint to someone above, canned answers picked wrongly and questions the knowledge base now answers, through the
gateway, the real engine and the real action server, every sender an unregistered number.

Senders: numbers +86139666340 … 379, in no other test; reports at 安居苑71–73栋, where no other test files."""

from __future__ import annotations

import pytest

from bot.core import angry_words, triage
from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import number_in, say, ticket_numbered, tickets_of, told

pytestmark = pytest.mark.engine
SENDERS = [f"+86139666{n:03d}" for n in range(340, 380)]
CENTRE = "0874-3112345"
NOT_UNDERSTOOD = ("没太看懂", "答不上", "帮不上忙", "请问在哪点")


def _understood(replies: list[str]) -> str:
    answer = " ".join(replies)
    assert not any(words in answer for words in NOT_UNDERSTOOD), answer
    return answer


@pytest.mark.parametrize(("n", "words", "thing"), [
    (0, "发了八百遍了 到底有没有人管 安居苑71栋路灯", "路灯"),
    (1, "安居苑72栋的路灯 垃圾 下水道 没一样是好的 你们管不管", "下水道"),
])
def test_a_thing_named_in_anger_is_filed_with_a_calm_word(running: Stack, n: int, words: str, thing: str) -> None:
    replies = say(running, SENDERS[n], words)
    answer = _understood(replies)
    assert angry_words.ON_IT in replies, replies
    ticket = ticket_numbered(running, number_in(replies))
    assert thing in ticket.text and ticket.unit is not None and ticket.unit.name.startswith("安居社区"), ticket.text
    assert [t.number for t in tickets_of(running, SENDERS[n])] == [ticket.number], answer


def test_a_camera_asked_for_where_parcels_go_missing_is_filed(running: Stack) -> None:
    answer = _understood(say(running, SENDERS[2], "安居苑73栋快递总是被人拿走 能不能装个监控"))
    [ticket] = tickets_of(running, SENDERS[2])
    assert ticket.number in answer and "监控" in ticket.text, answer


def test_a_complaint_to_someone_above_goes_to_the_duty_officer_and_what_happened_joins_it(running: Stack) -> None:
    asked = _understood(say(running, SENDERS[3], "我要找你们领导 投诉"))
    assert "街道值班员" in asked and "什么事" in asked, asked
    [ticket] = tickets_of(running, SENDERS[3])
    assert ticket.assignee is None or ticket.assignee_role != "grid_worker", ticket.assignee_role
    assert told(running, DUTY_OFFICER, ticket.number or ""), ticket.number
    joined = " ".join(say(running, SENDERS[3], "上个月有个人上门收了我两百块钱 说是社区让收的"))
    assert "补充" in joined and "新问题" not in joined, joined
    [ticket] = tickets_of(running, SENDERS[3])
    assert "两百块钱" in ticket.text, ticket.text


@pytest.mark.parametrize(("n", "words"), [
    (4, "你们这些当官的就晓得收钱 老百姓的事一点都不管"), (5, "你们一天到黑吃干饭的"),
])
def test_venting_at_officials_is_calmed_and_invited_to_say_the_problem(running: Stack, n: int, words: str) -> None:
    assert say(running, SENDERS[n], words) == [triage.CALM_REPLY]
    assert tickets_of(running, SENDERS[n]) == []


def test_giving_up_on_the_machine_gets_a_warm_word_and_our_number(running: Stack) -> None:
    answer = _understood(say(running, SENDERS[6], "算了 跟机器说有啥用"))
    assert CENTRE in answer and "别灰心" in answer, answer
    assert tickets_of(running, SENDERS[6]) == []


@pytest.mark.parametrize(("n", "words", "said", "never"), [
    (7, "凭啥子物业费又涨价了 安居苑的 哪个批的", "业主大会", "没太看懂"),
    (8, "燃气开户咋个办 刚搬来安居苑", "燃气公司营业厅", "别点火"),
    (9, "刚搬来 燃气咋个开通", "燃气公司营业厅", "别点火"),
    (10, "社区有没有老年食堂 吃饭便宜不", "老年食堂", "不是发给"),
    (11, "听说安居苑要收什么管理费 每户五百 真的假的", "核实", "居住证"),
    (12, "老年人坐公交免费不", "老年证", "在哪"),
    (13, "低报哪个申请 屋头困难得很", "低保", "临时救助"),
    (14, "低包咋个办哦", "低保", "答不上"),
    (15, "能不能给我开个居住证明 办贷款要用", "居住证明", "住满半年"),
    (16, "社区医院几点开门哦", "卫生服务中心", "便民服务站在"),
    (17, "早上好呀", "您好", "吃饭"),
])
def test_the_right_answer_is_picked(running: Stack, n: int, words: str, said: str, never: str) -> None:
    answer = _understood(say(running, SENDERS[n], words))
    assert said in answer and never not in answer, answer
    assert tickets_of(running, SENDERS[n]) == []


@pytest.mark.parametrize(("n", "words", "said"), [
    (18, "老年证咋个办 我今年七十一了", "老年证"), (19, "小娃娃打疫苗去哪点打", "接种"),
    (20, "廉租房咋个申请 我们屋头五口人挤一间", "公租房"), (21, "退役军人优待证在哪里办", "退役军人服务站"),
    (22, "我想问下 垃圾分类咋个分", "厨余垃圾"), (23, "水费在哪里交", "生活缴费"),
    (24, "问一下 安居苑停车费好多钱一个月", "物业"), (25, "幺儿 我屋头电视没得信号了 咋个整", "机顶盒"),
    (26, "快递老是丢 快递柜在哪点", "快递柜"), (27, "搬出来了 老家的地咋个办 还是我的不", "承包地"),
    (28, "小区绿化带里能不能种点菜", "不能种菜"), (29, "安居苑有人在群里说要拆迁 是真的不", "正式公告"),
    (30, "你们能不能帮我找个保姆", "家政"),
])
def test_a_policy_question_is_answered_with_whom_to_ask(running: Stack, n: int, words: str, said: str) -> None:
    answer = _understood(say(running, SENDERS[n], words))
    assert said in answer and CENTRE in answer, answer
    assert tickets_of(running, SENDERS[n]) == []

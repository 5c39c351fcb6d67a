"""Blind test 34 (docs/usertests/2026-12-07-blind22.md, failure 1's second half): simple questions answered 答不上,
没太看懂 or 帮不上忙, through the gateway, the real engine and the real action server:

- where to get the jab right after the bite advice (A9b, B133);
- computer classes (Q21), a certificate of where one lives (Q31), paying water and power at the community (Q43),
  what those over 60 get (Q42), a lift for an old block (Q12), an alarm button for a mother alone (Q6), old clothes
  to give away (Q25), whether we are the government (Q36), the estate management's number (E35);
- a market stall wished for (Q20): filed to the community as a suggestion;
- a woman alone, afraid at night (E9): someone to look in on her, her grid worker;
- when the call back comes after a registration (B89): the ticket and the working day.

Senders: +86139555700000 … 099, in no other test; places 安居苑 / 河畔花园 buildings 811–819. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import (
    as_if_earlier,
    file_report,
    register,
    say,
    tickets_of,
    understood,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+861395557000{n:02d}" for n in range(0, 100)]
JAB_PLACES = ("犬伤", "疾控", "卫生服务中心")


def test_where_to_get_the_jab_right_after_the_bite_advice_is_answered(running: Stack):
    resident = SENDERS[0]  # A9b
    assert "疫苗" in " ".join(say(running, resident, "遭狗咬了一口 咬起血了 咋个办"))
    as_if_earlier(running, resident, 5)
    replies = understood(say(running, resident, "要去哪点打针嘛"))
    assert any(place in replies for place in JAB_PLACES), replies


def test_a_rider_bitten_asks_where_the_rabies_jab_is(running: Stack):
    rider = register(running, SENDERS[2])  # B133
    say(running, rider, "送外卖遭狗咬了 在河畔花园811栋")
    as_if_earlier(running, rider, 5)
    replies = understood(say(running, rider, "去哪里打狂犬疫苗"))
    assert any(place in replies for place in JAB_PLACES), replies


@pytest.mark.parametrize(("n", "question", "expected"), [
    (4, "我想学电脑 社区有没得班", "课"),  # Q21
    (5, "要开个证明 证明我住在这里", "居住证明"),  # Q31
    (6, "水电费能不能在社区交", "缴"),  # Q43
    (7, "我想问一下 60岁以上有没得啥子补贴", "老年"),  # Q42
    (8, "安居苑811栋是老楼 能不能装个电梯", "电梯"),  # Q12
    (9, "独居老人能不能装个紧急呼叫器 我妈一个人住", "呼叫器"),  # Q6
    (10, "有没得人收旧衣服 我想捐", "旧衣"),  # Q25
    (11, "你们是政府的不", "社区"),  # Q36
    (12, "安居苑的物业电话是好多", "公告栏"),  # E35
])
def test_a_simple_question_is_answered(running: Stack, n: int, question: str, expected: str):
    replies = understood(say(running, SENDERS[n], question))
    assert expected in replies, replies
    assert "不便提供" not in replies, replies
    assert not tickets_of(running, SENDERS[n]), replies


def test_a_market_stall_wished_for_is_filed_to_the_community(running: Stack):
    resident = SENDERS[14]  # Q20
    replies = understood(say(running, resident, "买菜的地方太远了 社区能不能设个卖菜的点 安居苑812栋"))
    assert len(tickets_of(running, resident)) == 1, replies


def test_a_woman_alone_afraid_at_night_is_looked_in_on(running: Stack):
    resident = SENDERS[16]  # E9
    replies = understood(say(running, resident, "我一个人住 晚上害怕 有没得人能经常来看看我 住安居苑"))
    assert "上门看望" in replies, replies


def test_when_the_call_back_comes_after_a_registration_is_answered(running: Stack):
    resident = SENDERS[18]  # B89
    number = file_report(running, resident, "我刚搬来河畔花园814栋 要去哪里登记")
    as_if_earlier(running, resident, 8)
    replies = understood(say(running, resident, "啥时候打电话给我"))
    assert "不便提供" not in replies, replies
    assert number in replies or "工作日" in replies, replies

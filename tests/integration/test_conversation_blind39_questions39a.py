"""Blind test 36 (docs/usertests/2026-12-07-blind24.md; rows E12n, Q11b, E12b, E11n, Q10b, E22b, E11b, Q24b, B7, RD7b,
E10): knowledge questions answered with the wrong entry, or not at all, through the gateway, the real engine and the
real action server:

- the card's money for a grandchild and its balance, outpatient care and what to bring, a pension's yearly cost, a gas
  bill that doubled, the elderly university's fee, when demolition money arrives, a locked toilet at an estate's gate:
  each gets the entry that says it, never another's text, 答不上 or a ticket (E12n … E10);
- a rider asking where to shelter from the rain gets the riders' station (RD7b);
- 我们是第二批搬的 到底哪天发 eight minutes after the 搬迁补助 answer is the same question's follow-up, never
  "好的，记下了" (B7).

Senders: +86139555779000 … +86139555779999, in no other test; buildings 410–419. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import as_if_earlier, bare, register, say, tickets_of

pytestmark = pytest.mark.engine
SENDERS = [f"+86139555779{n:03d}" for n in range(1000)]
REFUSALS = ("没太看懂", "帮不上忙", "答不上", "请问在哪点", "记下了", "没有在办的工单")


def _said(replies: list[str]) -> str:
    return " ".join(bare(r) for r in replies) + " " + " ".join(replies)


@pytest.mark.parametrize(("n", "asked", "said", "not_said"), [
    (0, "医保卡的钱孙子可以用不", "共济", "定点药店"),  # E12n
    (1, "医保卡里头的钱 孙女能刷不", "共济", "定点药店"),
    (2, "老伴的医保卡钱我能用不", "共济", "定点药店"),
    (3, "咋个查我的医保余额", "12393", "9至12月"),  # Q11b
    (4, "医保卡头还有好多钱 咋个查", "12393", "9至12月"),
    (5, "门诊看病医保报好多", "门诊", "定点药店"),  # E12b
    (6, "看门诊医保能报不", "门诊", "定点药店"),
    (7, "老伴住院了 医保报销要带啥材料", "身份证", "大病保险"),  # E11n
    (8, "出院报销要准备啥子", "身份证", "大病保险"),
    (9, "养老保险一年交好多", "档次", "刷脸"),  # Q10b
    (10, "社保一年交好多钱嘛", "档次", "补卡"),
    (11, "天然气费咋个比上个月贵了一倍", "读数", "营业厅交"),  # E22b
    (12, "这个月燃气费咋个这么高", "读数", "公众号"),
    (13, "我想问下 老年大学报名要好多钱", "学费", "志愿"),  # E11b
    (14, "上老年大学要交钱不", "学费", "志愿"),
    (15, "老房子拆迁的钱啥时候到账", "协议", "别轻信"),  # Q24b
    (16, "拆迁款好久到账", "协议", "别轻信"),
    (17, "河畔花园门口厕所锁起来了 老年人上厕所咋整", "环卫", "答不上"),  # E10
    (18, "安居苑门口的厕所锁起了 上厕所咋办", "环卫", "答不上"),
])
def test_a_question_answered_with_the_wrong_entry_gets_the_one_that_says_it(running: Stack, n: int, asked: str,
                                                                           said: str, not_said: str):
    caller = SENDERS[n]
    replies = say(running, caller, asked)
    text = _said(replies)
    assert said in text and not_said not in text, replies
    assert not any(r in text for r in REFUSALS), replies
    assert tickets_of(running, caller) == [], replies


@pytest.mark.parametrize(("n", "asked"), [
    (100, "下雨天路上好滑 附近有没有可以避雨的地方"),  # RD7b: 答不上
    (101, "落雨了 有没得避雨歇脚的地方"),
])
def test_a_rider_asking_where_to_shelter_from_the_rain_gets_the_riders_station(running: Stack, n: int, asked: str):
    rider = register(running, SENDERS[n], "rider")
    replies = say(running, rider, asked)
    text = _said(replies)
    assert "骑手驿站" in text, replies
    assert not any(r in text for r in REFUSALS), replies
    assert tickets_of(running, rider) == [], replies


@pytest.mark.parametrize(("n", "first", "then"), [
    (200, "搬迁补助好久发哦", "我们是第二批搬的 到底哪天发"),  # B7
    (201, "搬迁补助好久发哦", "我家是第一批搬的 好久打钱嘛"),
    (202, "搬迁的钱好久发", "我们那批到底哪天到账哦"),
])
def test_which_day_for_ones_own_batch_after_the_subsidy_answer_is_never_noted_as_a_detail(running: Stack, n: int,
                                                                                          first: str, then: str):
    caller = SENDERS[n]
    assert "批次" in _said(say(running, caller, first))
    as_if_earlier(running, caller, 8)
    replies = say(running, caller, then)
    text = _said(replies)
    assert not any(r in text for r in REFUSALS), replies
    assert any(ch.isdigit() for ch in text) and ("批" in text or "网格员" in text or "服务" in text), replies
    assert tickets_of(running, caller) == [], replies

"""Blind test 34 (docs/usertests/2026-12-07-blind22.md), questions answered with a neighbour's knowledge entry, through
the gateway, the real engine and the real action server:

- 药店买药能不能刷医保卡 (E11), 老年人办银行卡 要社区开证明不 (E31), 我想当网格员 咋个报名 (Q9),
  河畔花园门禁卡丢了咋个补 (Q24), 安置房好久分 (Q23), 老人的肺炎疫苗好久打 要钱不 (E22): each its own answer;
- 河畔花园的物业啥子都不管, then 我不是问物业费 是物业不打扫卫生: the complaint's answer, never the fee nor the
  health centre's hours (B106);
- 35 minutes after a fire, 我们可以回屋头住了不: wait until 消防 or 物业 say it is safe, never the battery rule (M1).

Senders: +86139555690000 … 099, in no other test; places 安居苑 / 河畔花园 buildings 801–809. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import as_if_earlier, file_report, say, tickets_of

pytestmark = pytest.mark.engine
SENDERS = [f"+861395556900{n:02d}" for n in range(0, 100)]


@pytest.mark.parametrize(("n", "question", "said", "not_said"), [
    (0, "药店买药能不能刷医保卡", "定点药店", "体检"),  # E11: only 门诊慢特病
    (1, "老年人办银行卡 要社区开证明不", "不用社区开证明", "体检"),  # E31
    (2, "我想当网格员 咋个报名", "公开招聘", "新生"),  # Q9: school enrolment
    (3, "河畔花园门禁卡丢了咋个补", "物业补办", "停门口"),  # Q24: the riders' 进小区
    (4, "安置房好久分", "抽签分房", "请问在哪"),  # Q23: only the title deed
    (5, "老人的肺炎疫苗好久打 要钱不", "肺炎", "请问在哪"),  # E22: only the flu's
])
def test_a_question_blind_test_34_answered_with_a_neighbour_gets_its_own_answer(
        running: Stack, n: int, question: str, said: str, not_said: str):
    replies = say(running, SENDERS[n], question)
    text = " ".join(replies)
    assert said in text and not_said not in text, replies
    assert not tickets_of(running, SENDERS[n]), replies


def test_a_complaint_about_the_property_company_is_neither_its_fee_nor_the_health_centre(running: Stack):
    resident = SENDERS[10]  # B106
    first = " ".join(say(running, resident, "河畔花园的物业啥子都不管"))
    assert "整改" in first and "物业费按合同" not in first, first
    as_if_earlier(running, resident, 5)
    second = " ".join(say(running, resident, "我不是问物业费 是物业不打扫卫生"))
    assert "看诊" not in second and "物业费按合同" not in second, second
    assert "整改" in second or "打扫" in second, second


def test_going_home_after_a_fire_waits_for_the_firemen_never_the_battery_rule(running: Stack):
    resident = SENDERS[20]  # M1
    file_report(running, resident, "安居苑801栋3楼着火了 好大的烟")
    as_if_earlier(running, resident, 5)
    say(running, resident, "火灭了 消防车走了")
    as_if_earlier(running, resident, 35)
    replies = say(running, resident, "我们可以回屋头住了不")
    text = " ".join(replies)
    assert "消防" in text and "安全" in text, replies
    assert "电池" not in text, replies

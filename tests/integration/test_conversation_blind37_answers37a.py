"""Plain questions blind test 35 (docs/usertests/2026-12-07-blind23.md, failure 1, first half) misread: answered
with the wrong knowledge entry, asked "请问在哪点？" or filed as a ticket. Each must get its own short answer (or the
honest 答不上 with the offer to ask the grid worker), never a where-question nor a ticket; through the gateway,
the real engine and the real action server.

Senders: +86139555758000 … +86139555758099, in no other test; places 安居苑 / 河畔花园 buildings 900–909. Each runs
on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import as_if_earlier, say, tickets_of

pytestmark = pytest.mark.engine
SENDERS = [f"+861395557580{n:02d}" for n in range(100)]


def asked(running: Stack, sender: str, text: str) -> str:
    """The replies to a plain question, asserted never a where-question nor a ticket."""
    said = " ".join(say(running, sender, text))
    assert "在哪点" not in said and "哪个位置" not in said, said
    assert not tickets_of(running, sender), said
    return said


@pytest.mark.parametrize(("n", "text", "wanted", "never"), [
    (0, "河畔花园门口的公厕锁起了 老年人上厕所咋个办", "环卫", "体检"),  # E10
    (1, "钥匙关在屋头了 社区能帮忙找个开锁的不 安居苑", "开锁", "电池"),  # E39
    (2, "医保卡里的钱能给孙子用不", "共济", "药店"),  # E12n
    (3, "天冷了 社区有没得地方烤火取暖", "取暖", "一氧化碳"),  # B34
    (4, "老伴瘫在床上 能申请护理补贴不", "护理", "2寸照片"),  # E3
    (5, "我是残疾人 能不能申请个轮椅", "轮椅", "2寸照片"),  # E19n
    (6, "社区活动室几点开门", "9至17点", "手机课"),  # Q9n
    (7, "灵活就业的社保咋个交", "灵活就业", "我是"),  # Q19n
    (8, "娃娃上小学要些啥子材料", "户口本", "我是"),  # Q3n
    (9, "老年公交卡在哪里办", "网点", "我是"),  # Q8n
    (10, "网格员招人不 我也想去当", "招聘", "我是"),  # Q9
    (11, "养条狗要去办证不", "犬", "我是"),  # Q11
    (12, "家里宽带断了 上不了网", "10000", "我是"),  # Q30
    (13, "腿脚不方便 能不能请人上门帮我办养老金认证", "认证", "我是"),  # E16n
    (14, "河畔花园的门禁卡掉了咋个补办", "物业", "我是"),  # Q24
])
def test_a_plain_question_gets_its_own_answer_never_a_where_question_nor_a_ticket(
        running: Stack, n: int, text: str, wanted: str, never: str):
    said = asked(running, SENDERS[n], text)
    assert wanted in said, said
    assert never not in said, said


@pytest.mark.parametrize(("n", "then"), [
    (20, "要不要去银行把卡冻起来嘛"),  # A77
    (22, "银行卡要不要冻起"),
    (23, "我那张卡咋个冻起来"),
])
def test_freezing_the_card_after_a_code_given_away_is_never_how_to_open_an_account(running: Stack, n: int,
                                                                                  then: str):
    victim = SENDERS[n]
    first = " ".join(say(running, victim, "有人说他是银行的 我把验证码告诉他了 卡上的钱遭转走了"))
    assert "110" in first, first
    as_if_earlier(running, victim, 7)
    second = " ".join(say(running, victim, then))
    assert "冻结" in second or "挂失" in second, second
    assert "办银行卡" not in second and "开证明" not in second, second



@pytest.mark.parametrize(("n", "text", "wanted", "never"), [
    (30, "钥匙忘在屋头了 哪里有开锁的", "开锁", "电池"),
    (31, "屋头没得网了 找哪个修", "10000", "我是"),
    (32, "养狗要不要办犬证", "犬证", "我是"),
    (33, "好冷哦 哪里可以去烤火", "取暖", "一氧化碳"),
    (34, "医保卡的钱能给老伴用不", "共济", "药店"),
])
def test_other_wordings_of_the_same_questions_get_the_same_answers(running: Stack, n: int, text: str, wanted: str,
                                                                   never: str):
    said = asked(running, SENDERS[n], text)
    assert wanted in said, said
    assert never not in said, said


"""Blind test 34 (docs/usertests/2026-12-07-blind22.md, failure 2), follow-ups and merges on the wrong ticket,
through the gateway, the real engine and the real action server:

- a rider bitten by a dog is never merged into a stranger's lost dog, and gets the wash/vaccine advice (B133);
- 建筑垃圾挡路 is never merged into someone's 往河里倒垃圾 (B135);
- 狗屎还是到处都是 35 minutes on is her own ticket, never "已有人反映" (N7);
- a question after a report (礼拜天开不开门, 楼上接管子没得嘛) is never filed as a detail (E25, W24);
- a new question 35 minutes on is never asked "是补充…还是新问题？" (N3);
- "对 补充" answers "补充还是新问题？" as 补充, the detail on the report (L21).

Senders: +86139555740000 … 099, in no other test; places 安居苑 / 河畔花园 buildings 851–859. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import (
    as_if_earlier,
    assignee_phone,
    file_report,
    register,
    say,
    told,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+861395557400{n:02d}" for n in range(0, 100)]


@pytest.mark.parametrize(("n", "theirs", "mine", "advice"), [
    (0, "河畔花园851栋 我家狗丢了 黄色的土狗", "送外卖遭狗咬了 在河畔花园851栋", ("疫苗", "冲洗")),  # B133
    (10, "河畔花园853栋 有人往河里倒垃圾", "河畔花园853栋外面一堆建筑垃圾挡路", ()),  # B135
])
def test_a_riders_report_is_never_merged_into_anothers_different_problem(running: Stack, n: int, theirs: str,
                                                                        mine: str, advice: tuple[str, ...]):
    stranger, rider = SENDERS[n], register(running, SENDERS[n + 1], "rider")
    other = file_report(running, stranger, theirs)
    answer = " ".join(say(running, rider, mine))
    assert other not in answer and "已有人反映" not in answer, answer
    assert not advice or any(words in answer for words in advice), answer


def test_the_dog_mess_still_there_later_is_her_own_ticket(running: Stack):
    resident = SENDERS[20]  # N7
    mess = file_report(running, resident, "安居苑855栋有人遛狗不捡屎")
    say(running, assignee_phone(running, mess), f"{mess} 进度 贴了告示 找到狗主人了")
    as_if_earlier(running, resident, 35)
    replies = say(running, resident, "狗屎还是到处都是")
    answer = " ".join(replies)
    # her own ticket: joined to it, or urged with her words for its holder (its kind of trouble goes on: asks36)
    assert "已有人反映" not in answer and (f"您的工单{mess}" in answer or f"工单{mess}现在" in answer), replies


def test_asking_whether_the_office_opens_on_sunday_is_no_detail_of_her_report(running: Stack):
    resident = SENDERS[30]  # E25
    rubbish = file_report(running, resident, "安居苑857栋门口垃圾桶满了 好几天没人拉")
    say(running, resident, "社区几点上班")
    as_if_earlier(running, resident, 5)
    replies = say(running, resident, "礼拜天开不开门")
    assert "补充" not in " ".join(replies), replies
    assert not any("礼拜天" in m for m in told(running, assignee_phone(running, rubbish), rubbish)), replies


def test_asking_whether_the_pipe_was_fitted_is_no_detail(running: Stack):
    resident = SENDERS[40]  # W24
    leak = file_report(running, resident, "河畔花园859栋 楼上漏水 漏到我家厨房了")
    say(running, assignee_phone(running, leak), f"{leak} 楼上那家答应接根管子")
    as_if_earlier(running, resident, 5)
    replies = say(running, resident, "楼上接管子没得嘛")
    assert "已补充" not in " ".join(replies), replies


def test_a_new_question_later_is_never_asked_whether_it_adds_to_a_report(running: Stack):
    resident = SENDERS[50]  # N3
    file_report(running, resident, "安居苑852栋楼道灯又坏了")
    say(running, resident, "社区有没得老年人免费体检")
    as_if_earlier(running, resident, 35)
    replies = say(running, resident, "体检要空腹不")
    assert "补充" not in " ".join(replies), replies


def test_agreeing_to_add_it_puts_the_detail_on_the_report(running: Stack):
    resident = SENDERS[60]  # L21
    rail = file_report(running, resident, "安居苑856栋门口小桥栏杆断了")
    replies = say(running, resident, "娃娃放学要从那里过 危险")
    if any("新问题" in r for r in replies):
        replies = say(running, resident, "对 补充")
    assert "没太看懂" not in " ".join(replies) and rail in " ".join(replies), replies
    assert any("娃娃放学" in m for m in told(running, assignee_phone(running, rail), rail)), replies

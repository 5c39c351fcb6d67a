"""Blind test 29 (docs/usertests/2026-12-07-blind17.md, rows B13, B14, B74, B91, B96, B137), through the gateway, the
real engine and the real action server: a second problem said a minute after a report, naming a building or the estate
but not which estate (还有9栋门口…, 3栋电表箱门也是开起的, 另外 小区门口…, 我们小区路灯…), or right beside a rider's
located report (还有旁边那个路灯也是黑的), is its own ticket where the first one was, never "请问在哪点？"; so is one
after the first was rated.

Senders: +86139666540 … 579, in no other test. Each runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import assignee_phone, file_report, register, say, ticket_numbered, tickets_of

pytestmark = pytest.mark.engine
SENDERS = [f"+86139666{n}" for n in range(540, 580)]
SPOT = (25.4002, 103.3066)  # 幸福社区第2网格: 250 m or more from every other test's point (并单 within 150 m)


def _asked_where(replies: list[str]) -> bool:
    return any("在哪" in r for r in replies)


@pytest.mark.parametrize(("index", "report", "second", "thing", "place"), [
    (0, "安居苑61栋电梯坏了 门关不上", "还有61栋门口那个垃圾桶没盖子 苍蝇多得很", "垃圾桶", "安居苑61栋"),  # B13
    (1, "安居苑63栋消防栓漏水了 地上全是水", "63栋电表箱门也是开起的 娃娃去摸怕触电", "电表箱", "安居苑63栋"),  # B96
    (2, "河畔花园67栋楼道灯坏了 黑得很", "另外 小区门口那个减速带掉了一块", "减速带", "河畔花园"),  # B137
    (3, "河畔花园61栋楼道堆满了杂物 过不得人", "对了 我们小区路灯也有两盏不亮", "路灯", "河畔花园"),  # B14
])
def test_a_second_problem_a_minute_later_is_filed_in_the_estate_just_reported(running: Stack, index: int,
                                                                             report: str, second: str, thing: str,
                                                                             place: str):
    stranger = SENDERS[index]
    first = file_report(running, stranger, report)
    replies = say(running, stranger, second)
    assert not _asked_where(replies) and not any("补充" in r for r in replies), replies
    tickets = tickets_of(running, stranger)
    assert len(tickets) == 2 and tickets[0].number == first, replies
    assert thing in tickets[1].text and place in (tickets[1].place_text or ""), (tickets[1].place_text, replies)
    assert tickets[1].unit_id == tickets[0].unit_id


def test_a_problem_right_after_rating_a_report_is_filed_in_its_estate(running: Stack):
    stranger = SENDERS[4]  # B91
    first = file_report(running, stranger, "安居苑65栋门口的下水道堵了 臭得很")
    say(running, assignee_phone(running, first), f"{first} 已办结 下水道通好了")
    say(running, stranger, "满意")
    assert ticket_numbered(running, first).status == "closed"
    replies = say(running, stranger, "65栋门口的下水道盖子也烂了")
    assert not _asked_where(replies), replies
    tickets = tickets_of(running, stranger)
    assert len(tickets) == 2 and "盖子" in tickets[1].text, replies
    assert "安居苑65栋" in (tickets[1].place_text or ""), tickets[1].place_text


def test_a_riders_problem_beside_his_located_report_is_filed_at_its_point(running: Stack):
    rider = register(running, SENDERS[5])  # B74
    first = file_report(running, rider, "这里路边的井盖不见了 好危险", lat=SPOT[0], lon=SPOT[1])
    replies = say(running, rider, "还有旁边那个路灯也是黑的")
    assert not _asked_where(replies) and not any("补充" in r for r in replies), replies
    tickets = tickets_of(running, rider)
    assert len(tickets) == 2 and tickets[0].number == first and "路灯" in tickets[1].text, replies
    assert (tickets[1].lat, tickets[1].lon) == SPOT and tickets[1].unit_id == tickets[0].unit_id


def test_a_problem_naming_another_estate_is_not_put_in_the_one_just_reported(running: Stack):
    stranger = SENDERS[6]
    file_report(running, stranger, "安居苑67栋楼道灯坏了 黑得很")
    say(running, stranger, "还有河畔花园69栋门口的垃圾桶翻了")
    tickets = tickets_of(running, stranger)
    assert len(tickets) == 2 and "安居苑" not in (tickets[1].place_text or ""), tickets[1].place_text


def test_a_question_about_another_ticket_while_asked_where_is_answered_and_the_place_still_asked(running: Stack):
    stranger = SENDERS[7]  # B97, B138: the question became the place of the pending report (地点不明)
    hydrant = file_report(running, stranger, "安居苑71栋消防栓漏水了 地上全是水")
    asked = say(running, stranger, "路边垃圾桶翻了 垃圾撒得到处都是")
    if any("新问题" in r for r in asked):
        asked = say(running, stranger, "2")
    assert _asked_where(asked) and len(tickets_of(running, stranger)) == 1, asked
    replies = say(running, stranger, "消防栓那个搞得咋样了")
    assert any(hydrant in r for r in replies) and _asked_where(replies), replies
    assert len(tickets_of(running, stranger)) == 1, replies
    filed = say(running, stranger, "安居苑71栋门口")
    tickets = tickets_of(running, stranger)
    assert len(tickets) == 2 and "垃圾" in tickets[1].text and tickets[1].place_text == "安居苑71栋门口", filed


def test_withdrawing_another_ticket_while_asked_where_withdraws_it_and_keeps_the_report(running: Stack):
    stranger = SENDERS[8]  # B139: "好的，已取消" of the 垃圾 draft, the lamp left open
    lamp = file_report(running, stranger, "安居苑73栋路灯坏了 晚上黑得很")
    asked = say(running, stranger, "垃圾好几天没人收了 臭得很")
    assert _asked_where(asked), asked
    replies = say(running, stranger, "灯那个不报了 物业来换了")
    assert any(lamp in r and "撤销" in r for r in replies) and _asked_where(replies), replies
    assert ticket_numbered(running, lamp).status == "cancelled"
    say(running, stranger, "安居苑73栋门口")
    tickets = tickets_of(running, stranger)
    assert len(tickets) == 2 and "垃圾" in tickets[1].text and tickets[1].status != "cancelled", tickets[1].text

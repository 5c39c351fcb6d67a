"""Blind test 36 (docs/usertests/2026-12-07-blind24.md, issue 17; rows L21, E7b, B106, B114, E29, Q18, RD6n, E2b,
E21n, W7b, A42, M12b, RD4b, L14, Q22n): follow-ups that lose or bend their ticket, and wrong merges, through the
gateway, the real engine and the real action server:

- an obvious detail of a report (小娃儿上学天天走那里过 好危险, 三楼到四楼那一截, 车上全是泥水, a bare 河畔花园)
  joins it, never "是补充…，还是新问题？" (L21, E7b, B106, B114, E29, Q18);
- a rider's new matter (小区保安不让外卖车进去) is never asked about as a detail of his report (RD6n);
- a request about the report's place (能不能在那里修个扶手嘛) joins it, never "请问在哪点？" (E2b);
- her trouble again at 35 minutes (昨晚又拖到一点多, 今天卖菜的又来摆了) urges her ticket (E21n, Q22n);
- 就是我刚才说的那个鸽子的事 is the report's own matter, never "撤销…吗？" (L14);
- burning rubbish is never merged into a bin knocked over, nor a burst main on the road outside into a leak in the
  garden (W7b, A42, M12b, RD4b).

Senders: +86139555782000 … +86139555782999, in no other test; buildings 440–449. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import (
    as_if_earlier,
    assignee_phone,
    bare,
    file_report,
    register,
    say,
    tickets_of,
    told,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+86139555782{n:03d}" for n in range(1000)]
ASKED = ("新问题", "在哪", "哪点", "撤销", "帮不上忙", "没太看懂")


def _said(replies: list[str]) -> str:
    return " ".join(bare(r) for r in replies) + " " + " ".join(replies)


@pytest.mark.parametrize(("n", "report", "detail", "minutes"), [
    (0, "河畔花园440栋旁边小桥的栏杆断了", "小娃儿上学天天走那里过 好危险", 0),  # L21
    (1, "阳光小区440栋旁边那个桥的栏杆垮了", "老年人天天走那里过 吓人得很", 1),
    (2, "河畔花园441栋楼道的扶手断了", "三楼到四楼那一截", 5),  # E7b
    (3, "阳光小区441栋楼道的灯坏了", "五楼到六楼那一段", 5),
    (4, "河畔花园442栋的物业啥都不管 到处乱糟糟的", "不是说物业费 是物业从来不扫地 到处脏兮兮的", 5),  # B106
    (5, "河畔花园443栋一早上都没得水了", "河畔花园", 5),  # B114
    (6, "河畔花园444栋地下车库漏水", "车上全是泥水", 5),  # E29
    (7, "阳光小区444栋地下车库漏水", "车子上头全是泥巴水", 5),
    (8, "我要投诉安居苑443栋的网格员 态度恶劣", "上次找她 她说不归她管 就把电话挂了", 5),  # Q18
])
def test_an_obvious_detail_joins_the_report_never_asked_which(running: Stack, n: int, report: str, detail: str,
                                                              minutes: int):
    caller = SENDERS[n]
    assert file_report(running, caller, report)
    if minutes:
        as_if_earlier(running, caller, minutes)
    replies = say(running, caller, detail)
    said = _said(replies)
    assert not any(word in said for word in ASKED), replies
    assert len(tickets_of(running, caller)) == 1, replies


def test_a_riders_new_matter_is_never_taken_for_a_detail_of_his_report(running: Stack):
    rider = register(running, SENDERS[100], "rider")  # RD6n
    file_report(running, rider, "安居苑444栋路口的红绿灯不亮了")
    replies = say(running, rider, "小区保安不让外卖车进去 要走好远")
    assert "新问题" not in _said(replies) and "是补充" not in _said(replies), replies


@pytest.mark.parametrize(("n", "report", "ask"), [
    (200, "安居苑445栋门口那个坡坡太陡了 轮椅推不上去", "能不能在那里修个扶手嘛"),  # E2b
    (201, "阳光小区445栋门口的台阶太高了 老年人上不去", "可不可以在那儿修个扶手嘛"),
])
def test_a_request_about_the_reports_place_joins_it_never_asks_where(running: Stack, n: int, report: str, ask: str):
    caller = SENDERS[n]
    number = file_report(running, caller, report)
    as_if_earlier(running, caller, 6)
    replies = say(running, caller, ask)
    said = _said(replies)
    assert "在哪" not in said and "哪点" not in said and "新问题" not in said, replies
    assert number in said, replies
    assert len(tickets_of(running, caller)) == 1, replies


@pytest.mark.parametrize(("n", "report", "again"), [
    (300, "安居苑446栋楼上每天半夜拖椅子 吵得睡不着", "昨晚又拖到一点多"),  # E21n
    (301, "阳光小区446栋楼上天天半夜拖凳子 吵死人了", "昨天晚上又拖到两点过"),
    (302, "安居苑447栋门口有人摆摊卖菜 路都堵了", "今天卖菜的又来摆了"),  # Q22n
    (303, "阳光小区447栋门口有人摆摊卖水果 过都过不去", "今天卖水果的又来摆起了"),
])
def test_her_trouble_again_at_35_minutes_urges_her_ticket(running: Stack, n: int, report: str, again: str):
    caller = SENDERS[n]
    number = file_report(running, caller, report)
    worker = assignee_phone(running, number)
    as_if_earlier(running, caller, 35)
    replies = say(running, caller, again)
    said = _said(replies)
    assert not any(word in said for word in ("帮不上忙", "没太看懂", "新问题")), replies
    assert number in said, replies
    assert len(tickets_of(running, caller)) == 1, replies
    assert told(running, worker, number)[1:], "the worker never heard of it"


@pytest.mark.parametrize(("n", "report", "more", "same"), [
    (400, "阳光小区442栋楼道有人喂鸽子", "鸽子粪到处都是 臭得很", "就是我刚才说的那个鸽子的事"),  # L14
    (401, "河畔花园445栋楼道有人喂流浪猫", "猫屎到处都是 臭得很", "就是刚刚讲的那个猫的事"),
    (402, "安居苑441栋楼道有人堆纸壳子", "堆了一楼道 过都过不去", "还是前面说的那个纸壳子的问题"),
])
def test_the_same_matter_named_again_is_never_taken_for_a_withdrawal(running: Stack, n: int, report: str, more: str,
                                                                     same: str):
    caller = SENDERS[n]
    assert file_report(running, caller, report)
    say(running, caller, more)
    as_if_earlier(running, caller, 5)
    replies = say(running, caller, same)
    assert "撤销" not in _said(replies), replies
    assert [t.status for t in tickets_of(running, caller)] != ["cancelled"], replies


@pytest.mark.parametrize(("n", "theirs", "mine"), [
    (500, "安居苑448栋门口垃圾桶翻了 垃圾撒了一地", "安居苑448栋门口有人烧垃圾 烟好大"),  # W7b
    (502, "阳光小区448栋门口垃圾桶倒了 到处都是", "阳光小区448栋门口有人在烧垃圾 呛得很"),
    (504, "安居苑449栋花园里水管漏水", "安居苑449栋门口水管爆了 路上全是水"),  # A42, RD4b
])
def test_a_different_thing_at_the_same_place_is_never_merged(running: Stack, n: int, theirs: str, mine: str):
    other, me = SENDERS[n], register(running, SENDERS[n + 1], "rider")
    number = file_report(running, other, theirs)
    replies = say(running, me, mine)
    said = _said(replies)
    assert "已有人反映" not in said and number not in said, replies

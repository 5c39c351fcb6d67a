"""Blind test 34 (docs/usertests/2026-12-07-blind22.md, failure 3): all-clears, follow-ups, questions and chronic
nuisances that became new emergencies, through the gateway, the real engine and the real action server:

- 人捞起来了 没事 after someone fell in the river, 电梯公司来了 人出来了 after a lift emergency: an all-clear (M4, M9);
- 水还在往下流 一楼都淹了 after a burst pipe, 老人还在那里 天要黑了 after a wandering elder: more of it (B1, B172);
- 安居苑路边的树遭砍了好几棵 是哪个批准的, 我家隔壁天天烧东西 烟大得很: an ordinary report (Q8, Q26);
- 我妈走路摔了 手腕肿了 要紧不: first aid, never an alarm (B86); 我遭邻居屋头的狗咬了 腿上在流血: the bite advice (A9).

Senders: +86139555710000 … +86139555710099, in no other test; places 安居苑 / 河畔花园 buildings 821–829. Each runs
on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import as_if_earlier, assignee_phone, left_ordinary, say, tickets_of, told, unnumbered

pytestmark = pytest.mark.engine
SENDERS = [f"+861395557100{n:02d}" for n in range(100)]
ALARMS = ("情况紧急", "119", "110", "120")


@pytest.mark.parametrize(("n", "first", "clear"), [
    (0, "安居苑后面那条河有人钓鱼掉下去了", "人捞起来了 没事"),  # M4
    (1, "河畔花园821栋旁边河头有个娃娃掉下去了", "娃娃拉上来了 莫得事"),
    (2, "安居苑822栋电梯卡在半中间 里面有个老人", "电梯公司来了 人出来了"),  # M9
    (3, "河畔花园822栋电梯停到半中间 里头关了个人", "修电梯的来了 人弄出来了"),
])
def test_an_all_clear_after_an_emergency_is_news_of_it_never_a_new_one(running: Stack, n: int, first: str,
                                                                     clear: str):
    caller = SENDERS[n]
    say(running, caller, first)
    [ticket] = tickets_of(running, caller)
    as_if_earlier(running, caller, 5)
    replies = say(running, caller, clear)
    said = unnumbered(replies)
    assert "情况紧急" not in said and "在哪" not in said, replies
    assert len(tickets_of(running, caller)) == 1, replies
    notes = told(running, DUTY_OFFICER, ticket.number or "") + told(
        running, assignee_phone(running, ticket.number or ""), ticket.number or "")
    assert any(clear in m for m in notes), (replies, notes)


@pytest.mark.parametrize(("n", "report", "more", "detail"), [
    (10, "安居苑823栋1单元水管爆了 楼梯上都是水", "水还在往下流 一楼都淹了", "淹"),  # B1
    (11, "河畔花园823栋2单元水管爆了 水哗哗的流", "水还在淌 楼下都淹起了", "淹"),
    (12, "安居苑门口有个老人在转 问他家在哪说不清楚", "老人还在那里 天要黑了", "黑"),  # B172
    (13, "河畔花园824栋门口有个老太太 问她住哪点说不清楚", "老太太还在那点 天都要黑了", "黑"),
])
def test_more_of_an_open_report_goes_to_its_ticket_never_a_new_emergency(running: Stack, n: int, report: str,
                                                                        more: str, detail: str):
    caller = SENDERS[n]
    say(running, caller, report)
    [ticket] = tickets_of(running, caller)
    number = ticket.number or ""
    as_if_earlier(running, caller, 5)
    replies = say(running, caller, more)
    said = unnumbered(replies)
    assert "情况紧急" not in said and "在哪" not in said and "119" not in said and "120" not in said, replies
    assert len(tickets_of(running, caller)) == 1, replies
    assert any(detail in m for m in told(running, assignee_phone(running, number), number)), replies


@pytest.mark.parametrize(("n", "text"), [
    (20, "安居苑路边的树遭砍了好几棵 是哪个批准的"),  # Q8
    (21, "河畔花园825栋门口的树遭砍了 哪个批的嘛"),
    (22, "我家隔壁天天烧东西 烟大得很"),  # Q26
    (23, "隔壁屋头天天在烧垃圾 烟子大得很 安居苑826栋"),
])
def test_a_question_or_a_chronic_nuisance_is_no_alarm(running: Stack, n: int, text: str):
    replies = say(running, SENDERS[n], text)
    said = unnumbered(replies)
    assert not any(x in said for x in ALARMS), replies
    assert all(left_ordinary(running, t) for t in tickets_of(running, SENDERS[n])), replies


@pytest.mark.parametrize(("n", "text"), [
    (30, "我妈走路摔了 手腕肿了 要紧不"),  # B86
    (31, "我老汉摔了一跤 手杆肿起了 要不要紧"),
])
def test_a_sprained_wrist_question_gets_first_aid_never_an_alarm(running: Stack, n: int, text: str):
    replies = say(running, SENDERS[n], text)
    said = unnumbered(replies)
    assert not any(x in said for x in ("情况紧急", "在哪")), replies
    assert "冷敷" in said and "医院" in said, replies
    assert tickets_of(running, SENDERS[n]) == [], replies


@pytest.mark.parametrize(("n", "text"), [
    (40, "我遭邻居屋头的狗咬了 腿上在流血"),  # A9
    (41, "遭隔壁屋头的狗咬了一口 脚杆在流血"),
])
def test_a_dog_bite_gets_the_bite_advice_never_a_bare_alarm(running: Stack, n: int, text: str):
    replies = say(running, SENDERS[n], text)
    said = unnumbered(replies)
    assert "情况紧急" not in said and "120" not in said, replies  # where it happened may be asked for the dog's report
    assert "15分钟" in said and "疫苗" in said, replies
    assert all(t.severity != "critical" for t in tickets_of(running, SENDERS[n])), replies

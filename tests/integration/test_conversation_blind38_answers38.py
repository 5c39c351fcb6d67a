"""Blind test 35 (docs/usertests/2026-12-07-blind23.md, item 1 of "Failures worth fixing first"; rows A49, A73, Q8,
N3, E9, L9, B147): questions answered by what was asked, through the gateway, the real engine and the real action
server:

- a correction naming what was meant, when it is the entry just given, gets the part of it about that thing and an
  honest "说不准，请直接问…", never the same text again (A49);
- where or how bad a scratch is, right after its advice, gets the wash and the jab, never "没太看懂" (A73);
- who approved a change people see (树被砍, 路被挖, 围墙被拆) gets what is known and the call back offered, never
  答不上 (Q8); whether to fast for a check-up is answered, never asked where (N3's kind);
- someone alone asking for someone to come and see them is filed for that place's grid worker, named with her
  number (E9); a visit asked for right after a report about a mother alone joins that ticket, its holder told (L9);
- "when?" after a worker's words with no time in them quotes his latest words and passes the question on (B147).

Senders: +86139555777000 … +86139555777999, in no other test; buildings 980–989. Each runs on SQLite and
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
    ticket_numbered,
    tickets_of,
    told,
    unnumbered,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+86139555777{n:03d}" for n in range(1000)]
REFUSALS = ("没太看懂", "帮不上忙", "答不上", "请问在哪点", "记下了", "没有在办的工单")


@pytest.mark.parametrize(("n", "rider", "first", "again"), [
    (0, True, "我们送外卖的骑手有没得啥子补贴可以领", "我问的是送外卖的补贴 不是医保看病"),  # A49
    (1, True, "我们跑外卖的有没得啥子补助", "不是问看病 是问骑手有没得补助"),
    (2, False, "老人打流感针要钱不", "不是问体检 是问打流感针"),  # B83's kind: right the first time
])
def test_a_correction_naming_the_entry_just_given_never_gets_the_same_text(running: Stack, n: int, rider: bool,
                                                                           first: str, again: str):
    asker = register(running, SENDERS[n], "rider") if rider else SENDERS[n]
    answered = unnumbered(say(running, asker, first))
    assert not any(r in answered for r in REFUSALS), answered
    as_if_earlier(running, asker, 7)
    replies = say(running, asker, again)
    said = unnumbered(replies)
    assert not any(r in said for r in REFUSALS), replies
    assert said != answered and answered not in said, replies
    assert "刚才说了" in said and "说不准" in said, replies
    assert tickets_of(running, asker) == []


@pytest.mark.parametrize(("n", "advised", "detail"), [
    (10, "遭猫抓了一爪 流血了", "在屋头的 就是手指头抓破了"),  # A73
    (11, "遭狗咬了 要打针不", "就是小腿上 咬破了皮"),
    (12, "我遭猫儿抓了 在流血", "猫抓的 手背上抓了一道"),
])
def test_where_or_how_bad_a_scratch_is_after_its_advice_gets_the_wash_and_the_jab(running: Stack, n: int,
                                                                                  advised: str, detail: str):
    caller = SENDERS[n]
    first = unnumbered(say(running, caller, advised))
    assert "狂犬" in first, first
    as_if_earlier(running, caller, 5)
    replies = say(running, caller, detail)
    said = unnumbered(replies)
    assert not any(r in said for r in REFUSALS), replies
    assert "15分钟" in said and "狂犬疫苗" in said and said != first, replies
    assert tickets_of(running, caller) == []


def test_a_report_after_a_scratchs_advice_is_no_word_about_the_scratch(running: Stack):
    caller = SENDERS[13]  # what A73's fix must not catch: a problem of its own
    say(running, caller, "遭猫抓了一爪 流血了")
    as_if_earlier(running, caller, 5)
    replies = say(running, caller, "安居苑981栋的楼道灯坏了 黑黢黢的")
    assert "狂犬" not in unnumbered(replies), replies
    assert len(tickets_of(running, caller)) == 1, replies


@pytest.mark.parametrize(("n", "asked"), [
    (20, "安居苑路边的树被砍了好多棵 是哪个批的"),  # Q8
    (21, "河畔花园982栋门口的路被挖开了 哪个同意的哦"),
    (22, "阳光小区的围墙遭拆了 有没得手续哦"),
])
def test_who_approved_a_change_people_see_gets_what_is_known_and_a_call_back(running: Stack, n: int, asked: str):
    caller = SENDERS[n]
    replies = say(running, caller, asked)
    said = unnumbered(replies)
    assert not any(r in said for r in REFUSALS), replies
    assert "园林" in said and "城管" in said and "回复1" in said, replies
    assert tickets_of(running, caller) == []


@pytest.mark.parametrize(("n", "asked"), [
    (30, "去体检要饿起肚子去不"),  # N3's kind: asked where in the round's probe
    (31, "明天去体检 要空着肚子去不"),
    (32, "体检那天早上吃得早饭不"),
])
def test_whether_to_fast_for_a_check_up_is_answered_never_asked_where(running: Stack, n: int, asked: str):
    caller = SENDERS[n]
    replies = say(running, caller, asked)
    said = unnumbered(replies)
    assert not any(r in said for r in REFUSALS), replies
    assert "空腹" in said, replies
    assert tickets_of(running, caller) == []


@pytest.mark.parametrize(("n", "asked", "worker"), [
    (40, "我一个人住在安居苑 晚上怕得很 能不能有人经常来看看我", "杨艳"),  # E9
    (41, "老伴走了 我一个人住在安居苑984栋 能不能派个人来看看我", "杨艳"),
    (42, "我一个人住河畔花园 晚上睡不着 有没得人来陪陪我", "周明"),
])
def test_someone_alone_asking_to_be_looked_in_on_is_filed_for_that_places_grid_worker(running: Stack, n: int,
                                                                                      asked: str, worker: str):
    caller = SENDERS[n]
    replies = say(running, caller, asked)
    said = " ".join(replies)
    assert not any(r in said for r in REFUSALS) and "居家养老服务站" not in said, replies
    mine = tickets_of(running, caller)
    assert len(mine) == 1, replies
    number = mine[0].number or ""
    assert mine[0].assignee is not None and mine[0].assignee.name == worker, replies
    phone = assignee_phone(running, number)
    assert worker in said and phone.removeprefix("+86") in said and number in said, replies
    assert told(running, phone, number), "the worker never heard of it"


@pytest.mark.parametrize(("n", "report", "visit"), [
    (50, "我妈80多了 一个人住在河畔花园", "能不能有人上门去看看她"),  # L9
    (51, "我爸八十多了 一个人住在安居苑985栋", "能不能派个人去看看他"),
    (52, "我婆婆九十了 一个人住在阳光小区986栋", "麻烦你们哪个上门去看一下她"),
])
def test_a_visit_asked_for_right_after_a_report_about_someone_alone_joins_that_ticket(running: Stack, n: int,
                                                                                       report: str, visit: str):
    caller = SENDERS[n]
    number = file_report(running, caller, report)
    worker = assignee_phone(running, number)
    replies = say(running, caller, visit)
    said = " ".join(replies)
    assert not any(r in said for r in REFUSALS) and "居家养老服务站" not in said, replies
    assert number in said and ticket_numbered(running, number).assignee.name in said, replies
    assert any(visit in m for m in told(running, worker, number)), "the worker never heard of it"
    assert len(tickets_of(running, caller)) == 1, replies


def test_someone_to_come_and_look_after_a_broken_light_is_no_visit_joined(running: Stack):
    caller = SENDERS[53]  # what L9's fix must not catch: a ticket about no one alone
    number = file_report(running, caller, "安居苑987栋的楼道灯坏了")
    replies = say(running, caller, "能不能有人来看看")
    assert "上门去看看" not in " ".join(replies), replies
    assert len(tickets_of(running, caller)) == 1 and number


@pytest.mark.parametrize(("n", "report", "words", "ask"), [
    (60, "河畔花园988栋门口有辆车停了几个月都没动过", "找到车主了 会喊他挪", "车主说啥时候挪"),  # B147
    (61, "安居苑989栋楼下的垃圾堆了一个星期没人收", "已经跟环卫说了", "环卫说好久来收嘛"),
    (62, "阳光小区989栋楼道灯坏了", "联系电工了 等他回话", "电工说哪天来嘛"),
])
def test_when_after_a_workers_words_with_no_time_quotes_them_and_passes_it_on(running: Stack, n: int, report: str,
                                                                               words: str, ask: str):
    caller = SENDERS[n]
    number = file_report(running, caller, report)
    worker = assignee_phone(running, number)
    say(running, worker, f"{number} {words}")
    as_if_earlier(running, caller, 7)
    replies = say(running, caller, ask)
    said = " ".join(replies)
    assert not any(r in said for r in REFUSALS), replies
    assert number in said and words in said, replies
    assert any(ask in m for m in told(running, worker, number)), "the question never reached the worker"
    assert len(tickets_of(running, caller)) == 1, replies

"""Blind test 36 (docs/usertests/2026-12-07-blind24.md, item 1 of "Failures worth fixing first"; rows Q2, N3, Q24,
Q1b, E8b, Q16b, Q18b, Q5b, VL12n, B114): questions answered, never filed, asked where, nor met with a generic
reply, through the gateway, the real engine and the real action server:

- a question naming an estate (安居苑有托儿所没有, 河畔花园门禁卡丢了 咋个补) or coming back 35 minutes after its
  neighbour (体检要空着肚子去不) is answered, never a ticket (Q2, N3, Q24); a real trouble there stays a report;
- 社区有没有修伞修鞋的 is answered, never "请问在哪点？" (Q1b); 电费咋个交 我不会用手机 gets where to pay (E8b);
- a service we don't do (叫个出租车) is said so kindly with who can, never 房子出租 (Q16b); the weather gets where to
  look, never "这个我帮不上忙" (Q18b);
- a stranger's 网格员电话多少 is asked which estate he lives in, then its worker is named (Q5b);
- a villager's 村里的公告在哪看 gets the 村口黑板, as a stranger does (VL12n);
- 河畔花园好久来水 (a water outage asked about) is taken for the outage, never 答不上 (B114).

Senders: +86139555780000 … +86139555780999, in no other test; buildings 420–429. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import (
    as_if_earlier,
    assignee_phone,
    file_report,
    live_at,
    register,
    say,
    tickets_of,
    told,
    unnumbered,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+86139555780{n:03d}" for n in range(1000)]
REFUSALS = ("没太看懂", "帮不上忙", "答不上", "请问在哪点", "记下了", "没有在办的工单", "有事直接发短信说")
VILLAGE = "石桥村网格"


def _answered(running: Stack, asker: str, question: str) -> str:
    said = unnumbered(say(running, asker, question))
    assert not any(r in said for r in REFUSALS), said
    assert tickets_of(running, asker) == [], said
    return said


@pytest.mark.parametrize(("n", "question", "answer"), [
    (0, "安居苑有托儿所没有 娃娃刚两岁", "托"),  # Q2
    (1, "河畔花园附近有没得托儿所嘛 孙孙才一岁半", "托"),
    (2, "阳光小区这边有托班没得 娃娃还不到三岁", "托"),
    (3, "河畔花园门禁卡丢了 咋个补", "物业"),  # Q24
    (4, "安居苑的门卡搞丢了 找哪个补办嘛", "物业"),
    (5, "阳光小区门禁卡掉了 咋个办", "物业"),
])
def test_a_question_naming_an_estate_is_answered_never_filed(running: Stack, n: int, question: str, answer: str):
    assert answer in _answered(running, SENDERS[n], question)


@pytest.mark.parametrize(("n", "report"), [
    (10, "安居苑420栋单元门的门禁坏了 关都关不上"),
    (11, "河畔花园421栋楼道灯坏了好几天了"),
])
def test_a_real_trouble_at_an_estate_stays_a_report(running: Stack, n: int, report: str):
    number = file_report(running, SENDERS[n], report)
    assert number and len(tickets_of(running, SENDERS[n])) == 1


@pytest.mark.parametrize(("n", "first", "again"), [
    (20, "社区有老年人免费体检没", "体检要空着肚子去不"),  # N3
    (21, "老年人免费体检在哪点做", "去体检那天要饿起肚子不嘛"),
    (22, "65岁以上体检要钱不", "体检抽血要不要空腹哦"),
])
def test_fasting_asked_35_minutes_after_the_check_up_is_answered_never_filed(running: Stack, n: int, first: str,
                                                                               again: str):
    resident = live_at(running, SENDERS[n], "幸福社区第1网格", "阳光小区422栋1单元")
    _answered(running, resident, first)
    as_if_earlier(running, resident, 35)
    assert "空腹" in _answered(running, resident, again)


@pytest.mark.parametrize(("n", "question"), [
    (30, "社区有没有修伞修鞋的"),  # Q1b
    (31, "附近有没得补鞋的师傅嘛"),
    (32, "哪点有修伞的哦"),
])
def test_a_trade_asked_for_is_answered_never_asked_where(running: Stack, n: int, question: str):
    _answered(running, SENDERS[n], question)


@pytest.mark.parametrize(("n", "question"), [
    (40, "电费咋个交 我不会用手机"),  # E8b
    (41, "水费在哪点交嘛 我用不来手机"),
    (42, "我不会用手机 电费咋个交哦"),
])
def test_how_to_pay_a_bill_without_a_phone_is_answered(running: Stack, n: int, question: str):
    said = _answered(running, SENDERS[n], question)
    assert "营业厅" in said, said


@pytest.mark.parametrize(("n", "question"), [
    (50, "你们能不能帮我叫个出租车"),  # Q16b
    (51, "帮我喊个的士嘛"),
    (52, "可不可以帮我打个车 我腿脚不方便"),
])
def test_a_taxi_asked_for_is_said_kindly_we_cannot_and_who_can(running: Stack, n: int, question: str):
    said = _answered(running, SENDERS[n], question)
    assert "出租：" not in said and "房东" not in said, said
    assert "叫不了" in said or "没法" in said, said


@pytest.mark.parametrize(("n", "question"), [
    (60, "今天会下雨不"),  # Q18b
    (61, "明天天气咋样嘛"),
    (62, "这两天会不会降温哦"),
])
def test_the_weather_gets_where_to_look_never_a_refusal(running: Stack, n: int, question: str):
    assert "天气" in _answered(running, SENDERS[n], question)


@pytest.mark.parametrize(("n", "question", "place", "worker"), [
    (70, "网格员电话多少", "安居苑", "杨艳"),  # Q5b
    (71, "我们网格员电话是好多", "我住河畔花园", "周明"),
    (72, "找网格员打哪个电话嘛", "安居苑的", "杨艳"),
])
def test_a_strangers_grid_worker_asked_for_is_asked_where_he_lives_then_named(running: Stack, n: int, question: str,
                                                                              place: str, worker: str):
    stranger = SENDERS[n]
    first = unnumbered(say(running, stranger, question))
    assert "哪个小区" in first, first
    said = unnumbered(say(running, stranger, place))
    assert worker in said and "137" in said, said
    assert tickets_of(running, stranger) == []


@pytest.mark.parametrize(("n", "question"), [
    (80, "村里的公告在哪看"),  # VL12n
    (81, "村上的通知在哪点看嘛"),
    (82, "村里贴的公告在哪里"),
])
def test_a_villager_asking_where_notices_are_read_gets_the_board(running: Stack, n: int, question: str):
    villager = register(running, SENDERS[n], "resident", VILLAGE)
    assert "村口黑板" in _answered(running, villager, question)


@pytest.mark.parametrize(("n", "question", "worker"), [
    (90, "河畔花园好久来水", "周明"),  # B114
    (91, "安居苑啥时候来水哦", "杨艳"),
    (92, "河畔花园好久才来电嘛", "周明"),
])
def test_an_outage_asked_about_is_taken_for_the_outage_never_unanswered(running: Stack, n: int, question: str,
                                                                        worker: str):
    caller = SENDERS[n]
    replies = say(running, caller, question)
    said = unnumbered(replies)
    assert not any(r in said for r in REFUSALS), said
    [ticket] = tickets_of(running, caller)
    assert ticket.number in " ".join(replies) and worker in said, replies
    assert told(running, assignee_phone(running, ticket.number), ticket.number), "the worker never heard of it"

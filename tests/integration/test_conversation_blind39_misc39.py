"""Blind test 36 (docs/usertests/2026-12-07-blind24.md; rows E9b, M11b, M4b, RT9b, RT6b, RT2b, DO4b, VL2b, VS3b):
emergencies misjudged, ratings said in words, a 进度 that closed a ticket and a proxy ballot's topic, through the
gateway, the real engine and the real action server:

- 社区能不能帮老年人代买药 is a request for help with errands, answered, never an alarm (E9b);
- vomiting and drowsy after medicine is 120, never an ordinary ticket (M11b); a child got out of the water alive
  still needs 120 / the hospital, never "大家平安就好" (M4b);
- 搞错了 是满意 after a 3 changes the rating (RT9b); a 不满意 said in words with its reason reopens the ticket and
  reaches the worker (RT6b); a remark after the rating reaches the worker (RT2b);
- a worker's 进度 never closes a ticket, whatever its words (清理了) (DO4b);
- a proxy ballot naming an option goes to the topic that has it (VL2b);
- a new fact after a thanks is passed on (VS3b).

Senders: +86139555783000 … +86139555783099, in no other test; buildings 450–459. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from tests.conftest import DUTY_OFFICER
from tests.integration import households
from tests.integration.households import PER
from tests.integration.stack import Stack
from tests.integration.talk import (
    as_if_earlier,
    assignee_phone,
    bare,
    file_report,
    raised,
    register,
    say,
    ticket_numbered,
    tickets_of,
    told,
)
from tests.integration.test_conversation_votes import ballots, close_topic, open_topic

pytestmark = pytest.mark.engine
SENDERS = [f"+861395557830{n:02d}" for n in range(100)]
GRID = "幸福社区第1网格"


def _said(replies: list[str]) -> str:
    return " ".join(bare(r) for r in replies) + " " + " ".join(replies)


@pytest.mark.parametrize(("n", "asked"), [
    (0, "社区能不能帮老年人代买药 我走不动了"),  # E9b
    (1, "我腿脚不方便 社区有没得人帮忙买下菜"),
    (2, "老年人走不动了 能不能找个人帮我去取个药"),
])
def test_asking_for_help_with_errands_is_answered_never_an_alarm(running: Stack, n: int, asked: str):
    resident = register(running, SENDERS[n], "resident", GRID)
    replies = say(running, resident, asked)
    said = _said(replies)
    assert "120" not in said and "紧急" not in said, replies
    assert not any(t.severity == "critical" for t in tickets_of(running, resident)), replies
    assert "没太看懂" not in said and "帮不上忙" not in said, replies


@pytest.mark.parametrize(("n", "report"), [
    (10, "我妈吃了药一直吐 人迷迷糊糊的 河畔花园450栋"),  # M11b
    (11, "我爸吃了药以后一直在吐 喊都喊不醒 安居苑451栋"),
    (12, "老汉吃错药了 吐了好几回 人昏昏沉沉的 阳光小区452栋"),
])
def test_vomiting_and_drowsy_after_medicine_is_120(running: Stack, n: int, report: str):
    caller = SENDERS[n]
    replies = say(running, caller, report)
    assert "120" in _said(replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket), replies


@pytest.mark.parametrize(("n", "report", "after"), [
    (20, "有个小娃娃掉到安居苑453栋后面那个水塘里了", "捞起来了 还有气"),  # M4b
    (21, "有个娃儿掉进河畔花园454栋旁边的水塘了", "娃儿拉上来了 还在喘气"),
    (22, "有个小孩掉到阳光小区455栋后面的水塘里了", "娃娃救上来了 还有呼吸"),
])
def test_someone_got_out_of_the_water_alive_still_needs_120(running: Stack, n: int, report: str, after: str):
    caller = SENDERS[n]
    first = _said(say(running, caller, report))
    assert "110" in first and "120" in first, first
    as_if_earlier(running, caller, 5)
    said = _said(say(running, caller, after))
    assert "120" in said or "医院" in said, said
    assert "平安就好" not in said, said


def _rated(stack: Stack, caller: str, report: str, done: str, rating: str) -> tuple[str, str]:
    number = file_report(stack, caller, report)
    worker = assignee_phone(stack, number)
    say(stack, worker, f"{number} 已办结 {done}")
    as_if_earlier(stack, caller, 4)
    if rating:
        say(stack, caller, rating)
    return number, worker


@pytest.mark.parametrize(("n", "report", "change"), [
    (30, "安居苑456栋墙上乱涂乱画", "搞错了 是满意"),  # RT9b
    (31, "阳光小区456栋楼道灯坏了", "弄错了 应该是满意"),
    (32, "河畔花园456栋门口垃圾没人收", "点错了 我是满意的"),
])
def test_a_mistaken_3_changed_to_satisfied_in_words_is_satisfied(running: Stack, n: int, report: str, change: str):
    caller = SENDERS[n]
    number, _ = _rated(running, caller, report, "弄好了", "3")
    as_if_earlier(running, caller, 1)
    replies = say(running, caller, change)
    assert "又在处理" not in _said(replies), replies
    ticket = ticket_numbered(running, number)
    assert ticket.rating == 1 and ticket.status == "closed", (replies, ticket.status, ticket.rating)


@pytest.mark.parametrize(("n", "report", "unhappy"), [
    (40, "河畔花园457栋的单元门禁坏了", "不咋样 门禁还是要刷好几次才开"),  # RT6b
    (41, "安居苑457栋楼道灯不亮", "不咋地 灯还是一闪一闪的"),
    (42, "阳光小区457栋的水管漏水", "不得行 水管还在滴水"),
])
def test_an_unhappy_word_with_its_reason_reopens_and_reaches_the_worker(running: Stack, n: int, report: str,
                                                                        unhappy: str):
    caller = SENDERS[n]
    number, worker = _rated(running, caller, report, "修好了", "")
    replies = say(running, caller, unhappy)
    assert "请评价" not in _said(replies), replies
    assert ticket_numbered(running, number).status not in ("resolved", "closed"), replies
    assert any(unhappy.split()[-1][:4] in m for m in told(running, worker, number)), "the worker never heard it"


@pytest.mark.parametrize(("n", "report", "rating", "remark"), [
    (50, "安居苑458栋楼道灯不亮", "2", "亮是亮了 就是有点暗"),  # RT2b
    (51, "阳光小区458栋门口的路灯坏了", "2", "修是修好了 就是晚上还是有点暗"),
    (52, "河畔花园458栋楼下的水管漏水", "1", "好是好了 就是地上还是湿的"),
])
def test_a_remark_after_the_rating_reaches_the_worker(running: Stack, n: int, report: str, rating: str,
                                                      remark: str):
    caller = SENDERS[n]
    number, worker = _rated(running, caller, report, "修好了", rating)
    replies = say(running, caller, remark)
    said = _said(replies)
    assert "没太看懂" not in said, replies
    assert any(remark.split()[-1][:4] in m for m in told(running, worker, number)), "the worker never heard it"


@pytest.mark.parametrize(("n", "report", "progress"), [
    (60, "安居苑459栋楼道有人吸毒 针头到处丢", "已经把针头清理了"),  # DO4b
    (61, "阳光小区459栋楼下有人乱倒建筑垃圾", "垃圾已经清理了 还在找倒的人"),
    (62, "河畔花园459栋电梯里天天有人乱扔烟头", "烟头已经打扫干净了 在查监控"),
])
def test_a_progress_note_never_closes_the_ticket(running: Stack, n: int, report: str, progress: str):
    caller = SENDERS[n]
    number = file_report(running, caller, report)
    worker = assignee_phone(running, number)
    say(running, DUTY_OFFICER, f"{number} 抓紧处理 派出所已经通知了")
    replies = say(running, worker, f"{number} 进度 {progress}")
    assert "办结" not in _said(replies), replies
    assert ticket_numbered(running, number).status not in ("resolved", "closed"), replies
    assert any(progress in m["text"] for m in running.outbox(caller)), "the reporter never heard the progress"
    as_if_earlier(running, caller, 3)
    said = _said(say(running, caller, "派出所的来了没有"))
    assert "已办结" not in said and number in said, said


def test_a_proxy_ballot_naming_an_option_goes_to_the_topic_that_has_it(running: Stack):
    me, husband = households.household(running, (SENDERS[70], SENDERS[71]), ("王秀兰", "陈国强"), "石桥村二组")
    fee = open_topic(running, [me, husband], "垃圾费按人头还是按户收 misc39", options=PER, allow_proxy=True)
    parking = open_topic(running, [me, husband], "是否在村口修一个停车场 misc39")
    try:
        say(running, me, "垃圾费 我投按户")  # VL2b
        assert ballots(running, fee)[(fee, me)][0] == 2
        as_if_earlier(running, me, 5)
        said = _said(say(running, me, "我老汉也要投按户 帮他投一个"))
        assert "不能代投" not in said and "停车场" not in said, said
        assert ballots(running, fee)[(fee, husband)] == (2, True, me), said
        assert (parking, husband) not in ballots(running, parking)
    finally:
        close_topic(running, fee)
        close_topic(running, parking)


@pytest.mark.parametrize(("n", "report", "news", "thanks"), [
    (80, "石桥村450号旁边有人在河里电鱼", "已经报了派出所", "谢谢 那些人还在河边"),  # VS3b
    (81, "石桥村451号后面有人在烧垃圾 烟好大", "已经通知了村干部去看", "谢谢哈 火还在烧"),
])
def test_a_new_fact_after_thanks_is_passed_on(running: Stack, n: int, report: str, news: str, thanks: str):
    caller = SENDERS[n]
    number = file_report(running, caller, report)
    worker = assignee_phone(running, number)
    say(running, worker, f"{number} 进度 {news}")
    as_if_earlier(running, caller, 5)
    replies = say(running, caller, thanks)
    fact = thanks.split()[-1]
    assert any(fact in m for m in told(running, worker, number)), (replies, "the new fact never reached the worker")
    assert len(tickets_of(running, caller)) == 1, replies

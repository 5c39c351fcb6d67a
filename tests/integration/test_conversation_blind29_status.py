"""Blind test 29 (docs/usertests/2026-12-07-blind17.md, failure 7 and rows A22-2, A22-3, B92–B95, B170, B187, B145,
B65, B184, B131), through the gateway, the real engine and the real action server: a question about a ticket someone
acted on gets that ticket's state and latest progress (by its thing, or by its worker's name; never a 补充, never the
newer ticket, never "没太看懂"); a complaint that it is slow is a sorry and an urge; a 2 whose reason says work is left
reopens it; a proxy change with a village report open is the ballot; a proposal's 确认 confirms it; who proposed a
topic is answered; a question is answered once.

Senders: +86139666580 … 619, in no other test; residents of 幸福社区第1网格 and 第2网格 and villagers of 石桥村网格.
Each runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.store.council_models import Topic
from bot.store.models import Household, Person
from tests.integration.stack import Stack
from tests.integration.talk import (
    assignee_phone,
    file_report,
    live_at,
    register,
    say,
    session_of,
    ticket_numbered,
    tickets_of,
    told,
)
from tests.integration.test_conversation_votes import ballots, close_topic, open_topic

pytestmark = pytest.mark.engine
GRID = "幸福社区第1网格"
SENDERS = [f"+86139666{n}" for n in range(580, 620)]
LOST = ("没太看懂", "答不上", "便民服务站")


def _joined(replies: list[str]) -> bool:
    return any("补充" in r for r in replies)


def _resident(running: Stack, index: int, grid: str = GRID) -> str:
    return live_at(running, SENDERS[index], grid, f"阳光小区{120 + index}栋101")


@pytest.mark.parametrize(("index", "report", "progress", "asked"), [
    (0, "阳光小区120栋那边有好几条野狗 追着娃娃咬", "下午找城管来抓", "抓狗的人来了没得"),  # A22-2: 补充
    (1, "阳光小区121栋顶楼屋顶漏雨 屋头到处是水", "物业说后天派人上去看", "屋顶那个好久来看哦"),  # A22-3: 没太看懂
])
def test_a_question_about_what_the_worker_said_gets_the_state_and_the_progress(running: Stack, index: int,
                                                                              report: str, progress: str, asked: str):
    caller = _resident(running, index)
    number = file_report(running, caller, report)
    say(running, assignee_phone(running, number), f"{number} 进度 {progress}")
    replies = say(running, caller, asked)
    assert any(number in r and progress in r for r in replies), replies
    assert not _joined(replies) and not any(w in r for r in replies for w in LOST), replies
    assert asked not in ticket_numbered(running, number).text and len(tickets_of(running, caller)) == 1


def test_a_question_naming_the_older_tickets_thing_is_about_it_never_the_newer_one(running: Stack):
    caller = _resident(running, 2)  # B187: "已补充到工单T1145" (the newer 信报箱 one)
    branch = file_report(running, caller, "阳光小区122栋门口的树枝断了 吊在半空中")
    say(running, assignee_phone(running, branch), f"{branch} 进度 明天带锯子来锯")
    box = file_report(running, caller, "阳光小区122栋的信报箱门坏了 关不上")
    assert box != branch
    replies = say(running, caller, "树枝那个锯了没得")
    assert any(branch in r and "明天带锯子来锯" in r for r in replies), replies
    assert not any(box in r for r in replies) and not _joined(replies), replies
    assert "锯了没得" not in ticket_numbered(running, box).text + ticket_numbered(running, branch).text


def test_a_question_naming_the_worker_is_about_the_ticket_they_hold(running: Stack):
    caller = _resident(running, 3, "幸福社区第2网格")  # B170: "已补充到工单T1042"
    number = file_report(running, caller, "阳光小区123栋单元门的门禁坏了 刷卡打不开")
    ticket = ticket_numbered(running, number)
    assert ticket.assignee is not None
    worker = ticket.assignee.name
    say(running, assignee_phone(running, number), f"{number} 进度 配件到了明天来换")
    replies = say(running, caller, f"门禁那个{worker}来看了没得")
    assert any(number in r and "明天来换" in r for r in replies), replies
    assert not _joined(replies) and "看了没得" not in ticket_numbered(running, number).text


def test_a_2_saying_work_is_left_reopens_and_the_left_part_is_asked_after(running: Stack):
    caller = _resident(running, 4)  # B92: "感谢评价！工单T1080已完结。"; B93: "没太看懂"
    number = file_report(running, caller, "阳光小区124栋门口垃圾堆起好几天了 没人拉")
    worker = assignee_phone(running, number)
    say(running, worker, f"{number} 已办结 垃圾拉走了")
    replies = say(running, caller, "2 垃圾是拉了 地上还是脏兮兮的")
    assert not any("已完结" in r for r in replies), replies
    assert ticket_numbered(running, number).status == "reopened"
    assert any("脏兮兮" in n for n in told(running, worker, number)), "the worker never heard what is left"
    say(running, worker, f"{number} 进度 下午叫保洁来冲")
    replies = say(running, caller, "那个地上好久来扫")
    assert any(number in r and "下午叫保洁来冲" in r for r in replies), replies
    assert not any(w in r for r in replies for w in LOST) and len(tickets_of(running, caller)) == 1


def test_asking_after_a_returned_ticket_gets_its_state_and_holder_never_a_detail(running: Stack):
    caller = _resident(running, 5)  # B94: "已补充到工单T1089" + "让您久等了"; then "没太看懂"
    number = file_report(running, caller, "阳光小区125栋厨房水管爆了 一直在漏")
    say(running, assignee_phone(running, number), f"退单 {number} 这个归物业管")
    assert ticket_numbered(running, number).status == "returned"
    for asked in ("水管那个咋个没人管了", "转到哪里去了嘛"):
        replies = say(running, caller, asked)
        assert any(number in r and "退单待改派" in r for r in replies), (asked, replies)
        assert not _joined(replies) and not any(w in r for r in replies for w in LOST), (asked, replies)
    assert "没人管" not in ticket_numbered(running, number).text and len(tickets_of(running, caller)) == 1


def test_a_complaint_that_the_wait_is_long_is_a_sorry_and_an_urge_of_that_ticket(running: Stack):
    caller = _resident(running, 6)  # B95: the service station's opening hours
    number = file_report(running, caller, "阳光小区126栋门口的地砖烂了好几块 绊脚")
    worker = assignee_phone(running, number)
    say(running, worker, f"{number} 进度 砖子没到 下个礼拜来铺")
    replies = say(running, caller, "咋个要等一个礼拜哦 太慢了")
    assert any(number in r and "抱歉" in r and "催办" in r for r in replies), replies
    assert not any(w in r for r in replies for w in LOST) and not _joined(replies), replies
    assert any("催" in n for n in told(running, worker, number)), "the worker was never urged"


# --- villagers ---------------------------------------------------------------------------------------------------

VILLAGE = "石桥村网格"
WATER = "村里的自来水费按人头还是按户收"


def _household(running: Stack, first: int) -> tuple[str, str]:
    """Villagers `first` (named 王秀兰) and `first + 1` (李明) of 石桥村网格, one household."""
    phones = (SENDERS[first], SENDERS[first + 1])
    for phone in phones:
        register(running, phone, "resident", VILLAGE)
    with session_of(running) as s:
        people = [s.scalar(select(Person).where(Person.phone == phone)) for phone in phones]
        if people[0].household_id is None:
            home = Household(code=f"H{phones[0]}", unit_id=people[0].home_unit_id, address="石桥村二组")
            s.add(home)
            s.flush()
            for person, name in zip(people, ("王秀兰", "李明"), strict=True):
                person.household_id, person.name = home.id, name
    return phones


def test_a_proxy_change_with_a_village_report_open_is_the_ballot_never_a_detail(running: Stack):
    me, husband = _household(running, 20)  # B145: "已补充到工单T1124，已转告承办人。"
    water = open_topic(running, [me, husband], WATER, options=["按人头", "按户"], allow_proxy=True)
    try:
        say(running, me, "帮李明投按户")
        assert ballots(running, water).get((water, husband), (0,))[0] == 2
        number = file_report(running, me, "石桥村二组的机耕道上有个大坑 三轮车过不去")
        replies = say(running, me, "帮李明改成按人头")
        assert any("李明" in r and "按人头" in r for r in replies), replies
        assert not _joined(replies), replies
        assert ballots(running, water)[(water, husband)] == (1, True, me)
        assert "按人头" not in ticket_numbered(running, number).text
    finally:
        close_topic(running, water)


def test_a_proposals_confirm_confirms_it_and_who_proposed_is_answered(running: Stack):
    me, _ = _household(running, 22)  # B65: "说明：确认。提交…吗？"; B184: the list of topics
    say(running, me, "我想提个议题")
    say(running, me, "村里的路灯晚上十点就关了 想改到十二点")
    replies = say(running, me, "确认")
    assert any("已提交" in r for r in replies) and not any("说明：确认" in r for r in replies), replies
    with session_of(running) as s:
        mine = s.scalars(select(Topic).join(Person, Person.id == Topic.proposer_id)
                         .where(Person.phone == me)).all()
        assert len(mine) == 1 and "路灯" in mine[0].title and mine[0].description != "确认", mine
    water = open_topic(running, [me], WATER, options=["按人头", "按户"])
    try:
        replies = say(running, me, "议题是哪个提的")
        assert len(replies) == 1 and "村委会" in replies[0] and "提" in replies[0], replies
    finally:
        close_topic(running, water)


def test_how_points_are_used_is_answered_once(running: Stack):
    me, _ = _household(running, 24)  # B131: the same answer sent twice
    replies = say(running, me, "积分咋个用")
    assert len(replies) == 1 and "积分" in replies[0], replies

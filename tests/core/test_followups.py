"""A follow-up soon after a report joins it; a new, different problem does not; unsure, the bot asks."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import follow_up_reading, followup_words, followups, lifecycle, other_problem, ticket_questions
from bot.store.db import Database
from bot.store.models import Ticket
from tests.conftest import DUTY_OFFICER, RESIDENT, STRANGER, WORKER
from tests.core.helpers import RULES, kinds, make_report, messages_to, submit, ticket

WINDOW = timedelta(minutes=30)


def leak(db: Database, clock: FakeClock, sender: str = RESIDENT) -> str:
    return submit(db, clock, make_report("我们楼道头水管漏水了 滴滴答答一晚上", sender=sender,
                                         category="housing_utilities"))


@pytest.mark.parametrize(("text", "intent", "category", "reading"), [
    ("是3栋2单元", "nlu_fallback", None, "detail"),
    ("就在菜市场门口", "nlu_fallback", None, "detail"),
    ("她80多岁了 腿脚不方便", "report_issue", "health", "detail"),
    ("半夜两点都还在搓", "urge", None, "detail"),
    ("水越来越大了", "report_issue", "housing_utilities", "detail"),
    ("还有楼上那家天天晚上打麻将吵得睡不着", "report_issue", "dispute", "new"),
    ("河畔花园那边垃圾堆起好几天了", "report_issue", "sanitation", "new"),
    ("小区门口那个井盖烂了 差点把我绊倒", "report_issue", "roads", "new"),  # another thing: a new ticket
    ("门口好吵 睡不着", "report_issue", "dispute", "ask"),
    ("在二单元门口", "report_issue", "sanitation", "detail"),  # blind test 4, #38: a place, not a question
    ("催一哈 好久来修", "urge", None, "pass"),
    ("查一下进度", "check_status", None, "pass"),
    ("屋头着火了", "emergency", "fire_safety", "pass"),
    ("不报了", "cancel", None, "withdraw"),  # this report, never "which one?" (blind test 8, #13)
    ("低保咋个申请", "ask_policy", None, "pass"),
    # blind test 4: an emergency and questions of their own right after a report were held or joined to it
    ("8栋电梯关到人了 有个娃娃在里头哭", "report_issue", "housing_utilities", "pass"),
    ("哪点可以换电池", "report_issue", "roads", "pass"),
    ("娃娃转学要带啥子材料嘛", "nlu_fallback", None, "pass"),
    ("充电桩坏了找哪个", "report_issue", "housing_utilities", "new"),  # blind test 4, #61: never a detail
    ("充电桩坏了找哪个", "ask_policy", None, "pass"),
    ("娃娃转学要啥子手续", "report_issue", "housing_utilities", "pass"),
    ("那个管子是不是要换新的吗", "report_issue", "housing_utilities", "detail"),
    # blind test 5, #107: how the report is going is asked about it, never added to it
    ("我那个停水的事情搞得咋样了嘛 咋个还莫得人来", "report_issue", "housing_utilities", "urge"),
    ("水管那个搞得咋样了", "report_issue", "housing_utilities", "status"),
    ("有人来没", "nlu_fallback", None, "status"),
    ("咋个还没人来修嘛", "report_issue", "housing_utilities", "urge"),
    # blind test 8: remarks the classifier cannot place join the report, a plea is told who has it
    ("没得人受伤 就是不好走", "nlu_fallback", None, "detail"),
    ("整栋楼都莫得 是不是在修管子哦", "deny", None, "detail_asked"),
    ("麻烦网格员去看一哈嘛", "nlu_fallback", None, "worker"),
    ("算了 不报了 都是老邻居 怕得罪人", "report_issue", "dispute", "withdraw"),
    ("好的 谢谢你们哈", "affirm", None, "pass"),
])
def test_a_message_soon_after_a_report_is_read_against_it(demo_db: Database, clock: FakeClock, text: str,
                                                          intent: str, category: str | None, reading: str):
    number = leak(demo_db, clock)
    with demo_db.session() as s:
        report = s.scalar(select(Ticket).where(Ticket.number == number))
        assert follow_up_reading.read_follow_up(s, report, text, intent, category) == reading


@pytest.mark.parametrize(("report", "category", "text", "intent", "new_category"), [
    ("安居社区路口两个车撞了 有人受伤 流血了", "roads", "这个路口井盖莫得了 电瓶车差点栽进去", "report_issue", "roads"),
    ("救命 屋头好大一股煤气味", "housing_utilities", "楼上水管爆了 水哗哗的往我屋头灌", "report_issue",
     "housing_utilities"),
])
def test_a_clearly_different_problem_soon_after_a_report_is_never_a_detail_of_it(
        demo_db: Database, clock: FakeClock, report: str, category: str, text: str, intent: str, new_category: str):
    number = submit(demo_db, clock, make_report(report, category=category))
    with demo_db.session() as s:
        ticket_ = s.scalar(select(Ticket).where(Ticket.number == number))
        assert follow_up_reading.read_follow_up(s, ticket_, text, intent, new_category) in ("new", "pass")


def test_a_report_in_another_category_than_an_open_emergency_is_a_new_one_not_asked_about(
        demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report("着火了 好大的烟", category="fire_safety", emergency=True))
    with demo_db.session() as s:
        fire = s.scalar(select(Ticket).where(Ticket.number == number))
        assert follow_up_reading.read_follow_up(
            s, fire, "垃圾房门口堆满了建筑垃圾", "report_issue", "sanitation") == "new"
        assert follow_up_reading.read_follow_up(s, fire, "火越来越大了", "report_issue", "fire_safety") == "detail"


RUBBISH = "阳光小区3栋背后那个垃圾桶好几天莫得人收了 臭死了"


@pytest.mark.parametrize(("text", "intent", "category", "reading"), [
    # blind test 10, #42, #101: another category and a fault of its own (漏水, 灯坏了): a new ticket, never asked
    ("帮我查一下我们楼上302那家的电话 他家漏水到我屋头了", "report_issue", "housing_utilities", "new"),
    ("我们单元楼道的灯坏了 晚上上楼黑得很", "report_issue", "housing_utilities", "new"),
    # the other side: the rubbish's place or smell joins it; another category with no fault of its own is asked
    ("就在3栋后门那点", "report_issue", "roads", "detail"),
    ("臭得很", "report_issue", "sanitation", "detail"),
    # what the rubbish smells like joins it whatever category the classifier guesses (blind test 34, L14: 臭得很
    # after 养鸽子 was asked 补充还是新问题)
    ("臭得很", "report_issue", "health", "detail"),
    ("老年人天天路过都要捂鼻子", "report_issue", "elderly_care", "ask"),
    ("垃圾桶也烂了", "report_issue", "sanitation", "detail"),  # the same category: more of it
])
def test_a_clearly_different_problem_is_new_and_what_could_be_either_is_asked(
        demo_db: Database, clock: FakeClock, text: str, intent: str, category: str, reading: str):
    number = submit(demo_db, clock, make_report(RUBBISH, category="sanitation"))
    with demo_db.session() as s:
        rubbish = s.scalar(select(Ticket).where(Ticket.number == number))
        assert follow_up_reading.read_follow_up(s, rubbish, text, intent, category) == reading


@pytest.mark.parametrize(("report", "text", "own"), [
    ("垃圾桶好几天莫得人收了", "他家漏水漏到我屋头了", True),
    ("他家漏水漏到我屋头了", "3栋背后垃圾桶好几天莫得人收了", True),  # a thing the report does not name, in trouble
    ("楼道的灯坏了", "灯泡也坏了一个", False),
    ("垃圾桶好几天莫得人收了", "臭得很", False),
    ("垃圾桶好几天莫得人收了", "垃圾都堆到路上了", False),
])
def test_a_problem_of_its_own_is_one_the_report_does_not_name(report: str, text: str, own: bool):
    assert other_problem.own_problem(report, text) is own


@pytest.mark.parametrize("intent", ["report_issue", "deny", "affirm", "nlu_fallback", "check_status", "out_of_scope"])
@pytest.mark.parametrize("text", ["昨天说的楼道水管那个事 有人管没得", "水管那个有人管没有哦", "管了没得哦"])
def test_asking_whether_anyone_is_on_it_is_a_status_check_whatever_the_classifier_says(
        demo_db: Database, clock: FakeClock, text: str, intent: str):
    """Blind test 10, #36, #93: 有人管没得 right after the report was added to it and sent to the worker."""
    number = leak(demo_db, clock)
    with demo_db.session() as s:
        report = s.scalar(select(Ticket).where(Ticket.number == number))
        assert follow_up_reading.read_follow_up(s, report, text, intent, "housing_utilities") == "status"
    assert followup_words.asks_progress("到底有没有人管嘛") == "urge"  # impatient: an urge, as before


def test_a_detail_is_appended_and_the_worker_hears_it_once_within_one_sms(demo_db: Database, clock: FakeClock):
    number = leak(demo_db, clock)
    clock.advance(minutes=3)
    with demo_db.session() as s:
        report = followups.open_report(s, clock, RESIDENT, WINDOW)
        assert report is not None and report.number == number
        assert followups.add_detail(s, clock, report, "水都流到楼梯上了 老年人怕滑倒", RESIDENT, message_id=None)
    after = ticket(demo_db, number)
    assert after.text.endswith("补充：水都流到楼梯上了 老年人怕滑倒")
    assert "detail_added" in kinds(demo_db, number)
    assert messages_to(demo_db, WORKER)[-1] == f"工单{number}补充：水都流到楼梯上了 老年人怕滑倒"
    long = "楼上的水一直往下流 " * 12
    assert len(followups.detail_notice(after, long)) <= 70 and f"{number} 详情" in followups.detail_notice(after, long)


def test_the_same_detail_message_twice_is_added_once(demo_db: Database, clock: FakeClock):
    leak(demo_db, clock)
    with demo_db.session() as s:
        report = followups.open_report(s, clock, RESIDENT, WINDOW)
        assert followups.add_detail(s, clock, report, "是3栋2单元", RESIDENT, message_id=None) is True
    before = len(messages_to(demo_db, WORKER))
    with demo_db.session() as s:
        report = followups.open_report(s, clock, RESIDENT, WINDOW)
        report_id = report.id
        from bot.store.message_models import InboxMessage

        s.add(InboxMessage(id=9001, channel="simulator", external_id="x", sender=RESIDENT, text="是3栋2单元"))
        s.flush()
        assert followups.add_detail(s, clock, report, "是3栋2单元", RESIDENT, message_id=9001) is True
        assert followups.add_detail(s, clock, s.get(Ticket, report_id), "是3栋2单元", RESIDENT,
                                    message_id=9001) is False
    assert len(messages_to(demo_db, WORKER)) == before + 1


def test_a_place_given_after_an_unplaced_report_becomes_its_place_and_the_duty_officer_hears_it(
        demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report("垃圾好几天没人收了臭得很", sender=STRANGER, category="sanitation"))
    with demo_db.session() as s:
        report = followups.open_report(s, clock, STRANGER, WINDOW)
        followups.add_detail(s, clock, report, "就在菜市场门口", STRANGER)
    assert ticket(demo_db, number).place_text == "菜市场门口"  # the place, not the words around it
    assert messages_to(demo_db, DUTY_OFFICER)[-1].endswith("补充：就在菜市场门口")


@pytest.mark.parametrize(("detail", "place"), [
    ("黑黢黢的 老年人上下楼怕摔", ""),  # blind test 34, L1 and E23: it became the place, and the next report's
    ("关不上 哪个都进得来", ""),
    ("就在菜市场门口", "菜市场门口"),
    ("就在1栋门口 踩上去咣当咣当响", "1栋门口"),
    ("870栋门口 晚上黑黢黢的", "870栋门口"),
    ("阳光小区 3栋2单元302", "阳光小区 3栋2单元302"),
])
def test_a_detail_gives_the_place_it_names_and_never_words_of_the_problem(demo_db: Database, detail: str,
                                                                         place: str):
    with demo_db.session() as s:
        assert followups.detail_place(s, detail) == place


def test_a_report_older_than_the_window_or_closed_takes_no_follow_up(demo_db: Database, clock: FakeClock):
    leak(demo_db, clock)
    clock.advance(minutes=31)
    with demo_db.session() as s:
        assert followups.open_report(s, clock, RESIDENT, WINDOW) is None


def test_a_location_sent_alone_goes_onto_a_report_without_one_and_the_worker_hears_it(demo_db: Database,
                                                                                     clock: FakeClock):
    number = leak(demo_db, clock)
    with demo_db.session() as s:
        report = followups.open_report(s, clock, RESIDENT, WINDOW)
        assert followups.add_point(s, clock, report, 25.4025, 103.3025, RESIDENT) is True
        assert followups.add_point(s, clock, report, 25.5, 103.5, RESIDENT) is False  # it has one now
    after = ticket(demo_db, number)
    assert (after.lat, after.lon) == (25.4025, 103.3025)
    assert "补充了位置" in messages_to(demo_db, WORKER)[-1]


def test_a_ticket_a_worker_filed_for_the_household_is_not_the_residents_own_report(demo_db: Database,
                                                                                   clock: FakeClock):
    """Blind test ut21, #48: after `走访 阳光小区1栋101 反映 厨房漏水`, the member's own next report was asked
    "是补充T1001" and joined to the kitchen leak; it is never read against that ticket. They may still follow it."""
    from bot.core import lifecycle, staff_desk

    with demo_db.session() as s:
        visit = staff_desk.answer(s, clock, RULES, WORKER, "走访 阳光小区1栋101 反映 厨房漏水")
    on_behalf = re.search(r"工单(T\d+)", visit).group(1)
    assert ticket(demo_db, on_behalf).reporter_address == RESIDENT
    clock.advance(minutes=2)
    with demo_db.session() as s:
        assert followups.open_report(s, clock, RESIDENT, WINDOW) is None
        assert any(line.startswith(on_behalf) for line in lifecycle.status_lines(s, RESIDENT))  # 查询进度 lists it
    own = submit(demo_db, clock, make_report("我家楼下路灯坏了好几天了"))
    with demo_db.session() as s:
        assert followups.open_report(s, clock, RESIDENT, WINDOW).number == own  # their own report takes details


def test_the_reason_after_an_unsatisfied_rating_joins_the_reopened_ticket_not_the_newest(demo_db: Database,
                                                                                         clock: FakeClock):
    # Blind test 5, #50: "不满意" reopened T1002, then "水管还在滴" was added to the newer garbage ticket.
    pipe = leak(demo_db, clock)
    with demo_db.session() as s:
        lifecycle.resolve(s, clock, RULES, pipe, WORKER, "换了水管接头")
    clock.advance(minutes=10)
    garbage = submit(demo_db, clock, make_report("小区门口垃圾堆起好几天了没人收", category="sanitation"))
    clock.advance(minutes=5)
    with demo_db.session() as s:
        assert followups.open_report(s, clock, RESIDENT, WINDOW).number == garbage
        lifecycle.rate(s, clock, RULES, RESIDENT, 3, pipe)
    clock.advance(minutes=1)
    with demo_db.session() as s:
        report = followups.open_report(s, clock, RESIDENT, WINDOW)
        assert report.number == pipe
        assert follow_up_reading.read_follow_up(s, report, "水管还在滴 地上还是湿的", "report_issue",
                                        "housing_utilities") == "detail"
        followups.add_detail(s, clock, report, "水管还在滴 地上还是湿的", RESIDENT, message_id=None)
    assert messages_to(demo_db, WORKER)[-1].startswith(f"工单{pipe}补充：水管还在滴")
    clock.advance(minutes=31)
    with demo_db.session() as s:
        assert followups.open_report(s, clock, RESIDENT, WINDOW) is None  # only for the follow-up window


def test_a_reporter_asking_how_it_goes_hears_that_tickets_status_in_one_sms(demo_db: Database, clock: FakeClock):
    number = leak(demo_db, clock)
    with demo_db.session() as s:
        said = ticket_questions.status_reply(s, s.scalar(select(Ticket).where(Ticket.number == number)))
    assert said.startswith(f"工单{number}（我们楼道头水管漏") and "待接单" in said and len(said) <= 70


@pytest.mark.parametrize(("text", "urges"), [
    ("催T1013", True), ("催办 T1001", True), ("催一下t1001嘛", True), ("催促 工单T1001！", True),
    ("催 T1001 路灯还没修", False), ("T1001", False), ("催一下", False), ("T1001 详情", False),
])
def test_urging_by_number_alone_is_read_without_the_engine(text, urges):
    assert followup_words.urges_by_number(text) is urges


@pytest.mark.parametrize("text", ["5栋2单元", "菜市场门口", "安居社区3栋", "在新华街跟河滨路那个路口", "7栋楼下哈"])
def test_a_place_said_alone_is_held_for_the_report_that_follows(demo_db: Database, text: str):
    with demo_db.session() as s:
        assert followups.place_only(s, text)


@pytest.mark.parametrize("text", ["楼道堆满杂物", "路口井盖丢了", "换电柜在哪", "5栋门口的路灯坏了"])
def test_a_place_with_something_said_of_it_is_not_a_place_alone(demo_db: Database, text: str):
    # "楼道堆满杂物" names a place but reports something there: it goes on to be read as a report.
    with demo_db.session() as s:
        assert not followups.place_only(s, text)

"""Words acting on "that one" act on the one meant (blind test 22, #19, #25, #30, #59, #72): a withdrawal naming an
older report's problem, 取消 to "which topic's ballot?", a location said to be the report's place, a changed rating
whose problem remains, and a reopened ticket's other reporters."""

from __future__ import annotations

from datetime import timedelta

from bot.common.clock import FakeClock
from bot.core import cancelling, lifecycle, rating_changes, report_location
from bot.core.answers import Rating
from bot.core.council_ballots import cast
from bot.core.council_questions import ask
from bot.core.council_turn import NOT_WITHDRAWN
from bot.core.rating_remarks import REOPENED_FOR_OTHERS, STILL_WORKING, says_unfinished
from bot.core.tickets import follow
from bot.store.council_models import Topic
from bot.store.db import Database
from bot.store.message_models import InboxMessage, OutboxMessage
from bot.store.models import Ticket
from tests.conftest import RESIDENT, STRANGER, WORKER
from tests.core.council_factories import GROUP1, open_topic, person
from tests.core.helpers import RULES, make_report, messages_to, submit, ticket
from tests.core.test_council_dialogue import ballots
from tests.core.test_council_turn import turn

RUBBISH = "阳光小区3栋背后那个垃圾桶好几天莫得人来收了 臭得很"
LEAK = "楼上302漏水到我屋头了 天花板都湿了"
SOLVED = "3栋背后垃圾那个不用来了 物业已经拉走了"
IN_XINGFU_GRID_1 = (25.4012, 103.3038)
RATED_WITHIN = timedelta(minutes=30)


def _two_open(db: Database, clock: FakeClock) -> tuple[str, str]:
    rubbish = submit(db, clock, make_report(RUBBISH, category="sanitation", place_text="阳光小区"))
    clock.advance(minutes=40)
    return rubbish, submit(db, clock, make_report(LEAK, category="housing", place_text="阳光小区"))


def test_a_withdrawal_naming_the_older_reports_rubbish_withdraws_it_and_its_holder_hears_why(
        demo_db: Database, clock: FakeClock):
    rubbish, leak = _two_open(demo_db, clock)
    assert cancelling.says_cancel(SOLVED) and cancelling.solved_elsewhere(SOLVED)
    assert not cancelling.solved_elsewhere("垃圾那个是不是不用来了？")
    with demo_db.session() as s:
        assert cancelling.cancel(s, clock, RESIDENT, None, text=SOLVED).number == rubbish
    assert ticket(demo_db, rubbish).status == "cancelled" and ticket(demo_db, leak).status != "cancelled"
    holder = ticket(demo_db, rubbish).assignee.phone
    assert any(rubbish in m and "物业已经拉走了" in m and len(m) <= 70 for m in messages_to(demo_db, holder))


def test_the_confirmation_question_names_the_ticket_and_a_yes_to_it_withdraws_that_one(demo_db: Database,
                                                                                      clock: FakeClock):
    rubbish, leak = _two_open(demo_db, clock)
    with demo_db.session() as s:
        older = s.query(Ticket).filter(Ticket.number == rubbish).one()
        question = cancelling.confirm_named(older, "3栋背后垃圾那个")
        assert question.startswith(f"撤销{rubbish}（3栋背后垃圾）吗？"), question
        asked = InboxMessage(channel="sms", external_id="targets-1", sender=RESIDENT, text="3栋背后垃圾那个")
        s.add(asked)
        s.flush()
        s.add(OutboxMessage(channel="sms", recipient=RESIDENT, text=question, kind="reply", reply_to_id=asked.id,
                            created_at=clock.now()))
        s.flush()
        assert cancelling.withdrawal_meant(s, clock, RESIDENT, "是的 撤销") == rubbish
        assert cancelling.cancel(s, clock, RESIDENT, None, text="是的 撤销").number == rubbish
    assert ticket(demo_db, leak).status != "cancelled"


def test_cancel_to_which_topics_ballot_drops_the_question_and_keeps_every_ballot(demo_db: Database,
                                                                                 clock: FakeClock) -> None:
    with demo_db.session() as s:
        park = open_topic(s, clock, title="是否修村口停车场")
        light = open_topic(s, clock, title="村道路灯安装时间", options=["春节前", "春节后"])
        me = person(s, GROUP1[1])
        cast(s, clock, park, me, 1)
        cast(s, clock, light, me, 1)
        before = ballots(s)
        for words in ("取消", "算了", "不撤了"):
            ask(s, clock, me, "withdraw", [s.get(Topic, park), s.get(Topic, light)])
            assert turn(s, clock, words, GROUP1[1]) == NOT_WITHDRAWN
            assert ballots(s) == before


def test_a_location_said_to_be_the_reports_place_sets_it_and_routes_a_ticket_no_grid_had(demo_db: Database,
                                                                                        clock: FakeClock):
    assert report_location.says_location("就是刚才那个垃圾的位置") and report_location.says_location("这是位置")
    assert not report_location.says_location("垃圾堆成山了 一直没人清")
    assert not report_location.says_location("位置在哪里发？")
    number = submit(demo_db, clock, make_report("这里有棵树倒了 把路挡完了", sender=STRANGER))
    assert ticket(demo_db, number).assignee is None
    with demo_db.session() as s:
        row = s.query(Ticket).filter(Ticket.number == number).one()
        said = report_location.place_point(s, clock, RULES, row, IN_XINGFU_GRID_1, STRANGER)
    routed = ticket(demo_db, number)
    assert routed.assignee is not None and routed.lat == IN_XINGFU_GRID_1[0], said
    assert said.startswith(f"好的，位置已补充到工单{number}，已派给网格员") and len(said) <= 70


def test_a_changed_rating_whose_problem_remains_reopens_it_and_the_worker_hears_it(demo_db: Database,
                                                                                 clock: FakeClock):
    number = submit(demo_db, clock)
    with demo_db.session() as s:
        lifecycle.resolve(s, clock, RULES, number, WORKER, "修好了")
        lifecycle.rate(s, clock, RULES, RESIDENT, 1)
    change = rating_changes.change_asked("按错了 应该是2 味道还是有点")
    assert change == Rating(2, "味道还是有点") and says_unfinished(change.reason)
    assert not says_unfinished("还是有点慢")
    with demo_db.session() as s:
        said = rating_changes.change_rating(s, clock, RULES, RESIDENT, change, RATED_WITHIN)
    assert said is not None and number in said and "味道还是有点" in said and len(said) <= 70, said
    assert ticket(demo_db, number).status == "reopened"
    assert any("味道还是有点" in m for m in messages_to(demo_db, WORKER))


def test_the_other_reporters_hear_a_ticket_reopened_by_one_reporters_rating(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)
    merged = "+8613999990186"
    with demo_db.session() as s:
        row = s.query(Ticket).filter(Ticket.number == number).one()
        follow(s, row, merged, "sms", "reporter", None)
        lifecycle.resolve(s, clock, RULES, number, WORKER, "修好了")
        lifecycle.rate(s, clock, RULES, merged, 3, reason="还是不亮")
    told = REOPENED_FOR_OTHERS.format(number=number)
    assert told in messages_to(demo_db, RESIDENT) and told not in messages_to(demo_db, merged) and len(told) <= 70
    assert len(STILL_WORKING.format(number=number)) <= 70
    with demo_db.session() as s:
        assert [t.number for t in lifecycle.reported_by(s, RESIDENT, ("reopened",))] == [number]


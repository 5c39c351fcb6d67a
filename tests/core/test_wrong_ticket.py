"""Blind test 23 ("wrong ticket grabbed"): a new report is merged only into an open one about the same thing and
never into an emergency; words announcing a report, a neighbour's leak or a question about voting are never an
urge or a detail of the sender's open ticket; a yes to "撤销哪件" withdraws nothing, and the list reads well."""

from __future__ import annotations

from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import cancelling, council_words, follow_up_reading, other_problem
from bot.core.problem_match import objects_in
from bot.store.db import Database
from bot.store.models import Ticket
from tests.conftest import POINT_IN_GRID_1, RIDER, STRANGER
from tests.core.helpers import make_report, submit, submit_opened

DRAIN = "阳光小区3栋门口那个阴沟臭得很 好多天了"


def _ticket(db: Database, number: str) -> Ticket:
    with db.session() as s:
        found = s.scalar(select(Ticket).where(Ticket.number == number))
        s.expunge(found)
        return found


def test_rubbish_is_never_merged_into_a_drain_report_at_the_same_place(demo_db: Database, clock: FakeClock):
    drain = submit(demo_db, clock, make_report(DRAIN, category="sanitation", place_text="阳光小区3栋"))
    with demo_db.session() as s:
        rubbish = submit_opened(s, clock, make_report("阳光小区3栋背后垃圾堆起好高了 没人拉", sender=STRANGER,
                                                      category="sanitation", place_text="阳光小区3栋"))
        assert rubbish.merged_into is None and rubbish.ticket.number != drain
    assert objects_in("阴沟堵了") == objects_in("下水道堵了") == {"下水道"}


def test_the_same_drain_reported_again_is_still_merged(demo_db: Database, clock: FakeClock):
    drain = submit(demo_db, clock, make_report(DRAIN, category="sanitation", place_text="阳光小区3栋"))
    with demo_db.session() as s:
        again = submit_opened(s, clock, make_report("阳光小区3栋那个下水道臭死了", sender=STRANGER,
                                                    category="sanitation", place_text="阳光小区3栋"))
        assert again.merged_into is not None and again.merged_into.number == drain


def test_a_report_near_an_emergency_of_its_category_is_never_merged_into_it(demo_db: Database, clock: FakeClock):
    lat, lon = POINT_IN_GRID_1
    crash = submit(demo_db, clock, make_report("这里一个骑摩托的被大货车挂倒了 流了好多血", category="roads",
                                               emergency=True, lat=lat, lon=lon))
    with demo_db.session() as s:
        light = submit_opened(s, clock, make_report("新华街口红绿灯坏了 一直闪黄灯 车子乱开", sender=RIDER,
                                                    category="roads", lat=lat, lon=lon))
        assert light.merged_into is None and light.ticket.number != crash and light.ticket.status != "merged"


def test_words_announcing_a_report_after_an_emergency_are_a_new_report_never_an_urge(demo_db: Database,
                                                                                    clock: FakeClock):
    fall = _ticket(demo_db, submit(demo_db, clock, make_report("老头子在屋头摔了 起不来", category="health",
                                                               emergency=True)))
    with demo_db.session() as s:
        for intent in ("urge", "report_issue"):
            assert follow_up_reading.read_follow_up(s, fall, "我要反映 好久没得人来收垃圾了 臭烘烘的", intent,
                                            "sanitation") == "new"
        assert follow_up_reading.read_follow_up(s, fall, "咋个还没得人来", "urge", None) == "urge"  # about the fall
    assert other_problem.announces_report("反映个事 垃圾好久没人收了")
    assert not other_problem.announces_report("那个咋个还没来")


def test_a_neighbours_leak_after_a_drain_report_is_a_new_problem(demo_db: Database, clock: FakeClock):
    drain = _ticket(demo_db, submit(demo_db, clock, make_report(DRAIN, category="sanitation")))
    with demo_db.session() as s:
        for intent, category in (("report_issue", "sanitation"), ("nlu_fallback", None)):
            assert follow_up_reading.read_follow_up(s, drain, "他家漏水漏到我家了", intent, category) == "new"
        assert follow_up_reading.read_follow_up(s, drain, "还是臭得很", "report_issue", "sanitation") == "detail"


def test_a_question_about_voting_for_a_neighbour_is_never_a_detail_and_is_answered(demo_db: Database,
                                                                                   clock: FakeClock):
    road = _ticket(demo_db, submit(demo_db, clock, make_report("村里机耕道垮了一截 拖拉机过不去")))
    text = "我可以帮隔壁王大爷投一票不 他不会用手机"
    with demo_db.session() as s:
        assert follow_up_reading.read_follow_up(s, road, text, "report_issue", "roads") == "pass"
    assert council_words.asks_proxy_vote(text) and not council_words.asks_proxy_vote("我投赞成")
    assert "家人" in council_words.PROXY_VOTE and len(council_words.PROXY_VOTE) <= 70


def test_the_withdrawal_list_shows_readable_labels_and_a_yes_is_no_choice(demo_db: Database, clock: FakeClock):
    submit(demo_db, clock, make_report("阳光小区3栋背后垃圾堆起好高了", sender=STRANGER, category="sanitation"))
    submit(demo_db, clock, make_report("还有 楼上那家漏水漏到我家厨房了 阳光小区3栋501", sender=STRANGER,
                                       category="housing_utilities"))
    with demo_db.session() as s:
        asked = cancelling.which_to_cancel(s, STRANGER)
        assert "还有" not in asked and "楼上那家漏水" in asked and len(asked) <= 70
        assert cancelling.withdrawal_meant(s, clock, STRANGER, "是的 撤销") is None

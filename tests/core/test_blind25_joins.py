"""Blind test 25 (docs/usertests/2026-12-06-blind13.md, "wrong ticket joined", place corrections): a new report is
merged only into one about the same kind of problem, never for its place alone; a complete new problem with its own
subject is never added to the sender's open report (a lost old person is for the police); "不是5栋 是6栋" corrects the
building within the same estate; a corrected place in another grid moves the ticket to that grid's worker; a
community named with its estate, or a known name slipped by a character, is that place."""

from __future__ import annotations

from bot.common.clock import FakeClock
from bot.core import corrections, follow_up_reading, lifecycle, other_problem, triage
from bot.core.person_danger import missing_person
from bot.core.places import match_place, within_community
from bot.core.problem_match import same_problem
from bot.store.db import Database
from tests.conftest import RIDER, STRANGER
from tests.core.helpers import RULES, make_report, messages_to, submit, submit_opened, ticket

ANJU_GRID_1_WORKER = "+8613700000005"  # 杨艳, 安居社区第1网格 (安居苑)
HEPAN_WORKER = "+8613700000009"  # 周明, 河滨社区第1网格 (河畔花园)
OTHER = "+8613999999998"


def test_different_problems_at_one_gate_are_never_merged_whatever_their_category(demo_db: Database,
                                                                                 clock: FakeClock):
    sign = submit(demo_db, clock, make_report("河畔花园门口那个广告牌子倒了", category="other",
                                              place_text="河畔花园门口"))
    with demo_db.session() as s:
        for text in ("河畔花园小区门口的道闸坏了 抬不起来", "路登不亮 好几天了 河畔花园门口",
                     "河畔花园门口的门禁刷不开了", "河畔花园门口有人乱摆摊 占了半边路"):
            opened = submit_opened(s, clock, make_report(text, sender=STRANGER, category="other",
                                                         place_text="河畔花园门口"))
            assert opened.merged_into is None and opened.ticket.status != "merged", text
        again = submit_opened(s, clock, make_report("河畔花园门口的广告牌倒在地上了 没人管", sender=OTHER,
                                                    category="other", place_text="河畔花园门口"))
        assert again.merged_into is not None and again.merged_into.number == sign


def test_the_same_gate_barrier_reported_again_is_still_merged(demo_db: Database, clock: FakeClock):
    barrier = submit(demo_db, clock, make_report("河畔花园小区门口的道闸坏了 抬不起来", category="other",
                                                 place_text="河畔花园门口"))
    with demo_db.session() as s:
        again = submit_opened(s, clock, make_report("河畔花园门口那个道闸又卡住了", sender=STRANGER, category="other",
                                                    place_text="河畔花园门口"))
        assert again.merged_into is not None and again.merged_into.number == barrier


def test_a_drunk_man_asleep_by_a_bus_stop_is_never_merged_into_a_fallen_tree_on_that_road(demo_db: Database,
                                                                                        clock: FakeClock):
    submit(demo_db, clock, make_report("河滨路那棵大树倒了", category="other", place_text="河滨路"))
    with demo_db.session() as s:
        for text in ("楼下有个醉汉睡在路边 天冷得很 怕冻出事 河滨路公交站", "河滨路公交站的站牌遭车撞歪了"):
            opened = submit_opened(s, clock, make_report(text, sender=STRANGER, category="other", place_text="河滨路"))
            assert opened.merged_into is None, text


def test_a_place_or_a_word_of_how_bad_is_no_problem_shared():
    assert not same_problem("河畔花园小区门口的道闸坏了", "河畔花园门口那个广告牌子倒了", ["河畔花园门口"])
    assert not same_problem("门禁坏了", "道闸坏了")  # 坏了 is said of anything
    assert not same_problem("路边有人摔倒起不来", "道闸抬不起来")
    assert same_problem("道闸抬不起来了", "小区门口的道闸坏了", ["河畔花园"])
    assert same_problem("这里路灯坏了", "路灯不亮")
    assert not same_problem("井盖松了", "路灯不亮")


def test_someone_lost_is_for_the_police_and_never_added_to_the_riders_open_report(demo_db: Database,
                                                                                 clock: FakeClock):
    for text in ("路边有个老太婆在哭 说找不到屋了 就在安居苑门口", "一个小娃娃在超市门口哭 说找不到家了",
                 "有个大爷迷路了 在公交站转来转去", "有个老人家坐在路边 说找不到屋了 安居苑门口"):
        assert missing_person(text) and triage.has_danger(text), text
    for text in ("我找不到屋了 地址是哪里", "送快递找不到这个屋", "我家狗找不到回家的路了"):
        assert not missing_person(text), text
    bikes = ticket(demo_db, submit(demo_db, clock, make_report("共享单车倒了一地 路都堵了", sender=RIDER,
                                                               place_text="安居苑门口")))
    with demo_db.session() as s:
        for text in ("路边有个老太婆在哭 说找不到屋了 就在安居苑门口", "安居苑门口有个婆婆坐起哭 说不晓得回家的路"):
            for intent, category in (("report_issue", "elderly_care"), ("nlu_fallback", None),
                                     ("report_issue", "roads")):
                assert follow_up_reading.read_follow_up(s, bikes, text, intent, category) != "detail", (text, intent)
        assert follow_up_reading.read_follow_up(
            s, bikes, "安居苑门口那个 路都过不去了", "nlu_fallback", None) == "detail"
    # At the report's own place, someone new must be brought in: a consequence of the report is more of it.
    assert other_problem.own_report("共享单车倒了一地", "安居苑门口", "安居苑门口有个大爷遭单车绊倒了 腿擦伤了")
    assert not other_problem.own_report("楼道灯坏了", "阳光小区3栋", "阳光小区3栋 黑黢黢的 老人家都摔了")


def test_not_this_building_but_that_one_corrects_the_building_within_the_estate(demo_db: Database,
                                                                               clock: FakeClock):
    with demo_db.session() as s:
        for text, place in (("不是5栋 是6栋", "6栋"), ("是6栋 不是5栋", "6栋"), ("搞错了 是6栋", "6栋"),
                            ("不是5栋哦 是6栋门口", "6栋门口"), ("不是5栋，是16栋", "16栋")):
            assert corrections.says_mistake(text) and corrections.corrected_place(s, text) == place, text
        for text in ("不是路灯 是楼道灯", "不是我 是我老婆", "是5栋的 臭得很"):
            assert corrections.corrected_place(s, text) is None, text
    drain = submit(demo_db, clock, make_report("安居苑5栋门口下水道堵了 臭得很", sender=STRANGER,
                                               category="sanitation", place_text="安居苑5栋门口"))
    with demo_db.session() as s:
        reply = corrections.fix_place(s, clock, lifecycle.get_ticket(s, drain), "6栋", STRANGER, rules=RULES)
    assert reply == f"好的，工单{drain}的地点已改为“安居苑6栋门口”，已转告承办人。"
    assert ticket(demo_db, drain).place_text == "安居苑6栋门口"
    assert ticket(demo_db, drain).assignee.phone == ANJU_GRID_1_WORKER  # same grid: same worker, told
    assert messages_to(demo_db, ANJU_GRID_1_WORKER)[-1] == f"工单{drain}地点更正为：安居苑6栋门口"


def test_a_place_corrected_into_another_grid_moves_the_ticket_to_that_grids_worker(demo_db: Database,
                                                                                  clock: FakeClock):
    tank = submit(demo_db, clock, make_report("安居苑2栋楼顶的水箱在漏水", sender=STRANGER,
                                              category="housing_utilities", place_text="安居苑2栋"))
    assert ticket(demo_db, tank).assignee.phone == ANJU_GRID_1_WORKER
    with demo_db.session() as s:
        place = corrections.corrected_place(s, "我说错了 是河畔花园2栋 不是安居苑")
        reply = corrections.fix_place(s, clock, lifecycle.get_ticket(s, tank), place, STRANGER, rules=RULES)
    moved = ticket(demo_db, tank)
    assert moved.assignee.phone == HEPAN_WORKER and moved.unit.name == "河滨社区第1网格"
    assert reply.startswith(f"好的，工单{tank}的地点已改为“河畔花园2栋”，已转给网格员周明") and len(reply) <= 70
    left = messages_to(demo_db, ANJU_GRID_1_WORKER)[-1]
    assert left == f"工单{tank}地点更正为河畔花园2栋，已转给河滨社区第1网格办理，您无需再处理。"
    assert any(tank in m for m in messages_to(demo_db, HEPAN_WORKER))


def test_a_ticket_its_worker_has_taken_up_stays_with_him_when_its_place_is_corrected(demo_db: Database,
                                                                                    clock: FakeClock):
    tank = submit(demo_db, clock, make_report("安居苑3栋楼顶的水箱在漏水", sender=STRANGER,
                                              category="housing_utilities", place_text="安居苑3栋"))
    with demo_db.session() as s:
        lifecycle.acknowledge(s, clock, RULES, tank, ANJU_GRID_1_WORKER)
    with demo_db.session() as s:
        corrections.fix_place(s, clock, lifecycle.get_ticket(s, tank), "河畔花园3栋", STRANGER, rules=RULES)
    assert ticket(demo_db, tank).assignee.phone == ANJU_GRID_1_WORKER
    assert messages_to(demo_db, ANJU_GRID_1_WORKER)[-1] == f"工单{tank}地点更正为：河畔花园3栋"


def test_a_community_named_with_its_estate_or_a_name_slipped_by_a_character_is_that_place(demo_db: Database):
    with demo_db.session() as s:
        for text, name, grid in (("安居社区安居苑2栋 化粪池满了", "安居苑", "安居社区第1网格"),
                                 ("和畔花园5栋门口的路灯不亮了", "河畔花园", "河滨社区第1网格"),
                                 ("阳关小区2栋", "阳光小区", "幸福社区第1网格")):
            match = match_place(s, text)
            assert (match.name, [g.name for g in match.grids]) == (name, [grid]), text
        assert match_place(s, "安居社区门口").ambiguous  # the community alone: which grid is still asked
        assert within_community(s, "安居社区", "安居社区安居苑19栋 化粪池满了") == "安居苑19栋"
        assert within_community(s, "安居社区", "安居社区门口 化粪池满了") == "安居社区"
        assert within_community(s, "河畔花园", "河畔花园3栋 化粪池满了") == "河畔花园"
        assert not match_place(s, "阳光小学门口").grids  # another kind of place, not 阳光小区

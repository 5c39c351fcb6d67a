"""Blind test 26: what a report is about decides a merge, not a vehicle hurt or nearly hurt by it."""

from bot.core.problem_match import same_problem


def test_a_drain_cover_an_ebike_nearly_fell_into_is_not_a_row_of_fallen_ebikes():
    assert not same_problem("安居苑后门的下水道盖子烂了 电瓶车差点栽进去", "安居苑门口电瓶车倒了一排", ["安居苑"])
    assert not same_problem("门口那个井盖翻了 车子差点掉进去", "门口乱停的车堵到了", ["门口"])
    assert not same_problem("那棵树倒了 压到一辆小车", "好多车乱停 过不去")


def test_two_reports_about_the_vehicles_themselves_are_still_one():
    assert same_problem("安居苑门口电瓶车倒了一排", "安居苑门口好多电瓶车倒起", ["安居苑"])
    assert same_problem("下水道盖子烂了 电瓶车差点栽进去", "下水道盖子烂了好几天了")

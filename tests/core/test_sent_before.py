"""A rider's "我刚才不是发了位置嘛 就在安居路口" while the bot asks where (blind test 8, #22, #73): the location sent
before is meant, and only the words of a place beside the remark may become the report's place."""

from bot.core import sent_before


def test_saying_the_location_was_sent_is_told_from_a_place_or_a_problem():
    for said in ("我刚才不是发了位置嘛 就在安居路口", "位置不是发给你了嘛", "不是发了定位嘛"):
        assert sent_before.says_sent_location(said), said
    for said in ("安居苑大门口", "我刚才不是说了嘛 红绿灯坏了", "锦绣路口", "咋个发位置"):
        assert not sent_before.says_sent_location(said), said


def test_a_remark_is_never_a_place_only_the_place_words_beside_it():
    assert sent_before.place_in("我刚才不是发了位置嘛 就在安居路口") == "安居路口"
    assert sent_before.place_in("就在锦绣路口 我刚刚发了位置的") == "锦绣路口"
    assert sent_before.place_in("我刚才不是说了嘛 红绿灯坏了") == ""  # a problem is no place
    assert sent_before.place_in("我刚才不是说了嘛") == ""
    assert sent_before.points_back("我刚才不是说了嘛 红绿灯坏了") and not sent_before.points_back("安居苑大门口")
    assert sent_before.place_in("安居苑大门口") == "安居苑大门口"

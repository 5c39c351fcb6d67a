"""A text shortened to its room at a clause's end (blind test 9, #47: "…楼顶烧垃圾 已。")."""

from bot.common.sms_parts import clause_head


def test_a_text_that_fits_is_kept_whole_with_its_spaces_tidied():
    assert clause_head("火灭了  没得事了", 20) == "火灭了 没得事了"


def test_a_long_text_is_cut_after_its_last_whole_clause_with_an_ellipsis():
    text = "火灭了 没得事了 是有人在楼顶烧垃圾 已经批评教育了"
    assert clause_head(text, 20) == "火灭了 没得事了 是有人在楼顶烧垃圾…"  # never "…烧垃圾 已"
    assert clause_head(text, 18) == "火灭了 没得事了…"
    assert clause_head("灯泡订了，后天到货。师傅下午来", 12) == "灯泡订了，后天到货…"


def test_a_first_clause_longer_than_the_room_is_cut_with_an_ellipsis_and_nothing_exceeds_the_room():
    assert clause_head("物业说水管是公共部分要走维修基金", 8) == "物业说水管是公…"
    for room in range(0, 30):
        assert len(clause_head("火灭了 没得事了 是有人在楼顶烧垃圾 已经批评教育了", room)) <= room

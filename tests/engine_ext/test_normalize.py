"""Behaviour of the text normaliser that runs before the Rasa tokenizer."""

import pytest

from engine_ext.normalize import align_spans, cn_numeral_to_int, normalize_text


def test_it_turns_full_width_digits_into_ascii():
    assert normalize_text("Ｔ１０２３ 收到") == "T1023 收到"
    assert normalize_text("投票选３") == "投票选3"


def test_it_turns_full_width_punctuation_into_ascii():
    assert normalize_text("真的吗？") == "真的吗?"


def test_it_converts_traditional_to_simplified():
    assert normalize_text("垃圾車兩個禮拜沒來了") == "垃圾车两个礼拜没来了"
    assert normalize_text("路燈壞了 給是沒人管") == "路灯坏了 给是没人管"


def test_it_leaves_simplified_text_unchanged():
    text = "阳光小区门口的垃圾好几天没人收了"
    assert normalize_text(text) == text


def test_it_converts_digit_by_digit_ticket_numbers():
    assert normalize_text("工单一零二三 收到") == "工单1023 收到"
    assert normalize_text("一零二三号已处理") == "1023号已处理"
    assert normalize_text("工單一〇二三") == "工单1023"


def test_it_converts_positional_ticket_numbers():
    assert normalize_text("一千零二十三号处理好了") == "1023号处理好了"
    assert normalize_text("工单两千零五") == "工单2005"


def test_it_converts_ordinal_vote_options():
    assert normalize_text("投第二个") == "投第2个"
    assert normalize_text("我选选项三") == "我选选项3"
    assert normalize_text("方案一比较好") == "方案1比较好"


@pytest.mark.parametrize(
    "text",
    [
        "等一下",
        "快一点",
        "石桥村一组的路",
        "三组有人打架",
        "三号楼停水",
        "十二号那天",
        "第一次用",
        "一个老人摔倒了",
        "两三天了",
        "一千块钱",
    ],
)
def test_it_keeps_ordinary_words_with_numerals(text):
    assert normalize_text(text) == text


def test_it_collapses_repeated_punctuation():
    assert normalize_text("快来人！！！") == "快来人!"
    assert normalize_text("好的。。。") == "好的。"
    assert normalize_text("啥时候来？？？！") == "啥时候来?"


def test_it_squeezes_and_strips_whitespace():
    assert normalize_text("  建设路   井盖\t没了\n") == "建设路 井盖 没了"
    assert normalize_text("建设路\u3000井盖") == "建设路 井盖"


def test_it_returns_an_empty_string_for_empty_input():
    assert normalize_text("") == ""
    assert normalize_text("   ") == ""


def test_it_is_idempotent():
    once = normalize_text("工單一零二三　已處理！！ 路燈換好了")
    assert once == "工单1023 已处理! 路灯换好了"
    assert normalize_text(once) == once


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一千零二十三", 1023), ("十五", 15), ("两百三", 230), ("三百零五", 305), ("一万零五", 10005)],
)
def test_it_parses_positional_chinese_numerals(numeral, value):
    assert cn_numeral_to_int(numeral) == value


@pytest.mark.parametrize("numeral", ["", "万", "百", "三三十", "一下"])
def test_it_rejects_malformed_numerals(numeral):
    assert cn_numeral_to_int(numeral) is None


def test_it_moves_entity_spans_onto_the_normalised_text():
    original = "收到 工单一零二三 马上去"
    normalized = normalize_text(original)
    start = original.index("一零二三")
    [(new_start, new_end)] = align_spans(original, normalized, [(start, start + 4)])
    assert normalized[new_start:new_end] == "1023"


def test_it_keeps_entity_spans_after_collapsed_whitespace():
    original = "  我在   阳光小区门口"
    normalized = normalize_text(original)
    start = original.index("阳光小区")
    [(new_start, new_end)] = align_spans(original, normalized, [(start, start + 4)])
    assert normalized[new_start:new_end] == "阳光小区"


def test_it_maps_full_width_ticket_entities():
    original = "Ｔ１０２５ 收到"
    normalized = normalize_text(original)
    [(new_start, new_end)] = align_spans(original, normalized, [(0, 5)])
    assert normalized[new_start:new_end] == "T1025"

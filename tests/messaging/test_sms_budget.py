from bot.messaging.sms_budget import MORE, fit, segments, units


def test_seventy_chinese_characters_are_one_part_and_seventy_one_are_two():
    assert segments("路" * 70) == 1
    assert segments("路" * 71) == 2
    assert segments("路" * 134) == 2
    assert segments("路" * 135) == 3


def test_a_character_outside_the_bmp_counts_double():
    assert units("𠮷") == 2
    assert segments("路" * 69 + "𠮷") == 2


def test_plain_ascii_text_uses_the_gsm_alphabet():
    assert segments("a" * 160) == 1
    assert segments("a" * 161) == 2
    assert segments("{" * 80) == 1 and segments("{" * 81) == 2


def test_a_reply_within_budget_is_left_whole():
    text = "您的问题已记录，工单号G20261102001，网格员王芳将在2小时内联系您。"
    assert fit(text) == (text, None)


def test_a_long_list_is_cut_at_a_line_with_the_more_hint_and_stays_within_two_parts():
    lines = [f"{n}. 幸福社区第{n}网格 网格员电话请回复编号查询" for n in range(1, 12)]
    text = "\n".join(lines)
    head, rest = fit(text)
    assert segments(head) <= 2
    assert head.endswith(MORE)
    shown = head.removesuffix(MORE).strip().split("\n")
    assert shown == lines[: len(shown)]  # whole lines only
    assert rest == "\n".join(lines[len(shown):])


def test_a_long_text_without_line_breaks_is_cut_by_characters():
    text = "路" * 300
    head, rest = fit(text, max_parts=2)
    assert segments(head) == 2 and head.endswith(MORE)
    assert head.removesuffix(MORE).strip() + rest == text

"""The knowledge tables the classifier reads besides nlu/ (engine_ext/lexicon.py): dialect words, the
domain lexicon and the shape of a message."""

from engine_ext.lexicon import lexicon_hits, load_dialect, load_lexicon, shape, standardise

DIALECT = load_dialect()
LEXICON = load_lexicon()


def test_sichuan_words_become_the_standard_words_a_mandarin_message_uses():
    assert standardise("屋头莫得水了 咋个办", DIALECT) == "家里没有水了 怎么办"
    assert standardise("我不晓得哪点去办", DIALECT) == "我不知道哪里去办"
    assert standardise("老汉儿和娃儿都在", DIALECT) == "父亲和孩子都在"


def test_the_longest_variant_wins_where_a_shorter_one_starts_the_same_way():
    # 咋 alone is 怎么, but 咋办 is 怎么办 and 咋个 is 怎么, not 怎么个.
    assert standardise("咋办", DIALECT) == "怎么办"
    assert standardise("咋个", DIALECT) == "怎么"


def test_voice_to_text_slips_are_read_as_the_word_meant():
    assert standardise("路登不亮 垃极满了", DIALECT) == "路灯不亮 垃圾满了"


def test_standard_text_is_left_as_it_is():
    text = "阳光小区门口的路灯坏了"
    assert standardise(text, DIALECT) == text
    assert standardise("咋个", {}) == "咋个"


def test_a_word_no_training_example_used_still_points_to_its_category():
    assert "lex:roads" in lexicon_hits("窨井盖被人偷了", LEXICON["categories"])
    assert "lex:sanitation" in lexicon_hits("楼下渣土堆了一星期", LEXICON["categories"])
    assert lexicon_hits("你好", LEXICON["categories"]) == []


def test_intent_cues_tell_a_procedure_question_from_a_staff_outcome():
    cues = LEXICON["intents"]
    assert "lex:procedure" in lexicon_hits("户口迁移要带什么材料", cues)
    assert "lex:done" in lexicon_hits("T1023 已处理完毕 申请办结", cues)
    assert "lex:done" not in lexicon_hits("户口迁移要带什么材料", cues)


def test_every_lexicon_list_is_a_list_of_words_under_a_known_group():
    assert set(LEXICON) == {"categories", "intents"}
    assert {"roads", "sanitation", "health", "elderly_care", "other"} <= set(LEXICON["categories"])
    for lists in LEXICON.values():
        for words in lists.values():
            assert words and all(isinstance(w, str) and w.strip() == w and w for w in words)


def test_the_shape_of_a_message_names_a_ticket_number_digits_emoji_and_questions():
    assert "shape:ticket" in shape("T1023 收到")
    assert "shape:ticket" in shape("工单 1023 怎么样了")
    assert "shape:ticket" not in shape("3栋停电了")
    assert "shape:digits" in shape("5 。")
    assert "shape:emoji+" in shape("👍👍") and "shape:symbols" in shape("👍👍")
    assert "shape:emoji-" in shape("😡 根本没解决") and "shape:symbols" not in shape("😡 根本没解决")
    assert "shape:question" in shape("低保在哪里办嘛")
    assert "shape:question" not in shape("路灯坏了")


def test_the_length_bucket_grows_with_the_message():
    assert "shape:len0" in shape("好")
    assert "shape:len5" in shape("我家楼下那条路" * 8)

"""Who comes to fix it, asked in a few words after a report (bot/core/return_questions.py)."""

from bot.core import return_questions


def test_who_comes_to_fix_it_asked_in_a_few_words_is_a_question_about_the_report():
    # blind test 35, DO4
    assert return_questions.asks_who_fixes("护栏那个哪个来修")
    assert return_questions.asks_who_fixes("到底哪个负责修嘛")
    assert not return_questions.asks_who_fixes("我自己找人来修")
    assert not return_questions.asks_who_fixes("我们阳光小区4栋后面那个化粪池满了 臭得人都遭不住 到底哪个来管嘛")

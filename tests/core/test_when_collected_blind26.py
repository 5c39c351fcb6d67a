"""Blind test 26 (A54): "好久来收嘛" is a question about the sender's rubbish ticket, and with none open a report of
rubbish left uncollected; a when-question about anything else is neither."""

from __future__ import annotations

import pytest

from bot.core import ticket_questions, when_collected


@pytest.mark.parametrize("text", ["好久来收嘛", "好久来收哦 都臭了", "到底好久来清嘛", "好久来收垃圾哦",
                                  "什么时候来收"])
def test_when_the_rubbish_is_collected(text: str):
    assert when_collected.asks_when_collected(text) and ticket_questions.kind_of(text) == "when"


@pytest.mark.parametrize("text", ["好久来修嘛", "好久来收水费", "好久来收哦 都臭了 3栋门口", "路灯好久来换"])
def test_anything_else_or_a_place_with_it_is_not_only_that(text: str):
    assert not when_collected.asks_when_collected(text)

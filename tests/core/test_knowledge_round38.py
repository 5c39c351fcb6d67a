"""Blind test 35's questions the knowledge base left unanswered or asked where (round 38,
docs/usertests/2026-12-07-blind23.md): who approved a change people see (Q8), fasting for a check-up (N3's kind)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.knowledge import load_knowledge

BASE = load_knowledge(Path(__file__).resolve().parents[2] / "config" / "knowledge")


@pytest.mark.parametrize("question", [
    "安居苑路边的树被砍了好多棵 是哪个批的",  # Q8: 答不上
    "河畔花园982栋门口的路被挖开了 哪个同意的哦",
    "阳光小区的围墙遭拆了 有没得手续哦",
])
def test_who_approved_a_change_people_see_is_answered_with_a_call_back(question: str) -> None:
    found = BASE.find(question)
    assert found is not None and found.entry.id == "works_approval" and found.entry.callback, found
    assert "园林" in found.entry.answer and "网格员" in found.entry.answer


@pytest.mark.parametrize("question", ["这个文件是哪个批的", "低保批了没得", "有人在砍树"])
def test_approval_of_anything_else_is_not_the_works_entry(question: str) -> None:
    found = BASE.find(question)
    assert found is None or found.entry.id != "works_approval", found


@pytest.mark.parametrize("question", ["去体检要饿起肚子去不", "明天去体检 要空着肚子去不", "体检那天早上吃得早饭不"])
def test_fasting_for_a_check_up_is_answered_before_the_classifier(question: str) -> None:
    found = BASE.find(question)
    assert found is not None and found.entry.id == "checkup_fasting", found
    assert BASE.early(question)  # the classifier took 饿起肚子 for a report: 请问在哪点？

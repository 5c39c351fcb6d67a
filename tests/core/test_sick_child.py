"""Blind test 28's sick child (B65, B65-2), in the core: a child's fever with a fit is 120 now, a high fever the
hospital or 120 now, never 答不上; a mild fever, a cramp in an adult's leg, a fever asked of a jab and a seizure the
triage already makes an emergency (抽搐) get no such advice."""

from __future__ import annotations

import pytest

from bot.core import sick_child

FITS = ["娃娃发烧抽筋了", "娃娃发烧抽筋了 咋个办 河畔花园3栋", "我孙子发烧 在翻白眼"]
HIGH = ["我家孩子发高烧 40度 咋个办 安居苑2栋", "孩子发高烧40度 咋个办", "宝宝烧到39度5 退不下来"]
NEITHER = ["娃娃有点发烧 37度5", "孩子发烧抽搐了", "孩子打疫苗后会发烧吗", "我腿抽筋了", "娃娃发烧了 医保能报不"]


@pytest.mark.parametrize("text", FITS)
def test_a_childs_fever_with_a_fit_is_told_to_call_120_now(text: str):
    assert sick_child.advice(text) == sick_child.FIT and "120" in sick_child.FIT and len(sick_child.FIT) <= 70


@pytest.mark.parametrize("text", HIGH)
def test_a_childs_high_fever_is_told_the_hospital_or_120_now(text: str):
    assert sick_child.advice(text) == sick_child.HIGH_FEVER
    assert "120" in sick_child.HIGH_FEVER and "医院" in sick_child.HIGH_FEVER and len(sick_child.HIGH_FEVER) <= 70


@pytest.mark.parametrize("text", NEITHER)
def test_a_mild_fever_an_adults_cramp_a_jab_question_or_a_known_emergency_gets_no_such_advice(text: str):
    assert sick_child.advice(text) is None

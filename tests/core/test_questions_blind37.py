"""Questions blind test 35 asked where or filed (failure 1): asked despite their problem words, and the reports that
must stay reports (bot/core/question_kinds.py)."""

from __future__ import annotations

import pytest

from bot.core import triage


@pytest.mark.parametrize("text", [
    "河畔花园的门禁卡掉了咋个补办",  # Q24
    "养条狗要去办证不",  # Q11
    "腿脚不方便 能不能请人上门帮我办养老金认证",  # E16n
    "家里宽带断了 上不了网",  # Q30
    "屋头没得网了 找哪个修",
    "天冷了 社区有没得地方烤火取暖",  # B34
    "好冷哦 哪里可以去烤火",
    "社保卡掉了咋个补办",
])
def test_a_question_beside_its_problem_words_is_asked(text: str):
    assert triage.information_request(text) == "question"


@pytest.mark.parametrize("text", [
    "河畔花园900栋楼道的宽带线被挖断了 整栋楼都没网",
    "安居苑门口的路灯坏了",
    "我家狗丢了",
    "屋头烧蜂窝煤 烟子大得很",
    "门禁坏了 刷不开",
])
def test_a_problem_in_a_shared_place_is_still_a_report(text: str):
    assert triage.information_request(text) is None


def test_wanting_to_be_a_grid_worker_is_help_offered():
    assert triage.information_request("网格员招人不 我也想去当") == "question"  # Q9

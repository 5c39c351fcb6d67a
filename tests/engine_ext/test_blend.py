"""LinearBlend (engine_ext/blend.py) mixes DIET's and the selector's rankings with a linear model.

The component needs Rasa, so the probe runs in the engine environment and reports back as JSON.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def probed() -> list[dict]:
    probe = Path(__file__).with_name("blend_probe.py")
    done = subprocess.run([str(ROOT / "bin" / "venv"), "engine", "python", str(probe)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_confident_linear_model_overrules_a_lukewarm_diet(probed: list[dict]) -> None:
    lamp = probed[0]
    assert lamp["intent"]["name"] == "report_issue"
    diet = {"greet": 0.6, "report_issue": 0.4}
    ranking = {r["name"]: r["confidence"] for r in lamp["ranking"]}
    # Each blended score is the mean of DIET's and the linear model's, so it stays a distribution.
    assert sum(ranking.values()) == pytest.approx(1.0)
    assert ranking["report_issue"] > diet["report_issue"] and ranking["greet"] < diet["greet"]


def test_the_category_follows_the_blend_and_keeps_the_domain_response(probed: list[dict]) -> None:
    response = probed[0]["response"]
    assert response["intent_response_key"] == "report_issue/roads"
    assert response["utter_action"] == "utter_report_issue/roads"
    assert response["responses"] == [{"text": "roads"}]
    assert 0.5 < response["confidence"] <= 1.0


def test_when_both_agree_the_answer_stands(probed: list[dict]) -> None:
    hello = probed[1]
    assert hello["intent"]["name"] == "greet"
    assert hello["intent"]["confidence"] > 0.6

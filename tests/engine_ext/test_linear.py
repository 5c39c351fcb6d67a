"""LinearClassifier (engine_ext/linear.py) gives the intent ranking and the report category in the
shape DIETClassifier and ResponseSelector gave them, which bot/engine/parse.py reads.

The component needs Rasa, so the probe runs in the engine environment and reports back as JSON.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from bot.engine.parse import category_of, classification

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def probed() -> dict[str, dict]:
    probe = Path(__file__).with_name("linear_probe.py")
    done = subprocess.run([str(ROOT / "bin" / "venv"), "engine", "python", str(probe)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    return {row["text"]: row for row in json.loads(done.stdout.strip().splitlines()[-1])}


def test_the_intent_ranking_names_every_intent_best_first_and_sums_to_one(probed: dict[str, dict]) -> None:
    lamp = probed["路灯不亮"]
    assert lamp["intent"]["name"] == "report_issue"
    confidences = [r["confidence"] for r in lamp["ranking"]]
    assert {r["name"] for r in lamp["ranking"]} == {"greet", "report_issue", "emergency", "affirm", "worker_ack"}
    assert confidences == sorted(confidences, reverse=True) and sum(confidences) == pytest.approx(1.0)
    assert lamp["intent"] == lamp["ranking"][0]


def test_a_report_gets_its_category_where_the_response_selector_put_it(probed: dict[str, dict]) -> None:
    selector = probed["垃圾堆在门口"]["selector"]
    assert selector["all_retrieval_intents"] == ["emergency", "report_issue"]
    response = selector["default"]["response"]
    assert response["intent_response_key"] == "report_issue/sanitation"
    assert response["utter_action"] == "utter_report_issue/sanitation"
    assert response["responses"] == [{"text": "sanitation"}]
    assert category_of({"response_selector": selector}) == "sanitation"
    assert selector["default"]["ranking"][0] == {"intent_response_key": "report_issue/sanitation",
                                                 "confidence": response["confidence"]}


def test_the_category_key_carries_the_predicted_intent(probed: dict[str, dict]) -> None:
    bridge = probed["桥塌了"]
    parse = {"intent": bridge["intent"], "intent_ranking": bridge["ranking"], "response_selector": bridge["selector"]}
    assert bridge["intent"]["name"] == "emergency"
    assert bridge["selector"]["default"]["response"]["intent_response_key"] == "emergency/roads"
    assert classification("桥塌了", parse)["category"] == "roads"


def test_a_greeting_has_no_category_in_classify(probed: dict[str, dict]) -> None:
    hello = probed["你好呀"]
    parse = {"intent": hello["intent"], "intent_ranking": hello["ranking"], "response_selector": hello["selector"]}
    assert classification("你好呀", parse)["intent"] == "greet"
    assert classification("你好呀", parse)["category"] is None


def test_an_intent_trigger_is_left_to_rasa(probed: dict[str, dict]) -> None:
    assert probed["/greet"]["intent"] is None and probed["/greet"]["selector"] is None



def test_a_residents_message_never_means_a_staff_only_intent_and_the_rest_keeps_the_whole_score(
        probed: dict[str, dict]) -> None:
    unknown, resident = probed["收到 好的 (None)"], probed["收到 好的 (resident)"]
    assert unknown["intent"]["name"] == "worker_ack"  # the words alone lean to staff's 收到
    assert resident["intent"]["name"] == "affirm"
    assert "worker_ack" not in {r["name"] for r in resident["ranking"]}
    assert sum(r["confidence"] for r in resident["ranking"]) == pytest.approx(1.0)
    shares = {r["name"]: r["confidence"] for r in unknown["ranking"] if r["name"] != "worker_ack"}
    rescaled = {r["name"]: r["confidence"] for r in resident["ranking"]}
    assert rescaled == pytest.approx({name: share / sum(shares.values()) for name, share in shares.items()})


def test_staff_and_a_message_without_a_role_keep_every_intent(probed: dict[str, dict]) -> None:
    unknown, staff = probed["收到 好的 (None)"], probed["收到 好的 (staff)"]
    assert staff["ranking"] == unknown["ranking"]
    assert "worker_ack" in {r["name"] for r in staff["ranking"]}


def test_words_only_a_staff_intent_claimed_are_not_blown_up_into_a_confident_guess_for_a_resident(
        probed: dict[str, dict]) -> None:
    unknown, resident = probed["收到收到 (None)"], probed["收到收到 (resident)"]
    assert unknown["intent"]["name"] == "worker_ack"
    # What is left is the raw one-vs-rest evidence, far too weak to claim the message: FallbackClassifier's.
    assert "worker_ack" not in {r["name"] for r in resident["ranking"]}
    assert sum(r["confidence"] for r in resident["ranking"]) < 0.2
    assert resident["intent"]["confidence"] < 0.1

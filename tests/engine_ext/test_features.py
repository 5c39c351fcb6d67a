"""What the linear classifier sees of a message (engine_ext/features.py): character n-grams, the same of
the text with dialect words made standard, and the lexicon's cues, each block weighted.

TextFeatures needs scikit-learn, so the probe runs in the engine environment and reports back as JSON.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def probed() -> dict:
    probe = Path(__file__).with_name("features_probe.py")
    done = subprocess.run([str(ROOT / "bin" / "venv"), "engine", "python", str(probe)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_sichuan_message_looks_like_its_mandarin_form_to_the_standard_block(probed: dict) -> None:
    standard = probed["standard"]["vectors"]
    assert standard["屋头莫得水了"] == standard["家里没有水了"]
    plain = probed["plain"]["vectors"]
    assert plain["屋头莫得水了"] != plain["家里没有水了"]


def test_a_lexicon_word_no_training_text_used_still_lights_its_category(probed: dict) -> None:
    # 窨井 appears in no training text: the n-grams see only 了; the roads list sees a road matter.
    def lit(vector: list[float]) -> int:
        return sum(x > 0 for x in vector)

    assert "topics" in probed["topics"]["blocks"]
    assert lit(probed["topics"]["vectors"]["窨井盖丢了"]) == lit(probed["plain"]["vectors"]["窨井盖丢了"]) + 1


def test_a_restored_model_sees_every_message_as_the_fitted_one_did(probed: dict) -> None:
    for name in ("plain", "standard", "topics", "all"):
        assert probed[name]["restored"] == probed[name]["vectors"], name


def test_only_the_weighted_blocks_are_fitted(probed: dict) -> None:
    assert probed["plain"]["blocks"] == ["chars"]
    assert probed["standard"]["blocks"] == ["standard"]
    assert probed["all"]["blocks"] == ["chars", "cues", "shape", "standard", "topics"]


def test_a_misspelt_block_name_is_refused_rather_than_ignored(probed: dict) -> None:
    assert "colour" in probed["unknown_block"]

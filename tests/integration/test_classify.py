"""`bin/bot classify` prints one JSON object per line, using the engine at ENGINE_URL."""

import json
import os
import subprocess

import pytest

from bot.common.settings import ROOT
from tests.integration.stack import Stack

pytestmark = pytest.mark.engine


def test_classify_prints_intent_confidence_and_category_per_line(stack: Stack):
    texts = "我家楼下路灯坏了好几天了\n\n你好\n"
    result = subprocess.run([str(ROOT / "bin" / "bot"), "classify"], input=texts, capture_output=True, text=True,
                            env={**os.environ, "ENGINE_URL": stack.settings.engine_url}, timeout=120, cwd="/")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["text"] for line in lines] == ["我家楼下路灯坏了好几天了", "你好"]
    assert lines[0]["intent"] == "report_issue" and lines[0]["category"] == "roads"
    assert lines[1]["intent"] == "greet" and lines[1]["category"] is None
    assert all(0 < line["confidence"] <= 1 for line in lines)


def test_the_readme_example_is_what_classify_prints(stack: Stack):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = json.loads(next(line for line in readme.splitlines() if line.startswith('{"text": ')))
    result = subprocess.run([str(ROOT / "bin" / "bot"), "classify"], input=documented["text"], capture_output=True,
                            text=True, env={**os.environ, "ENGINE_URL": stack.settings.engine_url}, timeout=120,
                            cwd="/")
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert (printed["intent"], printed["category"]) == (documented["intent"], documented["category"])
    assert printed["confidence"] == pytest.approx(documented["confidence"], abs=0.05)

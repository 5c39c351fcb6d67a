"""bench/scale.py keeps working: its smoke run (`--quick`: both stacks, one repetition, a failover) answers every
message on one engine and on two, measures how long a killed engine's senders take to move, and reads every
process's memory. 100–150 s here (three engines load a model), hence the `engine` mark.

Needs PostgreSQL and Redis on loopback (skipped, saying why, when either is missing) and the trained model.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.common.settings import ROOT
from tests.conftest import postgres_unavailable
from tests.engine_ext.test_lock_store import redis_unavailable

pytestmark = [pytest.mark.engine, pytest.mark.postgres,
              pytest.mark.skipif(redis_unavailable() is not None, reason=f"needs Redis: {redis_unavailable()}")]


def row(block: str, label: str) -> list[str]:
    [line] = [line for line in block.splitlines() if line.startswith(f"| {label}")]
    return [cell.strip() for cell in line.strip("|").split("|")]


def seconds(cell: str) -> float:
    return float(re.fullmatch(r"([\d.]+) s", cell).group(1))  # type: ignore[union-attr]


def test_the_scale_bench_s_smoke_run_answers_everything_on_one_and_two_engines_and_times_the_move(
        trained_model: Path, tmp_path: Path):
    if reason := postgres_unavailable():
        pytest.skip(reason)
    out = tmp_path / "benchmarks.md"
    out.write_text("# Benchmarks\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "scale.py"), "--quick", "--model",
                             str(trained_model), "--out", str(out)], cwd=ROOT, capture_output=True, text=True,
                            timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    block = out.read_text(encoding="utf-8")
    assert "<!-- bench/scale.py:start -->" in block and "<!-- bench/scale.py:end -->" in block

    one, two, ratio = row(block, "throughput, messages answered per second")[1:]
    assert float(one) > 0 and float(two) > 0
    # the ratio is of the unrounded figures: it must lie within what the two cells' rounding (±0.005) allows
    shown, (t, o) = float(ratio.removesuffix(" ×")), (float(two), float(one))
    assert (t - 0.005) / (o + 0.005) - 0.005 <= shown <= (t + 0.005) / (o - 0.005) + 0.005, (one, two, ratio)
    assert row(block, "not answered (parked), all repetitions")[1:3] == ["0", "0"]
    assert row(block, "not answered (parked) |")[1] == "0 of 24"

    first, half, every = (seconds(row(block, label)[1]) for label in (
        "kill → first reply by engine-2", "kill → half the senders", "kill → every sender"))
    assert 0 < first <= half <= every < 120

    engines_one, engines_two = row(block, "engine (each)")[1:]
    assert len(engines_one.split(" / ")) == 1 and len(engines_two.split(" / ")) == 2
    assert all(float(v) > 100 for v in re.findall(r"[\d.]+", engines_one + engines_two))  # a loaded Rasa
    totals = [float(re.match(r"[\d.]+", cell).group()) for cell in row(block, "whole stack")[1:]]  # type: ignore
    assert totals[1] > totals[0] > 0

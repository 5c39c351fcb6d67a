"""The held-out NLU sets (bench/heldout/, heldout_b/, heldout_c/) and what they share with the training data.

Plain Python and PyYAML only: both the engine venv (bench/heldout_eval.py) and the app venv
(tests/test_heldout.py) import it.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
HELDOUT = REPO / "bench" / "heldout" / "messages.tsv"
# Every held-out set, by the name the reports give it: A written label by label, B situation first, C as a
# month of one community's message logs, person by person.
SETS = {"A": REPO / "bench" / "heldout", "B": REPO / "bench" / "heldout_b", "C": REPO / "bench" / "heldout_c"}
# Short everyday words (好的, 谢谢, 取消) are bound to occur in both sets; these are the ones that
# did when the set was written. A new overlap means someone copied between the sets.
SEEN_IN_TRAINING = REPO / "bench" / "heldout" / "seen_in_training.txt"
ANNOTATION = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\{[^}]*\}")


def load_rows(path: Path = HELDOUT) -> list[dict[str, str]]:
    """Every row of a held-out file with all its columns (set B also has voice and scenario)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_heldout(path: Path = HELDOUT) -> list[tuple[str, str, str | None]]:
    """(text, intent, category or None) for every row of the held-out file."""
    return [(r["text"], r["intent"], r["category"] or None) for r in load_rows(path)]


def comparable(text: str) -> str:
    """Annotations dropped, NFKC, letters and digits only: a copy with cosmetic edits still matches.
    A text of symbols alone (👍👍, 😡) is kept as its symbols, or every emoji reply would match every other."""
    text = ANNOTATION.sub(lambda m: m.group(1) or m.group(2), text)
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if ch.isalnum()) or "".join(text.split())


def training_texts(nlu_dir: Path = REPO / "nlu") -> set[str]:
    """Every training example of nlu/*.yml, in `comparable` form."""
    texts = set()
    for path in sorted(nlu_dir.glob("*.yml")):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            if "intent" in item:
                for line in (item.get("examples") or "").splitlines():
                    if line.strip().startswith("- "):
                        texts.add(comparable(line.strip()[2:]))
    return texts


def seen_in_training(rows: list[tuple[str, str, str | None]]) -> list[str]:
    """The held-out texts that also occur in the training data."""
    seen = training_texts()
    return [text for text, _, _ in rows if comparable(text) in seen]

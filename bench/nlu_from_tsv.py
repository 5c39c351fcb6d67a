"""A blind writer's messages.tsv turned into an nlu/ training file.

Run with any Python that has PyYAML (both venvs do), from the repository root:

    python bench/nlu_from_tsv.py bench/data_f/messages.tsv nlu/month_of_people.yml --title "…"

The TSV has the held-out sets' columns (`text intent category voice scenario`) and may add `places`: the place
names that occur verbatim in the text, separated by `|`. Ticket numbers (T1042, Ｔ１０４５, t1048, 工单1042,
单号1042) are annotated `ticket_id` and the listed places `place`, as in nlu/week_in_town.yml. Rows whose text
already occurs in nlu/ are left out (they add nothing), and so are rows that occur in a held-out set
(bench/heldout*/), which would stop being blind; both are counted on standard error.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.heldout_data import SETS, comparable, load_rows, training_texts

TICKET = re.compile(r"(?<![A-Za-z\d])[TtＴｔ]\s?[\d０-９]{3,}|(?<=工单)[\d０-９]{3,}|(?<=单号)[\d０-９]{3,}")


def annotated(text: str, places: list[str]) -> str:
    """`text` with ticket numbers and the given places marked as entities (each place once, longest first)."""
    spans: list[tuple[int, int, str]] = [(m.start(), m.end(), "ticket_id") for m in TICKET.finditer(text)]
    for place in sorted({p for p in places if p}, key=len, reverse=True):
        at = text.find(place)
        if at >= 0 and not any(at < end and start < at + len(place) for start, end, _ in spans):
            spans.append((at, at + len(place), "place"))
    for start, end, entity in sorted(spans, reverse=True):
        text = f"{text[:start]}[{text[start:end]}]({entity}){text[end:]}"
    return text


def converted(rows: list[dict[str, str]], known: set[str], blind: set[str]) -> tuple[dict[str, list[str]], int, int]:
    """Examples by `intent` or `intent/category`, and how many rows were already in nlu/ or in a held-out set."""
    examples: dict[str, list[str]] = defaultdict(list)
    in_nlu = in_heldout = 0
    seen: set[str] = set()
    for row in rows:
        text = " ".join(row["text"].split())
        key = comparable(text)
        if key in blind:
            in_heldout += 1
        elif key in known or key in seen:
            in_nlu += 1
        else:
            seen.add(key)
            label = f"{row['intent']}/{row['category']}" if row.get("category") else row["intent"]
            examples[label].append(annotated(text, (row.get("places") or "").split("|")))
    return examples, in_nlu, in_heldout


def as_yaml(examples: dict[str, list[str]], title: str) -> str:
    lines = [f"# {line}".rstrip() for line in title.splitlines()]
    lines = ['version: "3.1"', "", *lines, "", "nlu:"]
    for label in sorted(examples):
        lines += [f"- intent: {label}", "  examples: |"]
        lines += [f"    - {text}" for text in examples[label]]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tsv", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--title", required=True, help="the comment heading the file: where the data came from")
    args = parser.parse_args()
    with args.tsv.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    blind = {comparable(r["text"]) for folder in SETS.values() for r in load_rows(folder / "messages.tsv")}
    examples, in_nlu, in_heldout = converted(rows, training_texts(), blind)
    args.out.write_text(as_yaml(examples, args.title), encoding="utf-8")
    kept = sum(len(v) for v in examples.values())
    print(f"{len(rows)} rows: {kept} examples written, {in_nlu} already in nlu/ (or repeated), "
          f"{in_heldout} in a held-out set", file=sys.stderr)


if __name__ == "__main__":
    main()

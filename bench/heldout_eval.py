"""The trained model on every independent held-out set (bench/heldout/, bench/heldout_b/), against the TF-IDF baseline.

Run in the engine venv (Rasa 3.6) from the repository root, with the model `bin/bot train` prints:

    bin/venv engine python bench/heldout_eval.py --model PATH [--out docs/nlu-heldout.md]

(`make nlu-heldout` does both.) The held-out messages were written by someone who never saw the
training data (each set's README says how), so this is the nearest thing here to the issue's hidden
set. One run loads the model once and fits the baseline (character 1-3-gram TF-IDF +
LogisticRegression, as in bench/nlu_eval.py) once on all of nlu/*.yml; every set is scored by those
same two. Nothing here feeds back into the training data.

The sets with a `voice` column (B, C) are parsed a second time with the sender's role as the app tells the
engine (`{"role": "staff"}` for the staff voices, `"resident"` for the others; engine_ext/roles.py), and
both readings are reported side by side; set A has no voice and gets no metadata. The baseline sees the
text alone, as the issue defines it.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support  # noqa: E402

from bench.heldout_data import SETS, load_rows, seen_in_training  # noqa: E402
from bench.nlu_eval import (  # noqa: E402
    FALLBACK,
    baseline,
    category_of,
    confusions,
    load_examples,
    parse_all,
    predicted_category,
    quiet_logs,
    top_non_fallback_intent,
)
from engine_ext.normalize import normalize_text  # noqa: E402

# The held-out sets' voices of staff (grid workers, secretaries, the duty officer): the rest are residents.
STAFF_VOICES = frozenset({"worker", "grid_worker", "secretary", "duty", "duty_officer"})


def role_metadata(voice: str) -> dict[str, str]:
    """The metadata the app sends with a turn from a sender of this voice (bot/app/services.py, SenderRole)."""
    return {"role": "staff" if voice in STAFF_VOICES else "resident"}


def scores(gold_i: list[str], pred_i: list[str], gold_c: list[str], pred_c: list[str]) -> dict[str, float]:
    labels_i, labels_c = sorted(set(gold_i)), sorted(set(gold_c))
    return {
        "acc": accuracy_score(gold_i, pred_i),
        "f1": f1_score(gold_i, pred_i, labels=labels_i, average="macro", zero_division=0),
        "cat_f1": f1_score(gold_c, pred_c, labels=labels_c, average="macro", zero_division=0),
        "cat_acc": accuracy_score(gold_c, pred_c),
    }


@dataclass
class Scored:
    """One held-out set with the pipeline's and the baseline's answers."""

    name: str
    folder: Path
    rows: list[tuple[str, str, str | None]]
    voices: list[str] | None
    results: list[dict[str, Any]]
    latencies: list[float]
    base_i: list[str]
    base_c: list[str]
    # The pipeline's answers with the sender's role in the metadata (None: the set has no voice).
    with_role: list[dict[str, Any]] | None = None

    @property
    def texts(self) -> list[str]:
        return [t for t, _, _ in self.rows]

    @property
    def gold_i(self) -> list[str]:
        return [i for _, i, _ in self.rows]

    @property
    def cat_rows(self) -> list[int]:
        """The rows with a category (report_issue and emergency)."""
        return [n for n, (_, _, c) in enumerate(self.rows) if c]

    @property
    def gold_c(self) -> list[str]:
        return [self.rows[n][2] or "" for n in self.cat_rows]

    @property
    def pipeline_i(self) -> list[str]:
        return [top_non_fallback_intent(r) for r in self.results]  # what `bin/bot classify` prints

    @property
    def pipeline_c(self) -> list[str]:
        return [predicted_category(self.results[n]) or "none" for n in self.cat_rows]

    @property
    def role_i(self) -> list[str]:
        return [top_non_fallback_intent(r) for r in self.with_role or self.results]

    @property
    def role_c(self) -> list[str]:
        return [predicted_category((self.with_role or self.results)[n]) or "none" for n in self.cat_rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="the trained model (.tar.gz)")
    parser.add_argument("--out", default=str(REPO / "docs" / "nlu-heldout.md"))
    args = parser.parse_args()
    started, load_before = time.perf_counter(), os.getloadavg()
    quiet_logs()

    tables = {name: load_rows(folder / "messages.tsv") for name, folder in SETS.items()}
    rows = {name: [(r["text"], r["intent"], r["category"] or None) for r in table] for name, table in tables.items()}

    # One model load for every set: the texts of all sets in one go, split afterwards.
    all_texts = [t for name in SETS for t, _, _ in rows[name]]
    results, latencies = asyncio.run(parse_all(args.model, all_texts))
    # The sets with voices once more, each message with its sender's role (the same model, loaded again).
    voiced = [name for name in SETS if tables[name] and "voice" in tables[name][0]]
    role_texts = [t for name in voiced for t, _, _ in rows[name]]
    role_meta: list[dict[str, Any] | None] = [role_metadata(r["voice"]) for name in voiced for r in tables[name]]
    role_results, _ = asyncio.run(parse_all(args.model, role_texts, role_meta))
    by_set, at = {}, 0
    for name in voiced:
        by_set[name], at = role_results[at:at + len(rows[name])], at + len(rows[name])

    # One baseline for every set, fitted on all the training data.
    examples = load_examples()
    train_texts = [normalize_text(ex.get("text")) for ex in examples]
    intent_model = baseline().fit(train_texts, [ex.get("intent") for ex in examples])
    with_cat = [(t, category_of(ex.get("intent_response_key"))) for t, ex in zip(train_texts, examples, strict=True)]
    with_cat = [(t, c) for t, c in with_cat if c]
    cat_model = baseline().fit([t for t, _ in with_cat], [c for _, c in with_cat])

    scored, start = [], 0
    for name, folder in SETS.items():
        set_rows, end = rows[name], start + len(rows[name])
        normalized = [normalize_text(t) for t, _, _ in set_rows]
        cat_texts = [normalized[n] for n, (_, _, c) in enumerate(set_rows) if c]
        scored.append(Scored(
            name=name,
            folder=folder,
            rows=set_rows,
            voices=[r["voice"] for r in tables[name]] if "voice" in tables[name][0] else None,
            results=results[start:end],
            latencies=latencies[start:end],
            base_i=list(intent_model.predict(normalized)),
            base_c=list(cat_model.predict(cat_texts)),
            with_role=by_set.get(name),
        ))
        start = end

    elapsed, load_after = time.perf_counter() - started, os.getloadavg()
    lines = [
        "# NLU on the held-out sets",
        "",
        f"Run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} by `bench/heldout_eval.py` with "
        f"`{Path(args.model).name}`, {elapsed:.0f} s wall time. Machine: {machine()}; load average "
        f"{load_before[0]:.1f} at the start, {load_after[0]:.1f} at the end.",
        "",
        f"All figures below come from this one run: the model was loaded once and parsed every set (and "
        f"once more for the sets with voices, with the sender's role: below), and "
        f"the baseline (TF-IDF over character 1-3-grams + LogisticRegression, one model for intents and one "
        f"for report/emergency categories) was fitted once on all {len(examples)} training examples of "
        "`nlu/*.yml` and predicted every set. Neither set is used to write training data or to choose "
        "settings.",
        "",
        "| set | messages | intent accuracy | intent macro-F1 | category macro-F1 |",
        "|---|---|---|---|---|",
        *[headline_row(s) for s in scored],
        "",
        "Each cell is Rasa pipeline / baseline. Intent figures use the best contract intent, as `bin/bot "
        "classify` prints it; category figures are over the report_issue/emergency messages, whatever "
        "intent was predicted for them (a missing category counts as wrong).",
        "",
        *role_lines(scored),
    ]
    for s in scored:
        lines += set_lines(s, len(examples))
    Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


def machine() -> str:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                model = f", {line.split(':', 1)[1].strip()}"
                break
    return f"{platform.system()} {platform.machine()}, nproc {cpus}{model}"


def headline_row(s: Scored) -> str:
    ours = scores(s.gold_i, s.pipeline_i, s.gold_c, s.pipeline_c)
    base = scores(s.gold_i, s.base_i, s.gold_c, s.base_c)
    return (f"| {s.name} (`bench/{s.folder.name}/`) | {len(s.rows)} | {ours['acc']:.3f} / {base['acc']:.3f} | "
            f"{ours['f1']:.3f} / {base['f1']:.3f} | {ours['cat_f1']:.3f} / {base['cat_f1']:.3f} |")


def role_lines(scored: list[Scored]) -> list[str]:
    """The pipeline on the text alone and with the sender's role, same run, same model."""
    lines = [
        "### The sender's role as a signal",
        "",
        "The sets with a `voice` column parsed again, each message with the role the app tells the engine "
        f"(`staff` for the voices {', '.join(sorted(STAFF_VOICES))}; `resident` for the others): a resident's "
        "message never means worker_ack or worker_resolve (engine_ext/roles.py). Text alone / with the role; "
        "fixed and broken count the messages whose intent became right or wrong.",
        "",
        "| set | intent accuracy | intent macro-F1 | category macro-F1 | fixed | broken |",
        "|---|---|---|---|---|---|",
    ]
    for s in scored:
        if s.with_role is None:
            continue
        text = scores(s.gold_i, s.pipeline_i, s.gold_c, s.pipeline_c)
        role = scores(s.gold_i, s.role_i, s.gold_c, s.role_c)
        pairs = list(zip(s.gold_i, s.pipeline_i, s.role_i, strict=True))
        fixed = sum(g != a and g == b for g, a, b in pairs)
        broken = sum(g == a and g != b for g, a, b in pairs)
        lines.append(f"| {s.name} | {text['acc']:.3f} / {role['acc']:.3f} | {text['f1']:.3f} / {role['f1']:.3f} | "
                     f"{text['cat_f1']:.3f} / {role['cat_f1']:.3f} | {fixed} | {broken} |")
    return [*lines, ""]


def set_lines(s: Scored, n_examples: int) -> list[str]:
    """Everything the report says about one set."""
    gold_i, gold_c, pipeline_i, pipeline_c = s.gold_i, s.gold_c, s.pipeline_i, s.pipeline_c
    texts, cat_rows = s.texts, s.cat_rows
    ours = scores(gold_i, pipeline_i, gold_c, pipeline_c)
    base = scores(gold_i, s.base_i, gold_c, s.base_c)
    fallback_rate = sum(r["intent"]["name"] == FALLBACK for r in s.results) / len(s.results)
    counted_fallback = accuracy_score(gold_i, [r["intent"]["name"] for r in s.results])
    # The same scores without the messages that also occur in the training data (mostly 好的, 取消 …).
    seen = set(seen_in_training(s.rows))
    new_i = [n for n, text in enumerate(texts) if text not in seen]
    new_c = [k for k, n in enumerate(cat_rows) if texts[n] not in seen]

    def unseen(pred_i: list[str], pred_c: list[str]) -> dict[str, float]:
        return scores([gold_i[n] for n in new_i], [pred_i[n] for n in new_i],
                      [gold_c[k] for k in new_c], [pred_c[k] for k in new_c])

    ours_new, base_new = unseen(pipeline_i, pipeline_c), unseen(s.base_i, s.base_c)
    lat_ms = sorted(x * 1000 for x in s.latencies)
    readme = f"bench/{s.folder.name}/README.md"
    return [
        f"## Set {s.name}: `bench/{s.folder.name}/`",
        "",
        f"Data: {len(s.rows)} messages in `bench/{s.folder.name}/messages.tsv` ({len(set(gold_i))} intents; "
        f"{len(cat_rows)} report/emergency messages in {len(set(gold_c))} categories), written independently "
        f"of the training data (`{readme}`). The baseline is the one fitted on all {n_examples} training "
        "examples above.",
        "",
        "| metric | Rasa pipeline | TF-IDF + LogReg baseline |",
        "|---|---|---|",
        f"| intent accuracy, as `bin/bot classify` prints it | **{ours['acc']:.3f}** | {base['acc']:.3f} |",
        f"| intent macro-F1 | {ours['f1']:.3f} | {base['f1']:.3f} |",
        f"| category macro-F1 | **{ours['cat_f1']:.3f}** | {base['cat_f1']:.3f} |",
        f"| category accuracy | {ours['cat_acc']:.3f} | {base['cat_acc']:.3f} |",
        f"| intent accuracy, the {len(new_i)} messages not in the training data | {ours_new['acc']:.3f} | "
        f"{base_new['acc']:.3f} |",
        f"| category macro-F1, the {len(new_c)} of those with a category | {ours_new['cat_f1']:.3f} | "
        f"{base_new['cat_f1']:.3f} |",
        "",
        f"- Counting `{FALLBACK}` as wrong, the pipeline's intent accuracy is {counted_fallback:.3f}; "
        f"{fallback_rate:.1%} of the messages fell below the fallback threshold.",
        f"- Parse latency: median {statistics.median(lat_ms):.0f} ms, p95 "
        f"{lat_ms[int(0.95 * (len(lat_ms) - 1))]:.0f} ms over {len(lat_ms)} parses.",
        "",
        f"### Set {s.name}: per label",
        "",
        "Pipeline precision, recall and F1 for each gold label (n = messages with that label), and the "
        "baseline's F1.",
        "",
        *per_label_lines("intent", gold_i, pipeline_i, s.base_i),
        *per_label_lines("category", gold_c, pipeline_c, s.base_c),
        f"### Set {s.name}: worst confusions (gold → predicted)",
        "",
        "| gold | pipeline predicted | count |",
        "|---|---|---|",
        *[f"| {g} | {p} | {n} |" for g, p, n in confusions(gold_i, pipeline_i)],
        "",
        "| gold category | pipeline predicted | count |",
        "|---|---|---|",
        *[f"| {g} | {p} | {n} |" for g, p, n in confusions(gold_c, pipeline_c)],
        "",
        *voice_lines(s),
    ]


def per_label_lines(kind: str, gold: list[str], pred: list[str], base: list[str]) -> list[str]:
    """Precision, recall and F1 per gold label for the pipeline, F1 for the baseline."""
    labels = sorted(set(gold))
    p, r, f, n = precision_recall_fscore_support(gold, pred, labels=labels, zero_division=0)
    _, _, bf, _ = precision_recall_fscore_support(gold, base, labels=labels, zero_division=0)
    return [
        f"| {kind} | n | precision | recall | F1 | baseline F1 |",
        "|---|---|---|---|---|---|",
        *[f"| {label} | {n[k]} | {p[k]:.2f} | {r[k]:.2f} | {f[k]:.2f} | {bf[k]:.2f} |"
          for k, label in enumerate(labels)],
        "",
    ]


def voice_lines(s: Scored) -> list[str]:
    """Accuracy by the writer's `voice` column, for the sets that have one."""
    if s.voices is None:
        return []
    cat_of_row = {n: k for k, n in enumerate(s.cat_rows)}
    gold_i, pipeline_i, gold_c, pipeline_c = s.gold_i, s.pipeline_i, s.gold_c, s.pipeline_c
    by_voice: dict[str, list[int]] = collections.defaultdict(list)
    for n, voice in enumerate(s.voices):
        by_voice[voice].append(n)
    lines = [
        f"### Set {s.name}: by voice",
        "",
        "| voice | messages | intent accuracy | baseline | with a category | category accuracy | baseline |",
        "|---|---|---|---|---|---|---|",
    ]
    for voice, members in sorted(by_voice.items(), key=lambda item: (-len(item[1]), item[0])):
        acc = sum(gold_i[n] == pipeline_i[n] for n in members) / len(members)
        base = sum(gold_i[n] == s.base_i[n] for n in members) / len(members)
        cats = [cat_of_row[n] for n in members if n in cat_of_row]
        if cats:
            cat_acc = f"{sum(gold_c[k] == pipeline_c[k] for k in cats) / len(cats):.3f}"
            cat_base = f"{sum(gold_c[k] == s.base_c[k] for k in cats) / len(cats):.3f}"
        else:
            cat_acc = cat_base = "–"
        lines.append(f"| {voice} | {len(members)} | {acc:.3f} | {base:.3f} | {len(cats)} | {cat_acc} | {cat_base} |")
    return [*lines, ""]



if __name__ == "__main__":
    main()

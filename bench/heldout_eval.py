"""The trained model on the independent held-out set (bench/heldout/), against the TF-IDF baseline.

Run in the engine venv (Rasa 3.6) from the repository root, with the model `bin/bot train` prints:

    bin/venv engine python bench/heldout_eval.py --model PATH [--out docs/nlu-heldout.md]

(`make nlu-heldout` does both.) The held-out messages were written by someone who never saw the
training data (bench/heldout/README.md), so this is the nearest thing here to the issue's hidden
set. The baseline (character 1-3-gram TF-IDF + LogisticRegression, as in bench/nlu_eval.py) is
fitted on all of nlu/*.yml in the same run. Nothing here feeds back into the training data.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sklearn.metrics import accuracy_score, f1_score  # noqa: E402

from bench.heldout_data import load_heldout, seen_in_training  # noqa: E402
from bench.nlu_eval import (  # noqa: E402
    FALLBACK,
    argmax_mix,
    baseline,
    blend_inputs,
    category_of,
    confusions,
    load_examples,
    parse_all,
    predicted_category,
    quiet_logs,
    top_non_fallback_intent,
)
from engine_ext.normalize import normalize_text  # noqa: E402


def scores(gold_i: list[str], pred_i: list[str], gold_c: list[str], pred_c: list[str]) -> dict[str, float]:
    labels_i, labels_c = sorted(set(gold_i)), sorted(set(gold_c))
    return {
        "acc": accuracy_score(gold_i, pred_i),
        "f1": f1_score(gold_i, pred_i, labels=labels_i, average="macro", zero_division=0),
        "cat_f1": f1_score(gold_c, pred_c, labels=labels_c, average="macro", zero_division=0),
        "cat_acc": accuracy_score(gold_c, pred_c),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="the trained model (.tar.gz)")
    parser.add_argument("--out", default=str(REPO / "docs" / "nlu-heldout.md"))
    args = parser.parse_args()
    quiet_logs()

    heldout = load_heldout()
    texts = [t for t, _, _ in heldout]
    gold_i = [i for _, i, _ in heldout]
    cat_rows = [n for n, (_, _, c) in enumerate(heldout) if c]
    gold_c = [heldout[n][2] or "" for n in cat_rows]

    results, latencies = asyncio.run(parse_all(args.model, texts))
    pipeline_i = [top_non_fallback_intent(r) for r in results]  # what `bin/bot classify` prints
    pipeline_c = [predicted_category(results[n]) or "none" for n in cat_rows]
    fallback_rate = sum(r["intent"]["name"] == FALLBACK for r in results) / len(results)
    counted_fallback = accuracy_score(gold_i, [r["intent"]["name"] for r in results])

    examples = load_examples()
    train_texts = [normalize_text(ex.get("text")) for ex in examples]
    intent_model = baseline().fit(train_texts, [ex.get("intent") for ex in examples])
    with_cat = [(t, category_of(ex.get("intent_response_key"))) for t, ex in zip(train_texts, examples, strict=True)]
    with_cat = [(t, c) for t, c in with_cat if c]
    cat_model = baseline().fit([t for t, _ in with_cat], [c for _, c in with_cat])
    normalized = [normalize_text(t) for t in texts]
    base_i = list(intent_model.predict(normalized))
    base_c = list(cat_model.predict([normalized[n] for n in cat_rows]))

    ours, base = scores(gold_i, pipeline_i, gold_c, pipeline_c), scores(gold_i, base_i, gold_c, base_c)
    # The same scores without the messages that also occur in the training data (mostly 好的, 取消 …).
    seen = set(seen_in_training(heldout))
    new_i = [n for n, text in enumerate(texts) if text not in seen]
    new_c = [k for k, n in enumerate(cat_rows) if texts[n] not in seen]

    def unseen(pred_i: list[str], pred_c: list[str]) -> dict[str, float]:
        return scores([gold_i[n] for n in new_i], [pred_i[n] for n in new_i],
                      [gold_c[k] for k in new_c], [pred_c[k] for k in new_c])

    ours_new, base_new = unseen(pipeline_i, pipeline_c), unseen(base_i, base_c)
    lines = [
        "# NLU on the held-out set",
        "",
        f"Run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} by `bench/heldout_eval.py` with "
        f"`{Path(args.model).name}`.",
        "",
        f"Data: {len(heldout)} messages in `bench/heldout/messages.tsv` ({len(set(gold_i))} intents; "
        f"{len(cat_rows)} report/emergency messages in {len(set(gold_c))} categories), written independently "
        "of the training data (`bench/heldout/README.md`). The baseline (TF-IDF over character 1-3-grams + "
        f"LogisticRegression) was fitted on all {len(examples)} training examples in the same run.",
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
        f"- Parse latency: median {statistics.median(latencies) * 1000:.0f} ms over {len(latencies)} parses.",
        "",
        "## Worst confusions (gold → predicted)",
        "",
        "| gold | pipeline predicted | count |",
        "|---|---|---|",
        *[f"| {g} | {p} | {n} |" for g, p, n in confusions(gold_i, pipeline_i)],
        "",
        "| gold category | pipeline predicted | count |",
        "|---|---|---|",
        *[f"| {g} | {p} | {n} |" for g, p, n in confusions(gold_c, pipeline_c)],
        "",
        *sweep_lines(heldout, results),
    ]
    Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


def sweep_lines(heldout: list[tuple[str, str, str | None]], results: list[dict]) -> list[str]:
    """The pipeline at other LinearBlend weights, when the model kept the unblended rankings."""
    inputs = [blend_inputs(r) for r in results]
    if any(i is None for i in inputs):
        return []
    lines = ["## LinearBlend weight sweep", "", "| linear weight | intent accuracy | category macro-F1 |",
             "|---|---|---|"]
    cat_rows = [(c, i) for (_, _, c), i in zip(heldout, inputs, strict=True) if c]
    for weight in (0.0, 0.25, 0.5, 0.65, 0.75, 1.0):
        pred_i = [argmax_mix(d, lin, weight) for d, lin, _, _ in inputs]  # type: ignore[misc]
        pred_c = [argmax_mix(s, lc, weight) for _, (_, _, s, lc) in cat_rows]  # type: ignore[misc]
        gold_c = [c for c, _ in cat_rows]
        f1 = f1_score(gold_c, pred_c, labels=sorted(set(gold_c)), average="macro", zero_division=0)
        lines.append(f"| {weight:.2f} | {accuracy_score([i for _, i, _ in heldout], pred_i):.3f} | {f1:.3f} |")
    return [*lines, ""]


if __name__ == "__main__":
    main()

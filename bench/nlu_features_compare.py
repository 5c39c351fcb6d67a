"""The classifier with and without its extra features, and the baseline, on the CV folds and a dev set, in one run.

Run in the engine venv (Rasa 3.6) from the repository root:

    nice bin/venv engine python bench/nlu_features_compare.py [--dev bench/dev_d/messages.tsv] [--folds 5]

*before* is config.yml with LinearClassifier's feature options off (no dialect table, character
n-grams only: the classifier as it was); *after* is config.yml as it is. For each, the whole NLU
pipeline is trained on every fold of the 5-fold split of ``bench/nlu_eval.py`` (same seed) and
parses the held-out fold, then trained on all of nlu/ and parses the dev set. The TF-IDF baseline
of ``bench/nlu_eval.py`` is fitted on the same splits and on all of nlu/. The dev set is a tuning
set (docs/nlu-eval.md): it is read, never trained on. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rasa.shared.utils.io import read_yaml_file, write_yaml  # noqa: E402
from sklearn.model_selection import StratifiedKFold  # noqa: E402

import bench.nlu_eval as ev  # noqa: E402
from bench.heldout_data import load_rows  # noqa: E402
from bench.heldout_eval import scores  # noqa: E402
from engine_ext.normalize import normalize_text  # noqa: E402

LINEAR = "engine_ext.linear.LinearClassifier"
# Rasa merges a component's nested config into its defaults key by key, so each block is set to 0.
NO_BLOCKS = {"standard": 0.0, "cues": 0.0, "shape": 0.0, "topics": 0.0}
PLAIN = {"dialect": False, "intent_features": NO_BLOCKS, "category_features": NO_BLOCKS}


def plain_config(config_file: Path, out: Path) -> Path:
    """config.yml with the classifier's extra features off."""
    config = read_yaml_file(str(config_file))
    for item in config["pipeline"]:
        if item.get("name") == LINEAR:
            item.update(PLAIN)
    write_yaml(config, out)
    return out


def train(workdir: Path, examples: list[Any], config: Path) -> str:
    from rasa.model_training import train_nlu

    workdir.mkdir(parents=True)
    nlu_path, domain_path, config_path = ev.write_fold_inputs(workdir, examples, config)
    model = train_nlu(str(config_path), str(nlu_path), str(workdir / "models"), domain=str(domain_path))
    if not model:
        raise SystemExit(f"training failed in {workdir}")
    return model


def pipeline_answers(model: str, texts: list[str]) -> tuple[list[str], list[str]]:
    parsed, _ = asyncio.run(ev.parse_all(model, texts))
    return [ev.top_non_fallback_intent(p) for p in parsed], [ev.predicted_category(p) or "none" for p in parsed]


def baseline_answers(train_set: list[tuple[str, str, str | None]], texts: list[str]) -> tuple[list[str], list[str]]:
    norm = [normalize_text(t) for t, _, _ in train_set]
    intents = ev.baseline().fit(norm, [i for _, i, _ in train_set])
    labelled = [(n, c) for n, (_, _, c) in zip(norm, train_set, strict=True) if c]
    cats = ev.baseline().fit([n for n, _ in labelled], [c for _, c in labelled])
    test = [normalize_text(t) for t in texts]
    return list(intents.predict(test)), list(cats.predict(test))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", default=str(REPO / "bench" / "dev_d" / "messages.tsv"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--config", default=str(REPO / "config.yml"))
    args = parser.parse_args()
    if "heldout" in Path(args.dev).resolve().parent.name:
        raise SystemExit("the held-out sets are scored by bench/heldout_eval.py, not tuned on")
    started = time.perf_counter()
    ev.quiet_logs()

    examples = ev.load_examples()
    labelled = [(e.get("text"), e.get("intent"), ev.category_of(e.get("intent_response_key"))) for e in examples]
    dev = [(r["text"], r["intent"], r["category"] or None) for r in load_rows(Path(args.dev))]
    folds = list(StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=ev.SEED)
                 .split(labelled, [i for _, i, _ in labelled]))
    # answers[model][set] = (intents, categories) in the order of the set's rows
    answers: dict[str, dict[str, tuple[list[str], list[str]]]] = {}

    with tempfile.TemporaryDirectory(prefix="nlu_feat_") as tmp:
        os.environ["RASA_CACHE_DIRECTORY"] = str(Path(tmp) / "cache")
        cwd = os.getcwd()
        os.chdir(tmp)
        try:
            configs = {"before": plain_config(Path(args.config), Path(tmp) / "before.yml"),
                       "after": Path(args.config).resolve()}
            cv_order = [i for _, test in folds for i in test]
            for name, config in configs.items():
                cv_i, cv_c = [], []
                for k, (train_idx, test_idx) in enumerate(folds):
                    model = train(Path(tmp) / f"{name}-fold{k}", [examples[i] for i in train_idx], config)
                    got_i, got_c = pipeline_answers(model, [labelled[i][0] for i in test_idx])
                    cv_i += got_i
                    cv_c += got_c
                model = train(Path(tmp) / f"{name}-all", examples, config)
                answers[name] = {"cv": (cv_i, cv_c), "dev": pipeline_answers(model, [t for t, _, _ in dev])}
                print(f"{name} done", flush=True)
        finally:
            os.chdir(cwd)

    base_i: list[str] = []
    base_c: list[str] = []
    for train_idx, test_idx in folds:
        got_i, got_c = baseline_answers([labelled[i] for i in train_idx], [labelled[i][0] for i in test_idx])
        base_i += got_i
        base_c += got_c
    answers["baseline"] = {"cv": (base_i, base_c), "dev": baseline_answers(labelled, [t for t, _, _ in dev])}

    gold = {"cv": [labelled[i] for i in cv_order], "dev": dev}
    dev_path = Path(args.dev).resolve()
    dev_name = dev_path.relative_to(REPO) if dev_path.is_relative_to(REPO) else dev_path
    lines = [
        f"Run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} by `bench/nlu_features_compare.py`, "
        f"{time.perf_counter() - started:.0f} s; {len(examples)} training examples, {args.folds}-fold CV "
        f"(seed {ev.SEED}); dev set `{dev_name}` "
        f"({len(dev)} messages, {sum(1 for _, _, c in dev if c)} with a category).",
        "",
        "| set | metric | before | after | baseline | after − baseline |",
        "|---|---|---|---|---|---|",
    ]
    for set_name in ("cv", "dev"):
        rows = gold[set_name]
        with_cat = [n for n, (_, _, c) in enumerate(rows) if c]
        figures = {}
        for name, per_set in answers.items():
            pred_i, pred_c = per_set[set_name]
            figures[name] = scores([i for _, i, _ in rows], pred_i, [rows[n][2] for n in with_cat],
                                   [pred_c[n] for n in with_cat])
        for metric, label in (("acc", "intent accuracy"), ("f1", "intent macro-F1"),
                              ("cat_f1", "category macro-F1"), ("cat_acc", "category accuracy")):
            f = {name: figures[name][metric] for name in figures}
            lines.append(f"| {set_name} | {label} | {f['before']:.3f} | {f['after']:.3f} | {f['baseline']:.3f} "
                         f"| {100 * (f['after'] - f['baseline']):+.1f} |")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

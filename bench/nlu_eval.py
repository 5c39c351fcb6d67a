"""5-fold cross-validation of the gridbot NLU pipeline against a TF-IDF baseline.

Run in the engine venv (Rasa 3.6) from the repository root:

    nice python bench/nlu_eval.py [--folds 5] [--out docs/nlu-eval.md]

For every fold (StratifiedKFold by intent, fixed seed) it trains the NLU pipeline of
config.yml on the other folds with ``rasa.model_training.train_nlu`` and parses the
held-out texts with ``rasa.core.agent.Agent``; on the same folds it fits a baseline
(character 1-3-gram TF-IDF + LogisticRegression) for intents and, separately, for
report/emergency categories. It reports intent accuracy and macro-F1, category
macro-F1 (the response selector's ``intent_response_key`` suffix), the worst
confusions, parse latency and training wall time, and writes a Markdown report.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import copy
import glob
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from rasa.shared.nlu.training_data.loading import load_data  # noqa: E402
from rasa.shared.nlu.training_data.training_data import TrainingData  # noqa: E402
from rasa.shared.utils.io import read_yaml_file, write_yaml  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import accuracy_score, f1_score  # noqa: E402
from sklearn.model_selection import StratifiedKFold  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402

from engine_ext.normalize import normalize_text  # noqa: E402

SEED = 2026
FALLBACK = "nlu_fallback"


def load_examples() -> list[Any]:
    """All intent examples of nlu/*.yml (the jieba dictionaries are not training data)."""
    files = sorted(glob.glob(str(REPO / "nlu" / "*.yml")))
    data = TrainingData().merge(*[load_data(f) for f in files])
    return list(data.intent_examples)


def category_of(key: str | None) -> str | None:
    return key.split("/", 1)[1] if key and "/" in key else None


def write_fold_inputs(
    workdir: Path, train: list[Any], config_file: Path
) -> tuple[Path, Path, Path]:
    """Writes the fold's training data, a scratch domain and an NLU-only config."""
    data = TrainingData(training_examples=copy.deepcopy(train))
    # Keep the lookup tables, regexes and synonyms of the real data.
    extras = TrainingData().merge(*[load_data(f) for f in sorted(glob.glob(str(REPO / "nlu" / "*.yml")))])
    data = data.merge(
        TrainingData(
            lookup_tables=extras.lookup_tables,
            regex_features=extras.regex_features,
            entity_synonyms=extras.entity_synonyms,
        )
    )
    nlu_path = workdir / "nlu.yml"
    nlu_path.write_text(data.nlu_as_yaml(), encoding="utf-8")

    intents = sorted({ex.get("intent") for ex in train})
    keys = sorted({ex.get("intent_response_key") for ex in train if ex.get("intent_response_key")})
    domain = {
        "version": "3.1",
        "intents": intents,
        "entities": ["ticket_id", "place", "option"],
        "responses": {f"utter_{k}": [{"text": k}] for k in keys},
    }
    domain_path = workdir / "domain.yml"
    write_yaml(domain, domain_path)

    config = read_yaml_file(str(config_file))
    config.pop("policies", None)
    for item in config["pipeline"]:
        if item.get("dictionary_path"):
            item["dictionary_path"] = str((REPO / item["dictionary_path"]).resolve())
    config["policies"] = []
    config_path = workdir / "config.yml"
    write_yaml(config, config_path)
    return nlu_path, domain_path, config_path


async def parse_all(model_path: str, texts: list[str], metadata: list[dict[str, Any] | None] | None = None,
                    ) -> tuple[list[dict[str, Any]], list[float]]:
    """Every text parsed by the model; with `metadata`, each text with its own (the sender's role, …), as
    the REST channel hands a turn's metadata to the pipeline."""
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import UserMessage

    agent = Agent.load(model_path)
    await agent.parse_message("你好")  # warm-up, not timed
    results, latencies = [], []
    for n, text in enumerate(texts):
        start = time.perf_counter()
        if metadata is None:
            result = await agent.parse_message(text)
        else:
            result = await agent.processor.parse_message(UserMessage(text, metadata=metadata[n]))
        latencies.append(time.perf_counter() - start)
        results.append(result)
    return results, latencies


def predicted_category(result: dict[str, Any]) -> str | None:
    selector = result.get("response_selector", {}).get("default", {})
    return category_of(selector.get("response", {}).get("intent_response_key"))


def top_non_fallback_intent(result: dict[str, Any]) -> str:
    for item in result.get("intent_ranking", []):
        if item["name"] != FALLBACK:
            return item["name"]
    return result["intent"]["name"]


def confusions(gold: list[str], pred: list[str], top: int = 10) -> list[tuple[str, str, int]]:
    counter = collections.Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p)
    return [(g, p, n) for (g, p), n in counter.most_common(top)]


def quiet_logs() -> None:
    """Warnings only: Rasa's structlog would print a debug line for every parse (and be timed doing it)."""
    import warnings

    from rasa.utils.log_utils import configure_structlog

    logging.basicConfig(level=logging.WARNING)
    for name in ("rasa", "tensorflow", "absl", "jieba"):
        logging.getLogger(name).setLevel(logging.ERROR)
    warnings.filterwarnings("ignore")
    configure_structlog(logging.WARNING)


def baseline() -> Any:
    return make_pipeline(
        TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True),
        LogisticRegression(max_iter=2000, C=10.0, random_state=SEED),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--config", default=str(REPO / "config.yml"), help="pipeline to evaluate")
    parser.add_argument("--max-folds", type=int, default=None, help="stop after this many folds (quick checks)")
    parser.add_argument("--out", default=str(REPO / "docs" / "nlu-eval.md"))
    args = parser.parse_args()

    quiet_logs()
    from rasa.model_training import train_nlu

    examples = load_examples()
    texts = [ex.get("text") for ex in examples]
    intents = [ex.get("intent") for ex in examples]
    cats = [category_of(ex.get("intent_response_key")) for ex in examples]
    normalized = [normalize_text(t) for t in texts]

    folds = StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=SEED)
    gold_i, rasa_i, rasa_i_nf, base_i = [], [], [], []
    gold_c, rasa_c, base_c = [], [], []
    latencies: list[float] = []
    train_times: list[float] = []

    with tempfile.TemporaryDirectory(prefix="nlu_eval_") as tmp:
        os.environ["RASA_CACHE_DIRECTORY"] = str(Path(tmp) / "cache")
        cwd = os.getcwd()
        os.chdir(tmp)  # Rasa writes nothing into the repository
        try:
            for fold, (train_idx, test_idx) in enumerate(folds.split(texts, intents), start=1):
                workdir = Path(tmp) / f"fold{fold}"
                workdir.mkdir()
                train = [examples[i] for i in train_idx]
                nlu_path, domain_path, config_path = write_fold_inputs(
                    workdir, train, Path(args.config).resolve()
                )

                started = time.perf_counter()
                model = train_nlu(str(config_path), str(nlu_path), str(workdir / "models"), domain=str(domain_path))
                train_times.append(time.perf_counter() - started)
                if not model:
                    raise SystemExit(f"fold {fold}: training failed")

                test_texts = [texts[i] for i in test_idx]
                results, fold_latencies = asyncio.run(parse_all(model, test_texts))
                latencies.extend(fold_latencies)

                # Baseline on exactly the same split (normalised text, like the pipeline sees).
                intent_model = baseline().fit([normalized[i] for i in train_idx], [intents[i] for i in train_idx])
                base_pred = intent_model.predict([normalized[i] for i in test_idx])
                cat_train = [i for i in train_idx if cats[i]]
                cat_model = baseline().fit([normalized[i] for i in cat_train], [cats[i] for i in cat_train])

                for i, result, b_pred in zip(test_idx, results, base_pred, strict=True):
                    gold_i.append(intents[i])
                    rasa_i.append(result["intent"]["name"])
                    rasa_i_nf.append(top_non_fallback_intent(result))
                    base_i.append(b_pred)
                    if cats[i]:
                        gold_c.append(cats[i])
                        rasa_c.append(predicted_category(result) or "none")
                        base_c.append(cat_model.predict([normalized[i]])[0])
                print(
                    f"fold {fold}: trained in {train_times[-1]:.0f}s, "
                    f"intent acc so far {accuracy_score(gold_i, rasa_i):.3f}",
                    flush=True,
                )
                if args.max_folds and fold >= args.max_folds:
                    break
        finally:
            os.chdir(cwd)

    labels_i = sorted(set(gold_i))
    labels_c = sorted(set(gold_c))
    row = {
        "rasa": {
            "acc": accuracy_score(gold_i, rasa_i),
            "f1": f1_score(gold_i, rasa_i_nf, labels=labels_i, average="macro", zero_division=0),
            "acc_nf": accuracy_score(gold_i, rasa_i_nf),
            "cat_f1": f1_score(gold_c, rasa_c, labels=labels_c, average="macro", zero_division=0),
            "cat_acc": accuracy_score(gold_c, rasa_c),
        },
        "base": {
            "acc": accuracy_score(gold_i, base_i),
            "f1": f1_score(gold_i, base_i, labels=labels_i, average="macro", zero_division=0),
            "acc_nf": accuracy_score(gold_i, base_i),
            "cat_f1": f1_score(gold_c, base_c, labels=labels_c, average="macro", zero_division=0),
            "cat_acc": accuracy_score(gold_c, base_c),
        },
    }
    fallback_rate = sum(p == FALLBACK for p in rasa_i) / len(rasa_i)
    per_intent_f1 = f1_score(gold_i, rasa_i_nf, labels=labels_i, average=None, zero_division=0)
    per_cat_f1 = f1_score(gold_c, rasa_c, labels=labels_c, average=None, zero_division=0)
    base_per_intent_f1 = f1_score(gold_i, base_i, labels=labels_i, average=None, zero_division=0)
    base_per_cat_f1 = f1_score(gold_c, base_c, labels=labels_c, average=None, zero_division=0)
    lat_ms = sorted(x * 1000 for x in latencies)

    lines = [
        "# NLU evaluation",
        "",
        f"Run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} by `bench/nlu_eval.py` "
        f"({args.folds}-fold stratified cross-validation by intent, seed {SEED}).",
        "",
        f"Data: {len(examples)} examples in `nlu/*.yml`, {len(labels_i)} intents; {len(gold_c)} "
        f"report/emergency examples in {len(labels_c)} categories. Pipeline: `{Path(args.config).name}`. "
        "Baseline: scikit-learn TF-IDF over "
        "character 1-3-grams + LogisticRegression on the same folds and the same normalised text "
        "(`engine_ext.normalize.normalize_text`), one model for intents and one for categories.",
        "",
        "| metric | Rasa pipeline | TF-IDF + LogReg baseline |",
        "|---|---|---|",
        f"| intent accuracy (best contract intent, as `bin/bot classify` prints it) | "
        f"{row['rasa']['acc_nf']:.3f} | {row['base']['acc_nf']:.3f} |",
        f"| intent macro-F1 (same) | {row['rasa']['f1']:.3f} | {row['base']['f1']:.3f} |",
        f"| intent accuracy counting nlu_fallback as wrong (what the conversation acts on) | "
        f"{row['rasa']['acc']:.3f} | {row['base']['acc']:.3f} |",
        f"| category macro-F1 (report_issue/emergency examples) | {row['rasa']['cat_f1']:.3f} "
        f"| {row['base']['cat_f1']:.3f} |",
        f"| category accuracy | {row['rasa']['cat_acc']:.3f} | {row['base']['cat_acc']:.3f} |",
        f"| nlu_fallback rate | {fallback_rate:.3f} | n/a |",
        f"| training wall time per fold (mean / total) | {statistics.mean(train_times):.0f} s / "
        f"{sum(train_times):.0f} s | < 1 s |",
        f"| parse latency, median / p95 over {len(lat_ms)} parses | {statistics.median(lat_ms):.1f} ms / "
        f"{lat_ms[int(0.95 * (len(lat_ms) - 1))]:.1f} ms | n/a |",
        "",
        "Parse latency is `Agent.parse_message` in-process (no HTTP), after one warm-up parse; "
        "training time includes graph building and Rasa's start-up. Measured with `nice` on a "
        "shared 2-core machine.",
        "",
        "## Worst intent confusions (Rasa pipeline, nlu_fallback included)",
        "",
        "| gold | predicted | count |",
        "|---|---|---|",
        *[f"| {g} | {p} | {n} |" for g, p, n in confusions(gold_i, rasa_i)],
        "",
        "## Worst category confusions (Rasa pipeline)",
        "",
        "| gold | predicted | count |",
        "|---|---|---|",
        *[f"| {g} | {p} | {n} |" for g, p, n in confusions(gold_c, rasa_c)],
        "",
        "## Worst intent confusions (baseline)",
        "",
        "| gold | predicted | count |",
        "|---|---|---|",
        *[f"| {g} | {p} | {n} |" for g, p, n in confusions(gold_i, base_i)],
        "",
        "## Per-label F1",
        "",
        "| intent | Rasa | baseline |",
        "|---|---|---|",
        *[
            f"| {label} | {r:.3f} | {b:.3f} |"
            for label, r, b in zip(labels_i, per_intent_f1, base_per_intent_f1, strict=True)
        ],
        "",
        "| category | Rasa | baseline |",
        "|---|---|---|",
        *[
            f"| {label} | {r:.3f} | {b:.3f} |"
            for label, r, b in zip(labels_c, per_cat_f1, base_per_cat_f1, strict=True)
        ],
        "",
        "Caveat: cross-validation over hand-written training data measures consistency of the "
        "data more than real-world accuracy; use a held-out set of real messages for that.",
        "",
    ]
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines[:20]))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()

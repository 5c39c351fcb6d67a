"""A scikit-learn replica of LinearClassifier's two heads, for screening settings in seconds (no Rasa training).

Run in the engine venv from the repository root:

    nice bin/venv engine python bench/nlu_linear_screen.py [--dev bench/dev_d/messages.tsv]

Each variant below is the intent head and the category head of ``engine_ext/linear.py`` (the same
``TextFeatures`` blocks, LogisticRegression liblinear, balanced class weights) with one setting changed. They
are scored on the 5-fold split of ``bench/nlu_eval.py`` (StratifiedKFold by intent, seed 2026) and, trained on
all of nlu/, on the dev set (a tuning set, docs/nlu-eval.md). The held-out sets are never read here.
Intent accuracy is the top intent (no fallback, no role); category macro-F1 is over the examples with a
category, as the pipeline's category head sees them. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import accuracy_score, f1_score  # noqa: E402
from sklearn.model_selection import StratifiedKFold  # noqa: E402
from sklearn.svm import LinearSVC  # noqa: E402

import bench.nlu_eval as ev  # noqa: E402
from bench.heldout_data import load_rows  # noqa: E402
from engine_ext.features import TextFeatures  # noqa: E402
from engine_ext.lexicon import load_dialect, load_lexicon  # noqa: E402
from engine_ext.normalize import normalize_text  # noqa: E402


@dataclass(frozen=True)
class Head:
    """One head's settings, as LinearClassifier's config gives them."""

    ngrams: tuple[int, int] = (1, 2)
    c: float = 100.0
    weights: dict[str, float] = field(default_factory=dict)
    class_weight: str | None = "balanced"
    # "svm": a linear SVM (squared hinge) in place of the logistic regression, for comparison only.
    model: str = "logreg"

    def fit(self, texts: list[str], labels: list[str]) -> tuple[TextFeatures, Any]:
        features = TextFeatures(*self.ngrams, weights=self.weights, dialect=load_dialect(), lexicon=load_lexicon())
        if self.model == "svm":
            model: Any = LinearSVC(C=self.c, class_weight=self.class_weight, random_state=ev.SEED)
        else:
            model = LogisticRegression(max_iter=1000, C=self.c, class_weight=self.class_weight, solver="liblinear",
                                       random_state=ev.SEED)
        return features, model.fit(features.fit_transform(texts), labels)


MAIN = Head()
VARIANTS: dict[str, tuple[Head, Head]] = {
    "main (char 1-2, C 100)": (MAIN, MAIN),
    "category: char 1-3": (MAIN, Head(ngrams=(1, 3))),
    "category: C 10": (MAIN, Head(c=10.0)),
    "category: C 30": (MAIN, Head(c=30.0)),
    "category: C 300": (MAIN, Head(c=300.0)),
    "category: C 1000": (MAIN, Head(c=1000.0)),
    "category: C 3000": (MAIN, Head(c=3000.0)),
    "category: C 10000": (MAIN, Head(c=10000.0)),
    "category: linear SVM C 1": (MAIN, Head(c=1.0, model="svm")),
    "category: linear SVM C 3": (MAIN, Head(c=3.0, model="svm")),
    "category: + standard 0.5": (MAIN, Head(weights={"standard": 0.5})),
    "category: C 1000 + standard 0.5": (MAIN, Head(c=1000.0, weights={"standard": 0.5})),
    "category: no class weights": (MAIN, Head(class_weight=None)),
    "intent: char 1-3": (Head(ngrams=(1, 3)), MAIN),
    "intent: C 300": (Head(c=300.0), MAIN),
}


def predict(head: Head, train: list[tuple[str, str]], test: list[str]) -> list[str]:
    features, model = head.fit([t for t, _ in train], [y for _, y in train])
    return list(model.predict(features.transform(test)))


def score(intent_head: Head, category_head: Head, train: list[tuple[str, str, str | None]],
          test: list[tuple[str, str, str | None]]) -> tuple[list[str], list[str]]:
    intents = predict(intent_head, [(t, i) for t, i, _ in train], [t for t, _, _ in test])
    cats = predict(category_head, [(t, c) for t, _, c in train if c], [t for t, _, c in test if c])
    return intents, cats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", default=str(REPO / "bench" / "dev_d" / "messages.tsv"))
    parser.add_argument("--only", nargs="*", help="variant names (substrings) to run")
    args = parser.parse_args()
    ev.quiet_logs()
    examples = ev.load_examples()
    data = [(normalize_text(e.get("text")), e.get("intent"), ev.category_of(e.get("intent_response_key")))
            for e in examples]
    dev = [(normalize_text(r["text"]), r["intent"], r["category"] or None) for r in load_rows(Path(args.dev))]
    folds = list(StratifiedKFold(n_splits=5, shuffle=True, random_state=ev.SEED).split(
        np.zeros(len(data)), [i for _, i, _ in data]))
    print(f"{len(data)} training examples, {sum(1 for d in data if d[2])} with a category; dev {len(dev)} "
          f"({sum(1 for d in dev if d[2])} with a category)\n")
    print("| variant | CV intent acc | CV category macro-F1 | dev intent acc | dev category macro-F1 | s |")
    print("|---|---|---|---|---|---|")
    for name, (intent_head, category_head) in VARIANTS.items():
        if args.only and not any(o in name for o in args.only):
            continue
        start = time.time()
        gold_i: list[str] = []
        gold_c: list[str] = []
        pred_i: list[str] = []
        pred_c: list[str] = []
        for train_idx, test_idx in folds:
            test = [data[k] for k in test_idx]
            intents, cats = score(intent_head, category_head, [data[k] for k in train_idx], test)
            gold_i += [i for _, i, _ in test]
            gold_c += [c for _, _, c in test if c]
            pred_i += intents
            pred_c += cats
        dev_i, dev_c = score(intent_head, category_head, data, dev)
        row: list[Any] = [
            accuracy_score(gold_i, pred_i), f1_score(gold_c, pred_c, average="macro"),
            accuracy_score([i for _, i, _ in dev], dev_i),
            f1_score([c for _, _, c in dev if c], dev_c, average="macro"),
        ]
        print(f"| {name} | " + " | ".join(f"{x:.3f}" for x in row) + f" | {time.time() - start:.0f} |", flush=True)


if __name__ == "__main__":
    main()

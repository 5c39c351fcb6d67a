"""Before/after cross-validation of an NLU data addition, side by side in one run.

Run in the engine venv (Rasa 3.6) from the repository root:

    nice python bench/nlu_data_compare.py [--new nlu/varied_more.yml] [--folds 5]

The examples of ``--new`` files ("new") and of every other ``nlu/*.yml`` ("old") are each split
into the same number of stratified folds (by intent, the seed of ``bench/nlu_eval.py``). For each
fold the pipeline of config.yml is trained twice: *before* on the old training folds only, *after*
on the old and the new training folds. Both models parse the same held-out old and new folds, so
the figures compare like with like: whether the addition costs anything on data like the old, and
how much it helps on messages of the new style (which *before* never saw in any fold). The TF-IDF
baseline of ``bench/nlu_eval.py`` is fitted on the same splits. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import glob
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rasa.shared.nlu.training_data.loading import load_data
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold

import bench.nlu_eval as ev
from engine_ext.normalize import normalize_text


def load(files: list[str]) -> list:
    out = []
    for f in files:
        out += list(load_data(f).intent_examples)
    return out


def scores(gold_i, pred_i, pred_i_fb, gold_c, pred_c) -> dict[str, float]:
    labels_c = sorted(set(gold_c))
    return {
        "acc": accuracy_score(gold_i, pred_i),
        "acc_fb": accuracy_score(gold_i, pred_i_fb),
        "f1": f1_score(gold_i, pred_i, labels=sorted(set(gold_i)), average="macro", zero_division=0),
        "cat_f1": f1_score(gold_c, pred_c, labels=labels_c, average="macro", zero_division=0),
        "n": len(gold_i),
        "n_c": len(gold_c),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--new", nargs="+", default=["nlu/varied_more.yml"])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--config", default=str(ev.REPO / "config.yml"))
    args = parser.parse_args()

    ev.quiet_logs()
    from rasa.model_training import train_nlu

    new_files = {str((ev.REPO / f).resolve()) for f in args.new}
    old_files = [f for f in sorted(glob.glob(str(ev.REPO / "nlu" / "*.yml"))) if f not in new_files]
    old, new = load(old_files), load(sorted(new_files))
    sets = {"old": old, "new": new}
    splits = {
        name: list(
            StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=ev.SEED).split(
                exs, [e.get("intent") for e in exs]
            )
        )
        for name, exs in sets.items()
    }
    # results[model][test set] = lists of gold/pred
    results = {
        m: {s: {"gi": [], "pi": [], "pf": [], "gc": [], "pc": []} for s in sets}
        for m in ("before", "after", "base before", "base after")
    }

    with tempfile.TemporaryDirectory(prefix="nlu_cmp_") as tmp:
        os.environ["RASA_CACHE_DIRECTORY"] = str(Path(tmp) / "cache")
        cwd = os.getcwd()
        os.chdir(tmp)
        try:
            for k in range(args.folds):
                train_old = [old[i] for i in splits["old"][k][0]]
                train_new = [new[i] for i in splits["new"][k][0]]
                tests = {s: [sets[s][i] for i in splits[s][k][1]] for s in sets}
                for model_name, train in (("before", train_old), ("after", train_old + train_new)):
                    workdir = Path(tmp) / f"fold{k}-{model_name}"
                    workdir.mkdir()
                    nlu_path, domain_path, config_path = ev.write_fold_inputs(
                        workdir, train, Path(args.config).resolve()
                    )
                    model = train_nlu(
                        str(config_path), str(nlu_path), str(workdir / "models"), domain=str(domain_path)
                    )
                    if not model:
                        raise SystemExit(f"fold {k}: training failed")
                    norm = [normalize_text(e.get("text")) for e in train]
                    intent_base = ev.baseline().fit(norm, [e.get("intent") for e in train])
                    labelled = zip(norm, [ev.category_of(e.get("intent_response_key")) for e in train], strict=True)
                    cat_train = [(t, c) for t, c in labelled if c]
                    cat_base = ev.baseline().fit([t for t, _ in cat_train], [c for _, c in cat_train])
                    for s, exs in tests.items():
                        texts = [e.get("text") for e in exs]
                        parsed, _ = asyncio.run(ev.parse_all(model, texts))
                        b_i = intent_base.predict([normalize_text(t) for t in texts])
                        r, rb = results[model_name][s], results[f"base {model_name}"][s]
                        for e, p, bi in zip(exs, parsed, b_i, strict=True):
                            gold_c = ev.category_of(e.get("intent_response_key"))
                            for res in (r, rb):
                                res["gi"].append(e.get("intent"))
                            r["pi"].append(ev.top_non_fallback_intent(p))
                            r["pf"].append(p["intent"]["name"])
                            rb["pi"].append(bi)
                            rb["pf"].append(bi)
                            if gold_c:
                                r["gc"].append(gold_c)
                                r["pc"].append(ev.predicted_category(p) or "none")
                                rb["gc"].append(gold_c)
                                rb["pc"].append(cat_base.predict([normalize_text(e.get("text"))])[0])
                print(f"fold {k + 1} done", flush=True)
        finally:
            os.chdir(cwd)

    lines = [
        f"Old data: {len(old)} examples ({len(old_files)} files); new data: {len(new)} examples "
        f"({', '.join(args.new)}); {args.folds} folds each; pipeline `{Path(args.config).name}`.",
        "",
        "| test folds | metric | Rasa before | Rasa after | baseline before | baseline after |",
        "|---|---|---|---|---|---|",
    ]
    for s in (*sets, "all"):
        sc = {}
        for m, per_set in results.items():
            keys = list(sets) if s == "all" else [s]
            merged = {f: [v for x in keys for v in per_set[x][f]] for f in ("gi", "pi", "pf", "gc", "pc")}
            sc[m] = scores(merged["gi"], merged["pi"], merged["pf"], merged["gc"], merged["pc"])
        n = sc["before"]["n"]
        for metric, label in (
            ("acc", "intent accuracy"),
            ("acc_fb", "intent accuracy, nlu_fallback wrong"),
            ("f1", "intent macro-F1"),
            ("cat_f1", "category macro-F1"),
        ):
            lines.append(
                f"| {s} ({n}) | {label} | {sc['before'][metric]:.3f} | {sc['after'][metric]:.3f} "
                f"| {sc['base before'][metric]:.3f} | {sc['base after'][metric]:.3f} |"
            )
    print("\n".join(lines))


if __name__ == "__main__":
    main()

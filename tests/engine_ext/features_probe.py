"""Run inside the engine environment by test_features.py: fits TextFeatures (engine_ext/features.py) on a
few messages, stores and restores it as LinearClassifier does, and prints what it made of others as JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from engine_ext.features import TextFeatures
from engine_ext.lexicon import load_dialect, load_lexicon

TRAIN = ["家里没有水了", "路灯坏了", "垃圾没人收", "你好", "T1023 已处理"]
PROBES = ["屋头莫得水了", "家里没有水了", "窨井盖丢了", "你好", "T1023 已处理"]


def rows(features: TextFeatures, texts: list[str]) -> list[list[float]]:
    return [[round(float(x), 6) for x in row] for row in features.transform(texts).toarray()]


def main() -> None:
    out = {}
    for name, weights in {"plain": {}, "standard": {"chars": 0, "standard": 1},
                          "topics": {"topics": 0.5}, "all": {"standard": 0.5, "cues": 0.2, "shape": 0.2,
                                                              "topics": 0.2}}.items():
        features = TextFeatures(1, 2, weights=weights, dialect=load_dialect(), lexicon=load_lexicon())
        features.fit_transform(TRAIN)
        state = json.loads(json.dumps(features.state(), ensure_ascii=False))
        restored = TextFeatures.from_state(state)
        out[name] = {"vectors": dict(zip(PROBES, rows(features, PROBES), strict=True)),
                     "restored": dict(zip(PROBES, rows(restored, PROBES), strict=True)),
                     "blocks": sorted(state["blocks"])}
    try:
        TextFeatures(weights={"colour": 1.0})
        out["unknown_block"] = "accepted"
    except ValueError as error:
        out["unknown_block"] = str(error)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()

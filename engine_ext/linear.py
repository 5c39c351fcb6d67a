"""Intents and report categories from linear models over character n-grams (no DIET, no TensorFlow model).

On both held-out sets a TF-IDF character n-gram logistic regression was about as good as DIET
blended with it (docs/nlu-heldout.md), while DIET and the ResponseSelector took ~6 of a training's
minutes and most of the engine's memory. ``LinearClassifier`` fits two logistic regressions on the
normalised text (ChineseNormalizer runs first): one for the intent, one for the category of the
report_issue/emergency examples. What each model sees is built by ``engine_ext.features.TextFeatures``:
the n-grams of the text with dialect words rewritten to the standard word, and optionally the
domain lexicon's cues and the message's shape. It writes what DIETClassifier and ResponseSelector wrote:

- ``intent`` and ``intent_ranking`` (every intent, best first), which BareNumberIntent and
  FallbackClassifier read after it;
- ``response_selector``: ``{"all_retrieval_intents": [...], "default": {"response": {...},
  "ranking": [...]}}`` with keys ``<intent>/<category>`` (``report_issue/roads``), the shape
  ``bot/engine/parse.py`` reads the category from.

Entities are not its business: CRFEntityExtractor and RegexEntityExtractor extract them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    INTENT_RESPONSE_KEY,
    METADATA,
    PREDICTED_CONFIDENCE_KEY,
    RESPONSE_SELECTOR,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.linear_model import LogisticRegression

import engine_ext.features as features_module
import engine_ext.lexicon as lexicon_module
from engine_ext.features import TextFeatures
from engine_ext.lexicon import DIALECT_FILE, LEXICON_FILE, load_dialect, load_lexicon
from engine_ext.roles import STAFF_ONLY_INTENTS, allowed, role_of

MODEL_FILE = "linear_classifier.json"
SELECTOR_KEY = "default"
RETRIEVAL_INTENTS_KEY = "all_retrieval_intents"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LinearClassifier(GraphComponent):
    """Intent ranking and report category from two logistic regressions over character n-grams."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            # Character 1-2-grams scored better than 1-3 in 5-fold cross-validation (docs/nlu-eval.md).
            "min_ngram": 1,
            "max_ngram": 2,
            "C": 100.0,
            # liblinear fits one-vs-rest in ~2 s here; lbfgs's multinomial fit took 20-60 s on the
            # same data for the same cross-validated accuracy.
            "solver": "liblinear",
            # "balanced" weighs each label by the inverse of its share of the examples, so the
            # big report_issue class does not swallow the small ones it borders (ask_policy, urge).
            "class_weight": "balanced",
            "category_C": 100.0,
            # One-vs-rest scores summing to less than this: no intent model claims the message
            # (qwzx, 。。。 sum to 0.06-0.16), so the raw scores are given, not normalised to 1, and
            # FallbackClassifier answers it. 0.2 gave a 4.3 % fallback rate in 5-fold
            # cross-validation (normalised: 1.7 %, and gibberish read as a report at 0.76).
            "min_evidence": 0.2,
            "random_seed": 2026,
            # What each model sees besides the character n-grams of the text as written
            # (engine_ext/features.py): the weights of the extra blocks, 0 or missing for none.
            # "standard" is the n-grams of the text with the dialect table applied (咋个 → 怎么,
            # 屋头 → 家里), "topics" the category lexicon's hits, "cues" the intent cues', "shape" the
            # message's form. All off: cues and shape cost 1-2 points of intent accuracy on the tuning
            # set bench/dev_d/, and standard 0.5 + topics 0.1, better there, did worse on the blind
            # held-out sets (docs/nlu-eval.md, docs/nlu-heldout.md). Rasa merges a config's mapping into
            # this one key by key: set a block to 0 to turn it off.
            "dialect": True,
            "intent_features": {"standard": 0.0, "topics": 0.0},
            "category_features": {"standard": 0.0, "topics": 0.0},
            # Intents dropped from the ranking when the message's metadata says the sender is not staff
            # (engine_ext/roles.py); a message without a role keeps them all.
            "staff_only_intents": list(STAFF_ONLY_INTENTS),
        }

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        state: dict[str, Any] | None = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._features: TextFeatures | None = None
        self._category_features: TextFeatures | None = None
        self._intents: LogisticRegression | None = None
        self._categories: LogisticRegression | None = None
        self._prefixes: dict[str, str] = {}
        self._retrieval_intents: list[str] = []
        self._responses: dict[str, list[dict[str, Any]]] = {}
        if state:
            self._restore(state)

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LinearClassifier:
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> LinearClassifier:
        try:
            with model_storage.read_from(resource) as model_dir:
                state = json.loads((model_dir / MODEL_FILE).read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):
            state = None  # nothing was trained (no intent examples): a pass-through
        return cls(config, model_storage, resource, state)

    @staticmethod
    def required_packages() -> list[str]:
        return ["sklearn"]

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        """The tables and the feature code, which config.yml does not name: Rasa's training cache must not
        hand back a model fitted with an older dialect table or lexicon."""
        digest = hashlib.sha256()
        for path in (DIALECT_FILE, LEXICON_FILE, Path(features_module.__file__), Path(lexicon_module.__file__)):
            digest.update(path.read_bytes())
        return digest.hexdigest()

    # -- training ---------------------------------------------------------------------------

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(TEXT) and e.get(INTENT)]
        if not examples:
            return self._resource
        texts = [e.get(TEXT) for e in examples]
        self._features = self._new_features("intent_features")
        self._intents = self._fit(self._features.fit_transform(texts), [e.get(INTENT) for e in examples],
                                  float(self._config["C"]))
        keyed = [(i, e.get(INTENT_RESPONSE_KEY)) for i, e in enumerate(examples)
                 if "/" in (e.get(INTENT_RESPONSE_KEY) or "")]
        categories = [key.split("/", 1)[1] for _, key in keyed]
        if len(set(categories)) > 1:
            self._category_features = self._new_features("category_features")
            features = self._category_features.fit_transform([texts[i] for i, _ in keyed])
            self._categories = self._fit(features, categories, float(self._config["category_C"]))
        prefixes = [key.split("/", 1)[0] for _, key in keyed]
        self._retrieval_intents = sorted(set(prefixes))
        # A category's usual prefix, for a message whose intent is not a retrieval intent.
        for category in sorted(set(categories)):
            of_category = [p for p, c in zip(prefixes, categories, strict=True) if c == category]
            self._prefixes[category] = max(sorted(set(of_category)), key=of_category.count)
        self._responses = {key: value for key, value in (training_data.responses or {}).items() if "/" in key}
        with self._model_storage.write_to(self._resource) as model_dir:
            (model_dir / MODEL_FILE).write_text(json.dumps(self._state(), ensure_ascii=False), encoding="utf-8")
        return self._resource

    def _fit(self, features: Any, labels: list[str], c: float) -> LogisticRegression | None:
        if len(set(labels)) < 2:
            return None
        model = LogisticRegression(max_iter=1000, C=c, class_weight=self._config["class_weight"],
                                   solver=str(self._config["solver"]), random_state=int(self._config["random_seed"]))
        return model.fit(features, labels)

    def _new_features(self, key: str) -> TextFeatures:
        weights = {block: float(w) for block, w in (self._config.get(key) or {}).items()}
        return TextFeatures(int(self._config["min_ngram"]), int(self._config["max_ngram"]), weights=weights,
                            dialect=load_dialect() if self._config["dialect"] else None,
                            lexicon=load_lexicon())

    def _state(self) -> dict[str, Any]:
        assert self._features is not None
        return {
            "features": self._features.state(),
            "category_features": self._category_features.state() if self._category_features else None,
            "intents": _dump(self._intents),
            "categories": _dump(self._categories),
            "prefixes": self._prefixes,
            "retrieval_intents": self._retrieval_intents,
            "responses": self._responses,
        }

    def _restore(self, state: dict[str, Any]) -> None:
        if "features" not in state:  # a model trained before the feature blocks: n-grams for both
            ngrams = [int(self._config["min_ngram"]), int(self._config["max_ngram"])]
            chars = {"vocabulary": state["vocabulary"], "idf": state["idf"]}
            state = {**state, "features": {"ngrams": ngrams, "weights": {}, "dialect": {}, "lexicon": {},
                                           "blocks": {"chars": chars}}}
            state["category_features"] = state["features"]
        self._features = TextFeatures.from_state(state["features"])
        stored = state.get("category_features")
        self._category_features = TextFeatures.from_state(stored) if stored else None
        self._intents = _load(state["intents"])
        self._categories = _load(state["categories"])
        self._prefixes = state.get("prefixes") or {}
        self._retrieval_intents = state.get("retrieval_intents") or []
        self._responses = state.get("responses") or {}

    # -- inference --------------------------------------------------------------------------

    def process(self, messages: list[Message]) -> list[Message]:
        if self._features is None:
            return messages
        for message in messages:
            text = message.get(TEXT)
            if not text or text.startswith("/"):
                continue  # "/intent" triggers keep what the RegexMessageHandler set
            if self._intents is not None:
                scores = self._intent_scores(self._features.transform([text]), role_of(message.get(METADATA)))
                ranking = ranked(scores, INTENT_NAME_KEY)
                message.set(INTENT, ranking[0], add_to_output=True)
                message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
            if self._categories is not None and self._category_features is not None:
                features = self._category_features.transform([text])
                self._select_category(message, _probabilities(self._categories, features))
        return messages

    def _intent_scores(self, features: Any, role: str | None = None) -> dict[str, float]:
        """Every intent the sender's role allows (engine_ext/roles.py) with its score: normalised to 1, or the
        raw one-vs-rest scores when together they fall short of `min_evidence`."""
        assert self._intents is not None
        staff_only = self._config["staff_only_intents"]
        ovr = self._intents.multi_class == "ovr" or self._intents.solver == "liblinear"
        if ovr and len(self._intents.classes_) > 2:
            raw = 1.0 / (1.0 + np.exp(-self._intents.decision_function(features)[0]))
            scores = allowed({str(label): float(p) for label, p in zip(self._intents.classes_, raw, strict=True)},
                             role, staff_only)
            total = sum(scores.values())
            if total < float(self._config["min_evidence"]):
                return scores
            return {label: score / total for label, score in scores.items()}  # what predict_proba does for ovr
        scores = allowed(_probabilities(self._intents, features), role, staff_only)
        total = sum(scores.values())
        return {label: score / total for label, score in scores.items()} if total > 0 else scores

    def _select_category(self, message: Message, scores: dict[str, float]) -> None:
        intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
        fixed = intent if intent in self._retrieval_intents else None
        ranking = [{INTENT_RESPONSE_KEY: f"{fixed or self._prefixes.get(label, '')}/{label}",
                    PREDICTED_CONFIDENCE_KEY: score} for label, score in _ordered(scores)]
        best = ranking[0]
        key = best[INTENT_RESPONSE_KEY]
        selectors = dict(message.get(RESPONSE_SELECTOR) or {})
        selectors[RETRIEVAL_INTENTS_KEY] = list(self._retrieval_intents)
        selectors[SELECTOR_KEY] = {
            "response": {
                "responses": self._responses.get(f"utter_{key}") or [{TEXT: key}],
                PREDICTED_CONFIDENCE_KEY: best[PREDICTED_CONFIDENCE_KEY],
                INTENT_RESPONSE_KEY: key,
                "utter_action": f"utter_{key}",
            },
            "ranking": ranking,
        }
        message.set(RESPONSE_SELECTOR, selectors, add_to_output=True)


def ranked(scores: dict[str, float], name_key: str) -> list[dict[str, Any]]:
    """Labels with their scores, best first (ties by name), as Rasa's rankings are."""
    return [{name_key: label, PREDICTED_CONFIDENCE_KEY: score} for label, score in _ordered(scores)]


def _ordered(scores: dict[str, float]) -> list[tuple[str, float]]:
    return sorted(((label, float(score)) for label, score in scores.items()), key=lambda item: (-item[1], item[0]))


def _probabilities(model: LogisticRegression, features: Any) -> dict[str, float]:
    return {str(label): float(p) for label, p in zip(model.classes_, model.predict_proba(features)[0], strict=True)}


def _dump(model: LogisticRegression | None) -> dict[str, Any] | None:
    if model is None:
        return None
    return {"classes": [str(c) for c in model.classes_], "coef": model.coef_.tolist(),
            "intercept": model.intercept_.tolist(), "solver": model.solver, "multi_class": model.multi_class}


def _load(state: dict[str, Any] | None) -> LogisticRegression | None:
    if not state:
        return None
    # predict_proba normalises one-vs-rest scores for liblinear, a softmax otherwise: keep the kind.
    model = LogisticRegression(solver=state.get("solver", "lbfgs"), multi_class=state.get("multi_class", "auto"))
    model.classes_ = np.asarray(state["classes"])
    model.coef_ = np.asarray(state["coef"])
    model.intercept_ = np.asarray(state["intercept"])
    return model

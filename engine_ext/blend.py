"""A character n-gram linear model blended with DIET's intents and the ResponseSelector's categories.

DIET learns from a few hundred sentences per intent and is often confidently wrong on short,
typo-ridden SMS; a logistic regression over character n-grams of the normalised text is robust
to exactly that (路登/路灯 share a character) but misses what DIET's word features catch. The
5-fold evaluation (docs/nlu-eval.md) shows their errors differ, so ``LinearBlend`` trains the
linear model on the same training data and replaces the intent ranking with a weighted mean of
both probability distributions, and does the same for the category of a report (the suffix of
the ResponseSelector's ``report_issue/<category>`` keys).

Place it after DIETClassifier and ResponseSelector, before BareNumberIntent and
FallbackClassifier (which then judges the blended confidence). Give DIET and the selector
``ranking_length: 0`` so every label's probability reaches the blend.
"""

from __future__ import annotations

import json
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
    PREDICTED_CONFIDENCE_KEY,
    RESPONSE_SELECTOR,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

MODEL_FILE = "linear_blend.json"
SELECTOR_KEY = "default"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LinearBlend(GraphComponent):
    """Blends DIET's intent ranking and the selector's category ranking with a linear model's."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            # Share of the linear model in the blend (0 = DIET alone, 1 = linear alone).
            "intent_weight": 0.5,
            "category_weight": 0.5,
            "min_ngram": 1,
            "max_ngram": 3,
            "C": 10.0,
            # "balanced" weighs each label by the inverse of its share of the examples, so the
            # big report_issue class does not swallow the small ones it borders (ask_policy, urge).
            "class_weight": None,
            "random_seed": 2026,
            # Also output the unblended rankings (for bench/nlu_eval.py's weight sweep).
            "keep_inputs": False,
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
        self._vectorizer: TfidfVectorizer | None = None
        self._intents: LogisticRegression | None = None
        self._categories: LogisticRegression | None = None
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
    ) -> LinearBlend:
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> LinearBlend:
        try:
            with model_storage.read_from(resource) as model_dir:
                state = json.loads((model_dir / MODEL_FILE).read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):
            state = None  # nothing was trained (no intent examples): a pass-through
        return cls(config, model_storage, resource, state)

    @staticmethod
    def required_packages() -> list[str]:
        return ["sklearn"]

    # -- training ---------------------------------------------------------------------------

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(TEXT) and e.get(INTENT)]
        if not examples:
            return self._resource
        self._vectorizer = self._new_vectorizer()
        features = self._vectorizer.fit_transform([e.get(TEXT) for e in examples])
        self._intents = self._fit(features, [e.get(INTENT) for e in examples])
        categorised = [i for i, e in enumerate(examples) if "/" in (e.get(INTENT_RESPONSE_KEY) or "")]
        categories = [_category(examples[i].get(INTENT_RESPONSE_KEY)) for i in categorised]
        if len(set(categories)) > 1:
            self._categories = self._fit(features[categorised], categories)
        self._responses = {
            key: value for key, value in (training_data.responses or {}).items() if "/" in key
        }
        with self._model_storage.write_to(self._resource) as model_dir:
            (model_dir / MODEL_FILE).write_text(json.dumps(self._state(), ensure_ascii=False), encoding="utf-8")
        return self._resource

    def _fit(self, features: Any, labels: list[str]) -> LogisticRegression | None:
        if len(set(labels)) < 2:
            return None
        model = LogisticRegression(max_iter=3000, C=float(self._config["C"]),
                                   class_weight=self._config["class_weight"],
                                   random_state=int(self._config["random_seed"]))
        return model.fit(features, labels)

    def _state(self) -> dict[str, Any]:
        assert self._vectorizer is not None
        return {
            "vocabulary": {term: int(index) for term, index in self._vectorizer.vocabulary_.items()},
            "idf": self._vectorizer.idf_.tolist(),
            "intents": _dump(self._intents),
            "categories": _dump(self._categories),
            "responses": self._responses,
        }

    def _new_vectorizer(self, vocabulary: dict[str, int] | None = None) -> TfidfVectorizer:
        return TfidfVectorizer(analyzer="char", sublinear_tf=True, vocabulary=vocabulary,
                               ngram_range=(int(self._config["min_ngram"]), int(self._config["max_ngram"])))

    def _restore(self, state: dict[str, Any]) -> None:
        self._vectorizer = self._new_vectorizer(state["vocabulary"])
        self._vectorizer.idf_ = np.asarray(state["idf"])
        self._intents = _load(state["intents"])
        self._categories = _load(state["categories"])
        self._responses = state.get("responses") or {}

    # -- inference --------------------------------------------------------------------------

    def process(self, messages: list[Message]) -> list[Message]:
        if self._vectorizer is None:
            return messages
        for message in messages:
            text = message.get(TEXT)
            if not text or text.startswith("/"):
                continue  # "/intent" triggers keep what the RegexMessageHandler set
            features = self._vectorizer.transform([text])
            if self._intents is not None:
                self._blend_intents(message, _probabilities(self._intents, features))
            if self._categories is not None:
                self._blend_categories(message, _probabilities(self._categories, features))
        return messages

    def _blend_intents(self, message: Message, linear: dict[str, float]) -> None:
        diet = {r[INTENT_NAME_KEY]: float(r[PREDICTED_CONFIDENCE_KEY])
                for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY)}
        if self._config["keep_inputs"]:
            message.set("diet_intent_ranking", message.get(INTENT_RANKING_KEY), add_to_output=True)
            message.set("linear_intent_ranking", _ranking(linear, INTENT_NAME_KEY), add_to_output=True)
        blended = mix(diet, linear, float(self._config["intent_weight"]))
        ranking = _ranking(blended, INTENT_NAME_KEY)
        message.set(INTENT, ranking[0], add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)

    def _blend_categories(self, message: Message, linear: dict[str, float]) -> None:
        selectors = message.get(RESPONSE_SELECTOR) or {}
        selector = selectors.get(SELECTOR_KEY)
        if not selector:
            return
        ranking = selector.get("ranking") or []
        selected, prefixes = category_scores(ranking)
        if self._config["keep_inputs"]:
            selector["selector_ranking"] = [dict(r) for r in ranking]
            selector["linear_category_ranking"] = _ranking(linear, "category")
        blended = mix(selected, linear, float(self._config["category_weight"]))
        best, confidence = max(blended.items(), key=lambda item: item[1])
        intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
        prefix = intent if intent in set(prefixes.values()) else prefixes.get(best, next(iter(prefixes.values()), ""))
        key = f"{prefix}/{best}"
        response = dict(selector.get("response") or {})
        response.update({
            INTENT_RESPONSE_KEY: key,
            PREDICTED_CONFIDENCE_KEY: confidence,
            "utter_action": f"utter_{key}",
            "responses": self._responses.get(f"utter_{key}") or response.get("responses") or [{TEXT: key}],
        })
        selector["response"] = response
        message.set(RESPONSE_SELECTOR, selectors, add_to_output=True)


def mix(first: dict[str, float], second: dict[str, float], weight: float) -> dict[str, float]:
    """(1 - weight) · first + weight · second over the union of labels (a missing label is 0)."""
    labels = set(first) | set(second)
    return {label: (1 - weight) * first.get(label, 0.0) + weight * second.get(label, 0.0) for label in labels}


def category_scores(ranking: list[dict[str, Any]]) -> tuple[dict[str, float], dict[str, str]]:
    """A selector ranking summed per category (report_issue/roads and emergency/roads are both
    roads), and each category's first prefix in ranking order."""
    scores: dict[str, float] = {}
    prefixes: dict[str, str] = {}
    for entry in ranking:
        key = entry.get(INTENT_RESPONSE_KEY) or ""
        if "/" not in key:
            continue
        category = _category(key)
        scores[category] = scores.get(category, 0.0) + float(entry.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
        prefixes.setdefault(category, key.split("/", 1)[0])
    return scores, prefixes


def _ranking(scores: dict[str, float], name_key: str) -> list[dict[str, Any]]:
    ordered = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return [{name_key: label, PREDICTED_CONFIDENCE_KEY: float(score)} for label, score in ordered]


def _probabilities(model: LogisticRegression, features: Any) -> dict[str, float]:
    return {str(label): float(p) for label, p in zip(model.classes_, model.predict_proba(features)[0], strict=True)}


def _category(key: str | None) -> str:
    return (key or "").split("/", 1)[1]


def _dump(model: LogisticRegression | None) -> dict[str, Any] | None:
    if model is None:
        return None
    return {"classes": [str(c) for c in model.classes_], "coef": model.coef_.tolist(),
            "intercept": model.intercept_.tolist()}


def _load(state: dict[str, Any] | None) -> LogisticRegression | None:
    if not state:
        return None
    model = LogisticRegression()
    model.classes_ = np.asarray(state["classes"])
    model.coef_ = np.asarray(state["coef"])
    model.intercept_ = np.asarray(state["intercept"])
    return model


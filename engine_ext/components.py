"""Custom Rasa 3.6 NLU components for gridbot.

Reference them in config.yml as ``engine_ext.components.ChineseNormalizer`` (first in
the pipeline) and ``engine_ext.components.CleanJiebaTokenizer`` (instead of
``JiebaTokenizer``; same options, e.g. ``dictionary_path: nlu/jieba``).
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.jieba_tokenizer import JiebaTokenizer
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_VALUE,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from engine_ext.normalize import align_spans, normalize_text


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False)
class ChineseNormalizer(GraphComponent):
    """Rewrites the TEXT attribute with `normalize_text` before tokenisation.

    Registered as a MESSAGE_TOKENIZER so the default recipe runs it as a
    preprocessing node (``process_training_data`` in training, ``process`` at
    inference) in pipeline order, i.e. before the real tokenizer. It is not a
    ``Tokenizer`` subclass, so the one-tokenizer check does not count it.
    Entity annotations of training examples are moved to the normalised offsets.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {}

    def __init__(self, config: dict[str, Any]) -> None:
        self._config = config

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ChineseNormalizer:
        return cls(config)

    @staticmethod
    def required_packages() -> list[str]:
        return ["opencc"]

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for example in training_data.training_examples:
            self._normalize_message(example)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._normalize_message(message)
        return messages

    @staticmethod
    def _normalize_message(message: Message) -> None:
        text: str | None = message.get(TEXT)
        if not text or text.startswith("/"):
            # Empty, or an intent trigger like "/greet" parsed by RegexMessageHandler.
            return
        normalized = normalize_text(text)
        if normalized == text:
            return
        entities = message.get(ENTITIES)
        if entities:
            message.set(ENTITIES, _realign_entities(text, normalized, entities))
        message.set(TEXT, normalized)


def _realign_entities(original: str, normalized: str, entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    annotated = [e for e in entities if ENTITY_ATTRIBUTE_START in e and ENTITY_ATTRIBUTE_END in e]
    spans = align_spans(
        original,
        normalized,
        [(e[ENTITY_ATTRIBUTE_START], e[ENTITY_ATTRIBUTE_END]) for e in annotated],
    )
    realigned = []
    for entity in entities:
        if entity not in annotated:
            realigned.append(entity)
            continue
        start, end = spans[annotated.index(entity)]
        old_surface = original[entity[ENTITY_ATTRIBUTE_START] : entity[ENTITY_ATTRIBUTE_END]]
        new_entity = dict(entity)
        new_entity[ENTITY_ATTRIBUTE_START] = start
        new_entity[ENTITY_ATTRIBUTE_END] = end
        if entity.get(ENTITY_ATTRIBUTE_VALUE) == old_surface:
            # Keep value == surface text, so no accidental synonym appears.
            new_entity[ENTITY_ATTRIBUTE_VALUE] = normalized[start:end]
        realigned.append(new_entity)
    return realigned


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=True)
class CleanJiebaTokenizer(JiebaTokenizer):
    """JiebaTokenizer that drops whitespace-only tokens (RasaHQ/rasa#7910)."""

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        tokens = super().tokenize(message, attribute)
        return [token for token in tokens if token.text.strip()]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class BareNumberIntent(GraphComponent):
    """A message that is nothing but a small number ("1", "１", "2。") answers a numbered list: the
    main menu, a ballot's options or a rating request. DIET cannot learn a bare digit (it guesses
    at random between intents), so this rule sets the configured intent with full confidence and
    the action for it reads the number in the context of what the bot asked last.

    Place it after the intent classifiers and before FallbackClassifier.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"intent": "vote", "max_digits": 2}

    def __init__(self, config: dict[str, Any]) -> None:
        self._intent = str(config["intent"])
        self._pattern = re.compile(r"\d{1,%d}" % int(config["max_digits"]))

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> BareNumberIntent:
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = (message.get(TEXT) or "").strip(" .。!！?？")
            if not self._pattern.fullmatch(text):
                continue
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != self._intent]
            chosen = {INTENT_NAME_KEY: self._intent, PREDICTED_CONFIDENCE_KEY: 1.0}
            message.set(INTENT, chosen, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [chosen, *ranking], add_to_output=True)
        return messages

"""What the linear classifier sees of a message: knowledge beyond the training strings (no Rasa import).

Character n-grams learnt from nlu/ only know the strings written there. ``TextFeatures`` adds what a
reader brings to a message the training data never showed:

- the dialect table (``data/dialect.tsv``): 咋个 → 怎么, 莫得 → 没有, 屋头 → 家里, voice-to-text slips
  (路登 → 路灯) are rewritten to the standard word before the n-grams are taken, so a Sichuan message
  shares its features with the Mandarin ones. The message's stored text is not changed;
- the domain lexicon (``data/lexicon.yml``): a message with 井盖 or 斑马线 gets a ``lex:roads`` feature,
  one with 怎么办理 a ``lex:procedure``, whether or not a training example used that word;
- the shape of the message: a ticket number, digits only, emoji of praise or anger, a question at
  the end, its length.

Each block is TF-IDF weighted on its own, scaled to unit length and weighted (``weights``) before the
blocks are put side by side (a FeatureUnion). The tables are part of the fitted state, so a trained model answers with
the tables it was trained with.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

from engine_ext.lexicon import lexicon_hits, shape, standardise


class TextFeatures:
    """Fits and applies the feature blocks; ``state`` / ``from_state`` store them as JSON-ready values."""

    # chars: character n-grams of the text as written; standard: those of the text with the dialect
    # table applied; cues: the intent-cue lexicon; shape: the message's form; topics: the category
    # lexicon. All but chars read the standardised text.
    BLOCKS = ("chars", "standard", "cues", "shape", "topics")

    def __init__(self, min_ngram: int = 1, max_ngram: int = 2, weights: dict[str, float] | None = None,
                 dialect: dict[str, str] | None = None,
                 lexicon: dict[str, dict[str, list[str]]] | None = None) -> None:
        self.ngrams = (int(min_ngram), int(max_ngram))
        self.weights = {"chars": 1.0, **(weights or {})}
        unknown = set(self.weights) - set(self.BLOCKS)
        if unknown:
            raise ValueError(f"unknown feature blocks {sorted(unknown)}; known: {', '.join(self.BLOCKS)}")
        self.dialect = dict(dialect or {})
        self.lexicon = {g: {k: list(v) for k, v in lists.items()} for g, lists in (lexicon or {}).items()}
        self._union: FeatureUnion | None = None

    def standard(self, text: str) -> str:
        return standardise(text.lower(), self.dialect)

    def _cues(self, block: str, text: str) -> list[str]:
        text = self.standard(text)
        if block == "topics":
            return lexicon_hits(text, self.lexicon.get("categories", {}))
        if block == "cues":
            return lexicon_hits(text, self.lexicon.get("intents", {}))
        return shape(text)

    def _new(self, block: str, vocabulary: dict[str, int] | None = None) -> TfidfVectorizer:
        # Each block is l2-normalised on its own (TfidfVectorizer's norm) before its weight applies.
        if block == "chars":
            return TfidfVectorizer(analyzer="char", sublinear_tf=True, ngram_range=self.ngrams, vocabulary=vocabulary)
        if block == "standard":
            return TfidfVectorizer(analyzer="char", sublinear_tf=True, ngram_range=self.ngrams, vocabulary=vocabulary,
                                   preprocessor=self.standard)
        return TfidfVectorizer(analyzer=lambda text: self._cues(block, text), sublinear_tf=True,
                               vocabulary=vocabulary)

    def _new_union(self, vocabularies: dict[str, dict[str, int]] | None = None) -> FeatureUnion:
        blocks = [b for b in self.BLOCKS if self.weights.get(b, 0.0) > 0]
        return FeatureUnion([(b, self._new(b, (vocabularies or {}).get(b))) for b in blocks],
                            transformer_weights={b: float(self.weights[b]) for b in blocks})

    def fit_transform(self, texts: list[str]) -> Any:
        self._union = self._new_union()
        return self._union.fit_transform(texts)

    def transform(self, texts: list[str]) -> Any:
        assert self._union is not None, "fit_transform or from_state first"
        return self._union.transform(texts)

    def state(self) -> dict[str, Any]:
        assert self._union is not None
        return {
            "ngrams": list(self.ngrams),
            "weights": self.weights,
            "dialect": self.dialect,
            "lexicon": self.lexicon,
            "blocks": {b: {"vocabulary": {t: int(i) for t, i in v.vocabulary_.items()}, "idf": v.idf_.tolist()}
                       for b, v in self._union.transformer_list},
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> TextFeatures:
        features = cls(*state["ngrams"], weights=state["weights"], dialect=state["dialect"], lexicon=state["lexicon"])
        blocks = state["blocks"]
        features._union = features._new_union({b: stored["vocabulary"] for b, stored in blocks.items()})
        for block, vectorizer in features._union.transformer_list:
            vectorizer.idf_ = np.asarray(blocks[block]["idf"])
        return features

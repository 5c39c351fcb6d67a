"""The held-out NLU set (bench/heldout/) stays usable and stays apart from the training data."""

from bench.heldout_data import SEEN_IN_TRAINING, load_heldout, seen_in_training
from tests.test_drift import domain_intents

CATEGORIES = {"sanitation", "roads", "housing_utilities", "public_security", "dispute", "employment", "health",
              "education", "elderly_care", "fire_safety", "other"}
WITH_CATEGORY = {"report_issue", "emergency"}


def test_every_heldout_label_is_in_the_contract():
    rows = load_heldout()
    assert {intent for _, intent, _ in rows} == domain_intents() - {"nlu_fallback"}
    for text, intent, category in rows:
        if intent in WITH_CATEGORY:
            assert category in CATEGORIES, text
        else:
            assert category is None, text


def test_the_heldout_set_covers_every_intent_and_category():
    rows = load_heldout()
    intents = [intent for _, intent, _ in rows]
    categories = [category for _, _, category in rows if category]
    assert min(intents.count(i) for i in set(intents)) >= 15
    assert {c: categories.count(c) for c in CATEGORIES if categories.count(c) < 12} == {}


def test_no_more_heldout_messages_occur_in_the_training_data_than_when_it_was_written():
    # Short everyday words (好的, 取消) are in both by nature; anything beyond that list was copied.
    recorded = set(SEEN_IN_TRAINING.read_text(encoding="utf-8").split("\n")) - {""}
    assert set(seen_in_training(load_heldout())) - recorded == set()

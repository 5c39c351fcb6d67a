"""The held-out NLU sets (bench/heldout/, heldout_b/, heldout_c/) stay usable and apart from the training data."""

from pathlib import Path

import pytest

from bench.heldout_data import REPO, load_heldout, seen_in_training
from tests.test_drift import domain_intents

CATEGORIES = {"sanitation", "roads", "housing_utilities", "public_security", "dispute", "employment", "health",
              "education", "elderly_care", "fire_safety", "other"}
WITH_CATEGORY = {"report_issue", "emergency"}
# (folder, fewest messages of any intent, fewest of any category): set A was written 15 per label,
# set B situation by situation with lower minimums, set C as one community's month of messages.
SETS = [("heldout", 15, 12), ("heldout_b", 8, 12), ("heldout_c", 8, 10)]


def rows_of(folder: str) -> list[tuple[str, str, str | None]]:
    return load_heldout(REPO / "bench" / folder / "messages.tsv")


@pytest.mark.parametrize(("folder", "_intents", "_categories"), SETS)
def test_every_heldout_label_is_in_the_contract(folder, _intents, _categories):
    rows = rows_of(folder)
    assert {intent for _, intent, _ in rows} == domain_intents() - {"nlu_fallback"}
    for text, intent, category in rows:
        if intent in WITH_CATEGORY:
            assert category in CATEGORIES, text
        else:
            assert category is None, text


@pytest.mark.parametrize(("folder", "fewest_per_intent", "fewest_per_category"), SETS)
def test_the_heldout_set_covers_every_intent_and_category(folder, fewest_per_intent, fewest_per_category):
    rows = rows_of(folder)
    intents = [intent for _, intent, _ in rows]
    categories = [category for _, _, category in rows if category]
    assert min(intents.count(i) for i in set(intents)) >= fewest_per_intent
    assert {c: categories.count(c) for c in CATEGORIES if categories.count(c) < fewest_per_category} == {}


@pytest.mark.parametrize(("folder", "_intents", "_categories"), SETS)
def test_no_more_heldout_messages_occur_in_the_training_data_than_when_it_was_written(folder, _intents, _categories):
    # Short everyday words (好的, 取消) are in both by nature; anything beyond that list was copied.
    recorded = set(Path(REPO / "bench" / folder / "seen_in_training.txt").read_text(encoding="utf-8").split("\n"))
    assert set(seen_in_training(rows_of(folder))) - (recorded - {""}) == set()



def test_a_blind_writers_row_becomes_an_example_with_its_ticket_numbers_and_places_marked():
    from bench.nlu_from_tsv import annotated, converted

    assert annotated("Ｔ１０４５ 河畔花园3栋的路灯换好了", ["河畔花园3栋"]) == \
        "[Ｔ１０４５](ticket_id) [河畔花园3栋](place)的路灯换好了"
    assert annotated("工单1042 收到", []) == "工单[1042](ticket_id) 收到"
    rows = [{"text": "阳光小区门口  井盖莫得了", "intent": "report_issue", "category": "roads", "places": "阳光小区"},
            {"text": "谢谢", "intent": "thank", "category": "", "places": ""},
            {"text": "楼下狗天天叫", "intent": "report_issue", "category": "dispute", "places": ""}]
    examples, in_nlu, in_heldout = converted(rows, known={"谢谢"}, blind={"楼下狗天天叫"})
    assert examples == {"report_issue/roads": ["[阳光小区](place)门口 井盖莫得了"]}
    assert (in_nlu, in_heldout) == (1, 1)

"""A remark right after a question that names the entry just given is read with it (bot/core/reasked.restated;
blind test 35, B174); a short report that hits that entry's words is filed, never answered from it (issue 17)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.common.clock import FakeClock
from bot.core import reasked
from bot.core.knowledge import KnowledgeBase, load_knowledge
from bot.store.db import Database
from tests.core.helpers import inbound

ROOT = Path(__file__).resolve().parents[2]
SENDER = "+8613900000077"


@pytest.fixture(scope="module")
def base() -> KnowledgeBase:
    return load_knowledge(ROOT / "config" / "knowledge")


def _restated(db: Database, clock: FakeClock, base: KnowledgeBase, question: str, then: str) -> str | None:
    inbound(db, clock, SENDER, question)
    clock.advance(minutes=3)
    message_id = inbound(db, clock, SENDER, then)
    with db.session() as s:
        return reasked.restated(s, clock, base, "simulator", SENDER, message_id, then)


@pytest.mark.parametrize(("question", "then"), [
    ("过年发的米和油咋个领", "就是每年过年发的那个米和油"),  # B174
    ("绿化带能不能种菜", "就是楼下那种绿化带 能种不"),
])
def test_the_question_said_again_in_other_words_is_answered_from_its_entry(demo_db: Database, clock: FakeClock,
                                                                          base: KnowledgeBase, question: str,
                                                                          then: str):
    assert _restated(demo_db, clock, base, question, then) is not None


@pytest.mark.parametrize(("question", "then"), [
    ("公共厕所坏了找哪个", "阳光小区3栋旁边的公共厕所锁起了"),
    ("绿化带能不能种菜", "楼下有人在绿化带种菜"),
    ("绿化带可以种菜不", "门口的绿化带被挖了种菜"),
    ("电动车在哪点充电", "楼道里有人给电动车充电"),
    ("电视没信号咋个办", "整栋楼电视都没信号了"),
])
def test_a_short_report_on_the_entrys_words_is_never_answered_from_it(demo_db: Database, clock: FakeClock,
                                                                     base: KnowledgeBase, question: str, then: str):
    assert _restated(demo_db, clock, base, question, then) is None

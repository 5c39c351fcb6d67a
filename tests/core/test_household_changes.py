from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.core.household_changes import BASIC_TAGS, TagNotKnown, change_household, community_of, history, known_tags
from bot.store.db import Database
from bot.store.household_models import CustomTag
from bot.store.models import Household, Person

AT = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)


def _household(session, code: str = "H0001") -> Household:
    return session.scalar(select(Household).where(Household.code == code))


def test_a_colour_change_keeps_who_when_and_why(demo_db: Database):
    with demo_db.session() as s:
        household = _household(s)
        worker = s.scalar(select(Person).where(Person.kind == "staff"))
        old = household.colour
        new = "red" if old != "red" else "yellow"
        changes = change_household(s, household, colour=new, reason="老人住院，独自在家", at=AT, by=worker)
        assert [(c.field, c.old, c.new) for c in changes] == [("colour", old, new)]
    with demo_db.session() as s:
        household = _household(s)
        assert household.colour == new
        [row] = history(s, household.id)
        assert (row.field, row.old_value, row.new_value, row.reason, row.via) == ("colour", old, new,
                                                                                  "老人住院，独自在家", "page")
        assert row.changed_by_id == worker.id and row.created_at == AT


def test_a_colour_change_without_a_reason_is_refused_and_changes_nothing(demo_db: Database):
    with demo_db.session() as s:
        household = _household(s)
        new = "red" if household.colour != "red" else "green"
        with pytest.raises(ValueError, match="reason"):
            change_household(s, household, colour=new, reason="  ", at=AT)
    with demo_db.session() as s:
        assert _household(s).colour != new and history(s, _household(s).id) == []


def test_an_unknown_tag_is_refused_until_the_community_adds_it(demo_db: Database):
    with demo_db.session() as s:
        household = _household(s)
        with pytest.raises(TagNotKnown, match="种植大户"):
            change_household(s, household, add=["种植大户", "低保"], reason="走访", at=AT)
        assert "低保" not in (household.tags or []) or history(s, household.id) == []
    with demo_db.session() as s:
        household = _household(s)
        community = community_of(s, household.unit_id)
        assert community is not None and community.kind == "community"
        s.add(CustomTag(unit_id=community.id, name="种植大户"))
        s.flush()
        assert known_tags(s, household)[: len(BASIC_TAGS)] == list(BASIC_TAGS)
        assert "种植大户" in known_tags(s, household)
        change_household(s, household, add=["种植大户"], reason="新开了大棚", at=AT, via="visit")
    with demo_db.session() as s:
        household = _household(s)
        assert "种植大户" in household.tags
        assert [(r.field, r.new_value, r.via) for r in history(s, household.id)] == [("tag_added", "种植大户", "visit")]


def test_removing_a_tag_the_household_has_is_recorded_and_one_it_lacks_is_not(demo_db: Database):
    with demo_db.session() as s:
        household = _household(s)
        household.tags = ["低保"]
        s.flush()
        changes = change_household(s, household, remove=["低保", "残疾"], reason="收入已超标准", at=AT)
        assert [(c.field, c.old) for c in changes] == [("tag_removed", "低保")]
        assert household.tags == []

"""A ticket's priority in one place: emergency first, then the highest of the household's colour and its
tags (config/routing.yml), and a report opened for a green household with a 残疾 tag waits no longer
than a yellow one's."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import households
from bot.core.priority import household_priority, priority_from
from bot.core.routing_rules import DEFAULT_PATH, parse_rules
from bot.core.ticket_filter import GridScope
from bot.store.db import Database
from bot.store.models import Household, Person
from tests.conftest import DUTY_OFFICER, RESIDENT, WORKER
from tests.core.helpers import RULES, make_report, submit, ticket


@pytest.mark.parametrize(("colour", "tags", "expected"), [
    ("green", [], "normal"),
    ("green", ["留守儿童", "低保"], "normal"),  # tags without a rule change nothing
    ("green", ["残疾"], "medium"),  # a tag raises a green household to a yellow one's
    ("green", ["独居老人", "大病"], "medium"),
    ("yellow", ["空巢老人"], "medium"),
    ("red", ["空巢老人"], "high"),  # the colour's priority when it is higher
    (None, [], "normal"),  # no household known
])
def test_the_highest_of_the_colour_and_the_tags_decides(colour, tags, expected):
    assert priority_from(RULES, colour, tags) == expected


def test_an_emergency_is_immediate_whatever_the_household():
    assert priority_from(RULES, "green", [], emergency=True) == "immediate"
    assert household_priority(RULES, None, emergency=True) == "immediate"


def test_a_tag_rule_may_raise_further_than_a_colour_when_configured():
    text = DEFAULT_PATH.read_text(encoding="utf-8").replace("大病: medium", "大病: high")
    assert priority_from(parse_rules(text), "yellow", ["大病"]) == "high"


def test_a_tag_rule_naming_no_priority_is_refused():
    text = DEFAULT_PATH.read_text(encoding="utf-8").replace("残疾: medium", "残疾: urgent")
    with pytest.raises(ValidationError, match="urgent"):
        parse_rules(text)


def test_a_report_from_a_green_household_given_a_disability_tag_is_opened_as_a_yellow_ones(demo_db: Database):
    clock = FakeClock()
    before = ticket(demo_db, submit(demo_db, clock, make_report("楼道灯坏了")))
    with demo_db.session() as s:
        home = s.scalar(select(Household).join(Person, Person.household_id == Household.id)
                        .where(Person.phone == RESIDENT))
        assert home.colour == "green"
        households.change(s, clock, GridScope.all(), s.scalar(select(Person.id).where(Person.phone == DUTY_OFFICER)),
                          home, colour="green", tags=["残疾"], reason="肢体残疾证")
    after = ticket(demo_db, submit(demo_db, clock, make_report("水管漏了", category="housing_utilities")))
    assert (before.priority, after.priority) == ("normal", "medium")
    assert after.ack_due_at - after.created_at == RULES.ack_within("medium")


def test_a_report_for_a_household_takes_its_priority_not_the_reporters_own(demo_db: Database):
    """A visit's report recorded by the worker (no household of his own) for a red household is high."""
    clock = FakeClock()
    with demo_db.session() as s:
        red = s.scalar(select(Household.id).where(Household.colour == "red").order_by(Household.id).limit(1))
    number = submit(demo_db, clock, make_report("厨房漏水", category="housing_utilities", sender=WORKER,
                                                household_id=red))
    assert ticket(demo_db, number).priority == "high"

"""The visit rule: who is due in a month and why, from colour, last visit and tickets (pure, no database)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.common.clock import FakeClock
from bot.core.monthly import month_of
from bot.core.visit_rules import (
    DEFAULT_PATH,
    HouseholdFacts,
    VisitRules,
    describe,
    due,
    load_visit_rules,
    months_between,
    parse_visit_rules,
    reason_due,
)

RULES = VisitRules()


def test_red_every_month_yellow_every_two_and_green_every_quarter_from_the_last_visit():
    clock = FakeClock(datetime(2026, 12, 1, 2, 0, tzinfo=UTC))
    month = month_of(clock.now())
    households = [HouseholdFacts(1, "red", "2026-11"), HouseholdFacts(2, "yellow", "2026-11"),
                  HouseholdFacts(3, "yellow", "2026-10"), HouseholdFacts(4, "green", "2026-10"),
                  HouseholdFacts(5, "green", "2026-09"), HouseholdFacts(6, "green", None),
                  HouseholdFacts(7, "red", "2026-12")]
    assert due(households, month, RULES) == {1: "red", 3: "yellow", 5: "green", 6: "green"}
    clock.advance(days=31)  # January, nobody visited in December: a new year counts on
    households = [h for h in households if h.household_id in (2, 4, 7)]
    assert due(households, month_of(clock.now()), RULES) == {2: "yellow", 4: "green", 7: "red"}


def test_an_open_or_reopened_ticket_puts_any_household_on_the_list_whatever_its_colour():
    fresh = dict(colour="green", last_visit_month="2026-12")
    assert reason_due(HouseholdFacts(1, **fresh), "2026-12", RULES) is None
    assert reason_due(HouseholdFacts(1, **fresh, open_ticket=True), "2026-12", RULES) == "open_ticket"
    assert reason_due(HouseholdFacts(1, **fresh, open_ticket=True, reopened_ticket=True), "2026-12",
                      RULES) == "reopened_ticket"
    off = VisitRules(open_tickets=False, reopened_tickets=False)
    assert reason_due(HouseholdFacts(1, **fresh, open_ticket=True, reopened_ticket=True), "2026-12", off) is None


def test_the_rule_is_read_from_the_yaml_file_and_zero_means_never_by_colour():
    assert load_visit_rules(DEFAULT_PATH).every_months == {"red": 1, "yellow": 2, "green": 3}
    rules = parse_visit_rules("every_months: {red: 1, yellow: 1, green: 0}\nremind_days_before_end: 2\n")
    assert reason_due(HouseholdFacts(1, "green", None), "2026-12", rules) is None
    assert reason_due(HouseholdFacts(1, "yellow", "2026-11"), "2026-12", rules) == "yellow"
    assert rules.remind_before.days == 2
    assert describe(rules) == "红色户每月、黄色户每月走访，有未办结或重新办理工单的户也在其中"
    assert describe(VisitRules()) == "红色户每月、黄色户每两月、绿色户每季度走访，有未办结或重新办理工单的户也在其中"


@pytest.mark.parametrize("text", ["every_months: {purple: 1}", "every_months: {red: -1}",
                                  "remind_days_before_end: 1\nescalate_days_after_end: -3"])
def test_a_rule_that_makes_no_sense_is_refused_at_start_up(text: str):
    with pytest.raises(ValueError):
        parse_visit_rules(text)


def test_months_between_counts_calendar_months_across_years():
    assert months_between("2026-11", "2027-01") == 2 and months_between("2026-12", "2026-12") == 0

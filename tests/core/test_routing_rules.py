from datetime import timedelta

import pytest
from pydantic import ValidationError

from bot.core.routing_rules import DEFAULT_PATH, load_rules, parse_rules


def test_the_shipped_routing_table_sends_disputes_to_the_grid_worker_and_a_mediator():
    rules = load_rules(DEFAULT_PATH)
    assert rules.category("dispute").roles == ["grid_worker", "mediator"]
    assert rules.category("employment").roles == ["employment_assistant"]
    assert "auxiliary_police" in rules.category("public_security").roles
    assert "home_care" in rules.category("elderly_care").roles


def test_an_unknown_category_uses_the_other_rule():
    rules = load_rules(DEFAULT_PATH)
    assert rules.category("weather") == rules.category("other")


def test_time_limits_follow_13710_by_priority_and_category():
    rules = load_rules(DEFAULT_PATH)
    assert rules.ack_within("immediate") == timedelta(hours=1)
    assert rules.ack_within("normal") == timedelta(days=1)
    assert rules.handle_within("sanitation", "normal") == timedelta(days=3)
    assert rules.handle_within("roads", "normal") == timedelta(days=7)
    assert rules.handle_within("education", "normal") == timedelta(days=10)
    assert rules.handle_within("education", "high") == timedelta(days=3)  # the shorter limit wins


def test_severity_caps_how_high_a_ticket_may_escalate():
    rules = load_rules(DEFAULT_PATH)
    assert (rules.max_level("minor"), rules.max_level("major"), rules.max_level("critical")) == (1, 2, 3)


def test_a_table_without_an_other_category_is_refused():
    text = DEFAULT_PATH.read_text(encoding="utf-8").replace("  other:", "  misc:")
    with pytest.raises(ValidationError, match="other"):
        parse_rules(text)


def test_a_category_with_an_unknown_severity_is_refused():
    text = DEFAULT_PATH.read_text(encoding="utf-8").replace("severity: major}", "severity: huge}", 1)
    with pytest.raises(ValidationError, match="huge"):
        parse_rules(text)


def test_a_gas_leak_or_a_flood_at_home_is_a_119_call_not_110():
    rules = load_rules(DEFAULT_PATH)
    assert rules.emergency_number("housing_utilities") == "119"
    assert (rules.emergency_number("public_security"), rules.emergency_number("other")) == ("110", "110")

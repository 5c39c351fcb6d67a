"""A ticket's priority, decided in one place: an emergency is immediate; otherwise the reporter's
household decides, by its 三色 (`colour_priority` in config/routing.yml) and its tags (`tag_priority`:
e.g. 空巢老人, 独居老人, 大病, 残疾 raise a green household's report to at least a yellow one's), the
highest of them winning."""

from __future__ import annotations

from collections.abc import Iterable

from bot.core.routing_rules import PRIORITIES, RoutingRules
from bot.store.models import Household

# The no-household default: a report from someone the registry holds no household for.
DEFAULT_COLOUR = "green"


def priority_from(rules: RoutingRules, colour: str | None, tags: Iterable[str], *, emergency: bool = False) -> str:
    """The highest of the colour's priority and each tag's (`PRIORITIES` is ordered most urgent first)."""
    if emergency:
        return "immediate"
    found = [rules.colour_priority.get(colour or DEFAULT_COLOUR, "normal")]
    found += [rules.tag_priority[tag] for tag in tags if tag in rules.tag_priority]
    return min(found, key=PRIORITIES.index)


def household_priority(rules: RoutingRules, household: Household | None, *, emergency: bool = False) -> str:
    """The priority of a report on behalf of this household (None: no household known)."""
    if household is None:
        return priority_from(rules, None, (), emergency=emergency)
    return priority_from(rules, household.colour, household.tags or [], emergency=emergency)

"""The routing table and time limits, read from a YAML file (ROUTING_CONFIG) at start-up."""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, model_validator

PRIORITIES = ("immediate", "high", "medium", "normal")
SEVERITIES = ("minor", "major", "critical")


class CategoryRule(BaseModel):
    roles: list[str] = Field(min_length=1)
    handle_days: float = 10
    severity: str = "minor"


class PriorityRule(BaseModel):
    ack_hours: float
    handle_days: float


class Escalation(BaseModel):
    chain: list[list[str]]
    max_level: dict[str, int]
    step_hours: float = 24
    urges_per_level: int = 2


class Duplicates(BaseModel):
    distance_m: float = 150
    hours: float = 72


class RoutingRules(BaseModel):
    categories: dict[str, CategoryRule]
    priorities: dict[str, PriorityRule]
    colour_priority: dict[str, str] = {}
    # A household tag → the least priority its reports get (the household's colour may give more).
    tag_priority: dict[str, str] = {}
    remind_before_hours: float = 2
    escalation: Escalation
    duplicates: Duplicates = Duplicates()
    rating_wait_hours: float = 72
    emergency_numbers: dict[str, str] = {}

    @model_validator(mode="after")
    def _complete(self) -> RoutingRules:
        missing = [p for p in PRIORITIES if p not in self.priorities]
        if missing:
            raise ValueError(f"priorities missing: {missing}")
        unknown = {p for p in [*self.colour_priority.values(), *self.tag_priority.values()] if p not in PRIORITIES}
        if unknown:
            raise ValueError(f"colour_priority/tag_priority: unknown priorities {sorted(unknown)}")
        if "other" not in self.categories:
            raise ValueError("categories needs an 'other' entry")
        for name, rule in self.categories.items():
            if rule.severity not in self.escalation.max_level:
                raise ValueError(f"category {name}: severity {rule.severity!r} has no escalation.max_level")
        return self

    def category(self, name: str) -> CategoryRule:
        return self.categories.get(name) or self.categories["other"]

    def ack_within(self, priority: str) -> timedelta:
        return timedelta(hours=self.priorities[priority].ack_hours)

    def handle_within(self, category: str, priority: str) -> timedelta:
        """The shorter of the category's and the priority's limit."""
        days = min(self.category(category).handle_days, self.priorities[priority].handle_days)
        return timedelta(days=days)

    def max_level(self, severity: str) -> int:
        return min(self.escalation.max_level.get(severity, 1), len(self.escalation.chain))

    def emergency_number(self, category: str) -> str:
        return self.emergency_numbers.get(category, "110")


def parse_rules(text: str) -> RoutingRules:
    return RoutingRules.model_validate(yaml.safe_load(text))


PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PATH = PROJECT_ROOT / "config" / "routing.yml"


@lru_cache(maxsize=8)
def load_rules(path: Path) -> RoutingRules:
    """The rules in a file (relative paths are read from the project root), read once per process."""
    path = Path(path)
    if not path.is_absolute():
        path = PROJECT_ROOT / path
    return parse_rules(path.read_text(encoding="utf-8"))


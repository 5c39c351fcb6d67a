"""Who is due for a visit in a month (四万行动): the rule, read from a YAML file (VISITS_CONFIG), and a pure
function deciding it from a household's colour, last visit and tickets.

Red households every month, yellow every other month, green every quarter (counted from the last visit,
by calendar month), plus every household with an open ticket or a reopened one from its members: the
numbers are in config/visits.yml."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, model_validator

COLOURS = ("red", "yellow", "green")
# Why a household is on the list, most pressing first (VisitTask.reason).
REASONS = ("reopened_ticket", "open_ticket", "red", "yellow", "green")
REASON_NAMES = {"reopened_ticket": "重新办理工单", "open_ticket": "有未办结工单", "red": "红色户",
                "yellow": "黄色户", "green": "绿色户"}


class VisitRules(BaseModel):
    every_months: dict[str, int] = Field(default_factory=lambda: {"red": 1, "yellow": 2, "green": 3})
    open_tickets: bool = True
    reopened_tickets: bool = True
    remind_days_before_end: float = 5
    escalate_days_after_end: float = 3

    @model_validator(mode="after")
    def _valid(self) -> VisitRules:
        unknown = sorted(set(self.every_months) - set(COLOURS))
        if unknown:
            raise ValueError(f"every_months: unknown colours {unknown}")
        if any(months < 0 for months in self.every_months.values()):
            raise ValueError("every_months: a number of months is 0 (never) or more")
        if self.escalate_days_after_end < -self.remind_days_before_end:
            raise ValueError("escalate_days_after_end must come after the reminder")
        return self

    @property
    def remind_before(self) -> timedelta:
        """How long before a task's due time (the month's end) its worker is reminded."""
        return timedelta(days=self.remind_days_before_end)

    @property
    def escalate_after(self) -> timedelta:
        return timedelta(days=self.escalate_days_after_end)


@dataclass(frozen=True)
class HouseholdFacts:
    """What the rule needs to know of a household."""

    household_id: int
    colour: str
    last_visit_month: str | None = None  # YYYY-MM of its latest visit, None if never visited
    open_ticket: bool = False
    reopened_ticket: bool = False


def months_between(earlier: str, later: str) -> int:
    """Calendar months from `earlier` to `later` (YYYY-MM): 2026-11 → 2027-01 is 2."""
    (y1, m1), (y2, m2) = ((int(p) for p in month.split("-")) for month in (earlier, later))
    return (y2 * 12 + m2) - (y1 * 12 + m1)


def reason_due(facts: HouseholdFacts, month: str, rules: VisitRules) -> str | None:
    """Why the household is due in `month`, the most pressing reason, or None when it is not."""
    if rules.reopened_tickets and facts.reopened_ticket:
        return "reopened_ticket"
    if rules.open_tickets and facts.open_ticket:
        return "open_ticket"
    every = rules.every_months.get(facts.colour if facts.colour in COLOURS else "green", 0)
    if every <= 0:
        return None
    if facts.last_visit_month is None or months_between(facts.last_visit_month, month) >= every:
        return facts.colour if facts.colour in COLOURS else "green"
    return None


def due(households: Iterable[HouseholdFacts], month: str, rules: VisitRules) -> dict[int, str]:
    """{household id: reason} of the households due in `month`."""
    found: dict[int, str] = {}
    for facts in households:
        reason = reason_due(facts, month, rules)
        if reason is not None:
            found[facts.household_id] = reason
    return found


_EVERY = {1: "每月", 2: "每两月", 3: "每季度", 6: "每半年", 12: "每年"}
_COLOUR_HOUSEHOLDS = {"red": "红色户", "yellow": "黄色户", "green": "绿色户"}


def describe(rules: VisitRules) -> str:
    """'红色户每月、黄色户每两月、绿色户每季度走访，有未办结或重新办理工单的户也在其中' for the staff page."""
    by_colour = "、".join(f"{_COLOUR_HOUSEHOLDS[c]}{_EVERY.get(n, f'每{n}个月')}" for c in COLOURS
                          if (n := rules.every_months.get(c, 0)) > 0)
    tickets = "或".join(word for on, word in ((rules.open_tickets, "未办结"), (rules.reopened_tickets, "重新办理"))
                        if on)
    parts = ([f"{by_colour}走访"] if by_colour else []) + ([f"有{tickets}工单的户也在其中"] if tickets else [])
    return "，".join(parts)


def parse_visit_rules(text: str) -> VisitRules:
    return VisitRules.model_validate(yaml.safe_load(text) or {})


PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PATH = PROJECT_ROOT / "config" / "visits.yml"


@lru_cache(maxsize=8)
def load_visit_rules(path: Path) -> VisitRules:
    """The rules in a file (relative paths are read from the project root), read once per process."""
    path = Path(path)
    if not path.is_absolute():
        path = PROJECT_ROOT / path
    return parse_visit_rules(path.read_text(encoding="utf-8"))

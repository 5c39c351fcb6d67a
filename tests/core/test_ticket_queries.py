"""Tickets for the outside world: which categories are public, where a public point lies, which
bytes are an image."""

import pytest

from bot.core.ticket_queries import PUBLIC_CATEGORIES, PUBLIC_SPACE_CATEGORIES, public_point
from bot.core.tickets import CATEGORY_NAMES
from bot.store.models import Ticket

PRIVATE = {"dispute", "public_security", "health", "elderly_care", "education", "employment"}


def test_the_private_categories_are_never_public_and_every_other_is():
    assert PUBLIC_CATEGORIES.isdisjoint(PRIVATE)
    assert set(CATEGORY_NAMES) == PUBLIC_CATEGORIES | PRIVATE
    assert PUBLIC_SPACE_CATEGORIES == {"roads", "sanitation", "fire_safety"}


@pytest.mark.parametrize("category, point", [
    ("roads", (25.403, 103.302)), ("fire_safety", (25.403, 103.302)),
    ("housing_utilities", None), ("other", None), ("dispute", None),
])
def test_a_public_point_is_rounded_to_three_decimals_for_public_space_only(category, point):
    assert public_point(Ticket(category=category, lat=25.40271, lon=103.30249)) == point
    assert public_point(Ticket(category=category, lat=None, lon=None)) is None

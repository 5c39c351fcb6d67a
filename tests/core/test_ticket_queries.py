"""Tickets for the outside world: which categories are public, where a public point lies, which
bytes are an image."""

import pytest

from bot.core.ticket_queries import PUBLIC_CATEGORIES, PUBLIC_SPACE_CATEGORIES, image_type, public_point
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


@pytest.mark.parametrize("head, content_type", [
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"), (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
    (b"GIF89a\x01\x00", "image/gif"), (b"GIF87a\x01\x00", "image/gif"), (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "image/webp"),
    (b"<html><body>", None), (b"<svg xmlns=", None), (b"RIFF\x10\x00\x00\x00WAVEfmt ", None), (b"", None),
])
def test_an_image_is_known_by_its_first_bytes(head, content_type):
    assert image_type(head) == content_type

"""Text as the word rules read it: NFKC (full-width letters and digits to half-width), trimmed, lower case."""

from __future__ import annotations

import unicodedata


def plain(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "").strip().lower()

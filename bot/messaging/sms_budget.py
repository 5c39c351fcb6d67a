"""Fitting SMS text into a part budget. Counting parts (UCS-2 70/67, GSM-7 160/153) is in
`bot.common.sms_parts`, shared with the core; its names are re-exported here."""

from __future__ import annotations

from bot.common.sms_parts import (  # noqa: F401  (re-exported: messaging's callers import them from here)
    GSM_PART,
    GSM_SINGLE,
    UCS2_PART,
    UCS2_SINGLE,
    is_gsm7,
    segments,
    units,
)

MORE = "回复 更多 查看更多"
MAX_CHARS = 1600


def fit(text: str, max_parts: int = 2) -> tuple[str, str | None]:
    """The text if it fits in `max_parts`; otherwise the head that fits with "回复 更多 查看更多" after it,
    cut at a line break where possible (so a numbered menu keeps whole lines), and the rest."""
    text = text.strip()
    if segments(text) <= max_parts:
        return text, None
    # The head is Chinese (MORE is), so UCS-2 parts. Room for the head, a line break and MORE.
    room = UCS2_PART * max_parts - units(MORE) - 1
    cut, used = 0, 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > room:
            break
        cut = index + 1
    head = text[:cut]
    line_break = head.rfind("\n")
    if line_break > cut // 2:
        cut = line_break
    head, rest = text[:cut].rstrip(), text[cut:].strip()
    return f"{head}\n{MORE}", rest or None

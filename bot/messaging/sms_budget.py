"""Counting and fitting SMS text. Chinese text goes as UCS-2: 70 code units in one message,
67 per part once split; a character outside the BMP takes two units. Plain GSM-7 text gets
160 / 153 (its extension characters count two)."""

from __future__ import annotations

import math

MORE = "回复 更多 查看更多"
UCS2_SINGLE, UCS2_PART = 70, 67
GSM_SINGLE, GSM_PART = 160, 153
MAX_CHARS = 1600

_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = set("^{}\\[~]|€\f")


def is_gsm7(text: str) -> bool:
    return all(c in _GSM_BASIC or c in _GSM_EXTENDED for c in text)


def units(text: str) -> int:
    """Code units the text takes in its encoding (UCS-2 or GSM-7)."""
    if is_gsm7(text):
        return sum(2 if c in _GSM_EXTENDED else 1 for c in text)
    return sum(2 if ord(c) > 0xFFFF else 1 for c in text)


def segments(text: str) -> int:
    """How many SMS parts the text is billed (and delivered) as."""
    if not text:
        return 1
    count = units(text)
    single, part = (GSM_SINGLE, GSM_PART) if is_gsm7(text) else (UCS2_SINGLE, UCS2_PART)
    return 1 if count <= single else math.ceil(count / part)


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

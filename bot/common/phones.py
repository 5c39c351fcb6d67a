"""Phone numbers: E.164 everywhere inside, masked in anything a person reads."""

from __future__ import annotations

import phonenumbers


class InvalidPhone(ValueError):
    pass


def to_e164(raw: str, region: str = "CN") -> str:
    """'139 0000 0001', '+86-139-0000-0001' or '008613900000001' → '+8613900000001'."""
    text = (raw or "").strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhone(f"not a phone number: {raw!r}") from exc
    if not phonenumbers.is_possible_number(number):
        raise InvalidPhone(f"not a possible phone number: {raw!r}")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def mask(e164: str | None) -> str:
    """'+8613900001234' → '139****1234' (national digits, middle four hidden)."""
    if not e164:
        return ""
    digits = e164[3:] if e164.startswith("+86") else e164.lstrip("+")
    if len(digits) < 8:
        return digits[:1] + "****"
    return f"{digits[:3]}****{digits[-4:]}"


def national(e164: str | None) -> str:
    """'+8613700000001' → '13700000001': a published number (a grid worker's) as people dial it."""
    if not e164:
        return ""
    return e164[3:] if e164.startswith("+86") else e164

"""Open311 API keys and what each may do.

`OPEN311_API_KEYS` entries are `SECRET` (may file requests, as before scopes existed) or
`SECRET:SCOPE[+SCOPE]` with the scopes `file` (POST requests) and `read_private` (read the
resident's text, photos and exact point, and the private categories). Without a key, or with a key
lacking `read_private`, reads get the public view.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import SecretStr

FILE = "file"
READ_PRIVATE = "read_private"
SCOPES = frozenset({FILE, READ_PRIVATE})


class NotAKey(Exception):
    """An api_key was given but is none of the configured keys."""


@dataclass(frozen=True)
class ApiKey:
    secret: bytes
    scopes: frozenset[str]


def parse_key(entry: str, position: int) -> ApiKey:
    """One `OPEN311_API_KEYS` entry. The error names the entry's position, never its secret."""
    secret, colon, scopes_text = entry.rpartition(":")
    if not colon:
        secret, scopes = entry, frozenset({FILE})
    else:
        scopes = frozenset(scopes_text.split("+"))
        unknown = scopes - SCOPES
        if unknown:
            raise ValueError(f"OPEN311_API_KEYS entry {position}: unknown scope {sorted(unknown)}; "
                             f"scopes are {sorted(SCOPES)} joined by '+'")
    if not secret:
        raise ValueError(f"OPEN311_API_KEYS entry {position}: the key is empty")
    return ApiKey(secret.encode("utf-8"), scopes)


class ApiKeys:
    def __init__(self, entries: Iterable[SecretStr]) -> None:
        self._keys = [parse_key(entry.get_secret_value(), n) for n, entry in enumerate(entries, 1)]

    def scopes(self, given: str | None) -> frozenset[str]:
        """The scopes of the key given (none given: no scopes). Every configured key is compared, in
        constant time, whether or not one matched. Raises NotAKey for a key that is not configured."""
        if not given:
            return frozenset()
        candidate = given.encode("utf-8")
        granted: set[str] = set()
        matched = False
        for key in self._keys:
            if hmac.compare_digest(candidate, key.secret):
                granted |= key.scopes
                matched = True
        if not matched:
            raise NotAKey
        return frozenset(granted)

"""Phone numbers and other addresses (tg:<id>, erased:<hash>) sealed with a deterministic AEAD.

AES-SIV (RFC 5297) is authenticated encryption whose output depends only on the key and the
plaintext: the same number always seals to the same text. That is what lets the database compare
sealed columns (`Person.phone == "+86…"`, `.in_()`, unique constraints, joins between two sealed
columns) without ever holding a number in clear, and without a second look-up column. What it gives
away is only which rows hold the same address, which a keyed look-up hash (an HMAC column) gives away
too. Its synthetic IV is a keyed PRF (CMAC) of the number, so it is the keyed hash and the
authentication tag at once: a value sealed under another key, or altered, fails to open (`WrongKey`).

Two keys are derived from one secret (`PHONE_ENCRYPTION_KEY`) with HKDF-SHA256, one per purpose, so
a database column never equals a conversation id:
- `columns`: the app's tables (bot/store/types.py `SealedAddress`);
- `conversations`: the sender id Rasa's tracker is keyed by (bot/engine/client.py), opened again by
  the action server (actions/runtime.py), which refuses an id it cannot open.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

# Sealed values start with their purpose's prefix: a plain value never does (numbers start with "+"
# or a digit, other addresses with a word and ":"), so a migration can tell them apart.
COLUMNS = "a1."
CONVERSATIONS = "c1."


class WrongKey(RuntimeError):
    """A sealed value that does not open under this key: the key changed, or the value was altered."""


class NotSealed(ValueError):
    """A value that is not sealed at all (e.g. a plain number where a sealed one belongs)."""


@dataclass(frozen=True)
class AddressCipher:
    prefix: str
    _siv: AESSIV

    @classmethod
    def derive(cls, secret: str, prefix: str) -> AddressCipher:
        if not secret:
            raise ValueError("PHONE_ENCRYPTION_KEY is empty")
        key = HKDF(algorithm=hashes.SHA256(), length=64, salt=b"gridbot address cipher",
                   info=f"gridbot/{prefix}".encode()).derive(secret.encode())
        return cls(prefix, AESSIV(key))

    def seal(self, address: str) -> str:
        sealed = self._siv.encrypt(address.encode("utf-8"), None)
        return self.prefix + base64.urlsafe_b64encode(sealed).decode("ascii").rstrip("=")

    def open(self, sealed: str) -> str:
        if not self.is_sealed(sealed):
            raise NotSealed("not a sealed address")
        body = sealed[len(self.prefix):]
        try:
            raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
            return self._siv.decrypt(raw, None).decode("utf-8")
        except (InvalidTag, binascii.Error, ValueError) as exc:
            raise WrongKey("a sealed address does not open with PHONE_ENCRYPTION_KEY: the key is not the one "
                           "it was sealed with, or the value was altered") from exc

    def is_sealed(self, value: str) -> bool:
        return value.startswith(self.prefix)


def column_cipher(secret: str) -> AddressCipher:
    """The cipher of the app's sealed columns."""
    return AddressCipher.derive(secret, COLUMNS)


def conversation_cipher(secret: str) -> AddressCipher:
    """The cipher of the sender ids the engine's tracker is keyed by."""
    return AddressCipher.derive(secret, CONVERSATIONS)

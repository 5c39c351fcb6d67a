"""The knowledge tables the classifier reads besides its training data, and the cues it takes from them.

Plain Python and PyYAML (no Rasa, no scikit-learn), so the app's tests exercise them directly;
``engine_ext.features`` turns the cues into feature vectors.

- ``data/dialect.tsv``: dialect, colloquial and voice-to-text variants and their standard word
  (咋个 → 怎么, 莫得 → 没有, 屋头 → 家里, 路登 → 路灯);
- ``data/lexicon.yml``: per category (roads: 井盖, 斑马线 …) and per intent cue (procedure: 怎么办理,
  材料 …; done: 已处理, 办结 …) the words that point to it;
- ``shape``: what the form of a message says (a ticket number, digits only, emoji, a question).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"
DIALECT_FILE = DATA / "dialect.tsv"
LEXICON_FILE = DATA / "lexicon.yml"

_TICKET = re.compile(r"(?:[Tt]\d{3,}|(?:工单|单号|编号)\s*\d{2,}|\d{4,}\s*号)")
_DIGITS_ONLY = re.compile(r"[\d\s.。,，!！]+")
_QUESTION_END = re.compile(r"(?:吗|么|呢|嘛|没|不|没有|啥|什么|怎么办|[?？])[\s。.!！~]*$")
_POSITIVE_EMOJI = set("😊😀😁😃😄😆🙂☺😍🥰👍👏🙏💯🌹❤💪🎉⭐🌟✨👌😘")
_NEGATIVE_EMOJI = set("😡😠👎💢😤😞😢😭😒🙄😩😫💩🤬😔😣")
_LENGTHS = (2, 5, 10, 20, 40)


def load_dialect(path: Path = DIALECT_FILE) -> dict[str, str]:
    """variant → standard word, from a tab-separated file (# comments)."""
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        variant, standard = line.split("\t")[:2]
        table[variant.strip()] = standard.strip()
    return table


def load_lexicon(path: Path = LEXICON_FILE) -> dict[str, dict[str, list[str]]]:
    """group ("categories", "intents") → feature name → words."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(group): {str(key): [str(w) for w in words] for key, words in (lists or {}).items()}
            for group, lists in data.items()}


def standardise(text: str, dialect: dict[str, str]) -> str:
    """Every dialect variant replaced by its standard word, the longest variant first at each position."""
    if not dialect:
        return text
    pattern = _alternation(tuple(sorted(dialect, key=len, reverse=True)))
    return pattern.sub(lambda m: dialect[m.group(0)], text)


_patterns: dict[tuple[str, ...], re.Pattern[str]] = {}


def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    if words not in _patterns:
        _patterns[words] = re.compile("|".join(re.escape(w) for w in words))
    return _patterns[words]


def lexicon_hits(text: str, lexicon: dict[str, list[str]]) -> list[str]:
    """``lex:<key>`` once for every lexicon key with a word in the text."""
    return [f"lex:{key}" for key, words in lexicon.items() if any(w in text for w in words)]


def shape(text: str) -> list[str]:
    """Features of the message's form rather than its words."""
    out = []
    compact = "".join(text.split())
    if _TICKET.search(text):
        out.append("shape:ticket")
    if compact and _DIGITS_ONLY.fullmatch(compact):
        out.append("shape:digits")
    chars = set(compact)
    if chars & _POSITIVE_EMOJI:
        out.append("shape:emoji+")
    if chars & _NEGATIVE_EMOJI:
        out.append("shape:emoji-")
    if compact and all(unicodedata.category(ch).startswith("S") or ch in "\ufe0f\u200d" for ch in compact):
        out.append("shape:symbols")
    if _QUESTION_END.search(text):
        out.append("shape:question")
    length = len(compact)
    out.append(f"shape:len{sum(length > n for n in _LENGTHS)}")
    return out

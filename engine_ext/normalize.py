"""Text normalisation for Chinese resident messages (no Rasa import).

`normalize_text` is applied to every message before tokenisation, in training
and at inference, so that SMS-style variants map onto the same features:

* NFKC: full-width digits, letters and punctuation become ASCII (Ｔ１０２３ → T1023).
* Traditional → Simplified Chinese with BYVoid's OpenCC (`t2s`).
* Chinese numerals in ticket numbers and vote options become Arabic digits
  (工单一零二三 → 工单1023, 一千零二十三号 → 1023号, 投第二个 → 投第2个),
  while ordinary words (一下, 一点, 一组, 三号楼) are left alone.
* Runs of the same punctuation mark collapse (！！！ → !, 。。。 → 。).
* Whitespace runs become one space; the result is stripped.

`align_offset` maps character offsets of the original text onto the
normalised text, so entity annotations can follow the normalisation.
"""

from __future__ import annotations

import difflib
import re
import threading
import unicodedata
from typing import Any

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "幺": 1,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}

_DIGIT_CHARS = "零〇幺一二三四五六七八九"
_NUMERAL_CHARS = "零〇幺一二两三四五六七八九十百千万"

# 工单一零二三 / 单号一零二三 / 编号一零二三 / T一零二三: digit-by-digit ticket numbers.
_TICKET_PREFIX_DIGITS = re.compile(rf"(工单号?|单号|编号|[Tt])([{_DIGIT_CHARS}]{{3,}})")
# 一零二三号: digit-by-digit number followed by 号.
_DIGITS_BEFORE_HAO = re.compile(rf"([{_DIGIT_CHARS}]{{3,}})(?=号)")
# 工单一千零二十三 / 一千零二十三号: positional numerals (>= 100) as ticket numbers.
_TICKET_PREFIX_POSITIONAL = re.compile(rf"(工单号?|单号|编号)([{_NUMERAL_CHARS}]+)")
_POSITIONAL_BEFORE_HAO = re.compile(rf"([{_NUMERAL_CHARS}]*[百千万][{_NUMERAL_CHARS}]*)(?=号)")
# Vote options: 第二个 / 第三项 / 选项二 / 方案三.
_ORDINAL_OPTION = re.compile(r"第([一二两三四五六七八九十])(?=个|项|种|条|号|选项|方案)")
_NAMED_OPTION = re.compile(r"(选项|方案)([一二两三四五六七八九十])(?![十百千万])")

_SAME_PUNCT_RUN = re.compile(r"([!?,.;:~。、，])\1+")
_MIXED_BANG_QUESTION = re.compile(r"([!?])[!?]+")
_WHITESPACE_RUN = re.compile(r"\s+")

_converter: Any | None = None
_converter_lock = threading.Lock()


def _t2s() -> Any:
    """Builds the OpenCC traditional → simplified converter once, lazily."""
    global _converter
    if _converter is None:
        with _converter_lock:
            if _converter is None:
                import opencc

                # BYVoid's opencc 1.4.x accepts both "t2s" and "t2s.json".
                _converter = opencc.OpenCC("t2s.json")
    return _converter


def _digits_to_arabic(numeral: str) -> str:
    """一零二三 → 1023 (digit by digit)."""
    return "".join(str(_CN_DIGITS[ch]) for ch in numeral)


def cn_numeral_to_int(numeral: str) -> int | None:
    """Parses a positional Chinese numeral (一千零二十三 → 1023, 十五 → 15).

    Returns None when the string is not a well-formed numeral.
    """
    if not numeral:
        return None
    if all(ch in _CN_DIGITS for ch in numeral):
        return int(_digits_to_arabic(numeral)) if len(numeral) > 1 else _CN_DIGITS[numeral]
    total = 0
    section = 0
    digit: int | None = None
    last_unit = 10**9
    zero_seen = False
    for ch in numeral:
        if ch in _CN_DIGITS:
            if digit is not None and _CN_DIGITS[ch] != 0:
                return None  # two digits in a row inside a positional numeral
            if _CN_DIGITS[ch] == 0:
                zero_seen = True
                digit = None
            else:
                digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            unit = _CN_UNITS[ch]
            if unit == 10000:
                section += digit or 0
                if section == 0:
                    return None
                total += section * unit
                section = 0
                last_unit = 10**9
            else:
                if unit >= last_unit:
                    return None
                if digit is None and unit != 10:
                    return None
                section += (1 if digit is None else digit) * unit
                last_unit = unit
            digit = None
            zero_seen = False
        else:
            return None
    if digit is not None and not zero_seen and 100 <= last_unit < 10**9:
        # Colloquial abbreviation: 一千二 = 1200, 两百三 = 230.
        digit *= last_unit // 10
    return total + section + (digit or 0)


def _convert_numerals(text: str) -> str:
    text = _TICKET_PREFIX_DIGITS.sub(lambda m: m.group(1) + _digits_to_arabic(m.group(2)), text)
    text = _DIGITS_BEFORE_HAO.sub(lambda m: _digits_to_arabic(m.group(1)), text)

    def positional(prefix: str, numeral: str, original: str) -> str:
        value = cn_numeral_to_int(numeral)
        if value is None or value < 100:
            return original
        return prefix + str(value)

    text = _TICKET_PREFIX_POSITIONAL.sub(lambda m: positional(m.group(1), m.group(2), m.group(0)), text)
    text = _POSITIONAL_BEFORE_HAO.sub(lambda m: positional("", m.group(1), m.group(0)), text)
    text = _ORDINAL_OPTION.sub(lambda m: "第" + str(cn_numeral_to_int(m.group(1))), text)
    text = _NAMED_OPTION.sub(lambda m: m.group(1) + str(cn_numeral_to_int(m.group(2))), text)
    return text


def normalize_text(text: str) -> str:
    """Normalises one message (see the module docstring)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = _t2s().convert(text)
    text = _convert_numerals(text)
    text = _SAME_PUNCT_RUN.sub(r"\1", text)
    text = _MIXED_BANG_QUESTION.sub(r"\1", text)
    text = _WHITESPACE_RUN.sub(" ", text)
    return text.strip()


def _opcodes(original: str, normalized: str) -> list[tuple[str, int, int, int, int]]:
    matcher = difflib.SequenceMatcher(None, original, normalized, autojunk=False)
    return matcher.get_opcodes()


def align_spans(original: str, normalized: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Maps [start, end) spans of `original` onto `normalized`.

    A span boundary that falls inside a rewritten region widens to cover the whole
    rewritten region, so an annotated entity never loses characters.
    """
    opcodes = _opcodes(original, normalized)

    def map_start(pos: int) -> int:
        for tag, i1, i2, j1, _j2 in opcodes:
            if i1 <= pos < i2:
                return j1 + (pos - i1) if tag == "equal" else j1
        return len(normalized)

    def map_end(pos: int) -> int:
        for tag, i1, i2, j1, j2 in opcodes:
            if i1 < pos <= i2:
                return j1 + (pos - i1) if tag == "equal" else j2
        return 0

    result = []
    for start, end in spans:
        new_start, new_end = map_start(start), map_end(end)
        # Skip leading/trailing spaces the mapping may have pulled in.
        while new_start < new_end and normalized[new_start].isspace():
            new_start += 1
        while new_end > new_start and normalized[new_end - 1].isspace():
            new_end -= 1
        result.append((new_start, new_end))
    return result

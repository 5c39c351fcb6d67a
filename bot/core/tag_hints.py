"""The household tag a visit's words mean when it asks for a tag without naming one ("H0003走访了 家里娃儿留守
加个标签" → 留守儿童): a known tag said outright, else one its words describe. Blind test 8, #48: the request was
silently ignored."""

from __future__ import annotations

import re
from collections.abc import Sequence

# Plain words for the basic tags (household_changes.BASIC_TAGS), checked in order.
HINTS = (
    (re.compile(r"留守.{0,6}(?:娃|孩|儿童|小孩|学生|崽)|(?:娃|孩|儿童|小孩|学生|崽).{0,6}留守"), "留守儿童"),
    (re.compile(r"留守.{0,6}老|老.{0,6}留守"), "留守老人"),
    (re.compile(r"独居|一个人住|一个人在家"), "独居老人"),
    (re.compile(r"空巢"), "空巢老人"),
    (re.compile(r"残疾|残障"), "残疾"),
    (re.compile(r"低保"), "低保"),
    (re.compile(r"新搬来|刚搬来|新搬迁"), "新搬迁户"),
)
# Asking for a tag with none named: 加个标签, 打个标签, 贴个标签, 标记一下.
ASKS_TAG = re.compile(r"(?:加|添|打|贴|标)个?(?:一个)?(?:上)?标签|标记一下")
ASK = "要加哪个标签？本次未加。请回“{code} 加标签 留守儿童”这样写明，可用如：{some}。"


def asks_for_tag(text: str) -> bool:
    return ASKS_TAG.search(text) is not None


def tag_meant(note: str, known: Sequence[str]) -> str | None:
    """The tag the words name or describe, when the household's community has it; else None."""
    said = [tag for tag in known if tag in note]
    if said:
        return max(said, key=len)
    return next((tag for hint, tag in HINTS if hint.search(note) and tag in known), None)

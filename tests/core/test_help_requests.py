"""Someone alone asking for a visit (bot/core/help_requests.py, blind test 35, E9, L9): for themselves it is a
request filed for the grid worker, named with her number; after a report about someone alone it joins that ticket."""

from __future__ import annotations

import pytest

from bot.core import help_requests


@pytest.mark.parametrize("text", [
    "我一个人住在安居苑 晚上怕得很 能不能有人经常来看看我",  # E9: the generic 居家养老 answer
    "老伴走了 我一个人住在安居苑984栋 能不能派个人来看看我",
    "我一个人住河畔花园 晚上睡不着 有没得人来陪陪我",
])
def test_someone_alone_asking_to_be_looked_in_on_asks_for_help(text: str) -> None:
    assert help_requests.asks_for_help(text) and help_requests.asks_visit(text)
    said = help_requests.opened_reply("T1024", "杨艳（13700000005）", text)
    assert said.startswith("收到，已请网格员杨艳（13700000005）") and "常来看看您" in said and len(said) <= 70, said


@pytest.mark.parametrize("text", ["能不能有人上门去看看她", "能不能派个人去看看他", "麻烦你们哪个上门去看一下她"])
def test_a_visit_asked_for_someone_else_is_a_visit_never_a_visit_to_the_sender(text: str) -> None:
    assert help_requests.asks_visit(text)
    said = help_requests.visit_joined_reply("T1024", "周明（13700000009）")
    assert "周明（13700000009）上门去看看" in said and "T1024" in said and len(said) <= 70, said
    assert "看看您" not in help_requests.opened_reply("T1024", "周明", text)


@pytest.mark.parametrize("text", [
    "能不能有人来看看路灯", "公园里能不能有人来看看", "我一个人住 阳光小区的路灯坏了 能不能有人来看看"])
def test_someone_to_look_at_a_thing_is_no_visit(text: str) -> None:
    assert not help_requests.asks_visit(text)


@pytest.mark.parametrize(("ticket", "alone"), [
    ("我妈80多了 一个人住在河畔花园", True),  # L9
    ("我爸八十多了 住在安居苑985栋", True),
    ("我婆婆九十了 一个人住在阳光小区986栋", True),
    ("安居苑987栋的楼道灯坏了", False),
    ("阳光小区3栋漏水漏了3天了", False),
])
def test_a_ticket_about_someone_old_or_alone_is_what_a_visit_joins(ticket: str, alone: bool) -> None:
    assert help_requests.about_someone_alone(ticket) is alone

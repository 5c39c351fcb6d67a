"""Follow-ups that can only be more of the report just made (blind test 36, issue 17), read by their words whatever
category the classifier guessed, so they join it and are never asked "是补充…，还是新问题？": the part of the place
(三楼到四楼那一截), the report's own estate said bare (河畔花园), the report put right (不是说物业费 是物业从来不扫地),
who passes there and the danger (小娃儿上学天天走那里过 好危险), what the report's water did (车上全是泥水), what
the person complained of said or did (她说不归她管 就把电话挂了); and a request about the report's
place (能不能在那里修个扶手嘛), never "请问在哪点？". Someone else keeping the sender out (小区保安不让外卖车进去) is a
matter of its own."""

from __future__ import annotations

import re

from bot.core import complaints, triage
from bot.core.other_problem import fresh_thing, own_problem, things_in
from bot.store.models import Ticket

_NUM = r"[一二两三四五六七八九十\d]+"
# 三楼到四楼那一截, 五楼到六楼那一段, 2楼那一层: which part of the report's place.
_SPAN = re.compile(rf"^(?:就是|是|在)?{_NUM}(?:楼|层)(?:到{_NUM}(?:楼|层))?(?:的|那|这)?(?:一)?(?:截|段|节|层|块|"
                   r"里|这里|那里|那儿|那点|那边)?(?:嘛|哦|噻|的)?$")
# 不是说物业费 是物业从来不扫地: the report put right, not another matter.
_PUT_RIGHT = re.compile(r"^(?:我)?不是说.{1,10}?[，,。\s]*(?:我说的)?是")
# 那里 / 那点 / 那儿: the report's place, with who passes there and the danger.
_THERE = re.compile(r"那里|那儿|那点|那边|那块|那个地方")
_PASSING = re.compile(r"走|过|路过|经过|上学|放学|上下班|买菜")
_DANGER_FELT = re.compile(r"危险|吓人|怕|遭不住|不安全")
# 车上全是泥水, 车子上头全是泥巴水: what the report's water did to what was there.
_WATERED = re.compile(r"泥水|泥巴水|脏水|全是水|都是水|淋湿|泡了|打湿")
_WATER = re.compile(r"漏水|渗水|滴水|积水|淹|冒水|水管|下水")
# She or he, of the person a complaint is about: what they said or did.
_THEY_DID = re.compile(r"[她他](?:说|讲|就|把|还|直接|根本|从来|不|态度|骂|凶|吼)")
# Who the report's doing hit (咬的是隔壁的小娃娃 已经去打针了 after 流浪狗 咬了人, blind test 37, Q11c: "是补充…？").
_WHO_IT_HIT = re.compile(r"([咬撞砸抓挠踢打])(?:的|到的|伤的|了的|倒的)是")
# The report's outage said again (一早上都没水 after 河畔花园好久来水嘛, blind test 37, B114: "请问在哪点？" and a
# second ticket): the same supply off, whatever words.
_OUTAGE = re.compile(r"(?:停|没得?|莫得|没有|断)了?(水|电|气)|(水|电|气)(?:停了|断了|没来|还没来|不来)")
# How it goes, asked (我那个停水的事情搞得咋样了嘛 咋个还莫得人来): the ticket's state and an urge, never a detail.
_ASKED_AFTER = re.compile(r"咋样|怎么样|如何|好久|啥时候|什么时候|几时|哪天|没人|莫得人|没得人|还没|还莫|事情|那个|催|"
                          r"来修|来弄|咋个还|怎么还|[？?]")
# Someone else keeping the sender out: 小区保安不让外卖车进去 (a rider's matter, answered for riders).
_KEPT_OUT = re.compile(r"(?:保安|门卫|物业|看门的)[^，,。\s]{0,4}(?:不让|不准|不许|拦着?|拦到)")
# A fix asked for at the report's place: 能不能在那里修个扶手嘛.
_FIX_THERE = re.compile(r"在(?:那里|那儿|那点|那边|那个地方|那)(?:修|装|安|弄|搞|加|做)")


def _estate_of(ticket: Ticket) -> str:
    place = ticket.place_text or ticket.text or ""
    found = re.match(r"[\u4e00-\u9fff]{2,6}?(?:小区|花园|苑|村|社区|家园|公寓)", place)
    return found.group(0) if found else ""


def of_the_report(ticket: Ticket, text: str) -> bool:
    """Whether `text`, said soon after the report `ticket`, can only be more of it (see the module docstring)."""
    plain = re.sub(r"\s+", " ", text).strip()
    report = ticket.text or ""
    off = _supplies_off(plain)
    if off and off <= _supplies_off(report) and not triage.has_danger(plain) and not _ASKED_AFTER.search(plain):
        return True
    if not plain or fresh_thing(report, plain) or own_problem(report, plain) or things_in(plain) - things_in(report):
        return False
    if _SPAN.match(plain.replace(" ", "")):
        return True
    estate = _estate_of(ticket)
    if estate and plain.rstrip("嘛哦噻的") == estate:
        return True
    if _PUT_RIGHT.search(plain):
        return True
    hit = _WHO_IT_HIT.search(plain)
    if hit is not None and hit.group(1) in report:
        return True
    if triage.has_danger(plain):
        return False
    if _THERE.search(plain) and _PASSING.search(plain) and _DANGER_FELT.search(plain):
        return True
    if _WATERED.search(plain) and _WATER.search(f"{report} {ticket.place_text or ''}") and len(plain) <= 12:
        return True
    return complaints.is_complaint(ticket) and _THEY_DID.search(plain) is not None


def _supplies_off(text: str) -> set[str]:
    return {m.group(1) or m.group(2) for m in _OUTAGE.finditer(text)}


def kept_out(report: str, text: str) -> bool:
    """Whether `text` says someone (保安, 门卫) keeps the sender out, a matter of its own after the report `report`."""
    found = _KEPT_OUT.search(text)
    return found is not None and found.group(0)[:2] not in report


def asks_fix_there(text: str) -> bool:
    """能不能在那里修个扶手嘛: a fix asked for at the report's place."""
    return _FIX_THERE.search(text) is not None

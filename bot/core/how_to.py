"""The replies to how-to and contact questions (triage.information_request names the kind): how to vote, send a
photo (a video: not taken), a location or a voice message, and the grid worker's published contact, whole; what a
grid worker does (网格员是干啥子的)."""

from __future__ import annotations

import re

HOW_TO_VOTE = "有议题在投票时，直接回复“赞成”“反对”或选项就行，截止前可改。回复“公告”看在投的议题。"
HOW_TO_PHOTO = "拍好照片直接发过来就行，跟着问题一起发或紧接着发，都会附到您的工单上。"
# No channel takes a video (MMS and WeChat images only, README): photos instead, or the words (blind test 31, B89b).
HOW_TO_VIDEO = "视频暂时收不到，请拍几张照片发过来，或用文字说清是什么问题、在哪里。"
# What the channels take (README): voice and locations on the WeChat Official Account (and locations on Telegram);
# SMS takes neither, so the place is said in words, and the grid worker can be called.
HOW_TO_LOCATION = "在微信公众号里点“+”选“位置”发来就行；发短信的话直接说小区和楼栋，比如“阳光小区3栋门口”。"


def voice_reply(name: str, phone: str, grid_worker: bool) -> str:
    """The answer to "可以发语音不": where a voice message is taken, and whom to call instead."""
    who = f"网格员{name}" if grid_worker else name
    return f"可以。在微信公众号里直接发语音，会转成文字交给网格员；不方便也可以打{who}电话{phone}。"


def contact_reply(name: str, phone: str, grid_worker: bool, someone_else: bool = False) -> str:
    """The answer to "what is my grid worker's number": their published contact, whole. Asked for anyone
    else's number, the same contact, saying others' numbers are not given out."""
    if someone_else:
        whom = f"您的网格员{name}" if grid_worker else name
        return f"这个电话不便提供，可以找{whom}（{phone}）帮您联系。"
    if grid_worker:
        return f"您的网格员是{name}，电话{phone}，有事可以直接打。"
    # Blind test 36, Q5b: a stranger was never asked where he lives; his estate named next gets its worker.
    return f"您还没有分到网格。您住哪个小区或村？说一声就告诉您网格员；急事找{name}，电话{phone}。"


# The estate management's number (安居苑的物业电话是好多; blind test 34, E35 got "这个电话不便提供"): a company's
# public number, where it is posted, never refused as a private one.
_ESTATE_OFFICE = re.compile(r"物业|物管|门卫|保安室|管理处")
ESTATE_OFFICE = "物业电话一般贴在小区公告栏、电梯口或单元门上；找不到可以问{whom}（{phone}）。"


def asks_estate_office(text: str) -> bool:
    """Whether a number asked for is the estate management's (物业电话是好多, 物管的号码)."""
    return _ESTATE_OFFICE.search(text or "") is not None


def estate_office_reply(name: str, phone: str, grid_worker: bool) -> str:
    """Where the estate management's number is posted, and whom to ask for it."""
    return ESTATE_OFFICE.format(whom=f"网格员{name}" if grid_worker else name, phone=phone)


# 网格员是干啥子的 (blind test 32, B127: the menu): what a grid worker does, and who the sender's is. Not who one is
# (网格员是哪个: the contact), nor a complaint (网格员管啥子用 喊了半天不来: the complaints step's, before).
_ROLE = re.compile(r"网格员(?:到底|究竟|平时|平常|一般|每天|主要)?(?:是|就是)?(?:干|做|管|负责|搞)(?:些|点)?"
                   r"(?:啥子?|什么|哪些|啥些)(?:事|工作|的|嘛|哦|呢|$)"
                   r"|网格员(?:是|就是)(?:个|一个)?(?:啥子?|什么)(?:人|意思|职务|工作|东西|官)?(?:嘛|哦|呢|啊)?$"
                   r"|网格员(?:有|是)?(?:啥子?|什么)(?:用|作用)"
                   r"|网格员(?:的)?(?:工作|职责|任务)(?:是|有)(?:啥子?|什么|哪些)"
                   r"|(?:啥子?|什么)(?:是|叫)网格员")
ROLE = "网格员管一片楼院：上门走访、收集大家的问题、帮着办事跑腿。"


def asks_grid_worker_role(text: str) -> bool:
    """Whether the words ask what a grid worker is or does (网格员是干啥子的, 网格员管些啥, 啥子是网格员)."""
    plain = re.sub(r"[\s，,。.!！~～?？]+", "", text or "")
    return len(plain) <= 24 and _ROLE.search(plain) is not None


def grid_worker_role_reply(name: str, phone: str, grid_worker: bool) -> str:
    """What a grid worker does, and the sender's own (else whom to ask) with the published number."""
    if grid_worker:
        return f"{ROLE}您的网格员是{name}，电话{phone}。"
    return f"{ROLE}有事发消息来，或找{name}{phone}。"

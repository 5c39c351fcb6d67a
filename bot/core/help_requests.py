"""Someone who cannot manage asking for everyday help at home ("我一个人住 腿脚不方便 能不能有人帮我买菜"): a
service request for the grid worker, filed as 养老助残 (elderly_care) so that someone actually comes, never a
question the knowledge base could not answer (blind test 26, B102 got "抱歉，这个问题我还答不上").

An elderly resident asking "can someone help me buy food" expects a person to come, not to be told that a service
team exists and to ask the grid worker themselves: the ticket puts it before that worker, who arranges it."""

from __future__ import annotations

import re

from bot.common.plain_text import plain

# A chore done for the asker: shopping, medicine, meals, cleaning, carrying.
_CHORE = (r"(?:(?:买|拿|取|开|送)(?:点|些|一点|几天的)?(?:菜|米|油|药|东西|饭)|做饭|煮饭|打扫|扫地|洗衣服?|"
          r"换煤气|换气罐|扛米|搬东西|挑水|倒垃圾|跑腿|理发|剪头发?|洗澡)")
# Asking someone to do it for me: 帮我买菜, 有人帮忙买药, 来帮我打扫一下, 给我送饭.
_ASKS_HELP = re.compile(rf"(?:帮我|帮下我|帮哈我|帮忙|帮一下|帮一哈|来帮|给我|替我|帮我们|帮老人)"
                        rf"(?:[^，,。！!？?\s]{{0,4}}?){_CHORE}")
# That the asker cannot do it themselves: alone, old, unable to walk or get out.
_CANNOT = re.compile(r"一个人住|独居|没人照顾|腿脚不方便|腿脚不好|腿不方便|走不动|下不了楼|下不来楼|出不了门|"
                     r"行动不便|瘫|年纪大了|岁数大了|老了|身体不好|病了|残疾|坐轮椅|眼睛看不见|子女不在|儿女不在")
OPENED = "收到，已请网格员{assignee}联系您，安排人帮忙。工单{number}。"
OPENED_UNASSIGNED = "收到，工单{number}已登记，街道会尽快安排人联系您帮忙。"
CATEGORY = "elderly_care"


def asks_for_help(text: str) -> bool:
    """Whether the message asks for a chore to be done for someone who cannot do it (帮我买菜 with 腿脚不方便)."""
    said = plain(text)
    return _ASKS_HELP.search(said) is not None and _CANNOT.search(said) is not None


def opened_reply(number: str, assignee: str) -> str:
    """"收到，已请网格员杨艳（137…）联系您，安排人帮忙。工单T1001。" — within one SMS part."""
    return OPENED.format(assignee=assignee, number=number) if assignee else OPENED_UNASSIGNED.format(number=number)

"""What to do about a trouble at home that is no work for a grid worker, asked (blind test 33): a bill grown too
high (B180: "我屋头电费咋个突然那么多" got 帮不上忙, then "电费一个月四百多 以前才一百多" was asked where; B99: "水费
太贵了 是不是表坏了" asked where though 河畔花园 was said), an old person's fall with a swelling asked about (B86:
"老人走路摔了一跤 手肿了 要紧不" was asked where and filed), a child bullied at school asked about (B40: "娃娃在学校
遭欺负了 咋个办" was asked where and filed, never told of the teacher or 12355). Answered at once, never filed."""

from __future__ import annotations

import re

from bot.common.plain_text import plain as _plain
from bot.core import triage

_ELECTRICITY = re.compile(r"电费|电表|电度|用电")
_WATER = re.compile(r"水费|水表|用水")
# Too much: 咋个这么贵, 突然那么多, 一个月四百多 以前才一百多, 翻了一倍, 是不是表坏了, 电表走得快.
_TOO_MUCH = re.compile(r"贵|那么多|这么多|恁个多|好多哦|突然|猛涨|涨了|翻了|翻倍|多了一倍|高得很|那么高|这么高|咋个高|"
                       r"以前才|以前只|原来才|原来只|平时才|平时只|上个月才|表坏|表有问题|表不准|表有毛病|"
                       r"走得快|走得特别快|转得快|[一二两三四五六七八九十几\d]+\s*百多?(?:块)?\s*(?:以前|原来|平时)")
# Charged too much by someone (物业乱收水费, 房东电费按两块钱一度收): a complaint for the classifier, never the meter.
_CHARGED_BY = re.compile(r"物业|房东|二房东|乱收|多收|加价|收我们|收我")
ELECTRICITY_BILL = ("电费突然多了：先看热水器、空调、电暖器是不是一直开起的；"
                    "关掉全部电器看电表还走不走，走就打供电局95598查表。")
WATER_BILL = "水费突然多了：关掉屋头全部水龙头，看水表还转不转，转就是管子漏了；怀疑表坏了打自来水公司请他们来校表。"

_FALL = re.compile(r"(?:摔|跌|绊|扑)(?:了|倒|到|伤|一跤|了一跤|一扑爬|了一扑爬)|扑爬|滑倒")
_SWOLLEN = re.compile(r"肿|痛|疼|青了|紫了|乌了|起包|起了个包|扭了|崴了")
# Worse than a swelling: 120, the emergency's (never this advice).
_FALL_HARM = re.compile(r"头|昏|晕|起不来|爬不起来|动不了|不能动|不会动|变形|骨头戳|流血|血流|不省人事|叫不应|喊不应")
FALL = "摔了肿痛：先别乱动伤处，用毛巾包冰块冷敷15分钟，尽快去医院拍个片；撞了头、起不来或变形了马上打120。"

_BULLIED = re.compile(r"(?:遭|被|挨|让)(?:人|同学|别个|高年级的?|几个人)?(?:欺负|霸凌|打|揍|勒索|要钱)|霸凌|欺负")
_SCHOOL = re.compile(r"学校|同学|班上|班里|老师|上学|放学|年级")
BULLIED = "娃娃在学校遭欺负：先稳住娃娃问清经过，尽快找班主任和学校处理；受了伤先看医生，严重的打110，也可打12355。"

_WHAT_TO_DO = re.compile(r"咋个办|怎么办|咋办|咋整|咋个整|咋弄|咋个弄|怎么整|怎么弄|啷个办|要紧|严重|有没有事|有事没得|"
                         r"有没得事|该咋|该怎么|找哪个|找谁|找哪里|管不管")
# A place told with the fall (安居苑门口, 路上): someone still lying there is a report, never only advice; 走路 is
# no place.
_PLACE = re.compile(r"\d+\s*(?:栋|幢|号楼|单元)|小区|花园|苑|村|组|街上|路上|路边|路口|马路|门口|广场|菜市")


def bill(text: str) -> str | None:
    """The meter check for an electricity or water bill grown too high (电费咋个突然那么多, 一个月四百多 以前才一
    百多, 水费太贵了 是不是表坏了); None for anything else (水费咋个交 is the knowledge base's)."""
    plain = _plain(text)
    if _TOO_MUCH.search(plain) is None or _CHARGED_BY.search(plain) or triage.has_danger(text):
        return None
    if _ELECTRICITY.search(plain):
        return ELECTRICITY_BILL
    return WATER_BILL if _WATER.search(plain) else None


def fall(text: str) -> str | None:
    """First aid for a fall with a swelling or a pain, asked about with no place (老人摔了一跤 手肿了 要紧不); None for
    a worse one (撞了头, 起不来: 120), one told with a place (a report) or anything else."""
    plain = _plain(text)
    if not (_FALL.search(plain) and _SWOLLEN.search(plain) and _WHAT_TO_DO.search(plain)):
        return None
    if _FALL_HARM.search(plain) or _PLACE.search(plain) or triage.has_danger(text):
        return None
    return FALL


def bullied(text: str) -> str | None:
    """Whom to turn to for a child bullied at school, asked about (娃娃在学校遭欺负了 咋个办); None for a fight
    going on (the emergency's) or anything else."""
    plain = _plain(text)
    if _BULLIED.search(plain) and _SCHOOL.search(plain) and _WHAT_TO_DO.search(plain) and not triage.has_danger(text):
        return BULLIED
    return None


def advice(text: str) -> str | None:
    """The advice for any of a bill grown too high, a fall with a swelling, a child bullied; else None."""
    return bill(text) or fall(text) or bullied(text)

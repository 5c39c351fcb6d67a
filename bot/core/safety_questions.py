"""A how-to or safety question asked during a report ("用水泼得不" after a bin on fire, "抽油烟机能开不" after a
smell of gas): answered with what is safe to do for that kind of danger, or honestly that we cannot say and to keep
away, never filed as a 补充 of the report (blind test 27, C8 and B74: "已补充到工单T1096").

Pure text: the follow-up rules (bot/core/followups.py) read it, the dialogue answers it."""

from __future__ import annotations

import re

# Doing something oneself (用水泼, 拿湿毛巾盖, 开抽油烟机, 把阀门关了), asked whether it is all right.
_ACTS = re.compile(r"用|拿|泼|浇|盖|捂|扑|关|开|碰|摸|拔|拉|按|踩|搬|挪|动|进去|靠近|过去|上去|下去|出去|待|呆|住|睡")
_ASKED = re.compile(r"(?:得不|得行不|行不行|行不|要得不|可以不|可不可以|能不能|能不|得不得|要不要|敢不敢|安不安全|"
                    r"危不危险|危险不|有没有危险|有事没得|会不会|咋个办|怎么办|咋办)(?:嘛|哦|哈|啊|呢|噻)?[?？]?$|"
                    r"^我?(?:能不能|可不可以|可以|能|要不要|敢)|(?:能|可以|敢)[^，,。\s]{0,8}不[?？]?$")
_PROBLEM_SAID = re.compile(r"坏|漏|堵|裂|垮|塌|吵|臭|没人|莫得人|好几天|一米|多长|多大|那么大")

_ELECTRIC = re.compile(r"电线|漏电|火花|插座|电箱|电表|电闸|配电|触电|短路|冒火花|电")
_GAS = re.compile(r"煤气|燃气|天然气|气味|液化气|气罐")
_FIRE = re.compile(r"着火|起火|烧|冒烟|点燃|火")
_WATER = re.compile(r"水管|爆管|漏水|水表|阀门|淹|漫")

ELECTRIC = "千万别用水或湿东西去碰，先拉总闸断电，人离远点，等电工来。冒火加大请马上打119。"
GAS = "别开关任何电器、别点火，先关气阀，开窗通风，人到外面等。味道大请马上打119。"
FIRE = "火小、不是电器着火，可以用水泼灭，注意别烫着；火大了或电器着火别靠近，马上打119。"
WATER = "可以先关总水阀，把电器和插座挪开，小心地滑。网格员会来处理。"
UNSURE = "这个我说不准，拿不准就先别动手，离远点注意安全，等网格员来看；情况变急请打110或119。"


def asks(text: str) -> bool:
    """Whether the message asks whether doing something is safe or how to keep safe (用水泼得不, 能不能拿湿毛巾去盖),
    and says no more of the problem."""
    plain = " ".join((text or "").split())
    if not plain or len(plain) > 24 or _PROBLEM_SAID.search(plain):
        return False
    return _ASKED.search(plain) is not None and _ACTS.search(plain) is not None


def answer(text: str, report_text: str) -> str:
    """What is safe to do, for the kind of danger the question or the report names; honestly unsure otherwise."""
    for said in (text, report_text):
        if _GAS.search(said):
            return GAS
        if _ELECTRIC.search(said):
            return ELECTRIC
        if _FIRE.search(said):
            return FIRE
        if _WATER.search(said):
            return WATER
    return UNSURE

"""Is it safe to do this? A question asked during a report or during the sender's open emergency ("用水泼得不" after
a bin on fire, "抽油烟机能开不" during a gas leak, "电梯能坐不" in a fire, "要不要给他拍背" while someone chokes):
answered with what is safe for that kind of danger, never filed as a 补充 (blind test 27, C8 and B74).

One detector (`asks`) and one table of drills by kind (`DRILLS`) for both: during an ordinary report the drill says
when to call for help (`answer`, or honestly that we cannot say); during an emergency it names the number the reporter
was told to call (`during_emergency`, `emergency_drill`). A bin on fire outdoors gets the small-fire drill, never the
indoor escape (blind test 28, A-C8); someone choking gets back blows and the Heimlich manoeuvre (B-K2a).

Pure text: the follow-up rules (bot/core/followups.py, bot/core/emergency_followups.py) read it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core import triage

QUESTION_MAX_CHARS = 30

# Doing something oneself (用水泼, 拿湿毛巾盖, 开抽油烟机, 把阀门关了, 坐电梯, 打个火, 给他拍背), asked whether it is
# all right.
_ACTS = re.compile(r"用|拿|泼|浇|盖|捂|扑|关|开|碰|摸|拔|拉|按|踩|搬|挪|动|坐|点火|点燃|点灯|点蜡烛|点烟|打个?火|拍|"
                   r"扶|抱|喂|进去|靠近|过去|上去|下去|出去|待|呆|住|睡")
_ASKED = re.compile(r"(?:得不|得行不|行不行|行不|要得不|可以不|能不|得不得行?|安不安全|危不危险|危险不|有没有危险|"
                    r"有事没得|会不会|咋个办|怎么办|咋办)(?:嘛|哦|哈|啊|呢|噻)?[?？]?$|"
                    r"^我?(?:能不能|可不可以|可以|能|要不要|敢)|要不要|能不能|可不可以|得不得行|敢不敢|该不该|用不用|"
                    r"(?:能|可以|敢|要|该)[^，,。\s]{0,8}(?:不|吗|嘛)(?:嘛|哦|哈|啊|呢|噻)?[?？]?$")
# More of the problem said (有一米多长, 好几天了), or something asked of us (能不能派人来看一下): no safety question.
_PROBLEM_SAID = re.compile(r"坏|漏|堵|裂|垮|塌|吵|臭|没人|莫得人|好几天|一米|多长|多大|那么大")
_OF_US = re.compile(r"你们|帮我|帮忙|派|来个?人|过来|快来|来修|来看|修|处理|管一下|查")

# The kinds of danger by their words, in the order a drill is chosen: a gas leak before anything that may spark it,
# someone choking before the rest, electricity before the fire it may start (电线冒火花), then fire, then a pipe.
_KINDS = (
    ("gas", re.compile(r"煤气|燃气|天然气|液化气|气罐|漏气|臭鸡蛋|气味")),
    ("choking", re.compile(r"噎|哽住|卡喉|鱼刺|卡(?:到|住|在|起)?了?(?:喉咙|嗓子|气管)|"
                           r"(?:吃|吞|喂)[^，,。\s]{0,8}(?:卡|哽)(?:到|住|起)")),
    ("electric", re.compile(r"电线|漏电|火花|插座|插头|电箱|电表|电闸|配电|触电|短路|电路|变压器")),
    # Tap water gone muddy or yellow (水还是浑的 能拿来洗衣服不, blind test 30, A14-11a got the small-fire drill from
    # the report's 烧开了能喝不): whether to drink or use it, before a fire's 烧 (烧开 boils the water).
    ("tap_water", re.compile(r"(?:自来水|水龙头|水)[^，,。！!？?\s]{0,8}(?:黄|浑|混|黑|发绿|怪味|异味|有沙|沙子|虫)|"
                             r"黄水|浑水")),
    ("fire", re.compile(r"着火|起火|失火|火|烧(?![开水饭菜])|(?<![油抽])烟(?!机)|焦|点燃")),
    ("water", re.compile(r"水管|爆管|漏水|水表|阀门|漫|冒水")),  # a pipe; a flood is no pipe to shut
)
# A small fire in the open (安居苑3栋门口垃圾桶着火了): water is fine if it is safe, never the indoor escape.
_IN_THE_OPEN = re.compile(r"垃圾桶|垃圾箱|垃圾堆|垃圾|草坪|草地|草丛|杂草|荒草|树叶|落叶|秸秆|火堆|纸箱|纸壳")
_INDOORS = re.compile(r"屋|家里|家头|楼道|楼梯|房间|室内|卧室|厨房|电梯|车里|店里|仓库|地下室|车库")


@dataclass(frozen=True)
class Drill:
    steps: str  # what is safe to do, for anyone
    report: str  # during an ordinary report: the steps and when to call for help
    emergency: str  # during an emergency, with the number to call


# "{steps}" and "{phone}" are filled in; every wording fits one SMS part.
_AT_ONCE = "请马上打{phone}，{steps}已通知值班人员。"
GAS = "千万别开关电器、油烟机和灯，别点火；能关燃气阀就关上，开窗通风，人到屋外等。"
ESCAPE = "别开电器、别坐电梯，用湿毛巾捂住口鼻赶快往外走。"
SMALL_FIRE = "火小、不是电器着火，可以用水泼灭，注意别烫着；火大了或电器着火别靠近，"
ELECTRIC = "千万别用手、水或湿东西去碰，人离远点；能拉总闸就先断电。"
WATER = "可以先关总水阀，把电器和插座挪开，小心地滑。"
TAP_WATER = "水没查清楚前先别喝、别煮饭，洗衣服冲厕所可以用；要喝就烧开或用桶装水，"
CHOKING = "让他弯腰，用掌根在两肩胛骨中间用力拍背5下；不行就从背后抱住他，拳头顶肚脐上方往上冲（海姆立克法）。"
DRILLS: dict[str, Drill] = {
    "gas": Drill(GAS, "{steps}味道大请马上打119。", _AT_ONCE),
    "choking": Drill(CHOKING, "{steps}还卡着请马上打120。", "{steps}还没打{phone}请马上打！"),
    "electric": Drill(ELECTRIC, "{steps}等电工来，冒火加大请马上打119。", _AT_ONCE),
    "fire": Drill(ESCAPE, "{steps}火大了请马上打119。", _AT_ONCE),  # indoors, during an emergency
    "small_fire": Drill(SMALL_FIRE, "{steps}马上打119。", "{steps}等{phone}来。已通知值班人员。"),
    "water": Drill(WATER, "{steps}网格员会来处理。", _AT_ONCE),
    "tap_water": Drill(TAP_WATER, "{steps}等网格员告诉您检查结果。", _AT_ONCE),
}
UNSURE = "这个我说不准，拿不准就先别动手，离远点注意安全，等网格员来看；情况变急请打110或119。"


def asks(text: str) -> bool:
    """Whether a short message asks whether doing something oneself is safe or how to keep safe (用水泼得不, 能不能拿湿
    毛巾去盖, 电闸要不要拉), says no more of the problem, asks nothing of us and names no danger of its own."""
    plain = " ".join((text or "").split())
    if not 0 < len(plain) <= QUESTION_MAX_CHARS or _PROBLEM_SAID.search(plain) or _OF_US.search(plain):
        return False
    return _ASKED.search(plain) is not None and _ACTS.search(plain) is not None and not triage.has_danger(plain)


def kind_of(*texts: str) -> str | None:
    """The kind of danger the first of `texts` naming one names (the report before the question: 打个火 asked during a
    gas leak is about the gas), else None."""
    for said in texts:
        for kind, words in _KINDS:
            if words.search(said or ""):
                return kind
    return None


def emergency_kind(emergency: str, category: str = "") -> str | None:
    """The kind of an emergency as its drill goes: a fire in the open is a small fire (a bin), any other the indoor
    escape; an emergency filed as 消防安全 that names no kind is a fire."""
    kind = kind_of(emergency) or ("fire" if category == "fire_safety" else None)
    if kind == "fire" and _IN_THE_OPEN.search(emergency) and not _INDOORS.search(emergency):
        return "small_fire"
    return kind


def emergency_drill(kind: str, phone: str) -> str:
    """The drill for an emergency of `kind` (a key of DRILLS), naming `phone`, the number its reporter was told to
    call."""
    drill = DRILLS[kind]
    return drill.emergency.format(steps=drill.steps, phone=phone)


def answer(text: str, report_text: str) -> str:
    """What is safe to do during an ordinary report, for the kind of danger the report names (else the question):
    the drill and when to call for help; honestly unsure otherwise."""
    kind = kind_of(report_text, text)
    drill = DRILLS.get("small_fire" if kind == "fire" else kind or "")
    return drill.report.format(steps=drill.steps) if drill is not None else UNSURE


def during_emergency(text: str, emergency: str, category: str, phone: str) -> str | None:
    """The drill for a safety question (`asks`) during an open emergency, naming the number to call; None when it is
    no such question or the emergency's kind has no drill (a fight: the question goes on)."""
    if not asks(text):
        return None
    kind = emergency_kind(emergency, category)
    return emergency_drill(kind, phone) if kind is not None else None

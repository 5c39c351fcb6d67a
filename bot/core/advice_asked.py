"""What to do, asked with nothing for a worker to fix (blind test 29, A14-12, A12-3):
an earthquake felt ("地震了 楼在晃 咋个办" was told 120 and asked where,
"刚才是不是地震了 我们要不要跑下楼" got 没太看懂), a dog bite or a cat scratch asked about
("遭狗咬了 狂犬疫苗去哪点打", "被猫抓了 要打针不" were asked where), a scratch that bled asked about (blind test 30,
A12-3b: "猫把我手抓出血了 要不要打疫苗" got the children's vaccinations), a rat bite (A12-3c: "遭老鼠咬了 要打针不"
was asked where, then filed): answered with what to do now, never filed and never asked where. A bite told with its
place ("遭狗咬了一口 流血了 在阳光小区19栋"), or a mauling, stays a report."""

from __future__ import annotations

import re

from bot.common.plain_text import plain as _plain
from bot.core import danger_signs

_QUAKE = re.compile(r"地震|震感|余震")
# Someone hurt or shut in by it: an emergency, never only advice.
_QUAKE_HARM = re.compile(r"压|埋|困|塌|垮|受伤|流血|出不来|救命")
QUAKE = "地震时先伏地、找桌子遮挡、手抓牢，别跳楼；晃停了再从楼梯下到空地，别坐电梯。有人受伤打120。"

_BITE_OR_SCRATCH = re.compile(r"(?:狗|犬|猫)[^，,。！!？?\s]{0,6}(?:咬|抓|挠)|(?:遭|被)(?:狗|犬|猫)")
# 要紧不, 咋整 (blind test 31, A12-3c: "娃娃遭老鼠咬了一口 要紧不" was asked where): asked what to do all the same.
_JAB_ASKED = re.compile(r"狂犬|疫苗|打针|打啥子针|打什么针|打不打|要不要打|哪点打|哪里打|在哪打|咋个办|怎么办|"
                        r"要紧|严重|有没有事|有事没得|有没得事|咋整|咋办|咋个整|咋弄|怎么整|啷个办")
_WHAT_TO_DO = re.compile(r"咋个办|怎么办|咋办|咋整|咋个整|咋弄|咋个弄|怎么整|怎么弄|啷个办|要紧|严重|有没有事|有事没得|"
                         r"有没得事|该咋|该怎么")
# A rat's bite: no rabies schedule of its own, a doctor says whether a jab is needed.
_RAT_BITE = re.compile(r"(?:老鼠|耗子|鼠)[^，,。！!？?\s]{0,6}(?:咬|抓)|(?:遭|被)(?:老鼠|耗子)")
RAT_ADVICE = "被老鼠咬了，先用肥皂水和清水冲洗伤口15分钟，再去医院看看，医生会说要不要打针。"
# A place told with the bite makes it a report (the dog is still there), and so does a bite that bled (blind test 27,
# B71: a 120 emergency); a scratch that bled asked about with the jab is not (猫把我手抓出血了 要不要打疫苗).
_TOLD_AS_REPORT = re.compile(r"栋|小区|花园|苑|门口|路|街|村|组|流浪|野狗|咬人")


SCRATCH_MAX_CHARS = 12


def advice(text: str) -> str | None:
    """The advice for an earthquake felt or a bite or scratch asked about, or a small one told (遭猫抓了一爪); None for
    anything else (a bite that bled, told, is a report that gets `bite_advice` before "where?")."""
    plain = _plain(text)
    if not plain:
        return None
    if _QUAKE.search(plain) and _QUAKE_HARM.search(plain) is None:
        return QUAKE
    # 遭狗咬了 流血了 咋个办 (blind test 32, A27 got a placeless ticket the duty officer closed as 误报): what to do
    # asked, the advice only; a bite that bled told, or asked only which jab, stays a report (blind test 17)
    bled_from_a_bite = "血" in plain and danger_signs.bitten(plain) and _WHAT_TO_DO.search(plain) is None
    asked = _JAB_ASKED.search(plain) is not None or _ONLY_TOLD.fullmatch(plain) is not None \
        or (danger_signs.dog_bite(plain) and not danger_signs.bitten(plain) and len(plain) <= SCRATCH_MAX_CHARS)
    # 遭猫抓了 流血了 (blind test 33, A73 was told 120): a scratch told alone, the advice
    if _BITE_OR_SCRATCH.search(plain) and asked and _TOLD_AS_REPORT.search(plain) is None \
            and not danger_signs.mauled(plain) and not bled_from_a_bite and not danger_signs.only_animals_bitten(plain):
        return danger_signs.BITE_ADVICE
    if _RAT_BITE.search(plain) and asked and _TOLD_AS_REPORT.search(plain) is None:
        return RAT_ADVICE
    return None


# A small bite or scratch told of oneself and nothing else (遭猫抓了一爪, 被狗咬了一下): what to do, never asked where.
_ONLY_TOLD = re.compile(r"(?:我|娃娃|孩子|小孩|我家[^\s，,]{0,3})?(?:遭|被)(?:狗|犬|猫|老鼠|耗子)(?:娃儿|儿)?"
                        r"(?:咬|抓|挠)(?:了|到)?(?:一口|一下|一爪|一爪爪|两口|两下|一哈)?(?:了|哦|嘛|啊)?")


def bite_advice(text: str) -> str:
    """What to do about any bite or scratch told with a report (遭狗咬了一口 出血了, 遭老鼠咬了): said at once, before
    the report's "where?" (blind test 31, A12-3b2: asked where, the advice only ever came with the ticket); "" for a
    mauling (an emergency) or anything else."""
    plain = _plain(text)
    if danger_signs.only_animals_bitten(plain):  # 狗把我家鸡咬死了: no person's wound (blind test 33, B179)
        return ""
    if danger_signs.minor_bite(plain) or (_BITE_OR_SCRATCH.search(plain) and not danger_signs.mauled(plain)):
        return danger_signs.BITE_ADVICE
    return RAT_ADVICE if _RAT_BITE.search(plain) else ""


# A stove that will not light, asked whether the gas ran out or is owed (blind test 31, B60b: "天然气打不燃火 是不是
# 欠费了" was asked where, then the question lost): what to check, said at once beside the report.
_NO_FIRE = re.compile(r"(?:打|点)(?:不|没)(?:燃|着|起)|燃不起|不起火|不出火|打不起火|点火点不")
_GAS = re.compile(r"燃气|天然气|煤气|灶|热水器")  # never 电瓶车打不着火
STOVE = "打不燃火先看燃气表或卡里还有没有气、欠没欠费，灶的电池有没有电；闻到气味别点火，马上打119。"


# Another cause said (水压小得很 热水器都打不燃, 不是燃气的问题; blind test 33, A40 got the gas check-list twice);
# 是不是燃气卡没钱了 asks whether it is the gas (A94).
_NOT_THE_GAS = re.compile(r"水压|水太小|水小|水流小|没得水|莫得水|没水|停水|停电|没电|"
                          r"(?<!是)不是(?:燃气|天然气|煤气|气)(?:的问题|的原因|的事|的毛病)?")


def stove_advice(text: str) -> str:
    """What to check when a gas stove will not light (the meter's balance, the igniter's battery; a smell of gas:
    119), "" for anything else or when another cause is said (水压太小, 不是燃气的问题)."""
    plain = _plain(text)
    return STOVE if _NO_FIRE.search(plain) and _GAS.search(plain) and not _NOT_THE_GAS.search(plain) else ""


# The gas's money asked about beside a stove that will not light (blind test 32, A26, A109: "燃气打不着火 是不是没交费"
# got 没太看懂, "燃气卡没钱了 打不燃火 咋个充" the check-list and "请问在哪点？"): what to check and how to top up,
# answered at once and never filed; told with a place (安居苑5栋), it stays a report with the check-list beside it.
_OWED = re.compile(r"交费|缴费|交钱|欠费|欠钱|没钱|没得钱|莫得钱|余额|充值|充钱|充气|买气|续费|"
                   r"(?:咋个|怎么|咋|哪点|哪里|在哪|去哪)充")
_TOP_UP_ASKED = re.compile(r"(?:咋个|怎么|咋|如何|哪点|哪里|在哪|去哪|到哪)(?:样)?(?:充|交|缴|买)|充值|充钱|买气|"
                           r"(?:卡|表)[^，,。！!？?\s]{0,3}(?:没钱|没得钱|莫得钱|没气|没得气|莫得气)")
_PLACE = re.compile(r"\d+\s*(?:栋|幢|号楼|单元)|小区|花园|苑|村|组|街|路")
GAS_TOP_UP = "燃气充值：带卡到燃气公司营业厅或银行充，也可在燃气公司微信公众号充，充好把卡插回表上就有气。"


def gas_money(text: str) -> list[str]:
    """What to say when a stove will not light and the gas's money is asked about, with no place named: how to top
    up, with the check-list first unless the card is known to be empty; [] for anything else."""
    plain = _plain(text)
    if not stove_advice(plain) or _OWED.search(plain) is None or _PLACE.search(plain) is not None \
            or danger_signs.suspected_gas_leak(plain):
        return []  # 有股煤气味: the emergency's
    return [GAS_TOP_UP] if _TOP_UP_ASKED.search(plain) else [STOVE, GAS_TOP_UP]


# "我要报警" with a crime told (blind test 29, A6-6: "我要报警 电瓶车遭偷了 安居苑" was filed, 110 never said):
# filed, and the police named.
_WANTS_POLICE = re.compile(r"报警(?![器铃灯装])|报案|找警察|喊警察")  # never 烟雾报警器坏了
CALL_POLICE = "要报案请直接打110，我们也记下了，网格员会跟进。"


def wants_police(text: str) -> bool:
    """Whether a report asks for the police (我要报警 …)."""
    return _WANTS_POLICE.search(_plain(text)) is not None


# A theft told, done (blind test 30, R11 and A6-6b: "我的电瓶车遭偷了", "我的电瓶遭人剪了" were filed, 110 never
# said): filed, and the police named as for 我要报警.
_THEFT = re.compile(r"(?:遭|被|让|给)(?:人|贼|小偷|贼娃子)?(?:偷|剪|撬|抢|顺走|拿走|偷走|割)|偷(?:了|走)|"
                    r"(?:进|来|遭)了?贼|(?:电瓶|电池|车|锁)[^，,。！!？?\s]{0,3}(?:不见了|没得了|没了)")


def theft_told(text: str) -> bool:
    """Whether words tell of a theft done (电瓶车遭偷了, 电瓶遭人剪了, 屋头进贼了)."""
    plain = _plain(text)
    return _THEFT.search(plain) is not None and not danger_signs.fight(plain)

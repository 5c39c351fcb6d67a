"""Words right after the bot answered what to do (a fever, a bite, a fall, a bill, gas money, a child bullied) that
bring nothing new (blind test 33): "好 我们马上去医院" after the fever advice (A12) gets a warm word, "在安居苑 娃娃读
三年级" after the bullying advice (B40) or "就在屋头 手背上抓了一道" after a scratch's (A73) is told the advice
stands; never "请问在哪点？" nor a ticket. A place said alone is `held_words.place_reply`'s, with `kind`."""

from __future__ import annotations

import re
from typing import Literal

from bot.common.plain_text import plain as _plain
from bot.core import advice_asked, after_report, danger_signs, home_advice, sick_child, triage

Kind = Literal["medical", "other"]

GOING = "好的，路上注意安全，祝早日康复！还有啥子事随时发消息给我们。"
STANDS_MEDICAL = "收到。按刚才说的先处理，尽快去医院，不用等人上门；还有别的事请直接说。"
STANDS = "收到。按刚才说的办就行；要网格员帮忙或还有别的事，请直接说。"

_GOING = re.compile(r"(?:去|到|上)(?:医院|卫生院|诊所|社区医院|疾控|防疫站|看医生|看病|打针|打疫苗|拍片)|"
                    r"(?:送|带)[^，,。！!？?\s]{0,4}(?:医院|卫生院|诊所)")
_ASKS = re.compile(r"[？?]|吗|嘛$|不$|没得$|没有$|啥|咋|怎|哪|好久|多少|要不要|能不能|可不可以|是不是|几时|什么")
AFTER_MAX_CHARS = 24  # more than a place or a word of thanks is a message of its own
# Where or how bad the hurt just advised on is (在屋头的 就是手指头抓破了, 手背上划了一道 出了点血; blind test 35, A73
# got 没太看懂): the hurt's own words, which read as a problem.
_HURT = re.compile(r"(?:狗|猫)(?:儿)?(?:咬|抓)(?:的|了)?|抓破|咬破|抓伤|咬伤|抓烂|咬烂|划破|擦破|破了?皮|"
                   r"出血|流血|见血|冒血|血|伤口|一道|一条口|口子|"
                   r"(?:手|脚|腿|指头|指甲|胳膊|手臂|手背|手腕|脸|脖子|肚子|屁股|背上)")
BITE_DETAIL = "破了皮就要当回事：马上用肥皂水和清水冲洗15分钟，24小时内去打狂犬疫苗，别拖。"


def kind(before: str) -> Kind | None:
    """Which advice `before` (the sender's message just before) was answered with, never filed: a hurt or an
    illness (medical), or a bill, gas money, a child bullied (other); None when it got none."""
    if not before:
        return None
    medical = sick_child.advice(before) or sick_child.fever_advice(before) or advice_asked.advice(before) \
        or home_advice.fall(before)
    if medical and medical != advice_asked.QUAKE:
        return "medical"
    if home_advice.bill(before) or home_advice.bullied(before) or advice_asked.gas_money(before):
        return "other"
    return None


def may_follow(text: str) -> bool:
    """Whether words could be a remark on advice just given (short, no problem, no question, no danger): the words
    first, before the message before them is looked up."""
    plain = _plain(text)
    return bool(plain) and len(plain) <= AFTER_MAX_CHARS and _ASKS.search(plain) is None \
        and not triage.has_danger(text) and not triage.has_problem(text)


def hurt_detail(text: str) -> bool:
    """Whether words only say where or how bad a hurt is (就是手指头抓破了): short, no question, no danger, and every
    problem in them the hurt's own."""
    plain = _plain(text)
    return bool(plain) and len(plain) <= AFTER_MAX_CHARS and _ASKS.search(plain) is None \
        and _HURT.search(plain) is not None and not triage.has_danger(text) \
        and not triage.has_problem(_HURT.sub("", plain))


def going(text: str) -> bool:
    """Whether words say one is off to a doctor (我们马上去医院, 这就带他去诊所): never a place (医院)."""
    return _GOING.search(_plain(text)) is not None


def reply(text: str, before: str) -> str | None:
    """The reply to `text` said right after `before` was answered with advice; None when `before` got none or the
    words bring something new."""
    given = kind(before)
    if given == "medical" and hurt_detail(text) and not going(text):
        # 就是手指头抓破了 after a bite's or scratch's advice: the wash and the jab, never 没太看懂 (bt 35, A73)
        bitten = advice_asked.bite_advice(before) == danger_signs.BITE_ADVICE
        return BITE_DETAIL if bitten else STANDS_MEDICAL
    if given is None or not may_follow(text):
        return None
    if going(text):
        return GOING
    if after_report.acknowledges(text):
        return None  # 好的 谢谢: small talk's, as after any answer
    return STANDS_MEDICAL if given == "medical" else STANDS


# Where to get the jab, asked right after a bite's advice (要去哪点打针嘛, 去哪里打狂犬疫苗; blind test 34, A9b got
# 答不上): the rabies clinic, whatever jab the words leave unnamed.
_WHERE = r"哪点|哪里|哪儿|哪个医院|哪家医院|在哪|去哪|到哪"
_WHERE_JAB = re.compile(rf"(?:{_WHERE})[^，,。！!？?\s]{{0,4}}(?:打针|打疫苗|打狂犬|打那个针|打预防针|打针针|打)|"
                        rf"(?:针|疫苗)[^，,。！!？?\s]{{0,4}}(?:{_WHERE})")
_OTHER_JAB = re.compile(r"流感|肺炎|新冠|乙肝|宫颈|带状|破伤风|麻疹|水痘|娃娃的|孩子的|小孩的")
JAB_PLACE = "狂犬疫苗去社区卫生服务中心或疾控中心的犬伤门诊打，越早越好，记得带身份证。"


def asks_where_jab(text: str) -> bool:
    """要去哪点打针嘛, 疫苗在哪里打: where to get a jab asked."""
    plain = _plain(text)
    return _WHERE_JAB.search(plain) is not None and _OTHER_JAB.search(plain) is None


def jab_place(text: str, before: str) -> str | None:
    """Where the rabies jab is given, when `text` asks where to get a jab and `before` (the sender's message just
    before) told or asked of a bite or scratch; else None."""
    if not asks_where_jab(text) or not before:
        return None
    return JAB_PLACE if advice_asked.bite_advice(before) == danger_signs.BITE_ADVICE else None

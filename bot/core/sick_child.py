"""A sick child's emergency asked about (blind test 28, B65: "我家孩子发高烧 40度 咋个办" got "答不上"; B65-2: "娃娃发烧
抽筋了" got the advice of an older 110 emergency): what to do now, 120 or the hospital, never filed. A seizure said
with the danger words an emergency already knows (抽搐, 叫不醒) stays that emergency."""

from __future__ import annotations

import re

from bot.common.plain_text import plain as _plain
from bot.core import triage

_CHILD = re.compile(r"娃|孩|小孩|小朋友|宝宝|婴儿|儿子|女儿|孙子|孙女|孙孙|外孙|幺儿|崽")
# A grown relative's fever is as urgent (blind test 31, A10-2b: "我外孙发烧39度多" got 没太看懂): said without 娃娃.
_GROWN = re.compile(r"老人|老汉|老妈|老娘|我妈|我爸|妈妈|爸爸|老伴|爷爷|奶奶|外公|外婆|婆婆|公公|老公|老婆|媳妇|"
                    r"姐姐|哥哥|弟弟|妹妹|老头|老太")
# 烧得脸通红 (blind test 31, A10-2b3: asked where): a fever said by its heat.
_FEVER = re.compile(r"发烧|发高烧|高烧|烧到|烧起|烧得|烧了|还在烧|(?:3[89]|4[0-2])(?:度|°|℃)|体温")
_HIGH = re.compile(r"高烧|(?:39|4[0-2])(?:\.\d)?(?:度|°|℃)|烧得好凶|烧得厉害|烧了?好几天|烧了?[两三四五几]天|"
                   r"退不下来|退不下去|退不了|降不下来|不退")  # 一直退不下去 (blind test 29, A10-2)
_FIT = re.compile(r"抽筋|抽风|抽起|翻白眼|惊厥|浑身发抖|手脚发抖")
FIT = "娃娃高烧抽筋请马上打120！让他侧躺，别往嘴里塞东西，别按住手脚。"
HIGH_FEVER = "娃娃烧到39度以上或精神不好，请马上送医院或打120；路上少穿点、别捂汗。"
GROWN_FEVER = "烧到39度以上或精神不好，请尽快去医院；抽筋、叫不醒、喘不上气马上打120。多喝水、别捂汗。"
# The medicine given and the fever not down: to the doctor now (blind test 31, A10-2b: "喂了退烧药 还是38度8").
STILL_HIGH = "吃了退烧药还不退，请尽快送医院看看；抽筋、叫不醒或精神很差马上打120。"


def advice(text: str) -> str | None:
    """What to do for a child (or a grown relative) with a fever and a fit (120 now) or a high fever (the hospital or
    120 now), the medicine not working (the doctor now); None for anything else, and for a danger the triage already
    makes an emergency."""
    plain = _plain(text)
    child = _CHILD.search(plain) is not None
    if not plain or not (child or _GROWN.search(plain)) or _FEVER.search(plain) is None or triage.has_danger(plain):
        return None
    if _FIT.search(plain):
        return FIT
    if _MEDICINE.search(plain) and _STILL.search(plain):
        return STILL_HIGH  # 娃娃烧得脸通红 喂了药也不退
    if _HIGH.search(plain):
        return HIGH_FEVER if child else GROWN_FEVER
    return None


# The fever still there after the medicine (吃了退烧药 还是38度5, 6 minutes after "我孙女发高烧 退不下来咋个办",
# blind test 30, A10-2b got 没太看懂): more of the same worry, the same advice again.
_STILL = re.compile(r"还是|还在|还有|没退|不退|退不|一直|又烧|又发|烧起来了")
_MEDICINE = re.compile(r"退烧药|退烧贴|布洛芬|美林|泰诺林|对乙酰氨基酚|退烧|喂了药|吃了药|喂药|吃药")


def says_more_fever(text: str) -> bool:
    """Whether the words alone may say more of a fever (a fit, a fever or its medicine; no danger): before the
    message just before is read (`more_of`)."""
    plain = _plain(text)
    return bool(plain) and not triage.has_danger(plain) and (
        _FIT.search(plain) is not None or _FEVER.search(plain) is not None or _MEDICINE.search(plain) is not None)


def more_of(text: str, before: str) -> str | None:
    """The advice again when `text` says more of the fever a message just `before` asked about (that one a sick
    child's, `advice`), without naming the child; None otherwise."""
    plain = _plain(text)
    if not says_more_fever(plain) or advice(before) is None:
        return None
    if _FIT.search(plain):
        return FIT
    if _MEDICINE.search(plain) and _STILL.search(plain):
        return STILL_HIGH  # 喂了退烧药 还是38度8: the doctor now
    said_fever = _FEVER.search(plain) is not None or _MEDICINE.search(plain) is not None
    return advice(before) if said_fever and (_STILL.search(plain) or _HIGH.search(plain)) else None


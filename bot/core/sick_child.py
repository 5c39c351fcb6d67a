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


# Any fever told or asked about (blind test 32, A30, A97: "我外孙女发烧38度5" got 没太看懂, "外孙女发烧了 烧了一晚上"
# was asked where and filed without a place): what to do at home and when to go, never filed nor asked where. A fever
# said by its heat alone (烧了一晚上) needs someone named; a jab's or a benefit's question is no fever to treat.
_FEVER_SURE = re.compile(r"发烧|发高烧|高烧|低烧")
_FEVER_SAID = re.compile(r"发热|体温")
_NOT_TREATED = re.compile(r"疫苗|预防针|打针后|医保|报销|能报|补助|补贴|请假|退了|退下来了|降下来了|不烧了|好了|好些了|"
                          r"几点|开门|上班|门诊|电话|号码")  # 发烧门诊几点开门: the health centre's question
# Words of a fire or a kitchen: 烧了 said of a thing burning (垃圾烧了一晚上, 我烧了壶水) is no fever.
_FIRE = re.compile(r"火|烟|垃圾|纸|柴|草|锅|房子|电线|电|车|树|煤|炉|香|蜡|水|饭|菜|肉")
FEVER = "发烧先多喝水、用温水擦身降温；38.5度以上按说明吃退烧药。烧得高、一直不退或精神差去医院，急就打120。"
# The fever medicine taken and the fever not down (吃了退烧药还是不退 咋个办), whoever has it.
# How the sick feel, no problem for a worker: left out before a report is looked for beside the fever.
_ILL = re.compile(r"病|痛|疼|晕|咳|吐|拉肚子|难受|不舒服|没精神")
_FEVER_MEDICINE = re.compile(r"退烧药|退烧贴|布洛芬|美林|泰诺林|对乙酰氨基酚|退烧")


def fever_advice(text: str) -> str | None:
    """What to do for any fever told or asked about (`advice` first for a fit or a high fever): the medicine not
    working, the doctor now; any other, the home care and when to go (FEVER); None for no fever, a danger the triage
    makes an emergency, or a fever's jab or benefit asked about."""
    plain = _plain(text)
    if not plain or triage.has_danger(plain):
        return None
    if _FEVER_MEDICINE.search(plain) and _STILL.search(plain):
        return STILL_HIGH  # 吃了退烧药还是不退 咋个办, nobody named
    if _NOT_TREATED.search(plain) or triage.has_problem(_ILL.sub(" ", plain)):
        return None  # 楼上吵得很 娃娃发烧了都睡不着: a report the fever is said beside
    someone = _CHILD.search(plain) is not None or _GROWN.search(plain) is not None or "我" in plain
    if _FEVER_SURE.search(plain) or ((_FEVER_SAID.search(plain) or (someone and _FEVER.search(plain)))
                                     and not _FIRE.search(plain)):
        return FEVER
    return None


# Asked what to do next about the fever (还要去医院不, 咋个办): the advice again.
_ASKS_NEXT = re.compile(r"医院|咋个办|咋办|怎么办|咋整|要不要|要紧|[吗嘛不][?？]?$")


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
    first = advice(before) or fever_advice(before)  # any fever just before (blind test 32, A97)
    if not says_more_fever(plain) or first is None:
        return None
    if _FIT.search(plain):
        return FIT
    if _MEDICINE.search(plain) and _STILL.search(plain):
        return STILL_HIGH  # 喂了退烧药 还是38度8: the doctor now
    said_fever = _FEVER.search(plain) is not None or _MEDICINE.search(plain) is not None
    if not said_fever or _NOT_TREATED.search(plain):
        return None  # 烧退了 好多了: good news, no advice again
    if _STILL.search(plain) or _HIGH.search(plain) or _ASKS_NEXT.search(plain):
        return advice(f"{before} {plain}") or first  # 现在烧到38度 还要去医院不 (blind test 32, A97)
    return None


"""Nuisances the classifier takes for emergencies (blind test 32): ordinary reports, never 110, 119 or 120, unless the
words name a real danger (bot/core/triage.py checks that first):

- rubbish dumped, littering, noise at night (晚上有人在小区里面偷偷倒建筑垃圾, 半夜还在装修 吵死了): nobody's life at
  stake, no crime in progress;
- a fire in use, a coal stove or paper burned on purpose (还在楼道烧蜂窝煤 有烟, 有人在河边烧秸秆): a hazard for
  the grid worker unless it spread (烧起来了, 烟好大);
- someone sleeping rough (有个流浪汉睡在安居苑门口 好冷 会不会冻到): the grid worker goes with blankets, the rescue
  station (救助站) takes them in; 120 only for someone who cannot be woken or is ill."""

from __future__ import annotations

import re

from bot.common.plain_text import plain as _plain

# Something alight or spreading: never a nuisance then.
_ALIGHT = re.compile(r"着火|起火|失火|火灾|烧起来|燃起来|烧起了|燃起了|着了|点燃|点着|引燃|冒火|火苗|明火|"
                     r"火好大|火很大|烧到|烧过来|蔓延|爆炸|炸了|"
                     r"烟好大|好大的烟|烟子好大|烟大得很|烟子大得很|浓烟|冒黑烟|全是烟|好多烟")

# Rubbish, rubble or sewage dumped, littering, noise: 乱倒, 偷偷倒建筑垃圾, 倒渣土, 排污水, 吵得睡不着.
_NUISANCE = re.compile(r"倒[^，,。！!？?\s]{0,3}(?:垃圾|渣土|建渣|土|废料|剩饭|泔水|污水|粪)|乱倒|偷倒|乱扔|乱丢|乱甩|"
                       r"乱堆|偷排|乱排|排污|(?:扔|丢|甩)[^，,。！!？?\s]{0,2}垃圾|"
                       r"噪音|太吵|好吵|吵得|吵死|吵人|吵到|放音乐|放歌|唱歌|广场舞|装修|打麻将|喇叭|狗叫|乱停|小广告")

# A fire in use, on purpose: a coal stove, briquettes, a brazier, paper, rubbish or straw burned.
_IN_USE = re.compile(r"蜂窝煤|煤球|烧煤|煤炉|炉子|火盆|烤火|生火|烧柴|烧纸|烧香|烧钱纸|"
                     r"烧(?:了|起)?(?:点|些|一堆)?(?:垃圾|秸秆|稻草|树叶|落叶|杂草|草|塑料|轮胎|电线皮)")

# Someone sleeping rough, and what would make them someone to save.
_ROUGH = re.compile(r"流浪汉|流浪的|流浪人员|流浪者|流浪老人|流浪(?=[^，,。！!？?\s狗猫]{0,2}(?:睡|躺))|"
                    r"乞丐|讨口子|叫花子|要饭的|讨饭的|拾荒的|捡垃圾的")
_SLEEPS = re.compile(r"睡|躺|过夜|住在|蹲在|歇")
_ILL = re.compile(r"喊不醒|叫不醒|喊不应|叫不应|喊他不|不动|没气|没得气|呼吸|病|发烧|晕|昏|吐|抽搐|抽筋|血|伤|"
                  r"冻僵|冻晕|冻伤|冻坏了|喝醉|醉|路中间|路当中|马路上|车道|救命|不行了|死")
_WORRY = re.compile(r"(?:会不会|怕|担心|要|莫)[^，,。！!？?\s]{0,3}冻死")


# Someone dumping (深更半夜有人开车来倒垃圾): a problem told, never 垃圾倒哪里 asked.
_DUMPED = re.compile(r"(?:有人|哪个|谁|人家|别个|外面的人)[^，,。！!？?]{0,12}"
                     r"倒[^，,。！!？?\s]{0,3}(?:垃圾|渣土|建渣|废料|剩饭|泔水|污水|粪)")


def dumped(plain: str) -> bool:
    """Someone said to dump rubbish, rubble or slops (有人开车来倒垃圾): a problem to report."""
    return _DUMPED.search(plain) is not None


# A din at night from music or dancing (河畔花园晚上跳广场舞音响开得好大声 十点了还在跳): a nuisance told, never the
# 老年大学/活动室 answer (blind test 35, E4n).
_DIN_SOURCE = re.compile(r"音响|音箱|音乐|喇叭|广场舞|坝坝舞|跳舞|唱歌|卡拉ok|k歌|放歌")
_DIN_LOUD = re.compile(r"大声|好大|太大|声音大|开得|吵|震|扰民|半夜|十点|十一点|十二点|还在跳|还在唱|还在放|睡不着")


def din(plain: str) -> bool:
    """Music or dancing too loud or too late (音响开得好大声, 十点了还在跳): a nuisance to report."""
    return _DIN_SOURCE.search(plain) is not None and _DIN_LOUD.search(plain) is not None


def dumping_or_noise(plain: str) -> bool:
    """Rubbish dumped, littering or noise complained of, nothing alight: a report."""
    return _NUISANCE.search(plain) is not None and _ALIGHT.search(plain) is None


# A coal stove or a brazier: its smoke, however thick, is the fumes of a fire in use (楼道烧蜂窝煤 烟子大得很, blind
# test 33, A46 was told 110): the stove to move and the air to let in, unless flames, spread or someone overcome.
_STOVE = re.compile(r"蜂窝煤|煤球|煤炉|烧煤|炉子|火盆|烤火|炭火|烧炭|木炭")
_FLAME = re.compile(_ALIGHT.pattern.split("|烟好大")[0])
_OVERCOME = re.compile(r"晕|昏|倒|不醒|喊不应|叫不应|头痛|头疼|想吐|呕|中毒|呼吸|喘不|救命|不行了")


def stove_smoke(plain: str) -> bool:
    """A coal stove or a brazier in use and only its smoke said (烟子大得很), no flame, spread or anyone overcome."""
    return _STOVE.search(plain) is not None and _FLAME.search(plain) is None and _OVERCOME.search(plain) is None


# Burning as a habit (我家隔壁天天烧东西 烟大得很, blind test 34, Q26 was told 119): its smoke is a nuisance to report
# to the grid worker, unless flames, spread or someone overcome.
_HABIT = re.compile(r"天天|每天|每晚|经常|老是|总是|一直都|隔三差五|三天两头|隔几天|时不时|动不动")


def chronic_burning(plain: str) -> bool:
    """Something burned as a habit (天天烧东西) and only its smoke said, no flame, spread or anyone overcome."""
    return _HABIT.search(plain) is not None and "烧" in plain and _FLAME.search(plain) is None \
        and _OVERCOME.search(plain) is None


def fire_in_use(plain: str) -> bool:
    """A coal stove, a brazier, paper or rubbish burned on purpose (烧蜂窝煤 有烟), nothing said to spread: a report."""
    return (_IN_USE.search(plain) is not None and (_ALIGHT.search(plain) is None or stove_smoke(plain))) \
        or chronic_burning(plain)


def sleeping_rough(plain: str) -> bool:
    """A homeless person sleeping out (流浪汉睡在门口 好冷), no sign of illness (喊不醒, 不动, 喝醉), not in the
    road."""
    if _ROUGH.search(plain) is None or _SLEEPS.search(plain) is None:
        return False
    return _ILL.search(_WORRY.sub("，", plain)) is None


def no_emergency(text: str) -> bool:
    """Whether words are a nuisance, never an emergency whatever the classifier guessed (dumping, noise, a coal stove
    in use, someone sleeping rough). The caller checks danger words first."""
    plain = _plain(text)
    return dumping_or_noise(plain) or fire_in_use(plain) or sleeping_rough(plain)


STOVE_SMOKE = "烧煤的烟有一氧化碳，请先开窗通风，人别待在烟里；有人头晕、想吐或起火请马上打120或119。"


def stove_smoke_advice(text: str) -> str:
    """What to do about a coal stove's smoke beside its report (air, keep out of it; 120 or 119), "" for anything
    else."""
    return STOVE_SMOKE if stove_smoke(_plain(text)) and _IN_USE.search(_plain(text)) else ""


ROUGH_SLEEPER = "天冷，已请网格员去看看、送点衣被，也会联系救助站接他；人喊不醒或生病了请马上打120。"


def rough_sleeper_advice(text: str) -> str:
    """What happens for someone sleeping rough, told beside the report; "" for anything else."""
    return ROUGH_SLEEPER if sleeping_rough(_plain(text)) else ""

"""Which number an emergency's reporter is told to call first, and its category when the classifier could not
place it: an ambulance for someone hurt, the police for a fight, a theft or someone missing, the fire brigade's
rescue for people trapped by water, fire or a collapse, the lift's rescue for people shut in a lift."""

from __future__ import annotations

import re

from bot.core import danger_signs, person_danger, triage
from bot.core.nobody_hurt import without_nobody
from bot.core.person_danger import without_still_machine
from bot.core.routing_rules import RoutingRules

# Someone hurt (hit by a car, fallen, bleeding, unconscious): an ambulance first, whatever else the emergency
# is, except a fire (119 brings both). Blind test 3, #53: a person hit by a car was told 110; blind test 4,
# #10 and #46: someone hurt where the police are needed too (a crash, a fight) is told 120 and 110.
_HURT = re.compile(r"受伤|伤到|流血|见血|流.{0,3}血|头.{0,2}打破|头破|出血|"
                   r"撞倒|撞到人|撞了人|被撞|撞了|车祸|昏迷|晕倒|晕过去|不省人事|"
                   f"(?<![{triage.STATE_VERBS}])倒起|"
                   r"倒在地|" + triage.POISONED + "|"
                   r"躺在地|躺起|摔倒|摔了|跌倒|没气|没得气|不动|不醒|抽搐|骨折|"
                   r"血流|一地的?血|满地.{0,2}血|好多血|脑壳.{0,3}(?:打破|打烂|破了|开花)|起不来|爬不起来|"
                   # a head hit with a bottle (拿酒瓶子砸脑壳, blind test 24, B102 was told 110 only)
                   + triage.HEAD_HIT)


def hurt(text: str) -> bool:
    """Someone hurt; a thing fallen over (电杆倒起了, blind test 23, N58) is nobody hurt, nor is 没伤到人.
    Someone fallen from a building is hurt (有个娃娃从楼上掉下来了, blind test 25 was told 119 only)."""
    if person_danger.fell_from_height(text) or danger_signs.hurt_in_fight(text) \
            or danger_signs.tried_to_end_life(text) or danger_signs.mauled(text):
        return True  # 两个人在打架 有个已经倒了 (blind test 26): someone down in a fight
    found = {m.group(0) for m in _HURT.finditer(without_still_machine(without_nobody(text)))}
    return bool(found) and not (found <= {"倒起"} and person_danger.thing_fell(text))
AMBULANCE = "120"
# Someone in the water: the police, an ambulance and the fire brigade's water rescue (blind test 5, #98).
# 小娃娃掉到安居苑后面那个水塘里了 (blind test 36, M4b was told 110 only): fallen into a pond or river named on.
_DROWNING = re.compile(r"溺水|掉河|掉水里|掉进水|掉进河|掉塘|掉到河|掉到水|落水|淹到人|"
                       r"掉(?:到|进|在|下)[^，,。！!？?\s]{0,12}(?:水塘|池塘|鱼塘|河|水库|水沟|水坑|塘)(?:里|头|中)")
WATER_RESCUE = "110、120和119"


def drowning(text: str) -> bool:
    """Someone in the water (落水, 河里有个娃娃掉下去了: blind test 27, B64 was told 110 only)."""
    return _DROWNING.search(text) is not None or danger_signs.in_water(text)
PERSON_DOWN = "120和110"
# A gas smell with someone down: the fire brigade for the gas and an ambulance (blind test 7, #38 was told 120 only).
_GAS = re.compile(r"煤气|燃气|天然气|液化气")
GAS_AND_HURT = "119和120"


# People shut in a lift ("关了两个人在里头 按警铃莫得人应", blind test 8, #51 was told 110 and filed 【治安】): the
# building's (电梯, 房屋水电气), the lift's own rescue number or 119.
_TRAPPED = re.compile(r"(?:关|困)(?:了|到|住|起)?.{0,4}人|(?:关|困)在(?:里头|里面|电梯)|"
                      r"(?:人|我)被?(?:关|困)(?:住|起|到)")
_LIFT = re.compile(person_danger.LIFT_WORDS + r"|警铃")
LIFT_RESCUE = "电梯救援电话或119"
# A theft or a beating, for the police when the classifier could not place it (救命啊, then 我屋头进贼了 or 我遭人打了,
# blind test 25, A58 and A45).
_FOR_POLICE = re.compile(r"偷|撬|抢|进贼|有贼|小偷|遭人打|被人打|挨打|打人|打架|打起来")
LIFT_HEAD = "电梯困人："
# A thief or a robber there now: the police, never the fire brigade for a 救命 in it.
# Someone climbing in at the window (有人在翻我屋头窗子) is one too.
_THEFT = re.compile(r"小偷|进贼|有贼|贼娃子|贼来了|入室|撬门|撬锁|撬窗|抢劫|抢东西|偷东西|" + triage.INTRUDER)
# People trapped by water, fire or a collapse ("河滨路涨水了 一家人被困在屋头", blind test 22, #14 was told 110 only):
# the fire brigade's rescue, and the police too when there is a crime or a fight in it.
_STUCK = re.compile(r"被困|困在|困到|困住|出不来|逃不出|跑不出|围住")
_BY_WHAT = re.compile(r"水|淹|洪|火|烟|烧|塌|垮|埋|压")
_CRIME = re.compile(r"偷|撬|抢|贼|打架|打人|打起来|遭人打|被人打|挨打|砍|刀|追|群架|群殴|砖头|砖块|棍|钢管")
RESCUE = "119"
POLICE = "110"
_LIVE_WIRE = re.compile(r"电线.{0,4}(?:拖在地|掉在地|掉到地|落地|垂到地|拖到地|断了)|电线?杆.{0,2}倒")
RESCUE_AND_POLICE = "119和110"
ON_FIRE = re.compile(r"着火|起火|失火|火灾|烧起来|燃起来|爆燃|冒黑烟|浓烟|火好大")


_FIRE = re.compile(r"火|烟|烧|煤气|燃气|天然气")
_CHOKING = re.compile(r"噎住|噎到|哽住|卡(?:到|住|在)?了?(?:喉咙|嗓子|气管)")


def choking(text: str) -> bool:
    """Someone choking on food (噎住了 喘不过气): an ambulance."""
    return _CHOKING.search(text) is not None


def trapped_by_disaster(text: str) -> bool:
    """People trapped by water, fire or a collapse, not in a lift."""
    return _STUCK.search(text) is not None and _BY_WHAT.search(text) is not None and not lift_trapped(text)


def lift_trapped(text: str) -> bool:
    """People shut in a lift: trapped words with the lift or its alarm bell named, or someone still inside a
    stopped lift ("电梯卡到半中间了 里头还有人", blind test 9, #45)."""
    return (_TRAPPED.search(text) is not None and _LIFT.search(text) is not None) \
        or person_danger.lift_with_people(text)


def category_for(category: str, text: str) -> str:
    """The emergency's category when the classifier could not place it (其他): someone in the water is the
    police's rescue, a theft or a beating the police's, someone possibly down at home elderly care; people shut in a
    lift the building's, whatever the classifier said. A beating, someone about to end their life or someone missing
    is never 消防安全 for a 救命 in it (blind test 27, A77a was told 119); someone in the water may be (its rescue)."""
    if (lift_trapped(text) or person_danger.lift_out_of_order(text)) and not hurt(text):
        return "housing_utilities"  # 电体不动了 with nobody in it too (blind test 31, B26b): a lift to fix
    if danger_signs.in_labour(text):
        return "health"  # 羊水好像破了 (blind test 30, B66): an ambulance, whatever the classifier guessed
    if danger_signs.thing_burning(text) and not danger_signs.fight(text):
        return "fire_safety"  # 垃圾桶在烧 (blind test 30, A12-4b): the fire brigade's
    if danger_signs.child_beaten(text) and not _FIRE.search(text):
        return "public_security"  # 大人拿皮带抽娃娃 (blind test 29, A77b was told 120): the police's
    if danger_signs.lying_in_the_road(text) and not hurt(text):
        return "public_security"  # 醉鬼躺在路中间 (blind test 29, B39)
    if choking(text):
        return "health"  # 老汉吃饭噎住了 喘不过气 (blind test 29): an ambulance
    if ON_FIRE.search(text) and not danger_signs.fight(text) and not drowning(text):
        return "fire_safety"  # 垃圾桶燃起来了 (blind test 29, A12-4 was told 110): the fire brigade's
    if danger_signs.arson(text):
        return "fire_safety"  # 有人放火烧车 (blind test 28, B78): a fire, whatever the classifier guessed
    if danger_signs.shut_in_car(text):
        return "public_security"  # 车里关了个娃娃 (blind test 28, B39): never 道路设施
    if danger_signs.about_to_end_life(text) and not danger_signs.tried_to_end_life(text):
        return "public_security"  # 说活不下去了 要喝农药: the police's to talk down, whatever the classifier guessed
    if category in ("other", "fire_safety") and not drowning(text) and (
            danger_signs.beating_not_fire(text) or danger_signs.about_to_end_life(text)
            or person_danger.missing_person(text)):
        return "public_security"
    if _THEFT.search(text) and not _FIRE.search(text) and not hurt(text) and not lift_trapped(text):
        return "public_security"  # 救命 我屋头进小偷了 人还在屋头 (blind test 33, B111 was told 119): the police's
    if category in ("other", "fire_safety") and danger_signs.mauled(text):
        return "health"  # 小孩被狗咬了脸 (blind test 27, B71's mauling kept): an ambulance
    if category != "other":
        return category
    if drowning(text) or _FOR_POLICE.search(text) or person_danger.missing_person(text) \
            or _LIVE_WIRE.search(text) or danger_signs.fight(text):
        return "public_security"
    if danger_signs.suspected_gas_leak(text):
        return "fire_safety"  # 屋头有股臭鸡蛋味 怕是天然气漏了 (blind test 26)
    return "elderly_care" if person_danger.may_be_down(text) else category


def number_to_call(rules: RoutingRules, category: str, text: str) -> str:
    """The number (or numbers, "120和110") to call first for an emergency in `category` described as `text`."""
    if drowning(text):
        return WATER_RESCUE
    if danger_signs.about_to_end_life(text):  # 怕是要跳楼, 想不开 (blind test 27, B63): the police; hurt, 120 too
        return PERSON_DOWN if hurt(text) else POLICE
    if danger_signs.arson(text) or danger_signs.shut_in_car(text):
        return RESCUE_AND_POLICE  # a fire set on purpose, someone shut in a car (blind test 28): 119 and the police
    if danger_signs.lying_in_the_road(text) and not hurt(text):
        return POLICE  # 醉鬼躺在路中间 (blind test 29, B39): the police to move him off the road
    if danger_signs.child_beaten(text) and not _FIRE.search(text):
        return PERSON_DOWN if hurt(text) else POLICE  # a child beaten (blind test 29, A77): 110, 120 too when hurt
    if choking(text):
        return AMBULANCE
    if danger_signs.mauled(text):
        return AMBULANCE  # mauled by a dog: an ambulance, never the police
    if (person_danger.missing_person(text) or _LIVE_WIRE.search(text)) and not hurt(text):
        return POLICE  # a missing person, a live wire on the road (blind test 23, N14 and N58): never 120
    if lift_trapped(text) and not hurt(text):
        return LIFT_RESCUE
    if danger_signs.fight(text) and category != "fire_safety" and not trapped_by_disaster(text):
        return PERSON_DOWN if hurt(text) else POLICE  # a beating at home is the police's (blind test 26 got 120)
    if _GAS.search(text) and hurt(text):
        return GAS_AND_HURT
    if trapped_by_disaster(text):
        return RESCUE_AND_POLICE if _CRIME.search(text) else RESCUE
    if danger_signs.lying_out(text) and not _CRIME.search(text):
        return PERSON_DOWN  # someone lying out in the cold (blind test 26): an ambulance and the police
    if person_danger.may_be_down(text):  # possibly down behind a locked door: an ambulance, and the police to open it
        return PERSON_DOWN
    if hurt(text) and _CRIME.search(text) and category != "fire_safety":
        return PERSON_DOWN  # hurt in a fight or a robbery: an ambulance and the police, whatever the category said
    usual = rules.emergency_number(category)
    if category == "fire_safety" or not hurt(text) or usual == AMBULANCE:
        return usual
    return f"{AMBULANCE}和{usual}" if usual == "110" else AMBULANCE


# Who is on the spot for each number the reporter was told to call: an answer mid-emergency names them (blind test 28,
# A-B99-2b: "以消防员…为准" during a beating, 110's).
_RESPONDERS = (("110", "警察"), ("120", "医护人员"), ("119", "消防员"))


def responders(phone: str) -> str:
    """Who comes for `phone` ("120和110" → "警察、医护人员"); "" for none of theirs (电梯救援电话或119: the lift's)."""
    return "、".join(who for number, who in _RESPONDERS if number in phone and "电梯" not in phone)

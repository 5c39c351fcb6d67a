"""Words that name a problem only in context, and what a thing named alone is (blind test 23, #5).

- 歪起了 要倒不倒, 停了两天了 没得水: a thing leaning or a supply cut is a problem, unless the message asks something
  (电瓶快没电了 哪点能充 is the riders' battery question, never a report);
- 安居苑6栋的楼道灯, 我们院子头那个自来水: a thing alone, held and asked what is wrong with it, only when the message
  is one phrase and says nothing of trouble (门口有个坑 下雨全是水 is a whole report).
"""

from __future__ import annotations

import re

_IN_CONTEXT = re.compile(
    r"歪起|斜起|歪倒|要倒|倒不倒|偏起|停起|没得水|莫得水|没得电|莫得电|"
    r"(?:水|电|气)停了|停了(?:[一两三四五六七八九十几半\d]+(?:天|个?小时|个?月|周|个?星期)|好久|好几天|一?整天)")
# Asking, not telling: where, how, when, may I.
_ASKED = re.compile(r"哪点|哪里|哪儿|哪个地方|咋个|咋办|咋弄|怎么|怎样|如何|好久|多久|几时|啥时候|什么时候|"
                    r"请问|问一下|问一哈|问下|想问|能不能|可不可以|行不行|可以[^，,。\s]{0,12}(?:不|吗|嘛)$|吗|[?？]")
# Trouble words beside a thing: never the thing alone (坑, 全是水, 漫出来).
_TROUBLE = re.compile(r"坑|洞|全是|都是|到处|漫|冒|积|淹|溢|垮|歪|斜|倒|停|没得|莫得|没有|不得")

THING = (r"(?:楼道灯|路灯|声控灯|灯|自来水|水管|水龙头|"
         r"天然气表|燃气表|煤气表|气表|水表|电表|电梯|门禁|大门|单元门|铁门|井盖|下水道|化粪池|垃圾桶|"
         r"垃圾站|垃圾池|电线杆|电杆|电线|线杆|红绿灯|路面|桥面|围墙|护栏|树|健身器材|充电桩|充电柜|监控|天然气|燃气|"
         r"暖气|水|电|网|信号|楼梯|扶手|排水沟|水沟|消防栓|灭火器|车棚|停车场)")


# A stove or a water heater that will not light (燃气灶打不燃火了, 热水器点不着火): a fault, never a fire, though
# 着火 and 起火 are in the words (blind test 25: "我家燃气灶打不燃火了" was told 119).
_WONT_LIGHT = re.compile(r"(?:打|点|燃|生)不(?:燃|着|起|上)火?|不(?:起|着|燃)火")


def wont_light(plain: str) -> bool:
    return _WONT_LIGHT.search(plain) is not None


def without_wont_light(plain: str) -> str:
    """The words less "打不燃火", "点不着火": what is left may still name a danger (煤气味)."""
    return _WONT_LIGHT.sub("，", plain)


# A meter that will not turn or shows wrong (燃气表不走字了, 电表乱跳): a fault for the utility, never an emergency,
# though 燃气 is in the words (blind test 30, B122 was told 119 with the gas drill).
_METER_FAULT = re.compile(r"(?:燃气|煤气|天然气|水|电)表[^，,。！!？?\s]{0,4}"
                          r"(?:不走|不转|不动|不跳|不显示|没显示|没得读数|坏|停了|卡住|卡起|乱跳|乱走|走得快|跑得快|黑屏)")


def meter_fault(plain: str) -> bool:
    return _METER_FAULT.search(plain) is not None


# A manhole cover out of place with nobody said to be hurt or in it (这儿有个井盖翻起来了, blind test 35, B131: a
# rider's point and these words got 110 and the alarm): an urgent report, never an emergency on the classifier's word.
_COVER_OUT = re.compile(r"(?:井盖|窨井盖|下水道盖|盖板)[^，,。！!？?\s]{0,4}"
                        r"(?:翻|翘|掀|松|歪|烂|破|坏|裂|碎|塌|陷|不见|没得了|没有了|丢|移|起来|开了|错开)")
_SOMEONE_IN = re.compile(r"人|娃|孩|老汉|老人|婆婆|大爷|摔|掉(?:进|下|到)|跌|栽|伤|血|救|卡住|车")


def cover_out(plain: str) -> bool:
    """井盖翻起来了, 井盖烂了: a manhole cover out of place, nobody (and no vehicle) said to be in trouble."""
    return _COVER_OUT.search(plain) is not None and _SOMEONE_IN.search(plain) is None


# A tree or a plant grown into someone's home or way (哪个管小区里面的树 树枝伸到我家阳台了, blind test 32, B151 got
# 答不上): a problem for the grid worker, asked about or not.
_OVERGROWN = re.compile(r"(?:树|树枝|树丫|树桠|树杈|树子|竹子|藤|枝丫|枝桠|枝条)[^，,。！!？?\s]{0,4}"
                        r"(?:伸|长|戳|挡|遮|刮|压|搭|钻|扫|蹭)(?:到|进|起|住|在|着|了)")


def overgrown(plain: str) -> bool:
    """树枝伸到我家阳台了, 树长得挡住窗子: a tree grown where it must not be."""
    return _OVERGROWN.search(plain) is not None


def asks(plain: str) -> bool:
    """Whether the words ask something (哪点能充, 咋个弄, 可以…不)."""
    return _ASKED.search(plain) is not None


def problem_in_context(plain: str) -> bool:
    """A leaning thing, a supply cut or a meter's fault told, not asked about."""
    return (_IN_CONTEXT.search(plain) is not None or wont_light(plain) or meter_fault(plain)) and not asks(plain)


def may_be_thing_alone(plain: str) -> bool:
    """One phrase with no trouble word: a thing named alone may be (the caller matches the thing)."""
    return re.search(r"[\s，,。!！?？]", plain.strip()) is None and _TROUBLE.search(plain) is None

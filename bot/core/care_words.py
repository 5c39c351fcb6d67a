"""Words of care the bot says where a reply needs one (blind test 28):

- a small hurt of one's own said to be nothing serious (骑电瓶车摔了一跤 膝盖擦破点皮 没得事, 刚才下楼梯崴了一下脚 不
  严重 就是问问: asked where, or 没太看懂): short first-aid words for it, never filed, never asked where. A serious
  sign (骨折, 站不起来, 头破), a bite, a danger or a fault of something beside the hurt (楼梯灯不亮 我摔了一跤) is
  none: the emergency and report flows have those;
- tap water yellow, muddy or smelling, reported (水是黄的 能煮饭不, 自来水有股怪味 喝得不: blind test 29): not to drink
  or cook with it until it is checked, boiled or bottled water meanwhile;
- a pet run off (我家猫跑丢了 能帮忙找一下不, blind test 29: asked where): a kind word and where to look, never filed;
- someone alone and afraid while their report is placed (停电了 屋头黑黢黢的 我一个老太婆 有点怕): a comforting word
  before "where?", or with the ticket when the place came along (blind test 31, A42c2);
- what to do now beside a report (`with_report`): the comfort, a bite's wash and jab, a stove that will not light's
  checks, said before "where?" so that they never wait for the place (blind test 31, A12-3b2, B60b)."""

from __future__ import annotations

import re

from bot.common.plain_text import plain as _plain
from bot.core import advice_asked, nuisances, triage
from bot.core.problem_match import objects_in

# The hurt itself: a fall, a scrape, a twist, a knock, a small cut or burn.
_FALL = re.compile(r"摔|跌|绊|滑倒|滑了一跤")
_SCRAPE = re.compile(r"擦破|蹭破|破了?(?:点|一点)?皮|擦伤|擦掉(?:点|一点)?皮")
_SPRAIN = re.compile(r"崴|扭到|扭了|扭伤|闪到|闪了")
_CUT = re.compile(r"划破|割破|划了?(?:个|一个|一道)?(?:小)?口子|割到|切到手|划到手")
_BURN = re.compile(r"烫到|烫了|烫伤|烫起(?:了)?泡")
_KNOCK = re.compile(r"磕到|磕了|磕破|碰到|碰了|撞了一下|青了|紫了|起了?(?:个)?包")
# Said to be nothing much, or only asked about.
_NOTHING_MUCH = re.compile(r"(?:没|莫|没有)(?:得)?(?:啥子|什么|啥)?(?:大)?(?:事|碍|问题)|不严重|不要紧|不碍事|小伤|"
                           r"皮外伤|就是问问|问一下|问一哈|问问|咋个处理|怎么处理|咋个弄|怎么弄|咋办|怎么办")
# What makes it more than a small hurt: the emergency flows' (120), never first aid by message.
_SERIOUS = re.compile(r"骨折|断了|骨头|流了?好多血|血止不住|止不住|起不来|爬不起来|站不起来|动不了|走不了路|晕|昏|"
                      r"不动|不醒|头.{0,2}破|脑壳|吐|抽|喘不|胸口|变形|好大一块|整个|咬|抓伤|狗|猫")
# Clauses: once those of the fall, the hurt and "nothing much" are left out, the rest must name nothing of its own
# (a scooter ridden is no problem).
_ONE_CLAUSE = re.compile(r"[\s，,。.!！~～、；;]+")
# Two vehicles, or one into a thing (两个车碰了一下 人都没得事, blind test 33's A69 kind, got the bruise's advice):
# a crash to report, nobody's knock.
_CRASH = re.compile(r"两(?:个|辆|部|台)?车|车(?:和|跟|与)车|追尾|撞车|刮擦|"
                    r"车子?[^，,。\s]{0,3}(?:撞|碰|刮)(?:到|了)(?:了)?(?:车|花坛|栏杆|墙|门|树|杆|路灯|护栏|桩)")
_VEHICLE = frozenset({"车", "电瓶车", "电动车", "自行车", "摩托车", "单车"})

SCRAPE = "擦破皮先用清水冲干净，碘伏消毒再贴创可贴，别沾脏水；伤口深或红肿化脓就去医院。"
SPRAIN = "崴了脚先别走动，冷敷15分钟、把脚垫高，两天后再热敷；肿得厉害、脚不能着地就去医院拍个片。"
CUT = "小口子先按住止血，清水冲净、碘伏消毒再贴创可贴；血止不住或口子深就去医院。"
BURN = "烫到先用凉水冲15分钟，别涂牙膏酱油，起泡别挑破；烫得宽或起大泡就去医院。"
KNOCK = "磕青了先冷敷，两天后再热敷；疼得厉害、肿得越来越大就去医院看看。"
_HURTS = ((_SCRAPE, SCRAPE), (_SPRAIN, SPRAIN), (_CUT, CUT), (_BURN, BURN), (_KNOCK, KNOCK))


def first_aid(text: str) -> str | None:
    """First-aid words for a small hurt said to be nothing serious, else None (no hurt, a serious sign, a danger,
    or a problem of something else said beside it)."""
    plain = _plain(text)
    if not plain or len(plain) > 40 or _NOTHING_MUCH.search(plain) is None or _SERIOUS.search(plain) is not None:
        return None
    advice = next((words for kind, words in _HURTS if kind.search(plain)), None)
    if advice is None or triage.has_danger(plain) or _CRASH.search(plain):
        return None
    hurt_words = (_FALL, *(kind for kind, _ in _HURTS), _NOTHING_MUCH)
    rest = " ".join(c for c in _ONE_CLAUSE.split(plain) if c and not any(w.search(c) for w in hurt_words))
    if rest and (triage.has_problem(rest) or objects_in(rest) - _VEHICLE):
        return None  # 井盖松了 我崴了一下脚: the manhole is a report
    return advice


# Someone afraid (有点怕, 好怕, 心头慌), never 怕是 ("probably") nor a thing feared to happen (怕要垮).
_AFRAID = re.compile(r"有点怕|好怕|害怕|怕得很|怕怕|吓人|吓死|吓到了|心头慌|心里慌|心慌|慌得很|好慌")
_DARK = re.compile(r"停电|没电|黑黢黢|黑漆漆|黑咕隆咚|黑起|好黑|摸黑")
COMFORT = "别怕，有我们在，会尽快安排人来。"
COMFORT_DARK = "别怕，有我们在，会尽快安排人来。先别摸黑走动，用手机电筒照个亮。"


def comfort(text: str) -> str:
    """A comforting word for a report whose sender says they are afraid, "" for none."""
    plain = _plain(text)
    if _AFRAID.search(plain) is None:
        return ""
    return COMFORT_DARK if _DARK.search(plain) else COMFORT


def with_report(text: str) -> list[str]:
    """What to say at once beside a report of these words: a comforting word, a bite's or a stove's advice, what
    happens for someone sleeping rough."""
    said = [comfort(text), advice_asked.bite_advice(text), advice_asked.stove_advice(text),
            # 流浪汉睡在门口 好冷 (blind test 32, B89): blankets, 救助站; 烧蜂窝煤 烟子大得很 (blind test 33): air
            nuisances.rough_sleeper_advice(text), nuisances.stove_smoke_advice(text)]
    return [words for words in said if words]


_BAD_WATER = re.compile(r"(?:自来水|水龙头|水管|水)[^，,。！!？?\s]{0,8}"
                        # 水有股漂白粉味道 (blind test 30, A14-11b: filed, the question unanswered): a smell of bleach
                        r"(?:黄|浑|混|黑|发绿|怪味|异味|臭|有沙|沙子|虫|漂白|消毒水|氯|药味|味道|气味)|黄水|浑水")
WATER = "检查清楚前先别直接喝、别拿来煮饭，要用就烧开，或先用桶装水。"


# A drain, a sewer or a septic tank (河畔花园1栋的下水道冒臭水, blind test 32, B28 was told not to drink it): no tap
# water.
_SEWER = re.compile(r"下水|污水|阴沟|臭水沟|水沟|化粪池|粪|排水|地漏|马桶|厕所|井盖|窨井|检查井|雨水")
_TAP = re.compile(r"自来水|水龙头|龙头|喝的水|吃的水|饮用水|水管里")


def water_advice(text: str) -> str:
    """Not to drink or cook with tap water reported yellow, muddy or smelling; "" for any other report (a sewer's)."""
    plain = _plain(text)
    if _SEWER.search(plain) and _TAP.search(plain) is None:
        return ""
    return WATER if _BAD_WATER.search(plain) else ""


_PET = r"猫|狗|狗狗|猫咪|咪咪|鹦鹉|鸟|兔子|宠物"
_RUN_OFF = re.compile(rf"(?:{_PET})[^，,。！!？?\s]{{0,4}}(?:跑丢|走丢|丢了|不见了|跑了|跑出去|找不到|没回来)|"
                      rf"(?:丢了|找不到)[^，,。！!？?\s]{{0,4}}(?:{_PET})")
PET = "着急了吧！可以在楼栋群、业主群发张照片问问，请物业看看监控；猫狗常躲在附近楼道、车底，多喊喊。"


def lost_pet(text: str) -> str | None:
    """A kind word and where to look for a pet run off, else None (a pet hurt or biting is no lost pet)."""
    plain = _plain(text)
    if len(plain) > 40 or _RUN_OFF.search(plain) is None or re.search(r"咬|抓|伤|死|偷|打", plain):
        return None
    if re.search(r"\d+\s*[栋幢号]|小区|花园|苑", plain):
        return None  # 跑丢了 黄色的 阳光小区21栋的: filed for the worker (blind test 24)
    return PET

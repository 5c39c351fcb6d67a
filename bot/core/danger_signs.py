"""Dangers the words of a message show that bot/core/triage.py would otherwise miss (blind test 26): a fight or a
beating happening now, swearing or not ("日你妈 楼下有个男的在打婆娘"); someone lying out in the street or the cold
("公交站那有个老头躺起 喝醉了 天冷得很"); a smell of gas said as a suspicion ("臭鸡蛋味 怕是天然气漏了"). And what is no
emergency: a scrape its sender says is no big deal ("我骑车摔了 腿擦破了皮 没得大事")."""

from __future__ import annotations

import re

from bot.common.plain_text import plain as _plain
from bot.core import person_danger
from bot.core.nobody_hurt import without_nobody

# Danger words said not to be so (不是着火, 没有漏气: blind test 30, B112 and B60 opened emergencies), cooking fumes
# complained of (油烟大得很: B112 was told 119), gas run out at a stove (煤气灶…是不是没气了: B60, nobody's breath).
_DENIED = re.compile(r"(?:不是|并不是|也不是|没有|没得|莫得|没|莫)(?:在|有)?"
                     r"(?:着火|起火|失火|火灾|烧起来|漏气|(?:煤气|燃气|天然气|液化气)(?:漏|泄漏|味))")
_FUMES = re.compile(r"油烟|炒菜的?烟|烧烤的?烟|烟熏火燎")
# Someone smoking (楼道里有人抽烟 烟味好大, blind test 32, A111/B94: 119 and the duty officer alerted); a butt that set
# something alight (烟头把纸壳子点燃了) is a fire.
_SMOKING = re.compile(r"抽烟|吸烟|烟头|烟屁股|二手烟|叼(?:着|起|根)?烟|抽叶子烟|抽旱烟")
_LIT = re.compile(r"点燃|点着|燃起|燃了|着了|着火|起火|冒火|火苗|明火|烧起|烧着|引燃|失火")
_GAS_RAN_OUT = re.compile(r"(?:没|莫)(?:得)?气了?|没有气")
_STOVE = re.compile(r"灶|气罐|煤气罐|液化气罐|燃气表|气表|交气费|燃气费|充气|没交")
_BREATHER = re.compile(r"人|老|娃|孩|他|她|爸|妈|爷|奶|婆|公")


# A leak said to be mended or shut off (漏气的地方修好了, blind test 31, B84b opened a second emergency): no leak now.
_MENDED = re.compile(r"(?:漏气|漏|泄漏)的?(?:地方|点|管子|口子|那里|那点)?(?:已经|都)?"
                     r"(?:修|补|堵|关|弄|处理|搞)(?:好|住|掉)了")


def without_denied(plain: str) -> str:
    """The words less danger said not to be so, a leak said to be mended, cooking fumes and a stove's gas run out."""
    plain = _FUMES.sub("，", _DENIED.sub("，", _MENDED.sub("，", plain)))
    if _STOVE.search(plain) and _BREATHER.search(_STOVE.sub("", plain)) is None:
        plain = _GAS_RAN_OUT.sub("，", plain)
    return plain


def denies_danger(plain: str) -> bool:
    """Whether words say there is no fire or no leak (我是投诉油烟 不是着火了, 不是漏气 就是打不燃火)."""
    return _DENIED.search(plain) is not None


def fumes(plain: str) -> bool:
    """Cooking fumes (楼下烧烤店油烟大得很) or someone's cigarette (楼梯间有人抽烟 烟头乱丢) complained of: a report,
    never a fire, unless something caught."""
    return _FUMES.search(plain) is not None or (_SMOKING.search(plain) is not None and _LIT.search(plain) is None)


# Someone hit by someone, now: a fight, a beating (domestic violence too), a stick or a brick taken up to hit with.
# Not 打雷, 打牌, 打电话: someone must be fighting or be hit.
_VICTIM = r"人|婆娘|老婆|媳妇|女人|男人|老公|娃|孩子|小孩|老人|老汉|老头|婆婆|他|她|自己屋头的"
_FIGHT = re.compile(r"打架|打起来|打群架|群殴|斗殴|遭人打|被人打|挨打|打人|往死里打|"
                    rf"(?:在|把|又在|正在)打(?:{_VICTIM})|"
                    r"(?:拿|提|抄|捡)(?:起|了|到|着)?[^，,。！!？?\s]{0,4}(?:棍|棒|砖|刀|钢管|铁|凳|酒瓶)"
                    r"[^，,。！!？?\s]{0,3}(?:打|砸|敲)|"
                    # 拿皮带抽娃娃 (blind test 29, A77b was told 120): a belt, a hanger, a cane taken to someone
                    r"(?:拿|用|提)(?:起|了|着)?[^，,。！!？?\s]{0,3}(?:皮带|衣架|竹条|竹片|藤条|鸡毛掸|棍|棒)"
                    r"[^，,。！!？?\s]{0,3}(?:抽|打|揍)")
# Said of another day, or as a habit with nothing now: a complaint, not an emergency.
_NOT_NOW = re.compile(r"昨天|昨晚|前天|上次|上回|之前|以前|那天|经常|老是|天天|每天|打过")
_NOW = re.compile(r"在打|正在|打起来了|现在|刚刚|快来|救命")
# Someone down or bleeding in a fight: 有个已经倒了, 都见血了.
# 有个人躺下了 (blind test 27, A52 was told 110 only): someone lying down in a fight is down.
_DOWN_IN_FIGHT = re.compile(r"见血|出血|流血|倒了|倒下|倒在|倒地|躺下|躺起|躺在|趴下|起不来|不动了|打晕|打昏|打伤|打破|"
                            r"晕过去|昏过去|不省人事")


def fight(plain: str) -> bool:
    """A fight or a beating happening, not one of another day or a habit alone."""
    if knife_drawn(plain):
        return True  # 两口子吵架动刀了 (blind test 28, B79)
    return _FIGHT.search(plain) is not None and (_NOT_NOW.search(plain) is None or _NOW.search(plain) is not None)


# Fire, smoke or gas named: what makes an emergency the fire brigade's (119).
_FIRE_OR_GAS = re.compile(r"火|烟|烧|爆|炸|煤气|燃气|天然气|液化气|漏气|触电|漏电|被困|困在|困到|困住|出不来")


# A child beaten (blind test 29, A77: "隔壁天天打娃娃 娃娃哭得好造孽" was an ordinary ticket): child abuse, the police's
# even as a habit, never a claw machine (打娃娃机) nor a jab (打针).
_CHILD_BEATEN = re.compile(r"(?:打|抽|揍|虐待|虐)(?:娃娃|娃儿|娃|孩子|小孩|小娃|细娃)(?![娃儿]?机)|"
                           r"(?:娃娃|娃儿|孩子|小孩)[^，,。！!？?\s]{0,3}(?:遭打|被打|挨打|遭抽|被抽|被虐待)")


def child_beaten(plain: str) -> bool:
    """A child beaten or abused, now or as a habit (天天打娃娃): for the police, the duty officer told."""
    return _CHILD_BEATEN.search(plain) is not None and _KNIFE_NOT_NOW.search(plain) is None


def beating_not_fire(plain: str) -> bool:
    """A fight or a beating with no fire, smoke, gas or rescue in it: the police's (110), never 消防安全, whatever the
    classifier guessed from 救命 (blind test 27, A77a: "隔壁那家男的又在打老婆 喊救命" was told 119)."""
    return (fight(plain) or child_beaten(plain)) and _FIRE_OR_GAS.search(plain) is None


def hurt_in_fight(plain: str) -> bool:
    """A fight with someone down or bleeding in it: an ambulance too."""
    return (fight(plain) and _DOWN_IN_FIGHT.search(plain) is not None) or cut_by_knife(plain)


# Someone lying out in the street or the cold (躺起, 睡在路边), drunk or not: may freeze or be hurt.
_SOMEONE = r"人|老人|老头|老汉|老太|婆婆|爷爷|奶奶|大爷|大妈|男的|女的|娃|孩子|小孩|醉汉|酒鬼|醉鬼|小伙子|流浪"
_LYING = re.compile(rf"(?:{_SOMEONE})[^。！!？?]{{0,8}}(?:躺起|躺在|躺倒|睡在|睡起|趴在|趴起|倒在)|"
                    # 路边倒了个人, 马路中间躺了个人, 睡了个喝醉的人 (blind test 30, A-B39: ordinary tickets)
                    rf"(?:倒|躺|睡|趴)(?:了|起|着)?(?:一)?个[^，,。！!？?\s]{{0,6}}(?:{_SOMEONE})")
_OUT = re.compile(r"路边|街上|路上|路中间|路当中|路中央|马路|"
                  r"公交站|车站|站台|地上|桥下|桥洞|外头|外面|雪地|草地|河边|门口|花坛|"
                  r"喝醉|醉了|冷得|天冷|好冷|冻|一动不动|不动")


def lying_out(plain: str) -> bool:
    """Someone lying in the street, on the ground or in the cold; never nobody (车撞了护栏 没人受伤 护栏倒在路上, blind
    test 32, L15 was told 120和110: the 人 of 没人受伤 and the rail's 倒在路上)."""
    return _LYING.search(without_nobody(plain)) is not None and _OUT.search(plain) is not None


# Lying in the middle of the road (blind test 29, B39: "门口有个醉鬼躺在路中间" was an ordinary ticket): cars may run
# him over, the police's to move him.
_IN_THE_ROAD = re.compile(r"路中间|路当中|路中央|马路上|马路中间|车道")


def lying_in_the_road(plain: str) -> bool:
    """Someone lying out in the middle of a road."""
    return lying_out(plain) and _IN_THE_ROAD.search(plain) is not None


# A smell of gas or a leak said now, even as a guess ("怕是天然气漏了": Sichuanese 怕是, "probably").
_GAS_LEAK = re.compile(r"臭鸡蛋(?:的)?(?:味|气味|臭)|(?:煤气|燃气|天然气|液化气)(?:的)?(?:味|气味|臭)|"
                       r"(?:煤气|燃气|天然气|液化气)[^，,。！!？?\s]{0,4}(?:漏了|在漏|泄漏|漏气)")
# Said as a risk to prevent, never as happening (管道老化 万一漏气): not one.
_RISK = re.compile(r"(?<!怕)怕(?!是)|担心|防止|预防|万一|会不会|隐患|容易|检查|安检")


def suspected_gas_leak(plain: str) -> bool:
    """A smell of gas (臭鸡蛋味, 煤气味) or a leak said happening, a guess included, never a risk to prevent."""
    return _GAS_LEAK.search(plain) is not None and _RISK.search(plain) is None


# A scrape, a bruise, no big deal: no emergency, whatever the classifier guessed.
_MINOR = re.compile(r"(?:没|莫|没有)(?:得)?(?:啥子|什么|啥)?大(?:事|碍|问题)|不严重|没啥事|没得事|莫得事|没事没事|"
                    r"擦破(?:了|点|一点)?(?:点)?皮|破了?(?:点|一点)皮|皮外伤|小伤|擦伤了?(?:一点|点)|青了一块|蹭破")
_SERIOUS = re.compile(r"骨折|断了|流了?好多血|血止不住|起不来|爬不起来|站不起来|晕|昏|不动|不醒|头.{0,2}破|脑壳|撞")


def only_minor_hurt(plain: str) -> bool:
    """Someone hurt only a little, and said so: a scrape (擦破了皮) or 没得大事, nothing serious with it."""
    return _MINOR.search(plain) is not None and _SERIOUS.search(plain) is None


# Someone about to end their life, or who has tried (blind test 27, B63: "楼顶有个人站在边边上 怕是要跳楼" was an
# ordinary ticket: its 怕是, "probably", was read as a risk to prevent). Never a sale's 跳楼价.
_SUICIDE = re.compile(r"跳楼(?![价甩])|跳河|跳江|跳湖|跳水库|跳塘|跳桥|跳下去|想不开|寻短见|短见|轻生|"
                      r"自杀|自尽|"
                      r"不想活|活不下去|(?:喝|吃)(?:了)?(?:农药|敌敌畏|百草枯|老鼠药|耗子药|安眠药)|割腕|上吊|"
                      r"(?:站|坐|爬|翻)(?:在|到|起|上)?[^，,。！!？?\s]{0,6}(?:楼顶|房顶|屋顶|天台|栏杆外|护栏外|桥外)"
                      r"[^，,。！!？?\s]{0,4}(?:边边|边上|边沿|外面|外头)")
# Said of another day with nothing now (上次有人跳河): no emergency now.
_SUICIDE_PAST = re.compile(r"以前|上次|上回|去年|那年|前几年|听说")
# Already done: taken poison, cut, hanged, jumped: hurt, an ambulance too.
_SUICIDE_DONE = re.compile(r"(?:喝|吃)了(?:农药|敌敌畏|百草枯|老鼠药|耗子药|安眠药)|(?:喝|吃)(?:农药|敌敌畏|百草枯|"
                           r"老鼠药|耗子药|安眠药)了|割腕了|割了腕|上吊了|跳下去了|已经跳了|跳了下去|吐白沫")


def about_to_end_life(plain: str) -> bool:
    """Someone about to jump, take poison or end their life, or who just tried (想不开, 怕是要跳楼, 喝了农药)."""
    return (_SUICIDE.search(plain) is not None and _SUICIDE_PAST.search(plain) is None
            and not person_danger.only_an_animal(plain)) or on_the_edge(plain)  # 我家狗从二楼阳台跳下去了: a pet


def tried_to_end_life(plain: str) -> bool:
    """Someone who has already taken poison, cut or hanged themself or jumped: hurt, for an ambulance too."""
    return about_to_end_life(plain) and _SUICIDE_DONE.search(plain) is not None


# Someone in the water: fallen, slipped or jumped in, washed away (blind test 27, B64: "河里有个娃娃掉下去了" got 110
# only). A thing dropped in the water (手机掉河里了) is nobody's danger.
_WATER_BODY = r"河|江|湖|塘|堰塘|水库|水池|池塘|鱼塘|粪坑|水沟|水渠|沟里|井里|水里|水头"
_IN_WATER = re.compile(rf"(?:掉|落|跌|摔|滑|栽|翻|冲)(?:进|到|下|在)?(?:了)?(?:{_WATER_BODY})|"
                       rf"跳(?:进|到|下)?(?:了)?(?:{_WATER_BODY})(?:里|头)?了|"
                       rf"(?:{_WATER_BODY})(?:里|头|里头|里面|边)?[^，,。！!？?\s]{{0,8}}"
                       r"(?:掉下去|掉进去|落下去|落水|掉下水|沉下去|冲走|扑腾|喊救命|起不来|爬不上来|淹到|淹着)|"
                       r"被水冲走|冲走了|在水里扑腾|沉下去了|溺水|落水|"
                       # 掉到安居苑后面那个水塘里了 (blind test 36, M4b): the place named between
                       rf"(?:掉|落|跌|摔|滑|栽)(?:进|到|在)[^，,。！!？?\s]{{1,12}}?(?:{_WATER_BODY})(?:里|头|中)")
_SOMEONE_IN = re.compile(r"人|娃|孩|小孩|小朋友|老人|老头|老汉|婆婆|爷爷|奶奶|他|她|儿子|女儿|孙|学生|男的|女的|"
                         r"小伙子|姑娘|救命|快来人")


def in_water(plain: str) -> bool:
    """Someone (not a thing: 手机掉河里了) fallen, washed or jumped into a river, a pond or a well."""
    return _IN_WATER.search(plain) is not None and _SOMEONE_IN.search(plain) is not None


# A dog bite (blind test 27, B71: "送外卖被狗咬了一口 流血了" was a 120 emergency with the duty officer alerted): no
# emergency, the rabies jab within 24 hours; a mauling, a child bitten in the face, a pack of dogs is one (120).
# 遭猫抓了 流血了 (blind test 33, A73 was told 120): a cat's scratch is the bite's advice
_BITE = re.compile(r"(?:狗|犬|猫)[^，,。！!？?\s]{0,6}(?:咬|抓|挠)|咬[^，,。！!？?\s]{0,3}(?:狗|犬)|"
                   r"遭狗|被狗|遭猫|被猫")
_MAULED = re.compile(r"满身是?血|全身是?血|一身(?:的)?血|浑身是?血|好多血|流了?好多血|血止不住|止不住|血流不止|"
                     r"(?:脸|脸上|脑壳|(?<![屋里外上前后那这街码骨])头|脖子|颈子|眼睛|喉咙)|咬烂|咬断|咬掉|撕|扯烂|围到|围着|几条狗|一群狗|好几条|"
                     r"不松口|拖倒|扑倒|昏|晕|不动|起不来|骨头|肉都")


_BITTEN = re.compile(r"(?:狗|犬|猫)[^，,。！!？?\s]{0,6}咬|咬[^，,。！!？?\s]{0,3}(?:狗|犬)|遭狗|被狗")


def bitten(plain: str) -> bool:
    """Someone bitten (not scratched) by a dog or a cat."""
    return _BITTEN.search(plain) is not None


def dog_bite(plain: str) -> bool:
    """Someone bitten by a dog (or a cat)."""
    return _BITE.search(plain) is not None


def mauled(plain: str) -> bool:
    """A bite that is an emergency: mauled, bleeding badly, bitten in the face or the head, by a pack."""
    return dog_bite(plain) and _MAULED.search(plain) is not None


def minor_bite(plain: str) -> bool:
    """A dog bite, no mauling (咬了一口 流了点血): no emergency; the rabies jab within 24 hours."""
    return dog_bite(plain) and not mauled(plain)


# Only an animal bitten (邻居家的狗把我家鸡咬死了, blind test 33, B179 got the wound washed and the rabies jab): a
# report of the dog, never the advice for a person's bite.
_LIVESTOCK = r"(?:鸡|鸭|鹅|兔|羊|猪|牛|鸽|鸟|猫|狗)"
_ANIMAL_BITTEN = re.compile(
    rf"(?:狗|犬)[^，,。！!？?\s]{{0,6}}{_LIVESTOCK}[^，,。！!？?\s]{{0,3}}咬|"
    rf"咬(?:死|伤|坏|烂|了|到|掉)*(?:我家|我屋头?|屋头|家里|他家|她家)?[^，,。！!？?\s人我他她娃]{{0,4}}{_LIVESTOCK}|"
    rf"{_LIVESTOCK}[^，,。！!？?\s]{{0,4}}(?:遭|被)(?:狗|犬|猫)")
_PERSON_BITTEN = re.compile(r"(?:我|人|娃娃|孩子|小孩|老人|他|她)(?:也|都|还)?(?:遭|被)|"
                            r"(?:咬|抓)(?:了|到|伤)?(?:我|人|娃|孩子|小孩|他|她)(?!家|屋)|(?<![鸡鸭鹅兔羊猪牛鸽鸟猫狗子])(?:也|都|还)?(?:遭|被)(?:咬|抓)|"
                            r"手|脚|腿|伤口|流血|出血|疫苗|打针")


def only_animals_bitten(plain: str) -> bool:
    """A dog that bit or killed hens, a cat, another dog, and no person bitten (狗把我家鸡咬死了)."""
    return _ANIMAL_BITTEN.search(plain) is not None and _PERSON_BITTEN.search(plain) is None


# The one wording for a bite or scratch, told with a report of it here and asked about (bot/core/advice_asked.py).
BITE_ADVICE = "被狗猫咬伤抓伤，先用肥皂水和清水冲洗伤口15分钟，24小时内到医院或疾控中心打狂犬疫苗。"


def bite_advice(text: str) -> str:
    """What to do about a dog bite that is no emergency (the wound washed, the rabies jab within 24 hours), "" for
    anything else."""
    plain = _plain(text)
    return BITE_ADVICE if minor_bite(plain) and not only_animals_bitten(plain) else ""


# Someone on a roof's or a bridge's edge, or 怕是要跳 with no 楼 said (blind test 28, A-B63: "楼顶上有个女的站在边边上
# 怕是要跳", "爬到…楼顶上了 在边边上走来走去" were ordinary tickets). Never 跳绳, 跳舞, 跳广场舞, 跳远: a game.
_HIGH = r"楼顶|房顶|屋顶|天台|顶楼|楼上顶上|桥上|大桥|桥栏杆|栏杆外|护栏外|窗台|阳台外|栏杆|护栏|窗子|窗户"
_EDGE = r"边边|边上|边沿|边缘|外头|外面|外边"
_ON_EDGE_VERB = r"站|坐|爬|蹲|翻|跨|趴|走来走去|晃来晃去|走来走|不下来|喊不下来|劝不下来"
# 翻出栏杆了, 站在阳台栏杆外面, 站在五楼窗子外面的台台上 (blind test 29, A1: ordinary tickets): outside a railing or
# a window.
_ON_THE_EDGE = re.compile(rf"(?:{_HIGH})[^。！!？?]{{0,16}}(?:{_EDGE})|(?:{_EDGE})[^。！!？?]{{0,4}}(?:{_HIGH})|"
                          r"翻(?:出|过|到)(?:了)?(?:阳台|楼顶|天台)?(?:的)?(?:栏杆|护栏|围栏|窗户|窗子|窗台)|"
                          # 天台上有个人坐在栏杆上 (blind test 33's B113 kind, an ordinary ticket): on a roof's
                          # railing or parapet
                          r"(?:楼顶|房顶|屋顶|天台|顶楼|桥)[^。！!？?]{0,12}(?:栏杆|护栏|围栏|女儿墙|围墙)(?:上|顶上)")
_EDGE_PERSON = re.compile(r"人|女的|男的|小伙子|姑娘|娃|孩|老人|老头|老汉|老太|婆|大爷|大妈|学生|他|她")
_EDGE_POSTURE = re.compile(_ON_EDGE_VERB)
_GAME = r"绳|舞|广场|远|高|棋|皮筋|房子|格子|水(?!库)|槽|蚤|迪|操|伞"
_JUMP_THREAT = re.compile(rf"(?:怕是|好像|可能|看样子|说|想|要|准备|打算|闹着|吵着|威胁)要?(?:往下)?跳(?!{_GAME})|"
                          r"往下跳|跳下来|要跳下去")


def on_the_edge(plain: str) -> bool:
    """Someone standing, sitting or pacing on a roof's or a bridge's edge, or said to be about to jump (怕是要跳):
    someone who may end their life, the police's to talk down (110). A roof's railing broken is no one's danger."""
    if person_danger.only_an_animal(plain) or _SUICIDE_PAST.search(plain):
        return False
    if _JUMP_THREAT.search(plain) and re.search(rf"{_HIGH}|楼|桥|河|江|窗|阳台|边边", plain):
        return True
    return _ON_THE_EDGE.search(plain) is not None and _EDGE_PERSON.search(plain) is not None \
        and _EDGE_POSTURE.search(plain) is not None


# Someone shut in a car, a child above all, in the sun (blind test 28, B39: "车里关了个娃娃 太阳好大 车门锁起的" was an
# ordinary 道路设施 ticket): may die of the heat; the police and the fire brigade's rescue open it. Never a thing
# left in a car (车里放着东西, 钥匙锁在车里了) nor a pet alone.
_IN_CAR = re.compile(r"(?:锁|关|困)[^，,。！!？?\s]{0,4}(?:车里|车内|车子里|车头|车上|车厢)|"
                     r"(?:车里|车内|车子里|车头|车厢)[^，,。！!？?\s]{0,8}(?:锁|关|困)|车门锁")
_CAR_PERSON = re.compile(r"娃|孩|小孩|小朋友|婴儿|宝宝|崽|老人|老头|老汉|婆婆|爷爷|奶奶|有人|个人|人在")


def shut_in_car(plain: str) -> bool:
    """A child or anyone shut in a locked car (娃娃被锁在车里头了): an emergency, whatever the classifier guessed."""
    return _IN_CAR.search(plain) is not None and _CAR_PERSON.search(plain) is not None \
        and not person_danger.only_an_animal(plain) and _SUICIDE_PAST.search(plain) is None


# A knife taken up in a quarrel (blind test 28, B79: "楼上两口子吵架动刀了" was an ordinary 矛盾纠纷): the police's, an
# ambulance too when someone is cut. Never 刀削面, 拿刀切菜.
_KNIFE = re.compile(r"动(?:了|起)?刀|"
                    r"拿(?:起|了|着|出)?(?:把)?(?:菜刀|水果刀|刀子|尖刀|砍刀|刀)(?![削切剁砍]菜|削面|切肉)|"
                    r"(?:提|掏|抽|亮|摸)(?:起|了|出|着)?(?:把)?(?:菜刀|水果刀|刀子|尖刀|砍刀|刀)|"
                    r"砍人|捅人|砍伤|捅伤|砍了|捅了|被砍|被捅|遭砍|遭捅")
_CUT = re.compile(r"砍伤|捅伤|砍到|捅到|划伤|砍了|捅了|被砍|被捅|遭砍|遭捅|流血|出血|见血|受伤|伤到")
_KNIFE_NOT_NOW = re.compile(r"昨天|昨晚|前天|上次|上回|以前|去年|听说")
# Trees, bamboo or firewood cut (路边的树遭砍了好几棵 是哪个批准的, blind test 34, Q8 was told 120和110): no knife on
# anyone, a report or a question.
_FELLED = re.compile(r"(?:树|竹|柴|草|枝|丫|苗|花)[^，,。！!？?\s人我他她娃]{0,4}(?:遭|被|给|让)?砍|"
                     r"砍(?:了|掉|倒|断|光)*[^，,。！!？?\s人我他她娃]{0,4}(?:树|竹|柴|草|枝|丫|棵)")


def knife_drawn(plain: str) -> bool:
    """A knife drawn in a quarrel or on someone (动刀了, 拿刀, 动刀子), not of another day, nor trees cut."""
    plain = _FELLED.sub(" ", plain)
    return _KNIFE.search(plain) is not None and _KNIFE_NOT_NOW.search(plain) is None


def trees_cut(plain: str) -> bool:
    """Trees, bamboo or firewood cut and no knife on anyone (树遭砍了好几棵): a report or a question, never 110/120."""
    return _FELLED.search(plain) is not None and not knife_drawn(plain)


def cut_by_knife(plain: str) -> bool:
    """Someone cut or stabbed where a knife was drawn: an ambulance too."""
    return knife_drawn(plain) and _CUT.search(plain) is not None


# Arson (blind test 28, B78: "有人在安居苑停车场放火烧车" was merged into another ticket): a fire, the fire brigade's,
# and the police's for whoever set it. Never 放火炮, nor a risk (防止有人放火).
_ARSON = re.compile(r"放火(?![炮把])|纵火|故意[^，,。！!？?\s]{0,4}(?:点火|点燃|烧)|点火烧|"
                    r"(?:烧|点)(?:了)?(?:人家|别人)?的?车(?!票)|"
                    # 往车上倒汽油, 提桶汽油 说要把物业办公室烧了 (blind test 29, A3: ordinary tickets): petrol
                    r"(?:倒|泼|淋|浇|洒)[^，,。！!？?\s]{0,3}(?:汽油|柴油|酒精)|"
                    r"(?:提|拎|拿|抱)(?:起|了|着)?[^，,。！!？?\s]{0,3}(?:汽油|柴油)[^。！!？?]{0,16}(?:烧|点)|"
                    # 拎了一桶油 说要去把物业烧了 (blind test 30, A3b): any oil carried with a threat to burn
                    r"(?:提|拎|拿|抱|扛)(?:起|了|着)?[^，,。！!？?\s]{0,3}(?:桶|壶|瓶|罐)[^，,。！!？?\s]{0,2}油"
                    r"[^。！!？?]{0,8}(?:要|想|说)[^。！!？?]{0,10}(?:烧|点火|点燃)|"
                    r"(?:汽油|柴油)[^。！!？?]{0,16}(?:要|想|说)[^。！!？?]{0,10}(?:烧|点火|点燃)")


def arson(plain: str) -> bool:
    """Someone setting fire on purpose (放火烧车, 纵火), not a risk to prevent nor another day's."""
    return _ARSON.search(plain) is not None and re.search(r"防止|预防|小心|注意|不准|禁止|严禁", plain) is None \
        and _KNIFE_NOT_NOW.search(plain) is None


# A thing on fire in the open (blind test 30, A12-4b: "安居苑楼下有个垃圾桶在烧" was an ordinary ticket): the fire
# brigade's. Never someone burning rubbish or paper on purpose (有人在烧垃圾, 烧纸: a complaint), nor 烧烤, 烧水.
_BURNING = re.compile(r"(?:垃圾桶|垃圾箱|垃圾堆|垃圾站|草堆|柴堆|草垛|稻草|树子?|电瓶车|电动车|摩托车?|汽车|车子|"
                      r"房子|仓库|棚子|沙发|被子|电线|电表|变压器)[^，,。！!？?\s]{0,3}"
                      r"(?:在烧|烧起来|烧起了|燃起来|燃起了|着了|冒火|起火苗|冒火苗)")


def thing_burning(plain: str) -> bool:
    """A bin, a car, a haystack or a house burning (垃圾桶在烧), not of another day nor a risk."""
    return _BURNING.search(plain) is not None and _KNIFE_NOT_NOW.search(plain) is None \
        and re.search(r"防止|预防|小心|万一|怕|担心", plain) is None


# A woman in labour (blind test 30, B66: "我媳妇要生了 肚子痛得很", "羊水好像破了" were an ordinary ticket): 120.
# Never a sow or a cow about to give birth, nor a birth of another day or a plan (下个月要生了).
_LABOUR = re.compile(r"要生了|快生了|生了[^，,。！!？?\s]{0,2}(?:出来|一半)|在生了|"
                     r"羊水[^，,。！!？?\s]{0,3}破|破水|见红|"
                     r"(?:孕妇|怀孕|怀起|怀了|大肚子)[^。！!？?]{0,10}(?:肚子痛|肚子疼|痛得很|疼得很|出血|流血|晕)|"
                     r"(?:肚子痛|肚子疼)[^。！!？?]{0,10}(?:孕妇|怀孕|怀起|怀了|要生)")
_LABOUR_NOT = re.compile(r"猪|牛|羊(?!水)|狗|猫|兔|下个月|下礼拜|下周|明年|预产期|还有[^，,。\s]{0,3}(?:天|周|个月)|"
                         r"生了个|生了一个|已经生了|生完")


def in_labour(plain: str) -> bool:
    """A woman in labour or bleeding in her pregnancy now: an ambulance."""
    return _LABOUR.search(plain) is not None and _LABOUR_NOT.search(plain) is None

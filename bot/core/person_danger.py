"""Danger to a person that the words of a message show, whatever the classifier guessed: someone living alone not
seen for days (possibly down inside), people shut in a stopped lift, someone (not a thing) fallen over, someone
missing (not a pet or a thing). bot/core/triage.py and bot/core/emergencies.py decide with these."""

from __future__ import annotations

import re

from bot.common.plain_text import plain as _plain

# Someone living alone not seen for days, or not answering the door (blind test 17, #92): possibly down inside.
# 邻居老头 (blind test 31, B54 was an ordinary ticket): 老头, 老太 are as old as 老人.
_ALONE = re.compile(r"独居|一个人住|孤寡|空巢|老人|老汉|老头|老太|老婆婆|婆婆|爷爷|奶奶|大爷|大妈")
_NOT_SEEN = re.compile(r"(?:好几|几|两|三|四|五|多)天(?:都|了)?(?:没|莫|没有|没得|莫得)"
                       r"(?:出门|出来|见|看到|露面|动静|开门)|"
                       r"敲门.{0,4}(?:没|莫|没有|没得|莫得)(?:人)?(?:应|开|答应|回应|反应)|喊.{0,4}(?:没|莫得|没得)人应|"
                       r"电话.{0,4}(?:不接|没人接|打不通)")


# A smell at the door of someone not seen for days (门口有股臭味, blind test 31, B54): whoever lives there, possibly
# dead or down inside.
_SMELL = re.compile(r"臭|(?:一股|有股|好大的?|怪)(?:味|气味)|异味|味道(?:好大|大得很|难闻)")
# Not seen, with a smell: someone, not the rubbish's collector (垃圾好几天没人收 臭得很 is a report).
_UNSEEN = re.compile(r"(?:好几|几|两|三|四|五|多)天(?:都|了)?(?:没|莫|没有|没得|莫得)(?:出门|出来|露面|动静|开门|"
                     r"(?:见|看)到?(?:人|他|她)(?![来收管扫])|(?:见|看)到?过)|"
                     r"敲门.{0,4}(?:没|莫|没有|没得|莫得)(?:人)?(?:应|开|答应|回应|反应)")


def may_be_down(text: str) -> bool:
    """Someone (living alone, elderly) not seen for days or not answering, or anyone not seen for days with a smell
    at their door: possibly down inside, urgent."""
    plain = _plain(text)
    return (_NOT_SEEN.search(plain) is not None and _ALONE.search(plain) is not None) \
        or (_UNSEEN.search(plain) is not None and _SMELL.search(plain) is not None)


# People inside a lift that stopped ("电梯卡起了 里头关了两个老年人", "电梯卡到半中间了 里头还有人": blind test 9, #32
# and #45 were ordinary tickets): trapped, whether or not 困 or 关到 is said. A lift broken with nobody in it is none.
# 电体, 电题, 电提: a lift mistyped on a pinyin keyboard (河畔花园7动电体不动了, blind test 31, B26b).
LIFT_WORDS = r"电梯|电体|电题|电提|轿厢"
_LIFT = re.compile(LIFT_WORDS)
_INSIDE = re.compile(r"里(?:头|面|边)(?:还|都)?(?:有|关了?|困了?|关起|困起|卡了?)[^，,。！!？?\s]{0,5}(?:人|娃|孩)|"
                     # 我孙孙还在里头 (blind test 24, B104 and B91): someone still in it
                     # 我老伴关在里头 (blind test 25, A23), 我姐还在里面
                     # 我老汉在里头 (blind test 33's B36 kind, an ordinary ticket): 老汉, 老太, 老头, 爹, 娘 too
                     r"(?:人|娃|孩|孙|崽|儿|女|妈|爸|婆|爷|公|伴|夫|妻|哥|姐|弟|妹|叔|姨|舅|他|她|汉|太|老头|爹|娘|婶|嫂)"
                     r"[^，,。！!？?\s]{0,2}"
                     r"(?:还|都)?在里(?:头|面|边)|"
                     r"(?:关|困)(?!不)(?:了|到|住|起)?[^，,。！!？?\s]{0,4}人")
_NOBODY = re.compile(r"(?:没|莫|没得|莫得|没有)(?:得)?人")


# Told of another day, as what went wrong before ("电梯经常停 上礼拜还把一个老人关在里头半个小时", blind test 29,
# B159 raised a lift emergency): a lift to fix, nobody shut in now unless now is said.
_PAST = re.compile(r"上礼拜|上个?星期|上周|上个月|上次|上回|前几天|前天|昨天|昨晚|去年|那次|有一次|以前")
_NOW = re.compile(r"现在|正在|刚刚|刚才|还在|快来|救命|赶紧|马上")


# Someone doing a thing in a lift that works (电梯里头有人抽烟 烟头丢一地, blind test 33, A38 was told 电梯救援或119):
# a nuisance, nobody shut in, unless the words say the lift stopped or someone cannot get out.
_DOING_IN_LIFT = re.compile(r"抽烟|吸烟|烟头|屙尿|撒尿|尿尿|拉屎|屙屎|吐痰|吐口水|乱丢|乱扔|乱画|乱贴|小广告|遛狗|"
                            r"打牌|吃东西|骂人|吵架")
_STUCK_WORDS = re.compile(r"关|困|卡|停|不动|出不来|救命|警铃|坏|故障|掉下|下坠|打不开|开不开")


def _shut_in_lift(plain: str) -> bool:
    if _DOING_IN_LIFT.search(plain) is not None and _STUCK_WORDS.search(plain) is None:
        return False
    return _LIFT.search(plain) is not None and _INSIDE.search(plain) is not None and _NOBODY.search(plain) is None


# Nobody in it (没得人关在里头, 里面没人, 没人被困): said of the lift, nobody shut in.
_NOBODY_INSIDE = re.compile(r"(?:没|莫|没得|莫得|没有)(?:得|有)?人(?:被)?(?:关|困|卡|在里)[^，,。！!？?\s]{0,4}|"
                            r"里(?:头|面|边)?(?:都|也)?(?:没|莫|没得|莫得|没有)(?:得|有)?人(?![管收修理接来应问])")
# A lift stopped or broken (电梯坏了, 电体不动了, 电梯卡起了).
_LIFT_DOWN = re.compile(f"(?:{LIFT_WORDS})[^，,。！!？?\\s]{{0,8}}?"
                        r"(?:不动|停|卡|坏|不走|不上|不下|没反应|用不了|不能用|故障|失灵|关不上|打不开|开不开|罢工)")
# Someone in it or in trouble, even unnamed (按警铃, 出不来, 救命).
_SOMEONE_IN = re.compile(r"救命|出不来|警铃|快来|困|关到|关起|关了|关在|在(?:电梯|电体)?里|里(?:头|面|边)?(?:还|都)?有")


def names_lift(text: str) -> bool:
    """Whether words name a lift (电梯, 电体)."""
    return _LIFT.search(_plain(text)) is not None


def says_nobody_inside(text: str) -> bool:
    """Whether words say nobody is inside (没得人关在里头, 里面没人, 没人被困)."""
    return _NOBODY_INSIDE.search(_plain(text)) is not None


def lift_out_of_order(text: str) -> bool:
    """A lift stopped or broken with nobody said to be inside or in trouble (电体不动了; 没得人关在里头 就是电梯坏了
    不动, blind test 31, B26b was told 120): a lift to fix, no emergency."""
    plain = _plain(text)
    rest = _NOBODY_INSIDE.sub(" ", plain)
    return _LIFT_DOWN.search(plain) is not None and _SOMEONE_IN.search(rest) is None \
        and _INSIDE.search(rest) is None


# A lift that stopped (电梯停起不动了, blind test 26, A12 was told 120 for "我孙子在里头出不来"): the machine still,
# nobody lying still; no person is named between the lift and 不动.
_STILL_MACHINE = re.compile(f"(?:{LIFT_WORDS})[^人娃孩孙崽儿女妈爸婆爷公他她，,。！!？?\\s]{{0,6}}?不动|"
                            # 卡在3楼不动了 (blind test 33, B36 was told 120): the lift stopped at a floor
                            r"(?:停|卡)(?:起|住|到|在|下)?(?:[0-9一二三四五六七八九十两几]+楼|半中间|中间|半路|半空)?"
                            r"了?不动")


def without_still_machine(text: str) -> str:
    """The words less a lift standing still (电梯停起不动了 is nobody lying still)."""
    return _STILL_MACHINE.sub(" ", text)


def lift_trouble_of_the_past(text: str) -> bool:
    """People shut in a lift on another day (上礼拜还把一个老人关在里头), nothing said to be happening now."""
    plain = _plain(text)
    return _shut_in_lift(plain) and _PAST.search(plain) is not None and _NOW.search(plain) is None


def lift_with_people(text: str) -> bool:
    """People shut in a lift now: a lift named and someone inside it or shut in, nobody said to be out of it, not
    told of another day."""
    plain = _plain(text)
    return _shut_in_lift(plain) and not lift_trouble_of_the_past(plain)


# Who can be down (倒起了 / 倒了 said of a person): a thing fallen over (垃圾桶翻倒起了, 大树吹倒起了, blind test 23,
# R1v and N57) is no one down. The person must be the clause's subject, before the verb.
# 老爷子, 老母亲 (blind test 27, A1b: "屋头老爷子早上出去就没回来" was an ordinary 养老助残 ticket)
_PERSON = (r"人|老人|老年人|老人家|老爷子|老爷爷|老奶奶|老母亲|老父亲|父亲|母亲|老爹|公公|祖祖|婆婆|爷爷|奶奶|"
           r"大爷|大妈|"
           r"老汉|老头|老太|老婆|老伴|娃|孩子|小孩|他|她|我妈|我爸|"
           r"妈妈|爸爸|老妈|老爸|儿子|女儿|孙子|孙女|外婆|外公|邻居|师傅|骑手|路人|男的|女的|同学|老公|丈夫|爱人|"
           r"媳妇|哥哥|姐姐|弟弟|妹妹")
_FELL = re.compile(r"倒起了|倒了")
_PERSON_FELL = re.compile(f"(?:{_PERSON})[^，,。！!？?\\s]{{0,8}}倒(?:起了|了)")
_CLAUSE = re.compile(r"[，,。！!？?；;\s]+")


def thing_fell(text: str) -> bool:
    """倒起了 / 倒了 with no person as its clause's subject: a thing fallen over (垃圾桶翻倒起了), nobody down."""
    plain = _plain(text)
    fell = [c for c in _CLAUSE.split(plain) if _FELL.search(c)]
    return bool(fell) and not any(_PERSON_FELL.search(c) for c in fell)


# Who can go missing by not coming back: not a repairman gone for his tools (师傅去拿工具 到现在没回来).
_KIN = re.sub(r"\|(?:人|师傅|骑手|路人)(?=\||$)", "", "|" + _PERSON).lstrip("|")
# Someone missing (走丢了, 不见了, 找不到人了), a person named: for the police (blind test 23, N14).
_MISSING = re.compile(r"走丢|走失|走散|跟丢|找不到人了|"
                      # A child gone from sight away from home (我儿子在河边公园耍 一转眼就不见了, blind test 26)
                      r"(?:娃|孩子|小孩|小朋友|儿子|女儿|孙子|孙女|孙孙)[^。！!？?]{0,16}(?:不见了|找不到了|搞丢了|弄丢了)|"
                      r"(?:" + _PERSON + r")[^，,。！!？?\s]{0,6}"
                      r"(?:不见了|找不到了|没回来|没有回来|没得回来)|"
                      # Gone out and not back, said across a space or a comma (我妈出去买菜 到现在没回来: leftovers of
                      # the blind tests), or still not back after hours (我爸到现在都还没回家).
                      r"(?:" + _KIN + r")[^。！!？?]{0,12}(?:出去|出门|走了|去了|去)[^。！!？?]{0,12}"
                      r"(?:没|没有|没得|莫得|莫)(?:回来|回家|回屋|回到屋)|"
                      r"(?:" + _KIN + r")[^。！!？?]{0,12}(?:到现在|一直|一晚上|一夜|一天|几个钟头|几个小时)"
                      r"[^。！!？?]{0,4}(?:没|没有|没得|莫得|莫)(?:回来|回家|回屋|回到屋)")


# A child not home after school or for hours ("才八岁 放学…还没到屋 电话关机", "我儿子十岁 放学两个钟头了还没回来":
# blind test 25 filed both as ordinary tickets): missing, for the police.
_CHILD = re.compile(r"\d+岁|[一二三四五六七八九十]+岁|娃|儿子|女儿|孙子|孙女|孙孙|孩子|小孩|崽|学生")
_NOT_BACK = re.compile(r"(?:还|都|也)?(?:没|没有|没得|莫得|莫)(?:到屋|到家|回来|回家|回屋|回到屋|回到家)|"
                       r"电话(?:也|都)?(?:关机|打不通|没人接|不接)|关机了")
_HOURS = re.compile(r"放学|钟头|小时|到现在|天黑|一晚上|一夜|一天|关机|打不通")


def missing_child(plain: str) -> bool:
    """A child not home or not arrived after school or for hours, or out of reach by phone."""
    return _CHILD.search(plain) is not None and _NOT_BACK.search(plain) is not None \
        and _HOURS.search(plain) is not None


# A pet or a thing gone (我家狗走丢了, 钥匙找不到了) is nobody missing: no emergency, no 110.
_NOT_A_PERSON = re.compile(r"狗|猫|鸡|鸭|鹅|猪|牛|羊|兔|鸟|鱼|宠物|钥匙|手机|钱包|车|包")
_A_PERSON = re.compile(_PERSON)
_THING_GONE = re.compile(f"(?:{_NOT_A_PERSON.pattern})(?:也|又|都|就|还|给)?"
                         r"(?:不见了|找不到了|丢了|搞丢|弄丢|走丢|走散)")


# An old person or a child who cannot find the way home ("路边有个老太婆在哭 说找不到屋了": blind test 25 added it to
# a rider's report of bikes fallen over): lost, for the police, as one gone missing is.
_LOST_ONES = r"老人|老年人|老人家|婆婆|爷爷|奶奶|大爷|大妈|老汉|老头|老太|娃|孩子|小孩|小朋友|嬢嬢|孃孃"
_LOST_WAY = re.compile(f"(?:{_LOST_ONES})[^。！!？?]{{0,12}}"
                       r"(?:(?:找不到|找不着|寻不到|认不到|认不得|不认得|不晓得|不知道)(?:回家|回屋|回去)?的?(?:屋|家|路)|"
                       r"迷路|迷了路|走迷了)|"
                       # 问他住哪里他说不清楚 (blind test 33, B172 was 答不上): an old person who cannot say where home
                       f"(?:{_LOST_ONES})[^。！!？?]{{0,24}}(?:住|家|屋)[^。！!？?]{{0,6}}"
                       r"(?:说不清|说不出|讲不清|讲不出|答不上|记不得|记不到|想不起|说不到|不晓得|不知道)|"
                       # 问他啥子都不晓得 (a small-talk reply): an old person who cannot answer anything asked
                       f"(?:{_LOST_ONES})[^。！!？?]{{0,16}}问(?:他|她)?(?:啥子|什么|啥|哪样|话)?(?:都|也)?"
                       r"(?:不晓得|不知道|说不清|说不出|讲不清|答不上|记不得|不说话|不开腔)|"
                       # 有个娃娃在门口哭 找不到妈妈了 (blind test 33's B172 kind, an ordinary ticket): a child lost
                       r"(?:娃|孩子|小孩|小朋友|崽)[^。！!？?]{0,16}(?:找不到|找不着|寻不到|不见了)(?:他|她)?的?"
                       r"(?:妈妈|妈|爸爸|爸|大人|家长|家里人|屋头的人|奶奶|爷爷|婆婆|外婆|外公)(?![^。！!？?\s]{0,3}(?:电话|号码|手机))")


# Someone said to be still there (婆婆还在那点坐起的 好冷哦, blind test 33's B172 kind, was small talk about the
# cold): news of a person, never chat.
_STILL_THERE = re.compile(rf"^(?:那个|这个|那|这)?(?:{_LOST_ONES}|人|他|她)(?:还|都|一直)(?:在|坐|蹲|站|躺|睡)")


def someone_still_there(text: str) -> bool:
    """Whether the words begin with someone still there (婆婆还在那点, 那个人还坐在门口)."""
    return _STILL_THERE.search("".join(_plain(text).split())) is not None


def missing_person(text: str) -> bool:
    """Whether a message says a person is missing (老汉儿走丢了), or an old person or a child lost (说找不到屋了), not
    a pet or a thing (我家狗走丢了)."""
    plain = _plain(text)
    if _MISSING.search(plain) is None and not missing_child(plain) and _LOST_WAY.search(plain) is None:
        return False
    if _THING_GONE.search(plain):
        return False  # 娃儿的手机找不到了: the child's phone is what is lost
    return _NOT_A_PERSON.search(plain) is None or _A_PERSON.search(_NOT_A_PERSON.sub("", plain)) is not None


_ANIMAL = re.compile(r"狗|猫|鸡|鸭|鹅|猪|牛|羊|兔|鸟|鱼|宠物")


def only_an_animal(text: str) -> bool:
    """A pet or an animal is who the message is about, no person named (屋头的猫从五楼掉下去了, blind test 25): no
    emergency on the classifier's word."""
    plain = _plain(text)
    return _ANIMAL.search(plain) is not None and _A_PERSON.search(_ANIMAL.sub("", plain)) is None


# A person fallen from a building, a window or a roof ("有个娃娃从楼上掉下来了", blind test 25 was told 119 only): hurt.
_FROM_HEIGHT = re.compile(f"(?:{_PERSON})[^，,。！!？?]{{0,8}}从[^，,。！!？?]{{0,8}}(?:楼|窗|阳台|房顶|屋顶|楼顶)"
                          r"[^，,。！!？?]{0,6}(?:掉|摔|跌|落|滚)(?:下|了)")


def fell_from_height(text: str) -> bool:
    """Someone (not a pet or a thing) fallen from a building, a window or a roof."""
    plain = _plain(text)
    return _FROM_HEIGHT.search(plain) is not None and not only_an_animal(plain)

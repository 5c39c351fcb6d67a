"""A message that says there is something to tell, or who, but not yet what (我要反应个事, 我们屋头那个, 我们楼上那家,
同志 我给你说个事情): no ticket; the bot listens or asks what the problem is (split from bot/core/triage.py)."""

from __future__ import annotations

import re

from bot.common.plain_text import plain as _plain
from bot.core import problem_context, triage

# Saying there is something to report, not yet what ("我要反应个事", blind test 5, #62), or a fragment pointing
# at something never named ("我们屋头那个"): no ticket, the bot asks what the problem is.
# Calling the bot before saying anything (同志 我给你说个事情, blind test 10, #60): no problem in it.
_HAIL = r"(?:同志|师傅|领导|老师|你好|您好|喂|哎|诶|嗯)"
# Calling the bot by a kin or polite word before asking (嬢嬢问你个事, 娃儿 我问哈, 大姐 问个事哈: blind test 25, #8).
_CALLING = (rf"(?:{_HAIL}|娃儿|幺儿|幺妹儿?|孃孃|嬢嬢|娘娘|阿姨|大姐|大哥|大爷|大妈|老弟|妹儿|妹妹|小妹|小伙子|小同志|"
            r"美女|帅哥|姐姐|哥哥|姐|哥)")
# 我是来反映问题的, 我们是专门来反映情况的 (blind test 31, B4b: "您目前没有在办的工单").
_OPENER = re.compile(rf"^{_HAIL}*(?:我们?|我这里|我这边)?(?:是|就是)?(?:专门)?(?:要|想|想要|来)?(?:跟|给|和|同)?"
                     r"(?:你|你们)?(?:反应|反映|报告|报|说|讲)(?:一?个|一下|一哈|点|件|些)?"
                     r"(?:事|事情|情况|问题)?的?(?:嘛|哈|啊|哦|呢|噻|喔)?$|"
                     # 我有个事 / 有个情况想跟你反映一下 (blind test 7, #42)
                     rf"^{_HAIL}*我?有(?:一?个|点|件)(?:事|事情|情况|问题)(?:想|要)?(?:跟|给|和)?(?:你|你们)?"
                     r"(?:反应|反映|说|讲|报)?(?:一下|一哈)?(?:嘛|哈|啊|哦|呢|噻)?$|"
                     # 领导 麻烦问一哈, 想问个事 (blind test 23, #6): about to ask, listened to
                     # 嬢嬢问你个事, 娃儿 我问哈, 有点事想问下 (blind test 25, #8)
                     # 老师 请问一下 (blind test 26, A70)
                     rf"^{_CALLING}*(?:麻烦|请|我|我就是|就是|我想|想|我要|要|有(?:一?个|点|件)(?:事|事情)?)*"
                     r"(?:问|请教|打听)(?:你|您|你们)?(?:一?个|一下|一哈|下|哈|点|件)?"
                     r"(?:事|事情|问题)?(?:嘛|哈|啊|哦|呢|噻)?$")
_FRAGMENT = re.compile(r"^(?:我们?|咱们?|我家|屋头|屋里|家里|这边|那边|就是|嗯|呃|哦|哎|诶|那)*(?:那个|这个|那件|这件)"
                       r"(?:事|事情|情况|人)?(?:嘛|哈|啊|哦|呢|噻)?$")
# Who or where alone, no problem (我们楼上那家, 隔壁那个人, 楼下有个老头, blind test 9, #40): asked what happened, the
# words held for the report that follows (bot/core/followups.py `held_who`, bot/app/dialogue.py).
_SPOT = (r"(?:楼上|楼下|隔壁子?|对门|对面|斜对面|上面|下面|上头|下头|旁边|顶楼|院子|小区|巷子|楼道|单元|门口)"
         r"(?:里|头|的)?")
_WHO = (r"(?:一家人|人家|家人|邻居|老头子?|老太婆|老婆婆|婆婆|大爷|大妈|娃儿|小伙子|年轻人|两口子|租客|租户|住户|"
        r"人|家|户)")
# 我跟你说 我们楼上那家 (blind test 10, #17): about to tell, then who.
_ABOUT_TO_TELL = r"(?:我?(?:跟|给|和)你们?(?:说|讲)(?:嘛|哈|哦|一下|一哈)?)"
_WHO_FRAGMENT = re.compile(rf"^(?:{_HAIL}|{_ABOUT_TO_TELL}|我们?|我家|我们家|咱们?|屋头|就是|嗯|呃|哦|哎|诶)*"
                           rf"(?:{_SPOT}(?:(?:那|这)一?(?:个|些|几个)?|有一?个|有些)?|(?:那|这)一?(?:个|些|几个)?)"
                           rf"{_WHO}子?(?:嘛|哈|啊|哦|呢|噻|哟)?$")
_WHO_LEAD = re.compile(rf"^(?:{_HAIL}|{_ABOUT_TO_TELL}|我们家|我家|我们?|咱们?|屋头|就是|嗯|呃|哦|哎|诶)+|"
                       r"(?:嘛|哈|啊|哦|呢|噻|哟)$")
# A thing alone, its place or not (安居苑6栋的楼道灯, 我们院子头那个自来水, blind test 23, #5): held like who alone
# and asked what is wrong with it, never filed without a problem.
_THING_FRAGMENT = re.compile(rf"^(?:{_HAIL}|{_ABOUT_TO_TELL}|我们?|我家|我们家|咱们?|屋头|就是|嗯|呃|哦|哎|诶)*"
                             r"[^，,。！!？?\s]{0,12}?(?:的|头|里|里头|门口|旁边|背后|外面)?"
                             r"(?:(?:那|这)一?(?:个|根|盏|棵|条|口|台|些|几个)?)?"
                             rf"{problem_context.THING}(?:嘛|哈|啊|哦|呢|噻|哟)?$")
WHO_ASKED = "好的，{who}怎么了？请说说是什么问题，我一起记下。"
WHO_ASKED_MARK = "怎么了？请说说是什么问题"  # how the reply to who alone reads, found again by `held_words.held_who`
ASK_PROBLEM = "好的，请说说是什么问题、在哪里，比如“3栋门口路灯坏了”。"
# Someone about to tell (我跟你说嘛, 跟你讲个事) is invited to, never told "帮不上忙" (blind test 7, #42).
LISTENING = "您说，我听着。请说说是什么问题、在哪里，比如“3栋门口路灯坏了”。"


def _bare(text: str) -> str:
    return re.sub(r"[\s，,。.!！~～、…]+", "", _plain(text))


# Only words that call the bot: 大爷 or 阿姨 alone may be whom the problem is about (大爷 / 摔倒了).
_CALLED_FIRST = re.compile(rf"^(?:(?:{_HAIL}|幺儿|幺妹儿?|孃孃|嬢嬢|娃儿|妹儿|小妹|小伙子|小同志|美女|帅哥)"
                           r"(?:[\s，,。.!！~～:：]+|$))+")


def without_calling(text: str) -> str:
    """The words after the bot was called by a kin or polite word ("老师", "嬢嬢", "幺儿 "): never the start of a
    ticket's text (blind test 27, A29: the worker read "老师 点不燃 饭都煮不成"); "" when that was all."""
    return _CALLED_FIRST.sub("", " ".join((text or "").split()))


def says_no_problem_yet(text: str) -> bool:
    """Whether a message only announces a report or points at something unnamed: nothing to file yet."""
    plain = _bare(text)
    if not plain or triage.has_problem(plain) or any(c.isdigit() for c in plain):
        return False
    return _OPENER.match(plain) is not None or _FRAGMENT.match(plain) is not None


# Whether this is the place to tell (你们是管事的吧, 这里是不是管这些的; blind test 31, B4 got 没太看懂): yes, and
# what to send.
_IN_CHARGE = re.compile(rf"^{_HAIL}*(?:请问)?(?:你们?|这里|这儿|这个号码?|这个)(?:是不是|是|可以|能)?(?:不是)?"
                        r"(?:管事|负责|管这些?事?|管这一?块|管我们(?:这里|这边|小区)?|管(?:理)?问题|反映问题|反应问题)"
                        r"(?:的|的人|的地方|的嘛)?(?:不是|哇|吧|吗|嘛|哦|哈|不|噻|呢)*$")
IN_CHARGE = "是的，有问题可以跟我们说。请说说是什么问题、在哪里，比如“3栋门口路灯坏了”。"


def asks_if_in_charge(text: str) -> bool:
    """你们是管事的吧: whether this is where to report, asked before saying what."""
    plain = _bare(text)
    return bool(plain) and not triage.has_problem(plain) and _IN_CHARGE.match(plain) is not None


def no_problem_yet_reply(text: str) -> str:
    """The reply to a message with no problem yet: an opener is listened to, a fragment asked what it is."""
    return LISTENING if _OPENER.match(_bare(text)) is not None else ASK_PROBLEM


def names_only_who(text: str) -> bool:
    """我们楼上那家, 隔壁那个人: who (or where they live) and no problem. With no report open and no place asked for,
    the dialogue asks what happened (`who_asked`) and keeps the words for the report that follows."""
    plain = _bare(text)
    return bool(plain) and not triage.has_problem(plain) and _FRAGMENT.match(plain) is None \
        and triage.information_request(plain) is None \
        and (_WHO_FRAGMENT.match(plain) is not None or (
            problem_context.may_be_thing_alone(_plain(text)) and _THING_FRAGMENT.match(plain) is not None))


def who_asked(text: str) -> str:
    """"好的，楼上那家怎么了？请说说是什么问题…": the reply to who alone."""
    plain = _bare(text)
    return WHO_ASKED.format(who=_WHO_LEAD.sub("", plain)[:12] or plain[:12])

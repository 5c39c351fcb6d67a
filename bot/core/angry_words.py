"""Words said in anger (blind test 28): the anger is no reason not to understand them.

- A thing named beside being fed up with waiting (发了八百遍了 到底有没有人管 安居苑路灯) or everything broken
  (路灯 垃圾 下水道 没一样是好的 你们管不管) is a report: the problem is that thing, left unattended. Its sender
  also hears a calm word that we are on it (`ON_IT`).
- Venting at officials with no problem named (你们这些当官的就晓得收钱, 你们一天到黑吃干饭的) is answered
  calmly and invited to say the problem (triage's calm reply), never 没太看懂.
- Giving up on talking to a machine (算了 跟机器说有啥用) gets a warm word and a number to call a person.
- Asking for someone above (我要找你们领导 投诉) is a complaint (bot/core/complaints.py `lodge_general`): asked what
  happened when nothing more is said."""

from __future__ import annotations

import re

from bot.common.plain_text import plain as _plain
from bot.core.problem_context import THING

# Fed up with waiting: said many times, nobody sees to it, do you or don't you.
_FED_UP = re.compile(
    r"(?:发|说|报|反映|反应|打电话|打)了?(?:八百|一百|几十|好多|好几|无数|N|n|多少)(?:遍|次|回|道)|"
    r"(?:发|说|报|反映|反应)了?(?:多少|好多)(?:遍|次|回)了|(?:遍|次|回)都(?:没|莫|不)|"
    r"到底有没有人管|有没有人管|有没得人管|有莫得人管|有人管没得|(?:你们|到底|究竟)?管不管|还管不管|"
    r"(?:一直|都|从来|始终|硬是)(?:没|莫得|没得|没有)人(?:管|来|修|理)|"
    r"(?:咋个|怎么|为啥|为什么)(?:还是?|都|就)?(?:没|莫得|没得|没有)人(?:管|来|修|理)|"
    r"(?:没|莫得|没得|没有)(?:一个|一样|一处)人管")
# Everything broken at once: no word of a fault but that nothing works.
_ALL_BROKEN = re.compile(r"(?:没|莫得|没得|没有)(?:一样|一个|一处|一件|哪样)(?:是|是个)?好的|(?:全|都)(?:是|是些)?坏的|"
                         r"(?:没|莫得|没得|没有)(?:一样|一个)(?:好使|能用|管用)")
_THING = re.compile(THING)
_NO_THING = re.compile(r"电话|手机|电脑|电视|短信|网格|信息|消息")  # 打了好多次电话: no 电 to fix

# Contempt for officials, with nobody and nothing wrong named but the service itself.
# (网格通有啥用 asks what the service does: small talk answers it.)
_AT_OFFICIALS = r"(?:你们|当官的|干部|领导|政府|社区|街道|这些人)"
_VENTING = re.compile(
    r"吃干饭|干饭的|白拿工资|白拿钱|拿钱不办事|光拿钱|(?:就|只)(?:晓得|知道|会)(?:收钱|要钱|拿钱|吃|耍|开会|喝茶)|"
    r"混日子|混饭吃|尸位素餐|不干人事|不办人事|(?:老百姓|群众)的事[^，,。]{0,6}(?:不管|没人管|不理)|"
    rf"{_AT_OFFICIALS}[^，,。]{{0,8}}(?:一点都不管|啥都不管|什么都不管|啥子都不管|从来不管|屁用没得|有啥用|没得用|没用)")
# (到底管不管 alone is left to the dialogue: after a report it urges it.)
# Giving up on the machine: what use is it.
_GIVES_UP = re.compile(
    r"(?:跟|和|给|同)(?:机器人?|电脑|你这个机器|你们这个|这个东西|这个破|一个机器)[^，,。]{0,4}(?:说|讲|聊|发)[^，,。]{0,3}"
    r"(?:有啥用|有什么用|有啥子用|有屁用|没用|没得用|莫得用|白说|白讲)|"
    r"(?:说|讲|发)了也(?:是)?(?:白说|白讲|白发|没用|没得用|莫得用)|机器(?:人)?(?:懂个|晓得个|知道个)(?:啥|屁|锤子)")
ON_IT = "让您久等了，实在抱歉！这次一定跟进，有进展会告诉您。"
CALL_A_PERSON = "别灰心！您发的消息都有工作人员看。想找人直接说，可以打{who}电话{phone}。"


def fed_up(text: str) -> bool:
    """发了八百遍了, 到底有没有人管, 你们管不管, 一直没人来修: exasperation at being left waiting."""
    return _FED_UP.search(_plain(text)) is not None


def all_broken(text: str) -> bool:
    """没一样是好的, 全是坏的: nothing named as broken one by one, and everything is."""
    return _ALL_BROKEN.search(_plain(text)) is not None


def left_unattended(text: str) -> bool:
    """A thing named with exasperation or everything broken (安居苑路灯 到底有没有人管; 路灯 垃圾 下水道 没一样是好的):
    a report, whatever it asks."""
    plain = _plain(text)
    rest = _NO_THING.sub(" ", _FED_UP.sub(" ", plain))
    return (fed_up(plain) or all_broken(plain)) and _THING.search(rest) is not None


def vents(text: str) -> bool:
    """你们这些当官的就晓得收钱, 吃干饭的: anger at the service, nothing named to fix (the caller checks that no
    problem is in it)."""
    plain = _plain(text)
    return _VENTING.search(plain) is not None and not left_unattended(plain)


def gives_up(text: str) -> bool:
    """算了 跟机器说有啥用, 说了也白说: giving up on being heard."""
    return _GIVES_UP.search(_plain(text)) is not None


def call_a_person(who: str, phone: str) -> str:
    """The warm word to someone giving up, with whom to call (the grid worker, else the service centre)."""
    return CALL_A_PERSON.format(who=who, phone=phone)

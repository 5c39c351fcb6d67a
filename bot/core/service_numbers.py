"""The emergency services' numbers asked about: a question, never an emergency (blind test 28, B94:
"120电话是多少" was told "这个电话不便提供"; B94-2: "火警电话多少来着" raised a 119 emergency). Answered plainly,
never filed. "我要报警" alone (B93: "没太看懂") is told to call 110, and to say where and what for us to know too."""

from __future__ import annotations

import re

from bot.common.plain_text import plain as _plain
from bot.core import triage

_FIRE = re.compile(r"火警|消防|119")
_AMBULANCE = re.compile(r"急救|救护车|120")
_POLICE = re.compile(r"报警|匪警|警察|公安|110")
# The number asked: 电话是多少, 多少来着, 打哪个, 是不是119.
_ASKED = re.compile(r"(?:电话|号码|号)(?:是|号码)?(?:多少|好多|几号|哪个|啥子|什么|几)|多少来着|好多来着|"
                    r"打(?:哪个|多少|好多|啥子|什么|几号)(?:电话|号码)?|(?:电话|号码)[^，,。！!？?\s]{0,3}(?:是不是|对不对)|"
                    r"是不是(?:打)?(?:110|119|120)")
# The police station's own number (派出所电话多少, blind test 32, A47: "这个电话不便提供" as if a private one).
_STATION = re.compile(r"派出所|警务室|民警")
# The station's number asked for in other words (blind test 33, A19, A75: 我要找派出所 有电话没得, 派出所电话给我一个,
# 我不要私人电话 就要派出所的办公电话; blind test 35, A19b: 有没得派出所的座机号码): the station's number, never
# "不便提供".
_STATION_ASKED = re.compile(r"(?<![打来])(?:电话|号码)(?:号码)?(?:是|呢)?(?:多少|好多|有没得|有没有|没得|没有|"
                            r"给我|发我|说一下|告诉我|来一个|一个)|有(?:没得|没有)?(?:啥子|什么)?(?:电话|号码)|"
                            r"(?:要|给我|发我|告诉我|问)[^，,。！!？?]{0,8}(?:电话|号码)|办公电话|值班电话|座机")
_WANT_POLICE = re.compile(r"^(?:喂|你好|您好|同志)?(?:我|我们)?(?:要|想|想要|需要)报警(?:嘛|哦|啊|了|噻|哈)?$")
FIRE = "火警电话是119，着火了直接打119。"
AMBULANCE = "急救电话是120，有人急病或受伤直接打120。"
POLICE = "报警电话是110，遇到违法犯罪或危险直接打110。"
ALL = "火警119，急救120，报警110，遇急事直接打。"
WANT_POLICE = "请直接打110；要我们也知道，请说在哪里、出了什么事。"
# The station's own number in it: 我要的是派出所的号码 不是你们网格员的 and 有没得派出所的座机号码 got no number, only
# the service centre's (blind test 35, A19, A19b). Demo number: staff put in their own.
STATION = "青山派出所值班电话0874-3112110，在街道办对面；急事打110，办户口可问便民服务中心0874-3112345。"


def reply(text: str) -> str | None:
    """The answer to a question for an emergency service's number, or to "我要报警" alone; None for anything else,
    a danger named with it above all (着火了 火警电话多少: an emergency)."""
    plain = _plain(text)
    bare = re.sub(r"[\s，,。.!！~～、…?？]+", "", plain)
    if not plain or triage.has_danger(plain):
        return None
    if _WANT_POLICE.match(bare):
        return WANT_POLICE
    rest = _POLICE.sub(" ", _AMBULANCE.sub(" ", _FIRE.sub(" ", plain)))  # 火警 is no fire
    if triage.has_problem(rest):
        return None
    if _STATION.search(plain) and (_ASKED.search(plain) or _STATION_ASKED.search(plain)):
        return STATION
    if _ASKED.search(plain) is None:
        return None
    named = [answer for pattern, answer in ((_FIRE, FIRE), (_AMBULANCE, AMBULANCE), (_POLICE, POLICE))
             if pattern.search(plain)]
    if not named:
        return None
    return named[0] if len(named) == 1 else ALL

"""Something fell or collapsed and the message says nobody was hurt or under it ("安居苑后面的围墙垮了一截 还好没得人",
"菜市场门口的招牌掉下来了 砸在地上 莫得人遭": blind test 24, A5 and A6 were told 119 and 110): an ordinary report,
whatever the classifier guessed. Someone under it ("压到人了", "有人在下面") still makes it an emergency."""

from __future__ import annotations

import re

# 没人, 没得人, 莫得人遭, 没伤到人, 没有人受伤, 人没事: nobody hurt. Not 没人管 / 没人修 (nobody sees to it).
# 差点砸到人, 险些砸到人 (blind test 26: "外墙皮掉下来了 差点砸到人" was told 120): a near miss, nobody hurt.
_NOBODY = re.compile(r"(?:差点|差一点|险些|差点儿)(?:就)?(?:砸到|砸中|砸了|压到|打到|碰到|撞到|伤到)(?:人|哪个|谁)?|"
                     r"(?:还好|幸好|好在|幸亏)?(?:都|也)?(?:没|莫|没得|莫得|没有)(?:得|有)?"
                     r"(?:(?:伤到|砸到|压到|打到|碰到|埋到|遭到|伤)(?:人|哪个|谁)?|(?:人|哪个|谁)(?![管收修理接来应问])"
                     r"(?:遭|受伤|伤到|遭砸|被砸|被压|在)?)|"
                     r"人(?:都|也)?(?:没事|没得事|莫得事|没受伤|没伤到|没得啥子|莫得啥子)")
# A thing down: fallen, collapsed, dropped, broken off, tipped over.
# 车撞到花坛了 人没事 花坛砖头散一地 (blind test 33, A69 was told 110): a crash into a thing, nobody hurt
_THING_DOWN = re.compile(r"塌|垮|倒|掉|落下|砸|断|翻|歪|撞|散")
# Someone under it or hurt by it, said apart from the nobody words.
_SOMEONE_UNDER = re.compile(r"压到人|压倒人|压住人|压到了人|砸到人|砸伤|埋|有人在(?:下面|底下|下头|里面|里头)|"
                            r"(?:人|娃|孩|他|她)[^，,。！!？?\s]{0,3}(?:压|埋|困)在|被(?:压|埋|砸)(?:到|住|伤|在)|困|救命|受伤|流血|伤到人|出血")


def without_nobody(plain: str) -> str:
    """The message less its words saying nobody was hurt (没砸到人 is no 砸到人)."""
    return _NOBODY.sub(" ", plain)


def nobody_hurt(plain: str) -> bool:
    """Whether a message says a thing fell or collapsed and that nobody was hurt, with nobody said to be under it."""
    rest = without_nobody(plain)
    return rest != plain and _THING_DOWN.search(plain) is not None and _SOMEONE_UNDER.search(rest) is None

"""Dangers the words of a message show that bot/core/triage.py would otherwise miss (blind test 26): a fight or a
beating happening now, swearing or not ("日你妈 楼下有个男的在打婆娘"); someone lying out in the street or the cold
("公交站那有个老头躺起 喝醉了 天冷得很"); a smell of gas said as a suspicion ("臭鸡蛋味 怕是天然气漏了"). And what is no
emergency: a scrape its sender says is no big deal ("我骑车摔了 腿擦破了皮 没得大事")."""

from __future__ import annotations

import re

# Someone hit by someone, now: a fight, a beating (domestic violence too), a stick or a brick taken up to hit with.
# Not 打雷, 打牌, 打电话: someone must be fighting or be hit.
_VICTIM = r"人|婆娘|老婆|媳妇|女人|男人|老公|娃|孩子|小孩|老人|老汉|老头|婆婆|他|她|自己屋头的"
_FIGHT = re.compile(r"打架|打起来|打群架|群殴|斗殴|遭人打|被人打|挨打|打人|往死里打|"
                    rf"(?:在|把|又在|正在)打(?:{_VICTIM})|"
                    r"(?:拿|提|抄|捡)(?:起|了|到|着)?[^，,。！!？?\s]{0,4}(?:棍|棒|砖|刀|钢管|铁|凳|酒瓶)"
                    r"[^，,。！!？?\s]{0,3}(?:打|砸|敲)")
# Said of another day, or as a habit with nothing now: a complaint, not an emergency.
_NOT_NOW = re.compile(r"昨天|昨晚|前天|上次|上回|之前|以前|那天|经常|老是|天天|每天|打过")
_NOW = re.compile(r"在打|正在|打起来了|现在|刚刚|快来|救命")
# Someone down or bleeding in a fight: 有个已经倒了, 都见血了.
_DOWN_IN_FIGHT = re.compile(r"见血|出血|流血|倒了|倒下|倒在|躺在地|起不来|不动了|打晕|打昏|打伤|打破")


def fight(plain: str) -> bool:
    """A fight or a beating happening, not one of another day or a habit alone."""
    return _FIGHT.search(plain) is not None and (_NOT_NOW.search(plain) is None or _NOW.search(plain) is not None)


def hurt_in_fight(plain: str) -> bool:
    """A fight with someone down or bleeding in it: an ambulance too."""
    return fight(plain) and _DOWN_IN_FIGHT.search(plain) is not None


# Someone lying out in the street or the cold (躺起, 睡在路边), drunk or not: may freeze or be hurt.
_SOMEONE = r"人|老人|老头|老汉|老太|婆婆|爷爷|奶奶|大爷|大妈|男的|女的|娃|孩子|小孩|醉汉|酒鬼|小伙子|流浪"
_LYING = re.compile(rf"(?:{_SOMEONE})[^。！!？?]{{0,8}}(?:躺起|躺在|躺倒|睡在|睡起|趴在|趴起|倒在)")
_OUT = re.compile(r"路边|街上|路上|马路|公交站|车站|站台|地上|桥下|桥洞|外头|外面|雪地|草地|河边|门口|花坛|"
                  r"喝醉|醉了|冷得|天冷|好冷|冻|一动不动|不动")


def lying_out(plain: str) -> bool:
    """Someone lying in the street, on the ground or in the cold."""
    return _LYING.search(plain) is not None and _OUT.search(plain) is not None


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

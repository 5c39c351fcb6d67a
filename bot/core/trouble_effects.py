"""What a report's trouble does that people notice, and when it comes: the dark of a lamp out, the smell of droppings or
rubbish, the din of building work or of a dog, the smoke of something burning. Said right after the report
(黑黢黢的 老年人上下楼怕摔, 到处是鸽子屎 臭得很, 每天早上7点就开始打钻; blind test 34, L1, L14, L18 were asked
"是补充…还是新问题？") it is more of that report; said later of a ticket still open (今天早上7点又在打, L18) it is
that ticket going on. A thing of its own, a source of its own (工地 打钻 after 广场舞), a fault of its own or a
quarrel is never the report's effect."""

from __future__ import annotations

import re

from bot.common.plain_text import plain
from bot.core.other_problem import own_problem, things_in

# (what the report tells of, what it does that people notice) for each kind of trouble.
_KINDS = (
    ("dark", re.compile(r"灯|照明"),
     re.compile(r"黑|暗|看不(?:到|见|清)|摸黑|摔|绊|跌|踩空")),
    # a dead animal (死老鼠), never 死 of 吵死了 / 热死了, nor 养 of 养老
    ("smell", re.compile(r"鸽|鸡|鸭|鹅|狗|猫|兔|宠物|屎|粪|尿|垃圾|化粪池|下水道|污水|阴沟|臭"
                         r"|死(?:了?(?:只|个|条))?(?:老鼠|耗子|猫|狗|鸡|鸭|鱼|鸟)"),
     re.compile(r"臭|味|熏|苍蝇|蚊子|蛆|屎|粪|尿|恶心|呛")),
    ("work", re.compile(r"装修|打钻|电钻|施工|敲墙|砸墙|打墙|拆墙|切割"),
     re.compile(r"吵|闹|响|噪|钻|敲|砸|震|轰|打|脑壳痛|头痛|头疼|睡不着|睡不好|灰")),
    ("din", re.compile(r"广场舞|跳舞|音响|喇叭|音乐|唱歌|麻将|狗.{0,4}叫|叫唤|鸣笛|吵|噪音|闹"),
     re.compile(r"吵|闹|响|噪|叫|唱|跳|放|脑壳痛|头痛|头疼|睡不着|睡不好|没法睡")),
    # never a gas smell's (煤气味), nor a cooker hood (抽油烟机能开不: a safety question, blind test 27, B74)
    ("smoke", re.compile(r"烧|(?<!油)烟|煤(?!气)|炉|烤|熏"),
     re.compile(r"(?<!油)烟(?!机)|呛|熏|咳|眼睛")),
)
# When it comes (每天早上7点就开始, 半夜三更都在叫, 中午都在敲): a time of day and its starting or going on.
_WHEN = re.compile(r"每天|天天|每晚|一大早|大清早|清早|早上|上午|中午|下午|晚上|半夜|三更|深夜|凌晨|周末|礼拜天|星期天|"
                   r"\d{1,2}点|[一二三四五六七八九十两]{1,3}点")
_STARTS = re.compile(r"开始|都在|就在|还在|也在|又在|不停|一直|起来")
# What makes a trouble, one pattern for each source (building work, music, mahjong, fireworks, each animal, a fire,
# cooking, rubbish, drains, a lamp, the power): one the report does not name makes a trouble of its own, whatever
# effect word it shares (工地晚上还在打钻 吵死了 after 广场舞, 门口在挖路施工 晚上黑 after a lamp out; issue 17).
_SOURCES = (
    re.compile(r"装修|打钻|电钻|冲击钻|施工|工地|敲墙|砸墙|打墙|拆墙|切割|电锯|挖路|挖掘机|挖机"),
    re.compile(r"(?i)广场舞|跳舞|音响|音乐|唱歌|K歌|KTV|卡拉OK|歌厅|酒吧"),
    re.compile(r"麻将|打牌"),
    re.compile(r"鞭炮|炮仗|烟花|放炮"),
    re.compile(r"狗"), re.compile(r"猫"), re.compile(r"鸡|鸭|鹅"), re.compile(r"鸽"),
    re.compile(r"烧(?!烤)|焚"),
    re.compile(r"烧烤|烤串|油烟|饭馆|餐馆|馆子|饭店|火锅|泔水"),
    re.compile(r"垃圾"),
    re.compile(r"下水道|阴沟|化粪池|污水|粪坑|厕所"),
    re.compile(r"灯"),
    re.compile(r"停电|断电|没电|跳闸"),
)
# A row between people is its own trouble, never a building site's din (他们又在打架).
_QUARREL = re.compile(r"吵架|打架|打人|骂|扯皮|闹事")
# A question (能开不, 可以关不, 要不要紧): answered elsewhere, never an effect said.
# A question word (隔壁工地几点停工嘛): asked, never a report of its own.
_WH = re.compile(r"几点|好久|几时|啥|什么|咋|怎么|哪|多少|为什么|凭什么")
_ASKED = re.compile(r"(?:能|可以|敢|要|得)[^，,。\s]{0,4}(?:不|没)$|[?？吗]|要不要|能不能|可不可以")


def _kinds(report: str) -> list[re.Pattern[str]]:
    """What the trouble of `report` does that people notice, one pattern for each kind it is of."""
    return [felt for _, told, felt in _KINDS if told.search(report)]


def _own_trouble(report: str, text: str) -> bool:
    """Whether the words tell a trouble of their own: a thing or a source the report does not name, a fault, a
    quarrel."""
    return bool(things_in(text) - things_in(report)) or own_problem(report, text) or _QUARREL.search(text) is not None \
        or _ASKED.search(text) is not None \
        or any(source.search(text) is not None and source.search(report) is None for source in _SOURCES)


def felt(report: str, text: str) -> bool:
    """Whether short words say what the trouble of `report` does (黑黢黢的 怕摔 after a lamp out, 臭得很 after pigeons
    kept on the stairs) or when it comes (每天早上7点就开始打钻 after building work), and nothing of their own."""
    said, told = plain(text), plain(report)
    kinds = _kinds(told)
    if not kinds or _own_trouble(told, said):
        return False
    return any(effect.search(said) for effect in kinds) \
        or (_WHEN.search(said) is not None and _STARTS.search(said) is not None)


def another_source(report: str, text: str) -> bool:
    """Whether words said soon after `report` name a source of trouble of their own and none of the report's
    (隔壁工地晚上还在打钻 吵死了 after 广场舞, 门口在挖路施工 晚上黑 after a lamp out): another trouble, a ticket of its
    own, whatever effect or category it shares with the report (issue 17)."""
    said, told = plain(text), plain(report)
    own = [source for source in _SOURCES if source.search(said) is not None]
    return bool(own) and all(source.search(told) is None for source in own) \
        and not any(source.search(said) is not None and source.search(told) is not None for source in _SOURCES) \
        and _ASKED.search(said) is None and _WH.search(said) is None


def goes_on(report: str, text: str) -> bool:
    """Whether words said later tell the trouble of `report` at it again (今天早上7点又在打 after 有人装修): its kind's
    effect, and nothing of their own."""
    said, told = plain(text), plain(report)
    return not _own_trouble(told, said) and (any(effect.search(said) for effect in _kinds(told))
                                             or _done_again(told, said))


# The report's own doing again (昨晚又拖到一点多 after 楼上每天半夜拖椅子, 今天卖菜的又来摆了 after 有人摆摊卖菜):
# 又 and the verb after it, one the report said (blind test 36, E21n, Q22n: a second ticket, "这个我帮不上忙").
_AGAIN_DOING = re.compile(r"又(?:来|在|开始|跑来|把)?([\u4e00-\u9fff])")
_NO_DOING = frozenset("了是有要会能得不没到去来在")


def _done_again(report: str, text: str) -> bool:
    found = _AGAIN_DOING.search(text)
    return found is not None and found.group(1) not in _NO_DOING and found.group(1) in report


# A neighbour's din (楼上天天半夜拖椅子 吵死人了, 隔壁半夜在蹦 咚咚咚的): people making noise, never what a leak or a
# blocked drain does; said after a report of no noisy kind it is a problem of its own, a ticket, never asked
# "是补充…还是新问题？" (blind test 35, E21n). A leak's drip heard at night (滴水的声音吵得睡不着) stays its effect.
_NOISY_PARTY = re.compile(r"楼上|楼下|隔壁|对门|对面|邻居|那家|那户|他家|她家")
_DIN_MADE = re.compile(r"吵|噪音|闹|咚|砰|哐|蹦|跺|跳|拖[^，,。\s]{0,3}(?:椅子|凳子|桌子|柜子|家具|东西)|"
                       r"(?:打|搓)麻将|音响|唱歌")  # never 敲门 (a neighbour knocked for: B27)
_WATERY = re.compile(r"水|漏|滴|渗|管")
# A report that tells a sound itself (水管漏水了 滴滴答答一晚上): a din after it may be that sound, still asked.
_SOUNDED = re.compile(r"滴答|滴滴|响|声音|吵|闹|噪")


def another_din(report: str, text: str) -> bool:
    """Whether words said after `report` tell a neighbour's din while the report is of no noisy kind (building work
    or a din): a trouble of its own."""
    said, told = plain(text), plain(report)
    if _NOISY_PARTY.search(said) is None or _DIN_MADE.search(said) is None or _WATERY.search(said) is not None:
        return False
    noisy = {kind for kind, told_of, _ in _KINDS if told_of.search(told)} & {"work", "din"}
    return not noisy and _SOUNDED.search(told) is None and _ASKED.search(said) is None

"""Someone who cannot manage asking for everyday help at home ("我一个人住 腿脚不方便 能不能有人帮我买菜"): a
service request for the grid worker, filed as 养老助残 (elderly_care) so that someone actually comes, never a
question the knowledge base could not answer (blind test 26, B102 got "抱歉，这个问题我还答不上").

An elderly resident asking "can someone help me buy food" expects a person to come, not to be told that a service
team exists and to ask the grid worker themselves: the ticket puts it before that worker, who arranges it.

Asking us to look in on someone not seen for a while ("帮我问问安居苑7栋那个张大爷还在不在 好久没看到他了", blind
test 28, B85 got 答不上) is such a request too: a visit (走访) by the grid worker, filed the same way. Someone alone
not seen for days, or not answering the door, stays an emergency (bot/core/person_danger.py)."""

from __future__ import annotations

import re

from bot.common.plain_text import plain
from bot.core import question_kinds

# A chore done for the asker: shopping, medicine, meals, cleaning, carrying.
_CHORE = (r"(?:(?:买|拿|取|开|送)(?:点|些|一点|几天的|下|哈|个|一下)?(?:菜|米|油|药|东西|饭)|"
          r"做饭|煮饭|打扫|扫地|洗衣服?|"
          r"换煤气|换气罐|扛米|搬东西|挑水|倒垃圾|跑腿|理发|剪头发?|洗澡)")
# Asking someone to do it for me: 帮我买菜, 有人帮忙买药, 来帮我打扫一下, 给我送饭; 帮老年人代买药 (blind test 36,
# E9b, taken for a person motionless: 人…走不动了).
_ASKS_HELP = re.compile(rf"(?:帮我|帮下我|帮哈我|帮忙|帮一下|帮一哈|来帮|给我|替我|帮我们|帮老人|帮老年人|代)"
                        rf"(?:[^，,。！!？?\s]{{0,4}}?){_CHORE}")
# Someone asked to come (blind test 29: 老伴瘫在床上 想问有没有上门服务, 一个人住 水龙头拧不紧 能不能找人来看下).
_ASKS_SOMEONE = re.compile(r"上门服务|上门护理|上门照顾|上门看|上门帮|"
                           r"(?:找|派|喊|叫|安排)(?:个|一个)?人(?:来|过来|上门)|"
                           r"有(?:没有|没得)?人(?:经常|常常|常|多|时常|时不时|隔三差五|每天|天天)?(?:来|过来|上门)"
                           r"(?:帮|看|修|陪)")
# That the asker cannot do it themselves: alone, old, unable to walk or get out.
_CANNOT = re.compile(r"一个人住|独居|没人照顾|腿脚不方便|腿脚不好|腿不方便|走不动|下不了楼|下不来楼|出不了门|"
                     r"行动不便|瘫|年纪大了|岁数大了|老了|身体不好|病了|残疾|坐轮椅|眼睛看不见|子女不在|儿女不在")
# Asking us to go and see, or ask after, someone (帮我问问, 去看一下, 帮忙打听下).
_LOOK_IN = re.compile(r"(?:帮我|帮忙|帮一下|麻烦|请|你们|能不能|可不可以)?(?:去|上门)?"
                      r"(?:问问|问一下|问下|问一哈|看看|看一下|看下|看一哈|瞧瞧|打听|走访|关心一下)")
# Someone, most often an elder, the sender is worried about.
_SOMEONE = re.compile(r"大爷|大妈|大娘|爷爷|奶奶|婆婆|老汉|老太|老人|老头|孃孃|嬢嬢|阿姨|叔叔|邻居|那家人|老两口|"
                      r"[他她](?!们)")
# Not seen lately, or whether they are all right: 好久没看到他了, 还在不在, 还好不 (never 咋样了: a job's progress).
_WORRIED = re.compile(r"(?:好久|很久|一直|这段时间|最近|好些天|几天)(?:都)?(?:没|莫|没有|没得|莫得)"
                      r"(?:看到|看见|见到|见|碰到|遇到|出来|出门|下楼|动静)|"
                      r"还在不在|在不在家|还好不|还好吗|身体好不|有没有事|有事没|没事吧")
OPENED = "收到，已请网格员{assignee}联系您，安排人帮忙。工单{number}。"
VISITS_ME = "收到，已请网格员{assignee}联系您，安排人常来看看您。工单{number}。"
VISITS_ME_UNASSIGNED = "收到，工单{number}已登记，会安排人联系您、常来看看您。"
VISIT_JOINED = "收到，已请网格员{assignee}上门去看看，有情况会告诉您。已补充到工单{number}。"
LOOKED_IN = "收到，已请网格员{assignee}上门看看，有情况会告诉您。工单{number}。"
LOOKED_IN_UNASSIGNED = "收到，工单{number}已登记，会安排人上门看看，有情况会告诉您。"
OPENED_UNASSIGNED = "收到，工单{number}已登记，街道会尽快安排人联系您帮忙。"
CATEGORY = "elderly_care"


def asks_for_help(text: str) -> bool:
    """Whether the message asks for a chore to be done for someone who cannot do it (帮我买菜 with 腿脚不方便), or for
    someone not seen lately to be looked in on (asks_to_look_in)."""
    said = plain(text)
    someone_to_come = _ASKS_SOMEONE.search(said) is not None and (
        not question_kinds.names_public_place(said) or (asks_visit(said) and _ME.search(said) is not None))
    return ((_ASKS_HELP.search(said) is not None or someone_to_come)
            and _CANNOT.search(said) is not None) or asks_to_look_in(said)


def asks_to_look_in(text: str) -> bool:
    """Whether the message asks us to go and see how someone is (帮我问问…张大爷还在不在 好久没看到他了)."""
    said = plain(text)
    return _LOOK_IN.search(said) is not None and _SOMEONE.search(said) is not None \
        and _WORRIED.search(said) is not None


# Someone asked to come and see a person (能不能有人上门去看看她, 派个人来陪陪我; blind test 35, E9, L9).
_VISIT = re.compile(r"(?:上门|来|去|过来|过去|到屋头|到家里|到家)(?:去|来)?[^，,。！!？?\s]{0,2}?"
                    r"(?:看看|看一下|看下|看一哈|瞧瞧|照看|照顾|陪陪|陪一下|陪哈|坐坐|走走)")
_PLEA = re.compile(r"能不能|能否|可不可以|可以不|有没有人|有没得人|有人|帮忙|麻烦|派|安排|找个人|喊个人|请")
_AGED = re.compile(r"[\d一二三四五六七八九十]+多?岁|[6789]\d多了|[六七八九]十多了")
_ME = re.compile(r"(?:看看|看一下|看下|看|陪陪|陪一下|陪|照顾|照看)我(?![妈爸爹娘家屋老们奶爷外婆公姐哥弟妹儿女孙])")


def asks_visit(text: str) -> bool:
    """Whether the words ask for someone to come and see a person (能不能有人上门去看看她, 能不能有人经常来看看我)."""
    said = plain(text)
    return _VISIT.search(said) is not None and _PLEA.search(said) is not None \
        and (_ME.search(said) is not None or not question_kinds.names_public_place(said))


def about_someone_alone(ticket_text: str) -> bool:
    """Whether a ticket tells of someone who cannot manage alone (我妈80多了 一个人住在河畔花园): a visit asked for
    after it is that ticket's request."""
    said = plain(ticket_text)
    return _CANNOT.search(said) is not None or _AGED.search(said) is not None


def visit_joined_reply(number: str, assignee: str) -> str:
    """The reply when a visit asked for joins the ticket: 收到，已请网格员周明（137…）上门去看看…已补充到工单T1024。"""
    return VISIT_JOINED.format(assignee=assignee, number=number) if assignee else \
        LOOKED_IN_UNASSIGNED.format(number=number)


def opened_reply(number: str, assignee: str, text: str = "") -> str:
    """"收到，已请网格员杨艳（137…）联系您，安排人帮忙。工单T1001。" — within one SMS part; for a visit asked for
    (`text` asks to look in on someone), that the worker will go and see."""
    if asks_visit(text) and _ME.search(plain(text)):  # 能不能有人经常来看看我 (blind test 35, E9)
        return VISITS_ME.format(assignee=assignee, number=number) if assignee else \
            VISITS_ME_UNASSIGNED.format(number=number)
    if asks_to_look_in(text):
        return LOOKED_IN.format(assignee=assignee, number=number) if assignee else \
            LOOKED_IN_UNASSIGNED.format(number=number)
    return OPENED.format(assignee=assignee, number=number) if assignee else OPENED_UNASSIGNED.format(number=number)

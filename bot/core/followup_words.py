"""The word tables a follow-up is read by (bot/core/followups.py): what says a new problem (还有…), what refers back
to the report (她, 那个, 就在…), what asks, how the report is going or that nobody came, a place said alone
(5栋2单元, 菜市场门口), the words that only go with a photo or a location, and 催T1001."""

from __future__ import annotations

import re
import unicodedata

from bot.core import ticket_questions

# What a message says when it only goes with a photo or a location ("我在这", "看图").
BARE_WORDS = frozenset({"", "我在这", "我在这里", "在这", "在这里", "这里", "这儿", "位置", "我的位置", "定位",
                        "看图", "看照片", "照片", "图片", "你看", "看", "这个", "发个位置", "发位置"})
# Intents that are their own request whatever came before: never read as a detail.
OWN_INTENTS = frozenset({"emergency", "cancel", "vote", "ask_topics", "ask_points", "ask_policy", "register",
                         "propose_topic", "greet", "goodbye", "thank", "help", "worker_ack", "worker_resolve",
                         "affirm", "deny", "out_of_scope", "rate_service"})
# check_status and urge count only with their words: "半夜两点都还在搓" read as urge is a detail.
STATUS_WORDS = re.compile(r"进度|咋样|怎么样|咋个样|如何了|到哪|处理了没|处理没|查一?下|有没有人管|办得咋")
URGED = re.compile(r"催|赶紧|快点|快些")  # 催一哈 好几天了都: an urge that says how long, never a detail
URGE_WORDS = re.compile(r"催|快点|快些|赶紧|尽快|好久|多久|什么时候|啥时候|几时|咋还|怎么还|还没来|还不来|来人")
# A new problem says so: 还有…, 另外…, 再反映一个…
NEW_PROBLEM = re.compile(r"^(?:还有|另外|另一个|还要反映|再反映|顺便反映|再说个|再说一个|又有个|又有一个|"
                         r"我还要|还想反映)")
# A detail points back at the report: 她/他/它, 那个/这个, 就在…, 是在…, 一起的, 都还/还在/一直.
REFERS_BACK = re.compile(r"^(?:她|他|它|那个|这个|那里|那边|那儿|就在|就是|是在|是\d|在\d|在[^，,。！!？?\s]{1,10}$)"
                         r"|也是|一起|都还|还在|还是|一直|越来越|刚才说")
# Another household's (他家漏水漏到我家了): 他 is a neighbour, never the report's person.
NEIGHBOUR = re.compile(r"^(?:他|她)们?家|^(?:楼上|楼下|隔壁|对门)")
# A question of its own (where to swap a battery, how to move a school): never a detail of a report.
ASKS = re.compile(r"[吗呢？?]$|哪点|哪里|哪儿|在哪|哪个地方|找哪个|找谁|哪个管|咋个办|怎么办|咋个申请|怎么申请|"
                  r"咋个弄|怎么弄|多少钱|几点|要带|去哪|能不能|可不可以|有没有")
# Asking how the report is going ("我那个停水的事情搞得咋样了嘛", blind test 5, #107): a status check of it, never
# a detail; that nobody has come yet ("咋个还莫得人来") makes it an urge.
PROGRESS_WORDS = re.compile(r"搞得?咋样|弄得?咋样|咋样了|怎么样了|如何了|有人来没|有没有人来|来人没|进度|进展|"
                            r"处理了没|处理得?咋样|修好没|弄好没|搞好没|"
                            # 楼上接管子没得嘛, 灯换了没有: whether what was promised is done (blind test 34, W24)
                            r"(?:接|修|换|弄|搞|装|通|焊|拉|清|补|处理)[^，,。\s]{0,4}(?:没得|没有|莫得)"
                            r"(?:嘛|哦|哈|啊|呀|喃)?[？?。]*$")
# A yes-or-no question (礼拜天开不开门, 体检要空腹不): asked, never said of a report (blind test 34, E25, N3). 是不是
# (是不是在修管子哦) wonders about the report itself.
YES_NO = re.compile(r"(?!是)([\u4e00-\u9fff])不\1|[^不\s]不(?:嘛|哦|哈|啊|呀|喃)?[？?]*$")
# 你们到底管不管嘛 urges too (blind test 6, #84).
NOBODY_CAME = re.compile(r"(?:还|咋个还|咋还|怎么还)(?:莫得|没得|没有?|不)(?:人|人来|来)|莫得人来|没得人来|没人来|"
                         r"(?:到底|还|你们)管不管|到底管没管|到底有没有人管")
# A question about voting (我可以帮隔壁王大爷投一票不): never a detail of a report (blind test 23, #N29).
VOTE_WORDS = re.compile(r"投票|投一票|投个票|代投|帮.{0,8}投")
# Tickets that are not a problem report: a question to call back, a number to verify.
NOT_REPORTS = ("咨询请回电：", "登记核实：")


def ends_as_place(text: str) -> bool:
    """Whether the words end as a place does (5栋2单元, 菜市场门口), not as a thing there (楼道灯)."""
    return _ENDS_AS_PLACE.search(text) is not None


# A place said alone ends as one (5栋2单元, 菜市场门口, 河滨路那个路口), maybe with a particle; "楼道堆满杂物" names
# a place but says something of it.
_ENDS_AS_PLACE = re.compile(r"(?:\d+\s*(?:栋|幢|单元|号|楼|层|室|组)|[栋幢单元楼路街巷村组区院苑园城]|门口|旁边|"
                            r"[东西南北侧后大]门|附近|对面|后面|前面|里面|楼下|楼上|广场|市场|学校|医院|公园|桥|河边|路口|那点|这点|那里|这里)"
                            r"\s*(?:这儿|那儿|这边|那边|嘛|哈|哦|噢|的|呢|啊|呀)?[。.！!~～]*$")


def asks_progress(text: str) -> str | None:
    """"urge" when the message says nobody has come yet, "status" when it asks how the report is going (or whether
    anyone is on it: 有人管没得), else None."""
    if NOBODY_CAME.search(text):
        return "urge"
    return "status" if PROGRESS_WORDS.search(text) or ticket_questions.asks_minded(text) \
        or ticket_questions.asks_after(text) else None


_URGE_NUMBER = re.compile(r"^(?:请|帮我)?(?:催|催办|催一下|催促)(?:一下)?(?:工单)?[Tt]?\d{4,}"
                          r"(?:嘛|哈|啊|吧|了)?[!！。.~～]*$")


def urges_by_number(text: str) -> bool:
    """催T1001 / 催办 T1001 / 催一下t1001嘛: urging one's own ticket by its number, nothing else said."""
    return bool(_URGE_NUMBER.match("".join(unicodedata.normalize("NFKC", text or "").split())))


# The problem back again or still there (柜子又搬回来了, 楼上还在吵, 杂物又堆起了; blind test 30, asked "请问在哪点？"
# long after the ticket it reported there): with no place said, it is where the sender's recent report was.
AGAIN = re.compile(r"又(?!是)|还在|还是|依然|仍然|照样|照旧|还没(?:好|走|停|干)")
AGAIN_DAYS = 14


def says_again(text: str) -> bool:
    return AGAIN.search(unicodedata.normalize("NFKC", text or "")) is not None

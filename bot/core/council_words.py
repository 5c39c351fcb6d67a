"""What a villager's message says about votes, read from its words alone (no database): a bare number,
taking a ballot back, voting for a family member, a question about a vote, and which topic it names.

The decisions that need the dialogue's state are in `council_dialogue`; choices are read in
`council_ballots.parse_choice`.
"""

from __future__ import annotations

import re
from typing import Protocol, TypeVar

from bot.common.plain_text import plain as normal

_CN_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# "2", "二", "①" (NFKC makes it 1), "第二个", "选2"; punctuation and spaces around it ("2号" names topic 2).
_BARE = re.compile(r"^(?:第|选|投)?([1-9一二两三四五六七八九])(?:个|项)?(?:吧|嘛|哈|哦|噻)?$")
_PUNCT = " \t\r\n.。,，!！?？~～、"

# Family members a villager may vote for (Mandarin and Sichuan dialect).
MEMBERS = ("老妈", "我妈", "妈妈", "母亲", "老娘", "老爸", "我爸", "爸爸", "父亲", "老汉", "老爹", "爹", "爷爷",
           "奶奶", "外公", "外婆", "婆婆", "公公", "老婆", "媳妇", "婆娘", "老公", "男人", "老伴", "儿子", "女儿",
           "家里人", "家人", "屋头", "屋里人", "老人家", "妈", "爸")
_MEMBER = "|".join(MEMBERS)
# Which relation a member word names (the registry keeps none): 我妈 and 我老汉 are two people.
RELATIONS = (("mother", ("老妈", "我妈", "妈妈", "母亲", "老娘", "妈")),
             ("father", ("老爸", "我爸", "爸爸", "父亲", "老汉", "老爹", "爹", "爸")),
             ("grandmother", ("奶奶", "外婆")), ("grandfather", ("爷爷", "外公")),
             ("spouse", ("老婆", "媳妇", "婆娘", "老公", "男人", "老伴")), ("son", ("儿子",)), ("daughter", ("女儿",)))
# How a relation is said back to the sender: 您说过是您妈.
RELATION_WORDS = {"mother": "妈", "father": "爸", "grandmother": "奶奶", "grandfather": "爷爷", "spouse": "老伴",
                  "son": "儿子", "daughter": "女儿"}
_CHANGE_TO = r"(?:改成|改为|换成|改投|改选|换投)"
_PROXY = re.compile(rf"代投|代.{{0,6}}投|(?:帮|替|给)(?:我|我家|我们|屋头|家里)?(?:的)?(?:{_MEMBER}).{{0,12}}"
                    rf"(?:投|票|赞成|反对|弃权)|(?:{_MEMBER})(?:也|还)?(?:要|想)?(?:改成|改投|改|换成)?(?:投|赞成|反对|弃权)"
                    rf"|(?:帮|替)(?:家里人|家人|屋头人|屋里人).{{0,4}}投"
                    # 帮我妈改成按户, 我妈的票换成按户: a change for a member is theirs (blind test 30, A-B145)
                    rf"|(?:帮|替|给)(?:我|我家|我们|屋头|家里)?(?:的)?(?:{_MEMBER})(?:的票|那票|的那票|的)?(?:也|还)?"
                    rf"(?:要|想)?{_CHANGE_TO}"
                    rf"|(?:{_MEMBER})(?:的票|那票|的那票|那一票)(?:也|还)?(?:要|想)?{_CHANGE_TO}")
# Words with 投 that are no ballot: 投诉 (a complaint), 投资, 投保, 投递.
_NOT_A_BALLOT = re.compile(r"投(?:诉|资|保|递|靠|放)")
# Taking a ballot back: 撤回投票, 我那票不算了, 把票撤了, 取消我的投票, 刚才那票作废, 撤回我妈的票.
_WITHDRAW = re.compile(r"(?:撤回|撤销|撤掉|取消|收回|作废|不算)(?:我|我的|刚才|刚刚|那|那个)?(?:的)?"
                       r"(?:投票|一票|票|选票)|(?:投票|票)(?:先)?(?:不算|撤回|撤销|撤了|撤掉|取消|作废|收回|不要了|算了)"
                       r"|(?:撤回|撤销|撤掉|取消|收回)(?:替|帮)?[\u4e00-\u9fff]{1,4}的(?:投票|一票|票|选票)"
                       # 撤回机耕道硬化集资的投票, 机耕道那票我不算了 (blind test 8, #33)
                       r"|(?:撤回|撤销|撤掉|收回)[\u4e00-\u9fff]{1,12}?(?:的|那)(?:投票|一票|票|选票)"
                       r"|票(?:我|就)(?:先)?(?:不算了|不算|撤回|撤了|撤掉|作废|不要了)")
# "取消" alone: the most recent thing of its kind is meant.
_BARE_CANCEL = re.compile(r"^(?:取消|撤回|撤销|作废|不算了|算了|不要了|撤了)(?:吧|了|嘛|哈|哦)?$")
# A question about a vote, not a ballot: 好多人赞成了, 结果咋样, 投票结果出来没得.
_QUESTION = re.compile(r"好多人|多少人|几个人|几票|结果|咋样|怎么样|出来没|吗$|么$|[?？]")
# Words common to many titles and vote messages: a topic is never named by these alone.
_GENERIC = ("是否", "投票", "议题", "那个", "这个", "我们", "大家", "村里", "组里", "一下", "赞成", "反对", "弃权",
            "同意", "关于", "要不要", "是不是", "我投", "我赞成", "还是", "算了", "改投", "改成")
_TOPIC_ID = re.compile(r"(\d{1,4})\s*号")


def bare_number(text: str) -> int | None:
    """1-9 when the message is nothing but a number: "2", "２", "二", "②", "第二个"."""
    m = _BARE.match(normal(text).strip(_PUNCT))
    if not m:
        return None
    token = m.group(1)
    return int(token) if token.isdigit() else _CN_NUM[token]


# 我妈眼睛不好 帮她投一票: a pronoun for a family member the message names (blind test 8, #28).
_PRONOUN_PROXY = re.compile(r"(?:帮|替|给)(?:她|他|ta)(?:也|还)?.{0,8}(?:投|票|赞成|反对|弃权)")


def is_proxy(text: str) -> bool:
    """The message votes for someone else in the family (帮我妈投一票, 替老汉投赞成, 代投, 我妈… 帮她投一票)."""
    t = _NOT_A_BALLOT.sub(" ", normal(text))
    return _PROXY.search(t) is not None or (_PRONOUN_PROXY.search(t) is not None and any(w in t for w in MEMBERS))


def is_proxy_for(text: str, names: list[str]) -> bool:
    """The message votes for one of `names` (household members by name, 帮李明投春节前, 替玉珍投反对), with no
    relation word or 代投 in it (blind test 7, #26)."""
    names = [re.escape(normal(n)) for n in names if n and len(n) >= 2]
    if not names:
        return False
    who = "|".join(sorted(names, key=len, reverse=True))
    pattern = (rf"(?:帮|替|给|代)(?:我家|我们家|我屋头)?(?:{who})(?:.{{0,8}}(?:投|票|赞成|反对|弃权)|改成|改为|换成)"
               rf"|(?:{who})(?:也|还)(?:要|想)?(?:改成|改投|改|换成)?(?:投|赞成|反对|弃权)")
    return re.search(pattern, _NOT_A_BALLOT.sub(" ", normal(text))) is not None


# A change of mind said in words (那我改投赞成嘛, 我要改成反对): right after a closed topic's result, about it.
_CHANGE = re.compile(r"改投|改成|改为|改票|换成|换个|重新投|再投|我要改|想改")


def says_change(text: str) -> bool:
    return _CHANGE.search(normal(text)) is not None


# A wish to change a ballot that names neither topic nor option (我想改一下票, 我要改投): blind test 9, #21.
_CHANGE_ONLY = re.compile(r"改.{0,3}[票投选]|重新投|重投|换.{0,2}票")
_CHANGE_FILLER = re.compile(r"我|想|要|能不能|可不可以|可以|能|一下|下|的|那|票|投|改|换|重新|选|"
                            r"吗|嘛|哈|了|呢|啊|请|帮|个")


def asks_change_only(text: str) -> bool:
    t = normal(text).strip(" \t\r\n.。,，!！?？~～、；;")
    return _CHANGE_ONLY.search(t) is not None and not _CHANGE_FILLER.sub("", t).strip(" ，,。.!！?？")


def relation_of(text: str) -> str | None:
    """The relation a proxy message names (mother, father…), None for 家里人 or none."""
    found = _relations_in(text)
    return found[0][3] if found else None


def relation_word(text: str) -> str | None:
    """The word a proxy message names a relation by (老汉 of 我老汉投按人头), None for 家里人 or none."""
    found = _relations_in(text)
    return found[0][2].removeprefix("我") if found else None


def _relations_in(text: str) -> list[tuple[int, int, str, str]]:
    t = normal(text)
    return sorted((t.find(word), -len(word), word, kind) for kind, words in RELATIONS for word in words if word in t)


# 我没有要撤回投票, 不是撤票: a withdrawal denied is none (blind test 30, V12).
_DENIED = re.compile(r"(?:没有|没|不是|并没有|不)(?:要|想|打算|说)?(?:撤回|撤销|撤掉|取消|收回|作废)"
                     r"(?:我|我的|那|那个)?(?:的)?(?:投票|一票|票|选票)")


# 我妈那票算了没有: whether it was counted, asked; never 那票算了 (forget that ballot: blind test 34, L11 withdrew it).
COUNTED_ASKED = r"算了(?:没有|没得|莫得|没|吗|么|不)(?![投要算用撤])"
_ASKED_COUNTED = re.compile(rf"票{COUNTED_ASKED}")


def is_withdrawal(text: str) -> bool:
    """The message takes a ballot back (撤回投票, 我那票不算了); 我没有要撤回投票, 我妈那票算了没有 do not."""
    return _WITHDRAW.search(_ASKED_COUNTED.sub(" ", _DENIED.sub(" ", normal(text)))) is not None


def is_bare_cancel(text: str) -> bool:
    """"取消" and the like, with nothing to say what is cancelled."""
    return _BARE_CANCEL.match(normal(text).strip(_PUNCT)) is not None


# Asking how a vote stands: 现在好多人投了, 投票结果咋样, 几票了, 投票的人多不多 (blind test 22, #24: got the list).
_PROGRESS = re.compile(r"好多人|多少人|几个人|几票|结果|票数|咋样了?$|怎么样了?$|进展|投了好多|投了多少|"
                       r"人多不多|多不多|人多吗|人数|投的人")


def asks_progress(text: str) -> bool:
    """The message asks how the voting stands (counts, turnout, result), not what is open."""
    return _PROGRESS.search(normal(text)) is not None


def is_question(text: str) -> bool:
    """The message asks about a vote rather than casting one (机耕道那个现在好多人赞成了)."""
    return _QUESTION.search(normal(text)) is not None


def choice_words(text: str) -> str:
    """The message without the words that only say "a ballot" or "for whom", so that 投一票 is not read
    as option 1 and 我妈 not as anything."""
    t = _TOPIC_ID.sub(" ", normal(text))
    for words in ("投一票", "投个票", "投一下", "投票", "一票", "代投", *MEMBERS):
        t = t.replace(words, " ")
    return t


class Titled(Protocol):
    id: int
    title: str
    options: list[str]


def _strip_generic(text: str, extra: list[str]) -> str:
    for word in sorted([*_GENERIC, *extra], key=len, reverse=True):
        if word:
            text = text.replace(word.lower(), "|")
    return text


def _longest_common_run(a: str, b: str) -> int:
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if "|" in a[i:j] or a[i:j] not in b:
                break
            best = j - i
    return best


T = TypeVar("T", bound=Titled)


def named_topic(topics: list[T], text: str) -> T | None:
    """The topic the message names: by its number ("3号"), or the title sharing the longest run of at
    least two characters with the message, words common to every vote left out, ties broken by how many of
the message's characters the title has (垃圾费: 清运费, not 垃圾池). None when none or still a tie."""
    t = normal(text)
    m = _TOPIC_ID.search(t)
    if m:
        by_id = next((x for x in topics if x.id == int(m.group(1))), None)
        if by_id is not None:
            return by_id
    scores: list[tuple[tuple[int, int], T]] = []
    for topic in topics:
        extra = list(topic.options)
        said, title = _strip_generic(t, extra), _strip_generic(normal(topic.title), extra)
        run = _longest_common_run(said, title)
        if run >= 2:  # ties broken by the message's other characters in the title: 垃圾费 is 清运费's, not 垃圾池's
            scores.append(((run, _shared_chars(said, title)), topic))
    if not scores:
        return None
    best = max(score for score, _ in scores)
    winners = [topic for score, topic in scores if score == best]
    return winners[0] if len(winners) == 1 else None


def _shared_chars(said: str, title: str) -> int:
    """How many of the message's distinct Chinese characters the title has."""
    return sum(1 for c in set(said) if "\u4e00" <= c <= "\u9fff" and c in title)


# Words around a topic's name that say only "that topic" (垃圾费那个, 修路的事呢, 清运费那个议题).
_REFERS = re.compile(r"那个|这个|那件事|这件事|的事情?|事情|议题|投票|的票")
_FILLER = re.compile(r"那个|这个|那件事|这件事|那件|的事情?|事情|议题|投票|的票|的|呢|嘛|哈|噻|啊|吧|咯|哦|呀|喃|嘞|撒")
NAMED_ALONE_CHARS = 8  # what is left of the message once the words above are gone


def names_only(topic: Titled, text: str) -> bool:
    """The message is nothing but the topic's name (垃圾费那个, 垃圾清运费): every character left once the words
    that only point at it are gone is the title's, two of them in a row. Without such a word only a short
    name (4 characters) or a run of the title's own counts: 垃圾池臭得很 is a report, not the topic."""
    said = normal(text).strip(_PUNCT)
    rest = re.sub(r"\s+", "", _FILLER.sub("", said)).strip(_PUNCT)
    title = re.sub(r"\s+", "", normal(topic.title))
    if not rest or len(rest) > NAMED_ALONE_CHARS or any(c not in title for c in rest):
        return False
    if _longest_common_run(rest, title) < 2:
        return False
    return bool(_REFERS.search(said)) or rest in title or len(rest) <= 4


# Proposing a topic (blind test 6, #45 and #96). The proposal's own words ("我想提个议题", "我也想提个意见让大家投票"),
# before the subject a first message may already name ("… 村头那个垃圾池要挪个地方").
_PROPOSING = re.compile(r"^(?:我们?)?(?:也|还)?(?:有个|想|要|打算|准备)?(?:请大家|让大家|喊大家)?(?:提|发起|提出|发)?"
                        r"(?:个|一个|一下)?(?:议题|意见|建议|提议)")
# "让大家投票" and the like, at either end of the subject: how it is to be decided, not what.
_VOTING = (r"(?:想|要)?(?:让|请|喊|给)?(?:大家|组里|村里)?来?(?:投票|表决|议一议|议一下|议下|商量一下|商量|讨论一下|"
           r"讨论)(?:一下)?")
_VOTING_ENDS = re.compile(rf"^{_VOTING}[\s，,。:：]+|[\s，,。:：]+{_VOTING}$|^{_VOTING}$")
# Dropping the draft: "算了 不提了 下回再说", "取消".
# 我是不想提议题了, 不提建议了, 莫提了 (blind test 30, V12): not proposing, said of the proposal itself.
_DROP = re.compile(r"^(?:算了|取消|不要了|不弄了|不搞了)|不提了|不想提了|先不提|不议了|"
                   r"(?:不|莫|别|没有?)(?:想|要|用|打算)?(?:再)?提(?:了|议题|建议|意见|提议|这个|啥|什么)|"
                   r"下回再说|下次再说|以后再说|改天再说")


# 确认 (or 就这样, 可以了) answering the description question, the title having said it all (blind test 29, B65: taken
# as the 说明): the draft confirmed as it stands.
_CONFIRMS = re.compile(r"^(?:确认|确定|提交|就这样|就这些|没有了|没得了|没了|可以了|好了|行了|没啥子说的)(?:提交)?"
                       r"(?:吧|嘛|哈|了|的|啊)?$")


def confirms_draft(text: str) -> bool:
    """确认, 就这样 提交: the proposer confirms the draft, with no description to add."""
    return _CONFIRMS.match("".join(normal(text).split()).strip(_PUNCT)) is not None


def proposal_subject(text: str) -> str:
    """What a proposal's first message says the topic is ("村头那个垃圾池要挪个地方"), "" when it only proposes."""
    plain = normal(text)
    found = _PROPOSING.match(plain)
    if found is None:
        return ""
    rest = _VOTING_ENDS.sub("", plain[found.end():].strip(_PUNCT + "：:")).strip(_PUNCT + "：:")
    return rest if len(rest) >= 4 else ""


# A suggestion with its subject (我想给我们小区提个建议 多装点监控, blind test 32, B72 was told the number is no
# villager's): from someone who may not propose a topic, it is passed to the grid worker as a report instead.
_SUGGESTS = re.compile(r"建议|提议|意见|希望|最好|能不能|可不可以|多装|加装|增设|装个|装点|多安")


def suggestion_subject(text: str) -> str:
    """What a suggestion is about when it says so (多装点监控, or the subject after 提个建议), "" for a bare
    我想提个建议."""
    plain = normal(text)
    subject = proposal_subject(text)
    if subject:
        return subject
    found = _SUGGESTS.search(plain)
    if found is None:
        return ""
    rest = re.sub(r"(?:提|发起|提出|发)?(?:个|一个|一下|点)?(?:议题|意见|建议|提议)", "", plain).strip(_PUNCT + "：: ")
    return rest if len(re.sub(r"^(?:我们?|想|要|给|我们小区|小区|社区|村里)+", "", rest)) >= 4 else ""


def proposes_anew(text: str) -> bool:
    """Whether the words propose a topic ("我要提个建议", "我想提个议题 村口垃圾池搬远点"): said while a draft waits,
    a fresh draft, the old one dropped (blind test 26: "我要提个建议" became an old draft's description)."""
    return _PROPOSING.match(normal(text)) is not None and not drops_proposal(text)


def drops_proposal(text: str) -> bool:
    """The proposer gives up the draft (算了 不提了 下回再说): it ends, never becomes its title or description."""
    return _DROP.search(normal(text)) is not None or is_bare_cancel(text)


# Asking whether one may vote for someone else (我可以帮隔壁王大爷投一票不 他不会用手机, blind test 23, #N29): answered,
# never a ballot nor a detail of a report.
_FOR_SOMEONE = re.compile(r"(?:帮|替|代)[^，,。！!？?\s]{0,8}投|代投")
_ASKS_MAY = re.compile(r"可以|能不能|能否|行不行|得行|[不吗嘛没？?]$")
PROXY_VOTE = "只能替同户的家人投，且议题要允许代投；邻居请他自己回复投票，不会用手机可以找网格员帮忙。"


# A ballot spoken of as cast already (帮我妈投的那票算数不, blind test 33, L11): a question about it, never "may I".
_CAST_ALREADY = re.compile(r"投的|投了|投过|那票|的票|投上|投起|投进|投到")


def asks_proxy_vote(text: str) -> bool:
    """Whether `text` asks if the sender may vote for someone else."""
    plain = "".join((text or "").split())
    return _FOR_SOMEONE.search(plain) is not None and _ASKS_MAY.search(plain) is not None \
        and _CAST_ALREADY.search(plain) is None

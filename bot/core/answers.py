"""Short answers to what the bot asked last: which question that was (read from the text the bot
sent), a numbered choice in any script (1, １, 一, ①, 壹, 第一个), and a rating with its reason
(3 还是一闪一闪的, 不满意 根本没修好, 👍, 👌).

The questions are recognised by the words of the bot's own messages (domain.yml responses and the
core's notices); tests/core/test_answers.py checks each marker still occurs in what the bot sends."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Which question a message from the bot asks, by a marker in its text, first match wins.
# numbered: answered with a digit; the others are answered in words (a place, a title, yes or no).
QUESTION_MARKERS: tuple[tuple[str, str], ...] = (
    ("是补充", "follow_up"),           # followups.ASK_WHICH
    ("请评价", "rating"),              # lifecycle.rating_request, utter_ask_rating
    ("回复1，请工作人员给您回电", "callback"),  # utter_policy_unknown
    ("请回复序号", "topic_choice"),     # council_texts.which_topic_text
    ("请回复选项", "option_choice"),    # utter_vote_which_option
    ("【议事】", "ballot"),            # council.opening_text (回复 1 赞成 2 反对 …)
    ("4 我的积分", "menu"),            # utter_greet, utter_help, utter_default, utter_out_of_scope
    ("好的，记成反映问题。", "insisted_place"),  # corrections.ask_where (DialogueContext files with the answer)
    ("请问在哪点", "place"),           # utter_ask_report_place
    ("没找到这个地方", "place"),        # utter_place_unknown
    ("有几个网格", "place"),           # utter_place_ambiguous
    ("在哪里？请马上回复", "place"),     # utter_emergency_where (EmergencyPlace answers it)
    ("请说说是什么问题", "problem"),     # utter_ask_problem
    ("想议什么事", "topic_form"),       # utter_ask_topic_title
    ("请简单说明一下", "topic_form"),    # utter_ask_topic_description
    ("提交给村里审核吗", "topic_form"),  # utter_ask_topic_confirm
)
NUMBERED = frozenset({"follow_up", "rating", "callback", "topic_choice", "option_choice", "ballot", "menu"})
# Questions whose answer the engine's own dialogue reads (its form or its slot): passed on untouched.
ANSWERED_BY_ENGINE = frozenset({"place", "problem", "topic_form"})


def question_in(text: str) -> str | None:
    """The kind of question a message from the bot asks, or None when it asks none."""
    for marker, kind in QUESTION_MARKERS:
        if marker in text:
            return kind
    return None


_NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
             "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9, "幺": 1}
_TRIM = " \t\r\n\u3000。.，,！!？?~～、：:;；"
# "1", "第一个", "选二", "1号", "投1", "⑶" (NFKC has made ① ⑴ １ into digits, "(3)" into 3 with brackets).
_CHOICE = re.compile(r"^(?:第|选|选择|回复|投|就)?[(（]?([1-9一二两三四五六七八九壹贰叁肆伍陆柒捌玖幺])[)）]?"
                     r"(?:号|个|项|条|吧|嘛|哈|撒)?$")


def plain(text: str) -> str:
    """Width, circled and parenthesised digits folded (NFKC), trimmed."""
    return unicodedata.normalize("NFKC", text or "").strip(_TRIM)


def choice_number(text: str) -> int | None:
    """The number a message that is only a choice stands for: 1, １, 一, ①, 壹, 第二个, 选3; else None."""
    match = _CHOICE.match(plain(text))
    if match is None:
        return None
    token = match.group(1)
    return int(token) if token.isdigit() else _NUMERALS[token]


@dataclass(frozen=True)
class Rating:
    score: int  # 1 满意, 2 基本满意, 3 不满意
    reason: str  # what the person said besides the score ("" if nothing)


# Words first that contain others (不满意 before 满意, 基本满意 before 满意).
_RATING_WORDS: tuple[tuple[str, int], ...] = (
    ("非常不满意", 3), ("很不满意", 3), ("不太满意", 3), ("不满意", 3), ("不满", 3), ("差评", 3), ("太差", 3),
    ("👎", 3), ("🙁", 3), ("😠", 3), ("😡", 3),
    # 不咋样 门禁还是要刷好几次才开 got the rating request again (blind test 36, RT6b): 不满意 in dialect.
    ("不咋样", 3), ("不咋地", 3), ("不怎么样", 3), ("不得行", 3),
    ("基本满意", 2), ("比较满意", 2), ("还算满意", 2), ("还可以", 2), ("还行", 2), ("一般般", 2), ("一般", 2),
    ("凑合", 2), ("马马虎虎", 2), ("过得去", 2), ("还好", 2),
    ("还将就", 2), ("将就", 2), ("勉强", 2), ("还算可以", 2),  # 还将就 就是来得慢了点 (blind test 27, A-B57b)
    ("非常满意", 1), ("很满意", 1), ("满意", 1), ("好评", 1), ("点赞", 1), ("👍", 1), ("😊", 1), ("🙂", 1),
    ("👏", 1), ("❤", 1), ("👌", 1), ("💯", 1),  # 👌 alone answering the request (blind test 25, R2)
)
# A leading score: "3 还是一闪一闪的", "3，还在漏", "3分"; never "3栋…" or "30".
_LEADING_SCORE = re.compile(r"^(?:([1-3])(?:分|星)?(?![\d.栋幢楼层号单元室个点天次年月日元块米岁斤里])"
                            r"|([一二三])(?:分|星)?(?=$|[\s,，。.!！:：;；、]))")
_RATING_LEAD_IN = re.compile(r"^(?:我|我们|俺)?(?:觉得|感觉|评价|评|打|给|选)?")
SHORT_RATING_CHARS = 12  # a rating word anywhere in a message this short counts; in a longer one, only at the start


def rating_in(text: str) -> Rating | None:
    """A rating the message gives, with its reason: a leading 1/2/3 (一二三, ①②③ too) or the words and
    emoji of a rating (满意, 还可以嘛, 不满意, 👍) at the start or in a short message; else None."""
    raw = plain(text)
    if not raw:
        return None
    lead = _LEADING_SCORE.match(raw)
    if lead is not None:
        token = lead.group(1) or lead.group(2)
        score = int(token) if token.isdigit() else _NUMERALS[token]
        return Rating(score, _reason(raw[lead.end():]))
    body = _RATING_LEAD_IN.sub("", raw, count=1)
    for word, score in _RATING_WORDS:
        at = body.find(word)
        if at == 0 or (at > 0 and len(raw) <= SHORT_RATING_CHARS):
            return Rating(score, _reason(body[:at] + " " + body[at + len(word):]))
    return _rating_clause(body)


# A clause that is only a rating's words, in a longer message (灯亮了 满意 杨网格员辛苦了, blind test 31, A-B4a2): that
# rating, the rest its reason; only the words no other sentence holds (满意, 不满意, 好评), never 还好 or 一般.
_CLAUSE_BREAK = re.compile(r"[\s,，。.!！;；、~～]+")
_CLAUSE_TAIL = re.compile(r"(?:得很|的|嘛|哈|了|啊|呀|哦|噢|撒|吧|啦|咯|哟)+$")
_CLAUSE_WORDS = {word: score for word, score in _RATING_WORDS if "满意" in word or word in ("好评", "差评")}


def _rating_clause(body: str) -> Rating | None:
    clauses = [c for c in _CLAUSE_BREAK.split(body) if c]
    for at, clause in enumerate(clauses):
        score = _CLAUSE_WORDS.get(_CLAUSE_TAIL.sub("", clause))
        if score is not None:
            return Rating(score, _reason(" ".join(clauses[:at] + clauses[at + 1:])))
    return None


def _reason(rest: str) -> str:
    # 还行吧, 还可以啦, 一般般呗: the rating phrase's tail goes with it (blind test 25, R3: "吧 就是来得有点慢")
    rest = re.sub(r"^(?:得很|的|嘛|哈|了|啊|呀|哦|噢|撒|吧|啦|呗|喽|咯|哟|噻|嘞)+", "", rest.strip(_TRIM))
    if not re.sub(r"[\W_]", "", rest):  # 👍🏻, 👌👌: only more emoji, nothing said
        return ""
    return " ".join(rest.split()).strip(_TRIM)

"""Which option of which topic a vote message names, from its words and the topics' options alone (no
dialogue state): a number or an ordinal, an option's own name (早上, 春节后), the default options' words
(赞成/要得/不同意/弃权), and the one open topic whose option a message names when several are open
(我投早上 where only the 垃圾车 topic has 早上, blind test 5, #106, #125, #119).

The dialogue's decisions are in `council_dialogue`; the words that say "a ballot" or "for whom" in
`council_words`; the default options' words in `council_ballots.parse_choice`.
"""

from __future__ import annotations

import re
from typing import TypeVar

from bot.core.council_ballots import parse_choice
from bot.core.council_words import Titled, bare_number, choice_words, normal

T = TypeVar("T", bound=Titled)

# Numbers and ordinals: 2, 第二个, 选3, 投二. They choose an option only where the bot asked for one.
_NUMBERS = re.compile(r"(?:第|选项|方案|选|投)?\s*[0-9一二两三四五六七八九](?:个|项|号)?")
# What may stand around an option's name in a message that is nothing but a ballot: 我投早上, 春节后嘛,
# 就选晚上吧, 我也投春节后的.
_LEAD = re.compile(r"^(?:我们|我家|我|俺)?(?:就|也|还是|都|还)?(?:要|想|想要)?(?:投给|投|选择|选|支持)?")
_TAIL = re.compile(r"(?:那个|这个|的|吧|嘛|哈|噻|哦|了|呀|啊|撒|嘞|咯)*$")
_PUNCT = " \t\r\n.。,，!！?？~～、：:;；"
_PART = 2  # the fewest characters of an option's name that name it (十点 of 晚上十点)
_NOT = r"(?:不|不要|不投|不选|莫|别|莫投|别投)"  # 不要十点 is no 十点


def option_of(topic: Titled, *texts: str | None) -> int | None:
    """The option the first of `texts` that names one chooses: a number (二, ② too), an ordinal, its
    name or, for the default options, their words."""
    for text in texts:
        if text:
            named = label_in(topic, choice_words(text))
            if named is not None:  # 我老汉也要投按户 帮他投一个: 按户, never 一个's 1 (blind test 36, VL2b)
                return named
            number = bare_number(text)  # 二, ②: parse_choice reads digits only
            if number is not None and number <= len(topic.options):
                return number
            option = parse_choice(choice_words(text), topic.options)
            if option is not None:
                return option
            part = _part_of_one(topic, choice_words(text))
            if part is not None:
                return part[0]
    return None


def label_in(topic: Titled, text: str, *, part: bool = False) -> int | None:
    """The option whose own name the message says (反对, 晚上6点), negations aside (不赞成 is no 赞成);
    `part`: or a part of it no other option's name has (十二点 of 晚上十二点)."""
    t = normal(text)
    for n, label in sorted(enumerate(topic.options, 1), key=lambda p: -len(p[1])):
        if label and label.lower() in t and f"不{label.lower()}" not in t:
            return n
    found = _part_of_one(topic, t) if part else None
    return found[0] if found is not None else None


def _part_of_one(topic: Titled, text: str) -> tuple[int, str] | None:
    """(option, the words) when the message says two or more characters of one option's name that no other
    option's name has (十二点 of 晚上十二点 beside 晚上十点, blind test 24): the longest such run; None when
    none, or two options' runs are as long. A run right after 不/不要 is no choice."""
    t = normal(text)
    labels = [normal(label) for label in topic.options]
    best: list[tuple[int, int, str]] = []
    for n, label in enumerate(labels, 1):
        others = [x for m, x in enumerate(labels, 1) if m != n]
        runs = [label[i:j] for i in range(len(label)) for j in range(i + _PART, len(label) + 1)]
        said = [r for r in runs if r in t and not re.search(_NOT + re.escape(r), t) and not any(r in x for x in others)]
        if said:
            longest = max(said, key=len)
            best.append((len(longest), n, longest))
    if not best:
        return None
    best.sort(reverse=True)
    if len(best) > 1 and best[1][0] == best[0][0]:
        return None
    return best[0][1], best[0][2]


def spoken_option(topic: Titled, text: str | None) -> int | None:
    """The option a message names in words (its name, or 赞成/不同意/随便 for the default options), never by a
    number: 投第二个 may mean the second topic as well as the second option."""
    if not text:
        return None
    words = choice_words(text)
    found = label_in(topic, words)
    if found is not None:
        return found
    words = _NUMBERS.sub(" ", words)
    return parse_choice(words, topic.options) if words.strip(_PUNCT) else None


def topic_by_option(topics: list[T], text: str) -> T | None:
    """The one topic among `topics` one of whose options the message names by its own name; None when no
    topic's or several topics' options are named."""
    words = choice_words(text)
    hits = [t for t in topics if label_in(t, words) is not None] \
        or [t for t in topics if label_in(t, words, part=True) is not None]
    return hits[0] if len(hits) == 1 else None


def only_an_option(topics: list[T], text: str) -> tuple[T, int] | None:
    """(topic, option) when the message is nothing but a ballot for an option of exactly one of `topics`
    (春节后, 我投早上, 就选晚上吧); a longer message (每天早上垃圾车都不来) is not one."""
    topic = topic_by_option(topics, text)
    if topic is None:
        return None
    option = label_in(topic, text, part=True)
    if option is None:
        return None
    label = topic.options[option - 1].lower()
    part = _part_of_one(topic, text) if label not in normal(text) else None
    rest = normal(text).strip(_PUNCT).replace(part[1] if part is not None else label, "", 1)
    rest = _TAIL.sub("", _LEAD.sub("", rest.strip(_PUNCT), count=1)).strip(_PUNCT)
    return (topic, option) if not rest else None


# 2 按户, 2号 按户, 第二个投按户, 二 按人头: a topic's number in the list the bot showed, then an option by name.
_NUMBERED = re.compile(r"^(?:第|投|选)?\s*([1-9一二两三四五六七八九])\s*(?:个|号|项|个议题)?[\s,，、:：.。]*"
                       r"(?:投|选)?\s*(.+)$")


def numbered_option(topics: list[T], text: str) -> tuple[T, int] | None:
    """(topic, option) when the message is a number among `topics` (as the bot listed them) followed by one of
    that topic's options by name (2 按户, blind test 32, B133); None otherwise."""
    m = _NUMBERED.match(normal(text).strip(_PUNCT))
    if m is None:
        return None
    number = bare_number(m.group(1))
    if number is None or number > len(topics):
        return None
    topic, said = topics[number - 1], m.group(2)
    option = label_in(topic, said)
    if option is not None:  # nothing but the option's name around the number: 2 按户嘛
        rest = _TAIL.sub("", _LEAD.sub("", said.replace(topic.options[option - 1].lower(), "", 1), count=1))
        return (topic, option) if not rest.strip(_PUNCT) else None
    option = spoken_option(topic, said) if len(said) <= 4 else None  # 2 同意
    return (topic, option) if option is not None else None

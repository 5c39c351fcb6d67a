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


def option_of(topic: Titled, *texts: str | None) -> int | None:
    """The option the first of `texts` that names one chooses: a number (二, ② too), an ordinal, its
    name or, for the default options, their words."""
    for text in texts:
        if text:
            number = bare_number(text)  # 二, ②: parse_choice reads digits only
            if number is not None and number <= len(topic.options):
                return number
            option = parse_choice(choice_words(text), topic.options)
            if option is not None:
                return option
    return None


def label_in(topic: Titled, text: str) -> int | None:
    """The option whose own name the message says (反对, 晚上6点), negations aside (不赞成 is no 赞成)."""
    t = normal(text)
    for n, label in sorted(enumerate(topic.options, 1), key=lambda p: -len(p[1])):
        if label and label.lower() in t and f"不{label.lower()}" not in t:
            return n
    return None


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
    hits = [t for t in topics if label_in(t, words) is not None]
    return hits[0] if len(hits) == 1 else None


def only_an_option(topics: list[T], text: str) -> tuple[T, int] | None:
    """(topic, option) when the message is nothing but a ballot for an option of exactly one of `topics`
    (春节后, 我投早上, 就选晚上吧); a longer message (每天早上垃圾车都不来) is not one."""
    topic = topic_by_option(topics, text)
    if topic is None:
        return None
    option = label_in(topic, text)
    if option is None:
        return None
    rest = normal(text).strip(_PUNCT).replace(topic.options[option - 1].lower(), "", 1)
    rest = _TAIL.sub("", _LEAD.sub("", rest.strip(_PUNCT), count=1)).strip(_PUNCT)
    return (topic, option) if not rest else None

"""When the rubbish is collected, asked with nothing else named (好久来收嘛, blind test 26, A54): a question about the
sender's ticket when they have one (bot/core/ticket_questions.py), else a report of rubbish left uncollected."""

from __future__ import annotations

import re

# When the rubbish is collected, with nothing else named (好久来收嘛, 到底啥时候来收垃圾哦 都臭了, blind test 26, A54):
# with a ticket of the sender's it is about that one; with none, it is a report of rubbish left uncollected.
_WHEN_COLLECTED = re.compile(r"^(?:到底|究竟|你们|那)?(?:好久|(?:什么|啥子?)时候|几时|哪天|多久)"
                             r"(?:才|能|会|可以|得)?来?(?:收|清|拉走|拉)(?:垃圾)?(?:哦|嘛|哈|啊|呢|噻|喔|了|嘞|哟)*"
                             r"(?:[\s，,。!！?？~～]+(?:都|好|已经)?(?:臭|发臭|臭死|臭得很|堆满|满)[^，,。\s]{0,4})?"
                             r"[\s，,。!！?？~～]*$")
UNCOLLECTED = "垃圾没人收"  # what such a question reports when nothing of the sender's is open
# The metadata of such a question gone on as a report: the words the resident typed (the ticket's text: the classifier
# reads UNCOLLECTED with them only to place the report) and the category our code sets.
OWN_WORDS = "own_words"
OWN_CATEGORY = "own_category"


def uncollected_report(text: str) -> tuple[str, dict[str, str]]:
    """好久来收嘛 with nothing of the sender's open, gone on as a report: (what the classifier reads, the metadata that
    keeps the resident's own words for the ticket, in sanitation)."""
    return f"{text} {UNCOLLECTED}", {OWN_WORDS: text, OWN_CATEGORY: "sanitation"}


def asks_when_collected(text: str) -> bool:
    """好久来收嘛, 好久来收哦 都臭了: when the rubbish is collected, and nothing else."""
    return _WHEN_COLLECTED.match(" ".join((text or "").split())) is not None

"""A question whose answer went out a moment ago, asked again (blind test 33: 社区食堂好多钱一顿 then 一顿好多钱嘛 got
the canteen answer twice, 社保卡补办要好久才拿得到 the replacement answer again, 我们这批好久发嘛 after the relocation
allowance's 没太看懂): never the same words twice, and SMS sends the same text only once a day anyway. What the answer
does not settle (the price, how long, which day, what to bring) is for whoever knows: named, with their number."""

from __future__ import annotations

import re

WINDOW_SECONDS = 30 * 60  # the blind test asked again 10 to 35 minutes later

# What the question asks (first match wins), and the words of an answer that already says it (or whom to ask).
_ASKED = (
    ("具体价钱", re.compile(r"好多钱|多少钱|几块|几元|价钱|价格|收费|贵不贵|贵不|要钱不|收好多"),
     re.compile(r"\d+元|\d+块|免费")),
    ("具体要多久", re.compile(r"好久才|多久|几天|几个月|多长时间|好长时间|拿得到|拿到|办得好"),
     re.compile(r"工作日|\d+天|当场|当天")),
    ("具体哪天", re.compile(r"好久发|啥时候|啥子时候|什么时候|哪天|几号|好久|这批|那批|哪批|轮到"),
     re.compile(r"\d+号|\d+日|时间问|日子问|时间和|时间以")),
    ("具体要带啥", re.compile(r"材料|带啥|带什么|要啥子|要什么|证件"), re.compile(r"带")),
)


SMS = 70
SUBJECT_CHARS = 10


def again_reply(text: str, answer: str, who: str, phone: str, subject: str = "") -> str:
    """The reply to a question whose answer was just given, never the same words: what it asks (the price, how long,
    which day, what to bring) the answer does not say is for `who`, the matter (`subject`, the entry's title) named
    first (一顿好多钱嘛 after the canteen); anything else gets
    the answer with 具体再问 for 有疑问找 (要带啥子材料 after the materials, 跳舞的活动 after the activities)."""
    asked = next(((what, says) for what, words, says in _ASKED if words.search(text or "")), None)
    if asked is None or asked[1].search(answer):
        return f"{answer}具体再问{who}{phone}。"
    # the matter named (搬迁补助：…): the asker sees what the answer is about, not only that it was said
    short = re.split(r"[、（(，,]", subject)[0][:SUBJECT_CHARS]
    said = f"刚才说的就是这里查得到的；{asked[0]}这里说不准，请直接问{who}{phone}。"
    return f"{short}：{said}" if short and len(short) + 1 + len(said) <= SMS else said

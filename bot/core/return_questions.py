"""How people coming back about a ticket of theirs ask after it, beyond the wordings bot/core/ticket_questions.py
reads itself (blind test 32, 35 minutes after their reports):

- whether anyone got in touch (居家养老那个有人联系我没, 网格员联系我了没得, 社区打电话给我没): a status question, never
  the knowledge base's answer on the subject (L17);
- whether the one sent comes (师傅下午来不来嘛, 网格员今天到不到, 工人明天会不会来): asked, never an urge, and answered
  with the worker's own words (师傅说下午来换, B153);
- a done-yet question followed by the thing still broken (水管修好没有 我们还没得水用, 井盖那个弄好没 我刚才又路过 还是
  莫得盖子): still the question, never a new report asked where (L16, L6); `still_broken` says the state is pressed;
- who comes to fix it (护栏那个哪个来修, 到底哪个负责修嘛): its holder, never a detail (blind test 35, DO4)."""

from __future__ import annotations

import re
from collections.abc import Callable

# Whether anyone got in touch: 有人联系我没, 联系我了没得, 打电话给我没有, 有没有人找过我 (找 only of 我: 猫找到没 is no
# question about a ticket).
_CONTACT = (r"(?:联系(?:过)?|打(?:过)?电话给|回(?:过)?电话给|来(?:过)?电话给|给我打(?:过)?电话|给我回(?:过)?电话?|"
            r"给我来(?:过)?电话|找(?:过)?(?=我))")
_WHOM = r"(?:我|我们|我家|我妈|我爸|老人)?"
_CONTACTED = re.compile(
    rf"(?:有没有|有没得|有莫得)人(?:来|过来)?{_CONTACT}{_WHOM}|"
    rf"(?:有人|网格员|社区|街道|师傅|工作人员|他|她|他们)?(?:来|过来)?{_CONTACT}{_WHOM}(?:了)?(?:没有|没得|莫得|没)"
    r"(?=[\s哦噢嘛呢啊哈呀?？!！。~～]*$|[\s，,])")
# When they will call (啥时候打电话给我, 好久给我回电话嘛, 什么时候联系我; blind test 34, B89 got "这个电话不便提供"): a
# when-question about the sender's ticket, never someone's number asked for.
_CALLED_WHEN = re.compile(rf"(?:啥子?时候|什么时候|好久|几时|哪天|几点|多久|多少天|几天)(?:才|会|能|可以|来|再)?"
                          rf"{_CONTACT}{_WHOM}|{_CONTACT}{_WHOM}(?:是)?(?:啥子?时候|什么时候|好久|几时|哪天|几点)")
# Whether the one sent comes: a person, perhaps a when, and come-or-not (来不来, 到不到, 会不会来).
_WHEN_WORDS = r"今天|明天|后天|今晚|上午|下午|晚上|中午|早上|等会儿?|待会儿?|一会儿?|马上|现在|到底|究竟|大概|还"
_COMES = re.compile(
    rf"(?:师傅|网格员|工人|人|他|她|他们)(?:们)?(?:{_WHEN_WORDS})*"
    r"(?:来不来|到不到|来没来|会不会来|能不能来|要不要来|来得了不|来得到不|要来不|会来不|"
    r"来不(?=[\s哦噢嘛呢啊哈呀?？!！。~～]*$))")
# A clause that says the thing is still not right (还是莫得盖子, 我们还没得水用, 晚上还是黑的).
_STILL = re.compile(r"还(?:是|都|在)?|仍然|依然|照样|照旧")
_CLAUSES = re.compile(r"[\s，,。.!！?？；;、]+")
WORDS = re.compile(f"{_CONTACTED.pattern}|{_COMES.pattern}|{_CALLED_WHEN.pattern}")


def asks_contacted(text: str) -> bool:
    """居家养老那个有人联系我没: whether anyone got in touch, a status question."""
    return _CONTACTED.search(text or "") is not None


def asks_coming(text: str) -> bool:
    """师傅下午来不来嘛: whether the one sent comes, a when-question answered with the worker's words."""
    return _COMES.search(text or "") is not None


def asks_when_called(text: str) -> bool:
    """啥时候打电话给我: when the sender will be called about their ticket, a when-question."""
    return _CALLED_WHEN.search(text or "") is not None


def done_yet_then_still(text: str, asks_done_yet: Callable[[str], bool]) -> bool:
    """Whether a clause asks whether it is done yet (`asks_done_yet`, read on the clause alone) and a later one says
    it is still not (水管修好没有 我们还没得水用)."""
    clauses = [c for c in _CLAUSES.split(text or "") if c]
    return any(asks_done_yet(clause) and any(_STILL.search(later) for later in clauses[i + 1:])
               for i, clause in enumerate(clauses[:-1]))


def still_broken(text: str) -> bool:
    """还是莫得盖子: the words say the thing is still not right (a clause with 还是, 仍然…)."""
    return any(_STILL.search(clause) for clause in _CLAUSES.split(text or "") if clause)


def without_asking(text: str, asks_done_yet: Callable[[str], bool], done_yet_words: re.Pattern[str]) -> str:
    """The text with this module's asking words and each clause's done-yet words taken out (what names the ticket)."""
    clauses = [c for c in _CLAUSES.split(WORDS.sub(" ", text or "")) if c]
    return " ".join(done_yet_words.sub(" ", c) if asks_done_yet(c) else c for c in clauses)


# Who comes to fix it (护栏那个哪个来修, 哪个来管嘛, 到底哪个负责修): whose is the report, a question about it answered
# with its holder, never a detail (blind test 35, DO4).
_WHO_FIXES = re.compile(r"(?:哪个|谁|哪位|哪家|哪个单位)(?:来|去|负责|该|管)?(?:修|弄|搞|管|处理|换|补|收拾)"
                        r"(?:嘛|哦|噢|呢|啊|哈|喃|[?？。])*$")
WHO_FIXES_CHARS = 12  # a short question; a report ending so (化粪池满了 … 到底哪个来管嘛) is a report


def asks_who_fixes(text: str) -> bool:
    """护栏那个哪个来修: who comes to fix what was reported, asked in a few words."""
    said = "".join((text or "").split())
    return len(said) <= WHO_FIXES_CHARS and _WHO_FIXES.search(said) is not None

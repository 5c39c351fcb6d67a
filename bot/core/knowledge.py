"""The knowledge base behind ask_policy: entries staff edit in `config/knowledge/*.yml` (KNOWLEDGE_DIR),
found by BM25 over what people write.

Text is cut into character bigrams, not words: residents write dialect with homophone typos
(低保咋个申情, 医宝咋报), and a word segmenter splits such text into words the entries never use, while
most of its bigrams still match. On the test questions (tests/core/test_knowledge.py) bigrams found
more of the right entries than jieba with the entries' keywords as its dictionary, and turned away as
many out-of-scope questions.

An entry is answered only when its BM25 score reaches `MIN_SCORE` and the question holds at least
half the bigrams of one of the entry's keywords (居住正 still holds 居住 of 居住证), not only a generic one of
them (小区 of 进小区, 屋头 of 屋头充): words that merely
occur in its questions (电话, 社区, 交) are not enough, so "电费咋个交" is not answered with the
medical insurance premium, nor "有啥子补助" with 搬迁补助 (it holds one of that keyword's three bigrams).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Literal

import opencc
import yaml
from pydantic import BaseModel, Field, field_validator, model_validator
from rank_bm25 import BM25Okapi

# The answer goes out followed by "有疑问找网格员{name}{phone}。" (at most CONTACT_MAX characters)
# in one SMS part of 70 UCS-2 characters.
SMS_PART = 70
CONTACT_MAX = 24
ANSWER_MAX = SMS_PART - CONTACT_MAX
MIN_SCORE = 3.0
# A theme's file holds at most this many entries: past it a staff editor no longer keeps the theme in view (the whole
# set passed a hundred in blind test 35's round and was regrouped by theme).
THEME_MAX = 20

# Bigrams that say nothing about the topic: question words, dialect fillers, pronouns.
STOP_BIGRAMS = frozenset(
    "咋个 咋整 怎么 怎样 如何 哪点 哪里 哪儿 在哪 什么 啥子 能不 不能 可以 没有 没得 有没 我家 我们 你们 他们 请问"
    " 一下 需要 东西 哪些 时候 好久 多少 好多 咋样 是不 是啥 要啥 带啥 办啥 知道 晓得".split())
# Characters that carry no topic: a bigram of two of them is dropped.
STOP_CHARS = frozenset("的了吗嘛呢不能是我你他她去到在个一这那和跟给还就都也要有没得"
                       "咋怎么啥哪点里些想问请下吧啊呀哦噢嗯子")
# Bigrams of where and whose (小区, 屋头, 家里): part of a keyword (进小区, 屋头充), never enough alone to say a
# question is about it (blind test 8, #95: "我天天在这几个小区跑" got the estate-access answer; #108: "我屋头三个人"
# the battery one; 个人 of 三个人 says how many, not what: blind test 34's living-alone question took it to 居家养老).
# 在屋 进屋 看看 礼拜 say where or when too, 老年 年人 whose (round 36): "一个人在屋头" took 在屋头充电, "要进屋看"
# 进屋充, "要进屋看看" 看看我, "上礼拜修过的电梯" 礼拜天, "是教老年人用手机" 老年证 (blind test 34, B3).
GENERIC_BIGRAMS = frozenset("小区 屋头 家里 屋里 楼上 上楼 门口 社区 村里 组里 我屋 我家 他家 老人 外卖 网格 格员 个人"
                            " 在屋 在家 进屋 看看 礼拜 老年 年人".split())
_RUNS = re.compile(r"[\u3400-\u9fff]+|[a-z0-9]+")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s.json")


def normalise(text: str) -> str:
    """Full-width to half-width, traditional to simplified characters, lower case."""
    return _t2s().convert(unicodedata.normalize("NFKC", text or "")).lower()


def tokens(text: str) -> list[str]:
    """The character bigrams of each run of Chinese (less the stop bigrams), and runs of letters or
    digits whole: "低保咋个申请" → 低保 保咋 个申 申请."""
    found: list[str] = []
    for run in _RUNS.findall(normalise(text)):
        if not "\u3400" <= run[0] <= "\u9fff":
            found.append(run)
            continue
        for a, b in pairwise(run):
            if a + b not in STOP_BIGRAMS and not (a in STOP_CHARS and b in STOP_CHARS):
                found.append(a + b)
    return found


class Entry(BaseModel):
    """One question people ask and its answer."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str = Field(min_length=1)
    keywords: list[str] = Field(min_length=1)
    questions: list[str] = Field(min_length=2)
    answer: str = Field(min_length=1)
    ask: Literal["grid_worker", "service_station"] = "grid_worker"
    # Whom the answer is for: riders asking where to charge get the riders' points, residents the estate's shed
    # (blind test 7, #55). "residents" is anyone not registered as a rider.
    audience: Literal["everyone", "residents", "riders"] = "everyone"
    # Words that turn the entry away whatever else matches: a question about paying the gas bill (天然气费在哪点交,
    # blind test 23, N40) is not a gas-smell safety question.
    unless: list[str] = []
    # Words one of which a question must hold to be this entry: the specific thing it is about (涨 for the pension
    # rise, 审批 for a 低保 application's progress), so that a plain 养老金好久打钱 stays with the general entry.
    needs: list[str] = []
    # The answer may not settle it (a subsidy stopped: why, for this household): a call back is offered after it, and
    # a "1" next opens a question ticket as after an unanswered question (blind test 29).
    callback: bool = False
    # Answered before the classifier (bot/app/information_requests.py): words it takes for a call for help or the
    # menu (垃圾分类咋个分哦 搞不懂, blind test 32, B42), never the help text.
    early: bool = False

    @field_validator("answer")
    @classmethod
    def _fits(cls, answer: str) -> str:
        if len(answer) > ANSWER_MAX:
            raise ValueError(f"the answer has {len(answer)} characters, at most {ANSWER_MAX} fit one SMS with "
                             f"who to ask: {answer}")
        return answer

    @field_validator("keywords")
    @classmethod
    def _findable(cls, keywords: list[str]) -> list[str]:
        short = [k for k in keywords if not tokens(k)]
        if short:
            raise ValueError(f"keywords too short or only filler words (two characters at least): {short}")
        return keywords

    def document(self) -> str:
        """What a question is matched against (not the answer: its words are not how people ask)."""
        return " ".join([self.title, *self.keywords, *self.questions])


class Contact(BaseModel):
    """Whom people without a grid worker ask: the community service station."""

    name: str = Field(min_length=1)
    phone: str = Field(min_length=3)

    @model_validator(mode="after")
    def _fits(self) -> Contact:
        if len(f"有疑问找{self.name}{self.phone}。") > CONTACT_MAX:
            raise ValueError(f"contact {self.name}{self.phone} is too long for one SMS with an answer")
        return self


class KnowledgeFile(BaseModel):
    # What its entries are about, for staff (低保和救助): one file per theme, each small enough to keep in view.
    theme: str = ""
    entries: list[Entry] = []
    contact: Contact | None = None
    # Homophone typos of policy words and the word meant (低宝 → 低保, 养老经 → 养老金): put right in a question before
    # it is matched (blind test 25, A28: "低宝咋个办" was not answered).
    typos: dict[str, str] = {}

    @field_validator("typos")
    @classmethod
    def _words(cls, typos: dict[str, str]) -> dict[str, str]:
        bad = [typo for typo, meant in typos.items() if len(typo) < 2 or not meant or typo == meant]
        if bad:
            raise ValueError(f"typos must be two characters at least and differ from the word meant: {bad}")
        return typos

    @model_validator(mode="after")
    def _themed(self) -> KnowledgeFile:
        if self.entries and not self.theme:
            raise ValueError("a file with entries names their theme (theme: 低保和救助)")
        if len(self.entries) > THEME_MAX:
            raise ValueError(f"{len(self.entries)} entries in one theme, at most {THEME_MAX}: a staff editor keeps "
                             "a theme in view; merge entries or split the theme")
        return self


@dataclass(frozen=True)
class Found:
    entry: Entry
    score: float


class KnowledgeBase:
    """The entries, indexed once; `find` is the one answer to a question, or None."""

    def __init__(self, entries: Iterable[Entry], contact: Contact, *, min_score: float = MIN_SCORE,
                 typos: dict[str, str] | None = None, themes: dict[str, list[str]] | None = None) -> None:
        self.entries = list(entries)
        self.contact = contact
        # theme → its entries' ids, in the files' order: what a staff editor looks through (`bin/bot knowledge list`)
        self.themes = themes or {}
        self.min_score = min_score
        # Longest typo first: 底保金 before 底保.
        self._typos = sorted(((normalise(t), normalise(m)) for t, m in (typos or {}).items()),
                             key=lambda pair: -len(pair[0]))
        ids = [e.id for e in self.entries]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"knowledge entries with the same id: {duplicates}")
        self._keywords = [[set(tokens(k)) for k in e.keywords] for e in self.entries]
        self._index = BM25Okapi([tokens(e.document()) for e in self.entries], k1=1.2, b=0.5) if self.entries else None

    def ranked(self, question: str, limit: int = 3, audience: str = "residents") -> list[Found]:
        """The best entries for `audience` (residents or riders) holding half of one of their keywords' bigrams,
        best first, whatever the score."""
        question = self.corrected(question)
        words = tokens(question)
        if self._index is None or not words:
            return []
        scores = self._index.get_scores(words)
        said = set(words)
        plain = normalise(question)
        anchored = [i for i in range(len(self.entries))
                    if scores[i] > 0 and self.entries[i].audience in ("everyone", audience)
                    and not any(word in plain for word in self.entries[i].unless)
                    and (not self.entries[i].needs or any(word in plain for word in self.entries[i].needs))
                    and any(2 * len(k & said) >= len(k) and (k & said) - GENERIC_BIGRAMS for k in self._keywords[i])]
        anchored.sort(key=lambda i: -scores[i])
        return [Found(self.entries[i], float(scores[i])) for i in anchored[:limit]]

    def corrected(self, question: str) -> str:
        """The question with the homophone typos of policy words put right (低宝咋个办 → 低保咋个办)."""
        plain = normalise(question)
        for typo, meant in self._typos:
            plain = plain.replace(typo, meant)
        return plain

    def find(self, question: str, audience: str = "residents") -> Found | None:
        """The entry answering the question for `audience`, or None when nothing matches well enough."""
        best = self.ranked(question, limit=1, audience=audience)
        return best[0] if best and best[0].score >= self.min_score else None

    def early(self, question: str) -> bool:
        """Whether an entry answered before the classifier (`early`) is the answer for anyone (every audience)."""
        return any(found.entry.early for audience in ("residents", "riders")
                   if (found := self.find(question, audience)) is not None)

    def strays(self) -> list[tuple[str, str]]:
        """(entry id, question) for each of an entry's own questions that does not find it for its audience: a
        keyword is missing, or another entry asks the same."""
        return [(e.id, q) for e in self.entries for q in e.questions
                if (found := self.find(q, audience_of(e))) is None or found.entry.id != e.id]


def audience_of(entry: Entry) -> str:
    return "riders" if entry.audience == "riders" else "residents"


def audience_for(kind: str | None) -> str:
    """Whose answers a sender gets by their registered kind: riders' for a rider, else residents'."""
    return "riders" if kind == "rider" else "residents"


def parse_knowledge(texts: dict[str, str]) -> KnowledgeBase:
    """A knowledge base from the YAML text of each file (by name, for the error messages)."""
    entries: list[Entry] = []
    contacts: list[Contact] = []
    typos: dict[str, str] = {}
    themes: dict[str, list[str]] = {}
    for name, text in sorted(texts.items()):
        try:
            data = KnowledgeFile.model_validate(yaml.safe_load(text) or {})
        except ValueError as error:
            raise ValueError(f"{name}: {error}") from error
        entries += data.entries
        if data.entries:
            if data.theme in themes:
                raise ValueError(f"{name}: the theme {data.theme} is another file's too")
            themes[data.theme] = [e.id for e in data.entries]
        contacts += [data.contact] if data.contact else []
        typos |= data.typos
    if len(contacts) != 1:
        raise ValueError(f"exactly one file must name the contact (the service station), found {len(contacts)}")
    return KnowledgeBase(entries, contacts[0], typos=typos, themes=themes)


PROJECT_ROOT = Path(__file__).resolve().parents[2]


@lru_cache(maxsize=4)
def load_knowledge(folder: Path) -> KnowledgeBase:
    """Every *.yml in the folder (relative paths are read from the project root), read once per process."""
    folder = Path(folder)
    if not folder.is_absolute():
        folder = PROJECT_ROOT / folder
    files = sorted(folder.glob("*.yml"))
    if not files:
        raise ValueError(f"no knowledge files (*.yml) in {folder}")
    return parse_knowledge({path.name: path.read_text(encoding="utf-8") for path in files})

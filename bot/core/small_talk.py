"""Small talk answered in kind (blind test 22, #9, #82): 天气好安逸 吃了没得, 你是机器人还是真人, 我孙子考起大学了
are no report and ask nothing of the service; they get a warm word back (恭喜恭喜！…, 我是网格通小助手，不是真人…)
and one line of what the bot does, never 这个我帮不上忙 and never a ticket; an opener (幺儿 跟你说个事嘛, 孃孃跟你讲,
幺儿 alone: blind test 24) is listened to ("您说，我听着…"). A kind may be said rudely (blind test 28: 你个憨包 说了半天
听不懂 gets an apology and how to say it, 滚 不要再给我发了 how to 退订). The words and replies are data staff
edit: config/small_talk.yml."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, model_validator

from bot.common.clock import BEIJING as SERVICE_TZ
from bot.core import person_danger, triage

SMS_PART = 70
MAX_CHARS = 30  # small talk is short; a longer message says more than that
DEFAULT_FILE = Path(__file__).resolve().parents[2] / "config" / "small_talk.yml"


class Kind(BaseModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    words: list[str] = Field(min_length=1)
    reply: str = Field(min_length=1)
    questions: bool = False
    menu: bool = True  # followed by `menu_line`; an opener's reply asks for the problem itself
    numbers: bool = False  # figures may be in it (我满80了: an age, blind test 27)
    rude: bool = False  # said with a rude word too (滚 不要再给我发了, blind test 28): still this kind

    def said(self, menu_line: str) -> str:
        return self.reply + menu_line if self.menu else self.reply

    def found_in(self, plain: str) -> bool:
        return any(re.search(word, plain) for word in self.words)


class SmallTalk(BaseModel):
    menu_line: str = Field(min_length=1)
    kinds: list[Kind] = Field(min_length=1)

    @model_validator(mode="after")
    def _fits(self) -> SmallTalk:
        for kind in self.kinds:
            if len(kind.said(self.menu_line)) > SMS_PART:
                raise ValueError(f"small talk {kind.id}: the reply with the menu line is longer than one SMS")
        return self

    def reply(self, text: str) -> str | None:
        """The warm answer in kind with the menu line, or None when the message is no small talk: it names a
        problem or a danger, holds a number, is long, is abuse (unless its kind may be said rudely), or asks
        something (unless its kind may)."""
        plain = unicodedata.normalize("NFKC", text or "").strip().lower()
        if not plain or len(plain) > MAX_CHARS or triage.has_problem(plain) or person_danger.someone_still_there(plain):
            return None  # 婆婆还在那点坐起的 好冷哦: news of a person, never the weather's chat
        rude = triage.is_abuse(plain)
        figures = any(c.isdigit() for c in plain)
        asks = triage.information_request(plain) is not None
        for kind in self.kinds:
            if kind.found_in(plain) and (kind.questions or not asks) and (kind.numbers or not figures) \
                    and (kind.rude or not rude):
                return kind.said(self.menu_line)
        return None


@lru_cache(maxsize=4)
def load(path: Path = DEFAULT_FILE) -> SmallTalk:
    return SmallTalk.model_validate(yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {})


# 今天星期几, 今天几号 (blind test 29, B189: the service station's hours): the day, from the clock.
_WHAT_DAY = re.compile(r"^(?:请问)?(?:今天|今儿|今日)(?:是)?(?:(?:星期|礼拜|周)(?:几|多少)|几号|好多号|多少号)")
_WEEKDAYS = "一二三四五六日"


def what_day(text: str, now: datetime) -> str | None:
    """"今天是12月7日，星期一。" for 今天星期几 / 今天几号 (`now` in any zone, the service's day), else None."""
    plain = unicodedata.normalize("NFKC", text or "").strip()
    if len(plain) > 12 or _WHAT_DAY.search(plain) is None:
        return None
    day = now.astimezone(SERVICE_TZ)
    return f"今天是{day.month}月{day.day}日，星期{_WEEKDAYS[day.weekday()]}。"


# 现在几点了 (blind test 30, A-B189b: 这个我帮不上忙), as 今天几号 gets the date: the time, from the clock.
_WHAT_TIME = re.compile(r"^(?:请问)?(?:现在|而今|这会儿?|此刻)?(?:是)?(?:几点|啥时候了|什么时间|啥子时间|几点钟)"
                        r"(?:了|啦)?(?:钟)?[嘛哦呢啊哈\s?？]*$")


def what_time(text: str, now: datetime) -> str | None:
    """"现在是5点20分。" for 现在几点了 (`now` in any zone, the service's time), else None."""
    plain = unicodedata.normalize("NFKC", text or "").strip()
    if len(plain) > 12 or _WHAT_TIME.search(plain) is None:
        return None
    time = now.astimezone(SERVICE_TZ)
    return f"现在是{time.hour}点{time.minute:02d}分。"


def reply(text: str) -> str | None:
    """The answer to small talk (config/small_talk.yml), or None."""
    return load().reply(text)

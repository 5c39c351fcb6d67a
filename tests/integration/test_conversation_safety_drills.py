"""Is it safe to do this, during an open emergency, through the gateway, the real engine and the real action server
(one detector and one table of drills: bot/core/safety_questions.py). Blind test 28 (docs/usertests/2026-12-06-
blind16.md): "可以用水泼不" after a bin on fire outdoors got the indoor escape (A-C8); "要不要给他拍背" while someone
choked got the collapse advice (B-K2a); "警察来了没有哦 还在打" during a beating got "以消防员…为准" (A-B99-2b). And
"好久来收嘛" with nothing open is filed with the words the resident typed, never 垃圾没人收 they did not.

Voices: passers-by not in the registry (+86139666460 …); places at 83-86栋, where no other test files. Each runs on
SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import bare, raised, say, ticket_numbered, tickets_of

pytestmark = pytest.mark.engine
PASSERS_BY = [f"+86139666{n}" for n in range(460, 500)]


def _calls(replies: list[str]) -> set[str]:
    said = " ".join(bare(r) for r in replies)
    return {number for number in ("110", "119", "120") if number in said}


@pytest.mark.parametrize(("index", "fire", "asked"), [
    (0, "安居苑83栋门口垃圾桶着火了 在冒烟", "可以用水泼不"),  # A-C8
    (1, "阳光小区83栋门口的垃圾箱着火了 好大的烟", "能不能拿水去浇"),
])
def test_a_bin_on_fire_outdoors_gets_the_small_fire_drill_never_the_indoor_escape(running: Stack, index: int,
                                                                                 fire: str, asked: str):
    caller = PASSERS_BY[index]
    assert "119" in _calls(say(running, caller, fire))
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)
    replies = say(running, caller, asked)  # A-C8: "别开电器、别坐电梯，用湿毛巾捂住口鼻赶快往外走…"
    said = " ".join(replies)
    assert "泼灭" in said and "等119来" in said and "湿毛巾" not in said and "电梯" not in said, replies
    assert asked not in ticket_numbered(running, str(ticket.number)).text  # answered, never a 补充
    assert len(tickets_of(running, caller)) == 1


def test_someone_choking_gets_back_blows_and_the_heimlich_manoeuvre(running: Stack):
    caller = PASSERS_BY[2]
    assert "120" in _calls(say(running, caller, "我爸吃汤圆卡到喉咙了 喘不上气 河畔花园83栋"))
    replies = say(running, caller, "要不要给他拍背")  # B-K2a: "请马上打120！先别挪动人，守在旁边…"
    said = " ".join(replies)
    assert "拍背" in said and "海姆立克" in said and "别挪动" not in said, replies
    assert len(tickets_of(running, caller)) == 1


def test_a_question_during_a_beating_names_the_police_never_the_firemen(running: Stack):
    caller = PASSERS_BY[3]
    assert _calls(say(running, caller, "楼上两口子打架 男的在打女的 喊救命 安居苑84栋")) == {"110"}
    replies = say(running, caller, "警察来了没有哦 还在打")  # A-B99-2b: "现场情况以消防员和处置人员说的为准…"
    said = " ".join(replies)
    assert "警察" in said and "消防员" not in said, replies
    assert len(tickets_of(running, caller)) == 1


def test_when_the_rubbish_is_collected_with_nothing_open_is_filed_with_the_residents_own_words(running: Stack):
    caller = PASSERS_BY[4]
    assert "哪" in " ".join(say(running, caller, "好久来收嘛"))
    say(running, caller, "安居苑85栋门口")
    [ticket] = tickets_of(running, caller)
    assert ticket.text == "好久来收嘛" and ticket.category == "sanitation", (ticket.text, ticket.category)

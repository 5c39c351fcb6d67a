"""Blind test 30 (docs/usertests/2026-12-07-blind18.md, B122, B119, A32a, A32b, A1c): an open emergency waiting for
its place never swallows what is not its place — through the gateway, the real engine and the real action server:

- a new problem with home words (屋头燃气表不走字了) is its own ordinary report, never the emergency's place;
- a remark about calling the grid worker after a policy answer is never the emergency's "还没打119请马上打";
- "I don't know which building" is no place: the estate or a landmark is asked for, and the estate that follows
  goes onto the waiting emergency, never a new ticket;
- a vague "the building I live in" (就是我住那栋嘛) from a stranger is asked which estate and building;
- a question how one's emergency stands (劝下来没得) past the follow-up window is answered with its state.

Senders: +8613955532001 … 099, in no other test; places buildings 121–139 of 安居苑 / 河畔花园 / 阳光小区. Each runs
on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from bot.core import emergencies
from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import as_if_earlier, bare, left_ordinary, live_at, raised, say, tickets_of, told

pytestmark = pytest.mark.engine
SENDERS = [f"+86139555320{n:02d}" for n in range(1, 100)]


def test_a_new_problem_with_home_words_is_its_own_report_never_the_emergencys_place(running: Stack):
    sender = live_at(running, SENDERS[0], "幸福社区第1网格", "阳光小区121栋201")
    first = say(running, sender, "电线冒火花了")
    assert "119" in bare(" ".join(first)), first
    replies = say(running, sender, "屋头燃气表不走字了")  # B122: "收到地点：阳光小区1栋201，已告诉值班人员"
    assert not any("收到地点" in r for r in replies), replies
    assert not any("还没打119" in r for r in replies), replies
    sparks, *rest = tickets_of(running, sender)
    assert not any("燃气表" in t for t in told(running, DUTY_OFFICER, sparks.number or ""))
    assert "燃气表" not in sparks.text
    assert [t for t in rest if "燃气表" in t.text and left_ordinary(running, t)], (replies, rest)


def test_a_remark_about_calling_the_grid_worker_after_a_policy_answer_is_not_the_emergencys(running: Stack):
    sender = live_at(running, SENDERS[1], "幸福社区第1网格", "阳光小区122栋201")
    say(running, sender, "电线冒火花了")
    say(running, sender, "我屋头老人想申请居家养老服务 咋个弄")
    replies = say(running, sender, "那我直接打李磊电话嘛")  # B119: "别着急，已通知值班人员处置。还没打119请马上打！"
    assert not any("119" in bare(r) or "地点" in r or "值班" in r for r in replies), replies
    assert any("李磊" in r and "13700000001" in r for r in replies), replies
    [sparks] = tickets_of(running, sender)
    assert not sparks.place_text and "李磊" not in sparks.text


def test_not_knowing_the_building_is_asked_the_estate_and_the_estate_places_the_emergency(running: Stack):
    stranger = SENDERS[2]
    first = say(running, stranger, "有人关在电梯里头出不来了")
    assert "119" in bare(" ".join(first)), first
    asked = say(running, stranger, "我也不晓得几栋 我在外面路过听到喊")  # A32b: "收到地点：我也不晓得几栋…"
    assert asked == [emergencies.PLACE_UNKNOWN_ASKED], asked
    [lift] = tickets_of(running, stranger)
    assert not lift.place_text
    placed = say(running, stranger, "河畔花园")  # A32b: a new ordinary ticket T1034
    assert any("收到地点：河畔花园" in r for r in placed), placed
    [lift] = tickets_of(running, stranger)
    assert raised(running, lift) and lift.place_text == "河畔花园"
    assert not any("不晓得" in t for t in told(running, DUTY_OFFICER, lift.number or ""))


@pytest.mark.parametrize(("n", "vague"), [(3, "就是我住那栋嘛"), (4, "我住的那栋"), (5, "我们住那里")])
def test_the_building_i_live_in_from_a_stranger_is_asked_which_estate_and_building(running: Stack, n: int,
                                                                                  vague: str):
    stranger = SENDERS[n]
    say(running, stranger, "电梯困到人了")
    asked = say(running, stranger, vague)  # A32a: "收到地点：那栋"
    assert asked == [emergencies.HOME_ASKED], asked
    [lift] = tickets_of(running, stranger)
    assert not lift.place_text
    placed = say(running, stranger, f"安居苑{120 + n}栋")
    assert any(f"收到地点：安居苑{120 + n}栋" in r for r in placed), placed


def test_a_question_how_the_emergency_stands_past_the_window_is_answered_with_its_state(running: Stack):
    stranger = SENDERS[6]
    first = say(running, stranger, "河畔花园131栋有个人坐到楼顶边上 说不想活了")
    assert "110" in bare(" ".join(first)), first
    as_if_earlier(running, stranger, 35)
    replies = say(running, stranger, "楼顶那个人劝下来没得")  # A1c: "没太看懂，请换个说法。"
    [roof] = tickets_of(running, stranger)
    assert any(roof.number in r and "周明在处置" in r for r in replies), replies
    assert "劝下来" not in roof.text  # a question, never a 补充

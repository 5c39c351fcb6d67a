"""Blind test 26 (docs/usertests/2026-12-06-blind14.md, rows B91, B64, A44, A1, A84), through the gateway, the real
engine and the real action server: an open emergency no longer takes in a message about another thing (a car
smoking after sparking wires is no place of the wires; where to charge a scooter is a question to answer), a
stand-down speaks of what it is about, a place correction never withdraws the emergency, and a sentence answering
"在哪里？" gives only its place.

Voices: residents of 幸福社区第1网格 with a household address (+86139777700 …), riders (+86139777710 …), passers-by
not in the registry (+86139777720 …). Each runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import live_at, raised, register, say, ticket_numbered, tickets_of

pytestmark = pytest.mark.engine
GRID = "幸福社区第1网格"
SENDERS = [f"+86139777{n}" for n in range(700, 740)]
RESIDENTS, RIDERS, PASSERS_BY = SENDERS[:10], SENDERS[10:20], SENDERS[20:]


@pytest.mark.parametrize(("index", "other"), [
    # B91: "收到地点：阳光小区门口，已告诉值班人员". A building of its own: a car filed at plain 阳光小区 stays open and
    # would take in other tests' cars said at the estate (test_conversation_smaller, staff_blind10: 并单).
    (0, "阳光小区32栋门口有辆车在冒烟"),
    (1, "河畔花园后门有辆三轮车在冒烟"),
    (2, "安居苑东门那点 垃圾桶在冒烟"),
])
def test_smoke_from_another_thing_is_not_the_sparking_wires_place_nor_their_stand_down(running: Stack, index: int,
                                                                                        other: str):
    resident = live_at(running, RESIDENTS[index], GRID, f"阳光小区{index + 11}栋101")
    say(running, resident, "楼道里的电线在冒火花 噼里啪啦的")
    [wires] = tickets_of(running, resident)
    assert raised(running, wires)
    replies = say(running, resident, other)
    assert not any("收到地点" in r for r in replies), replies
    after = ticket_numbered(running, str(wires.number))
    assert not after.place_text and "冒烟" not in after.text, (after.place_text, after.text)
    replies = say(running, resident, "哦 是人家在烧烤 不是急事哈")
    assert not any(str(wires.number) in r for r in replies), replies
    assert raised(running, ticket_numbered(running, str(wires.number)))


@pytest.mark.parametrize(("index", "asked"), [
    (0, "电瓶车在哪里可以充电哦"),  # B64: "别着急，值班人员已知道地点，正在处置。还没打110请马上打！"
    (1, "哪里可以办居住证嘛"),
    (2, "换电柜在哪点可以换电哦"),
])
def test_a_question_on_another_subject_is_answered_while_a_lost_old_man_is_open(running: Stack, index: int,
                                                                               asked: str):
    rider = register(running, RIDERS[index])
    say(running, rider, f"路边有个老爷爷坐起哭 说不晓得屋在哪 就在安居苑{index + 2}栋门口")
    [lost] = tickets_of(running, rider)
    assert raised(running, lost)
    replies = say(running, rider, asked)
    assert not any("别着急" in r or "值班人员" in r for r in replies), replies
    assert len(tickets_of(running, rider)) == 1


@pytest.mark.parametrize(("index", "first", "correction", "place"), [
    # A44: "好的，工单T1028已撤销，已告诉值班人员是误报。" A44's near miss (差点砸到人) is no emergency since
    # blind test 26's danger fixes, so someone is hit here.
    (0, "阳光小区15栋 外墙皮掉下来了 砸到人了 头在流血", "我搞错了 是安居苑15栋 不是阳光小区", "安居苑15栋"),
    (1, "河畔花园16栋 楼上掉砖头下来了 砸到个老人 起不来了", "搞错了 不是河畔花园 是安居苑16栋", "安居苑16栋"),
])
def test_a_place_correction_moves_an_emergency_and_never_withdraws_it(running: Stack, index: int, first: str,
                                                                      correction: str, place: str):
    caller = PASSERS_BY[index]
    say(running, caller, first)
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)
    replies = say(running, caller, correction)
    assert not any("撤销" in r or "误报" in r for r in replies), replies
    after = ticket_numbered(running, str(ticket.number))
    assert after.status not in ("cancelled", "closed") and place in (after.place_text or ""), (
        after.status, after.place_text)


@pytest.mark.parametrize(("index", "first", "answer", "place"), [
    (2, "我婆婆早上出门买菜 到现在都没回来", "她记性不好 住河畔花园的", "河畔花园"),  # A1
    (3, "有人晕倒了", "我屋头的老头子 在河畔花园7栋2楼", "河畔花园7栋"),  # A84
    (4, "有人摔倒了 爬不起来", "我家老伴 在安居苑8栋3楼", "安居苑8栋"),
])
def test_only_the_place_words_of_a_sentence_answering_where_are_the_place(running: Stack, index: int, first: str,
                                                                           answer: str, place: str):
    caller = PASSERS_BY[index]
    replies = say(running, caller, first)
    assert any("在哪里" in r for r in replies), replies
    replies = say(running, caller, answer)
    assert any(f"收到地点：{place}，" in r for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert ticket.place_text == place, ticket.place_text

"""Blind test 25 (docs/usertests/2026-12-06-blind13.md) "wrong ticket joined" and place corrections, through the
gateway, the real engine and the real action server:

- A40, B4, Y5: a barrier, a street light and a drunk man asleep were merged (已并入) into a fallen sign or a fallen
  tree at the same place; only the same kind of problem is merged.
- A41: a rider's 路边有个老太婆在哭 说找不到屋了 就在安居苑门口 was added to his bikes report (已补充).
- C1: 不是5栋 是6栋 was added as a detail, not a correction of the building.
- C2: corrected to 河畔花园2栋, the ticket stayed with 安居社区's worker.
- A15, A16: 和畔花园 (a slip for 河畔花园) and 安居社区安居苑2栋 were asked where.

Senders: +86139777100 … 139, in no other test; places (河畔花园东门, 河滨路加油站, 安居苑东门, 安居苑17…21栋,
河畔花园12/13栋, 河畔花园西门) in no other test."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import bare, number_in, raised, register, say, ticket_numbered, tickets_of, told

pytestmark = pytest.mark.engine

SENDERS = [f"+861397771{n:02d}" for n in range(40)]
ANJU_WORKER = "+8613700000005"  # 杨艳, 安居社区第1网格 (安居苑)
HEPAN_WORKER = "+8613700000009"  # 周明, 河滨社区第1网格 (河畔花园)


def test_other_problems_at_a_fallen_signs_gate_are_their_own_tickets_the_same_sign_is_merged(running: Stack):
    # A sign that lies across the road: the classifier files it under 道路 like the barrier and the lamp, so only
    # what each is about keeps them apart ("那个广告牌子倒了" alone went to 环境卫生 once the model changed).
    sign = number_in(say(running, SENDERS[0], "河畔花园东门那块广告牌子倒了 横在路上"))
    for sender, text in ((SENDERS[1], "河畔花园东门的道闸坏了 抬不起来"),
                         (SENDERS[2], "路登不亮 好几天了 河畔花园东门"),
                         (SENDERS[3], "河畔花园东门的门禁刷不开了 进不去")):
        replies = say(running, sender, text)
        said = " ".join(replies)
        assert "已并入" not in said and sign not in said, (text, replies)
        [own] = tickets_of(running, sender)
        assert own.status != "merged" and own.number in said, (text, replies)
    again = say(running, SENDERS[4], "河畔花园东门的广告牌子也倒了 挡到路了")
    assert any("已并入" in r and sign in r for r in again), again


def test_a_drunk_man_asleep_by_the_road_is_never_merged_into_a_fallen_tree_there(running: Stack):
    tree = number_in(say(running, SENDERS[5], "河滨路加油站旁边那棵大树倒了"))
    for sender, text in ((SENDERS[6], "楼下有个醉汉睡在路边 天冷得很 怕冻出事 河滨路加油站"),
                         (SENDERS[7], "河滨路加油站门口有人乱倒建筑渣子 堆了一大堆")):
        replies = say(running, sender, text)
        said = " ".join(replies)
        assert "已并入" not in said and tree not in said, (text, replies)
        assert [t.number for t in tickets_of(running, sender)] == [number_in(replies)], replies


@pytest.mark.parametrize(("rider", "bikes", "lost"), [
    (SENDERS[8], "共享单车倒了一地 路都堵了 安居苑东门", "路边有个老太婆在哭 说找不到屋了 就在安居苑东门"),
    (SENDERS[9], "安居苑东门的快递柜打不开了 取不到件", "安居苑东门有个婆婆坐起哭 说不晓得回家的路"),
])
def test_an_old_person_lost_is_an_emergency_never_a_detail_of_the_riders_report(running: Stack, rider: str,
                                                                                bikes: str, lost: str):
    register(running, rider)
    first = number_in(say(running, rider, bikes))
    replies = say(running, rider, lost)
    said = " ".join(replies)
    assert "补充" not in said and first not in said, replies
    assert "110" in bare(said), replies
    assert "婆" not in ticket_numbered(running, first).text
    new = [t for t in tickets_of(running, rider) if t.number != first]
    assert len(new) == 1 and raised(running, new[0]) and new[0].number in said, [(t.number, t.text) for t in new]


@pytest.mark.parametrize(("sender", "report", "correction", "place"), [
    (SENDERS[10], "安居苑17栋门口下水道堵了 臭得很", "不是17栋 是18栋", "安居苑18栋"),
    (SENDERS[11], "安居苑19栋楼道灯不亮了 黑黢黢的", "是21栋 不是19栋", "安居苑21栋"),
    (SENDERS[12], "安居苑20栋门口的垃圾桶满了 没人收", "搞错了 是21栋", "安居苑21栋"),
])
def test_not_this_building_but_that_one_corrects_the_place_within_the_estate(running: Stack, sender: str,
                                                                            report: str, correction: str, place: str):
    number = number_in(say(running, sender, report))
    replies = say(running, sender, correction)
    assert any(f"工单{number}的地点已改为“{place}" in r for r in replies), replies  # 安居苑18栋(门口)
    kept = ticket_numbered(running, number)
    assert kept.place_text.startswith(place) and "补充" not in kept.text
    assert any(place in m for m in told(running, ANJU_WORKER, number))


@pytest.mark.parametrize(("sender", "report", "correction", "place"), [
    (SENDERS[13], "安居苑东门的消防栓在漏水 流了一地", "我说错了 是河畔花园西门 不是安居苑", "河畔花园西门"),
    (SENDERS[14], "安居苑21栋楼顶的水箱在冒水", "不是安居苑 是河畔花园13栋", "河畔花园13栋"),
])
def test_a_place_corrected_into_another_grid_moves_the_ticket_to_its_worker(running: Stack, sender: str,
                                                                           report: str, correction: str, place: str):
    number = number_in(say(running, sender, report))
    assert ticket_numbered(running, number).assignee.phone == ANJU_WORKER
    replies = say(running, sender, correction)
    assert any(place in r and "周明" in r for r in replies), replies
    moved = ticket_numbered(running, number)
    assert moved.place_text == place and moved.assignee.phone == HEPAN_WORKER
    assert told(running, HEPAN_WORKER, number)
    assert any("无需再处理" in m for m in told(running, ANJU_WORKER, number))


@pytest.mark.parametrize(("sender", "text", "worker"), [
    (SENDERS[15], "和畔花园12栋门口的路灯不亮了", HEPAN_WORKER),
    (SENDERS[16], "河伴花园13栋门口的井盖松了 踩起咣当响", HEPAN_WORKER),
    (SENDERS[17], "安居社区安居苑19栋 化粪池满了 臭得很", ANJU_WORKER),
])
def test_a_known_place_slipped_by_a_character_or_named_with_its_community_is_filed_without_asking(
        running: Stack, sender: str, text: str, worker: str):
    replies = say(running, sender, text)
    said = " ".join(replies)
    assert "哪点" not in said and "几个网格" not in said and "哪里" not in said, replies
    number = number_in(replies)
    assert ticket_numbered(running, number).assignee.phone == worker

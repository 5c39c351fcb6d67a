"""Vote questions from blind test 30 (docs/usertests/2026-12-07-blind18.md), read from the words and the council's
rows before the engine (`council_status`, `council_asides`, `council_words`, `points`):

- V9: when voting closes is told per open topic; B127: what one voted, proxies included; V21: one's proposal's state.
- V12: 取消 while proposing drops the proposal, never a ballot; 我没有要撤回投票 is no withdrawal.
- A-B145: a change said for a household member (帮我妈改成按户) is the member's proxy ballot.
- V2b: a named topic's state asked (垃圾费那个现在啥情况) is its state; V25: points are not transferred."""

from __future__ import annotations

import pytest

from bot.core import council, council_status, points
from bot.core.council_asides import drops_proposal_asked, topic_result
from bot.core.council_ballots import cast
from bot.core.council_words import drops_proposal, is_proxy, is_withdrawal
from tests.core.council_factories import GROUP1, open_topic, person
from tests.core.test_council_dialogue import replied

LIMING, JIANGUO = GROUP1[0], GROUP1[1]  # one household
FEE = "垃圾清运费按人头还是按户收"
PARKING = "是否在村口修一个停车场"
PER = ["按人头", "按户"]
DESCRIBE = "请简单说明一下，比如要花多少钱、谁来出、怎么办。"


def _fits(parts: list[str] | str | None) -> list[str]:
    assert parts, parts
    parts = [parts] if isinstance(parts, str) else parts
    assert all(len(p) <= 70 for p in parts), parts
    return parts


def test_when_voting_closes_is_told_for_each_open_topic(demo_db, clock) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title=FEE, options=PER, hours=26)
        open_topic(s, clock, title=PARKING, hours=50)
        said = "".join(_fits(council_status.closing_times(s, clock, person(s, LIMING), "投票啥时候截止")))
        assert said.count("截止") >= 2 and "垃圾清运费" in said and "停车场" in said and "月" in said, said
        one = "".join(_fits(council_status.closing_times(s, clock, person(s, LIMING), "停车场那个好久结束")))
        assert "停车场" in one and "垃圾" not in one, one
        assert council_status.closing_times(s, clock, person(s, LIMING), "停车场那个我投赞成") is None


def test_what_i_voted_is_my_choice_on_each_topic_and_the_proxies_i_cast(demo_db, clock) -> None:
    with demo_db.session() as s:
        fee = open_topic(s, clock, title=FEE, options=PER, allow_proxy=True)
        open_topic(s, clock, title=PARKING)
        me, member = person(s, LIMING), person(s, JIANGUO)
        cast(s, clock, fee, me, 2)
        cast(s, clock, fee, me, 1, on_behalf_of=member)
        said = "".join(_fits(council_status.own_choices(s, clock, me, "我的票投的啥")))
        assert "您投按户" in said and f"替{member.name}投按人头" in said and "停车场" in said and "还没投" in said, said
        assert council_status.own_choices(s, clock, me, "我投赞成") is None


@pytest.mark.parametrize(("status", "words"), [("proposed", "审核"), ("approved", "通过审核"), ("rejected", "钱不够")])
def test_my_proposals_state_is_told(demo_db, clock, status, words) -> None:
    with demo_db.session() as s:
        me = person(s, LIMING)
        topic = council.propose(s, clock, me, "修村里的路", "村里的路烂了")
        if status in ("approved", "rejected"):
            council.approve(s, clock, topic.id)
        if status == "rejected":
            council.reject(s, clock, topic.id, "钱不够，明年再议")
        said = _fits(council_status.own_proposal(s, clock, me, "我提的修路那个议题审了没得"))[0]
        assert "修村里的路" in said and words in said, said
        assert council_status.own_proposal(s, clock, me, "我提的那个问题咋样了") is None or "修村里的路" in said


def test_cancel_while_proposing_is_the_proposals_and_a_denied_withdrawal_is_none(demo_db, clock) -> None:
    assert drops_proposal("我没有要撤回投票 我是不想提议题了") and drops_proposal("不提建议了")
    assert not drops_proposal("不提高水费") and not drops_proposal("村里的路烂了 下雨天走不得")
    assert not is_withdrawal("我没有要撤回投票 我是不想提议题了") and not is_withdrawal("不是撤回投票")
    assert is_withdrawal("撤回投票") and is_withdrawal("取消我的投票")
    with demo_db.session() as s:
        replied(s, LIMING, DESCRIBE)
        assert drops_proposal_asked(s, LIMING, "取消")
        replied(s, LIMING, "已记下：“垃圾清运费”您投按户。截止前想改，再回复一次就行。")
        assert not drops_proposal_asked(s, LIMING, "取消")


@pytest.mark.parametrize("text", ["帮我妈改成按户", "帮我妈改投按户", "我妈的票换成按户", "替老汉改为反对"])
def test_a_change_said_for_a_member_is_a_proxy(text) -> None:
    assert is_proxy(text)


def test_a_change_of_ones_own_is_no_proxy() -> None:
    assert not is_proxy("我改成按户") and not is_proxy("帮我改成按户")


def test_a_named_topics_state_asked_is_its_state_with_my_ballot(demo_db, clock) -> None:
    with demo_db.session() as s:
        fee = open_topic(s, clock, title=FEE, options=PER)
        me = person(s, LIMING)
        cast(s, clock, fee, me, 2)
        said = _fits(topic_result(s, clock, me, LIMING, "垃圾费那个现在啥情况"))[0]
        assert "还在投票" in said and "截止" in said, said


def test_points_are_not_transferred() -> None:
    assert points.asks_transfer("积分能不能转给我妈") and points.asks_transfer("把积分送给我儿子")
    assert not points.asks_transfer("积分咋个用") and not points.asks_transfer("我的积分")
    assert "不能转" in points.TRANSFER and len(points.TRANSFER) <= 70

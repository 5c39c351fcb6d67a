"""A ballot asked about, from blind test 31 (docs/usertests/2026-12-07-blind19.md), read before any ballot reading
(`council_ballot_asked`), and 我妈的 that is no curse (`triage`):

- V12, V12b, V12c: whether one's own ballot still counts (还在不, 还算数不, 作数不, 有效没得) is the ballot on the topic
  named, or each, counted; none cast, how to vote; 我那票不算了 is still a withdrawal.
- A-B145: a family member's ballot asked (我妈那票现在是哪个) is the choice the sender last made for her.
- A-B145b: 我妈的票撤回了吧 is no insult."""

from __future__ import annotations

import pytest

from bot.core import triage
from bot.core.council_ballot_asked import asks_counted, ballot_asked
from bot.core.council_ballots import cast
from bot.core.council_questions import pending
from bot.core.council_words import is_withdrawal
from tests.core.council_factories import GROUP1, open_topic, person

MOTHER, SON, NEIGHBOUR = GROUP1[0], GROUP1[1], GROUP1[2]  # MOTHER and SON: one household
FEE = "垃圾清运费按人头还是按户收"
PARKING = "是否在村口修一个停车场"
PER = ["按人头", "按户"]


def _said(parts: list[str] | None) -> str:
    assert parts, parts
    assert all(len(p) <= 70 for p in parts), parts
    return "".join(parts)


@pytest.mark.parametrize("text", ["我投的停车场那票还在不", "我那票还算数不", "我投的票还算数不", "我的票还作数不",
                                  "我那票有效没得", "我投的还算不算", "那票还在不在", "我的票还算数吗？",
                                  "我投的票咋个还算数不"])
def test_asking_whether_a_ballot_still_counts_is_a_question_never_a_withdrawal(text: str) -> None:
    assert asks_counted(text) and not is_withdrawal(text), text


@pytest.mark.parametrize("text", ["我那票不算了", "我的票不算", "票数不公开吗", "我投赞成", "还是算数吧", "撤回投票",
                                  "我的发票还有效不", "车票还有效吗"])
def test_a_withdrawal_a_ballot_or_a_count_asked_is_no_question_of_counting(text: str) -> None:
    assert not asks_counted(text), text


def test_a_villager_asking_whether_her_named_ballot_still_stands_gets_it_counted(demo_db, clock) -> None:
    with demo_db.session() as s:
        parking = open_topic(s, clock, title=PARKING, hours=50)
        open_topic(s, clock, title=FEE, options=PER, hours=50)
        me = person(s, NEIGHBOUR)
        cast(s, clock, parking, me, 1)
        said = _said(ballot_asked(s, clock, me, "我投的停车场那票还在不"))
        assert said == "您在“是否在村口修一个停车场”投的是赞成，算数的。", said
        said = _said(ballot_asked(s, clock, me, "我那票还作数不"))
        assert "停车场" in said and "赞成" in said and "算数" in said and "垃圾" not in said, said


def test_a_villager_who_has_not_voted_is_told_so_and_how_to_vote(demo_db, clock) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title=PARKING, hours=50)
        fee = open_topic(s, clock, title=FEE, options=PER, hours=50)
        me = person(s, NEIGHBOUR)
        said = _said(ballot_asked(s, clock, me, "我投的票还算数不"))
        assert "还没投" in said and "1" in said and "2" in said, said
        said = _said(ballot_asked(s, clock, me, "垃圾费那票还算数不"))
        assert "还没投" in said and "按户" in said, said
        assert pending(s, clock, me).kind == "shown" and pending(s, clock, me).topic_ids == [fee]


def test_the_mothers_ballot_asked_by_her_son_is_the_choice_he_last_made(demo_db, clock) -> None:
    with demo_db.session() as s:
        fee = open_topic(s, clock, title=FEE, options=PER, allow_proxy=True, hours=50)
        open_topic(s, clock, title=PARKING, hours=50)
        son, mother = person(s, SON), person(s, MOTHER)
        cast(s, clock, fee, son, 1, on_behalf_of=mother)
        cast(s, clock, fee, son, 2, on_behalf_of=mother)
        s.expire_all()  # the change is written past the session's objects, as the next message's session reads it
        for text in ("我妈那票现在是哪个", "我妈投的啥", "帮我老妈投的是哪个来着", "我妈那票投的是啥子"):
            said = _said(ballot_asked(s, clock, son, text))
            assert said == f"{mother.name}在“垃圾清运费按人头还是按户收”现在投的是按户。", (text, said)
        said = _said(ballot_asked(s, clock, son, "帮我妈投的那票还算数不"))
        assert "按户" in said and "算数" in said, said
        said = _said(ballot_asked(s, clock, son, "我妈停车场那个投的啥"))
        assert "停车场" in said and "还没投" in said, said


def test_a_members_own_ballot_is_hers_to_tell(demo_db, clock) -> None:
    with demo_db.session() as s:
        parking = open_topic(s, clock, title=PARKING, hours=50)
        son, mother = person(s, SON), person(s, MOTHER)
        cast(s, clock, parking, mother, 2)
        said = _said(ballot_asked(s, clock, son, "我妈那票是哪个"))
        assert "自己投" in said and "反对" not in said, said


def test_a_ballot_for_the_mother_or_a_withdrawal_is_no_question(demo_db, clock) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title=FEE, options=PER, allow_proxy=True, hours=50)
        son = person(s, SON)
        for text in ("帮我妈投按人头", "我妈的票撤回了吧", "把我妈那票改成按户", "我投赞成", "帮我妈投票要发啥",
                     "我妈问投票是啥意思"):
            assert ballot_asked(s, clock, son, text) is None, text


@pytest.mark.parametrize("text", ["我妈的票撤回了吧", "把我妈的那票撤了", "我老妈的票改成按户"])
def test_my_mothers_ballot_is_no_curse(text: str) -> None:
    assert not triage.is_abuse(text) and not triage.abuse_only(text), text


def test_a_curse_is_still_a_curse() -> None:
    assert triage.abuse_only("妈的") and triage.abuse_only("他妈的") and triage.is_abuse("妈的 路灯又坏了")

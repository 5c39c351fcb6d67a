"""Vote messages that carry more than one act, or take back only a question (blind test 8, #26, #28, #33, #71,
#72, #84, #107, #112, #147), through the gateway, the real engine and the real action server, on SQLite and
PostgreSQL: 算了 不改了 while asked which topic closes the question and never a road ticket; 帮她投 after 我妈
and 帮李明投反对 我自己投赞成 are proxy ballots (the own part the sender's own); 不对 那是帮我妈投的 turns the
own ballot into the member's; two ballots in one message both count; 撤回投票 with several topics asks which.

The voters are residents of the demo's 11th and 12th grids (+8613900000216 … 235 but 221, in no other
conversation; households 217+218, 225+226, 229+230, 233+234) voting on topics of their own, in the villagers'
words."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import number_in, say, tickets_of
from tests.integration.test_conversation_votes import ballots, name_of, open_topic, ticket_status

pytestmark = pytest.mark.engine

V = {n: f"+86139{n:08d}" for n in range(216, 236) if n != 221}
FEAST = "年终坝坝宴时间"
ROAD = "机耕道硬化集资"


def reply(stack: Stack, sender: str, text: str) -> str:
    replies = say(stack, sender, text)
    assert replies, f"no reply to {text!r}"
    return "\n".join(replies)


def test_nothing_to_change_while_asked_which_topic_closes_the_question_never_the_road_ticket(running: Stack) -> None:
    me, other = V[216], V[219]
    feast = open_topic(running, [me, other], FEAST, options=["元旦前", "春节后"])
    road = open_topic(running, [me, other], ROAD)
    assert "您投赞成" in reply(running, me, "机耕道那个我赞成")
    number = number_in(say(running, me, "村口到我家那段路垮了一大块 车都过不去了"))
    assert reply(running, me, "1").startswith("请回复序号选议题")
    # Row 84: 算了 不改了 is about the vote question: the ticket stays, its worker is told nothing.
    assert reply(running, me, "算了 不改了") == "好的，不改。"
    assert ticket_status(running, number) != "cancelled"
    assert [t.number for t in tickets_of(running, me)] == [number]
    assert ballots(running, feast, road) == {(road, me): (1, False, me)}


def test_a_ballot_for_mother_said_with_a_pronoun_and_a_proxy_part_with_an_own_part(running: Stack) -> None:
    mother, me, other = V[217], V[218], V[220]
    park = open_topic(running, [mother, me, other], "停车场收费", allow_proxy=True)
    pump = open_topic(running, [mother, me, other], "抽水机换新", allow_proxy=True)
    name = name_of(running, mother)
    # Row 28: 帮她 after 我妈 is her ballot, never the sender's own.
    said = reply(running, me, "我妈眼睛不好 帮她投一票 停车场那个赞成")
    assert said.startswith(f"已替{name}投") and "赞成" in said, said
    assert ballots(running, park) == {(park, mother): (1, True, me)}
    # Row 147: the proxy part for her, the own part his.
    said = reply(running, me, f"抽水机那个 帮{name}投反对 我自己投赞成")
    assert f"已替{name}投" in said and "反对" in said and "您自己投赞成" in said, said
    assert ballots(running, pump) == {(pump, mother): (2, True, me), (pump, me): (1, False, me)}
    assert tickets_of(running, me) == []


def test_a_ballot_just_recorded_as_own_is_corrected_into_the_members(running: Stack) -> None:
    mother, me = V[225], V[226]
    park = open_topic(running, [mother, me], "停车场收费", allow_proxy=True)
    name = name_of(running, mother)
    assert "您投赞成" in reply(running, me, "停车场那个我赞成")
    said = reply(running, me, "不对 那是帮我妈投的 我自己还没想好")
    assert said.startswith(f"您自己那票已撤回。已替{name}投"), said
    assert ballots(running, park) == {(park, mother): (1, True, me)}


def test_two_ballots_in_one_message_both_count_and_a_ballot_with_chatter_is_no_proposal(running: Stack) -> None:
    me, other = V[223], V[224]
    feast = open_topic(running, [me, other], FEAST, options=["元旦前", "春节后"])
    road = open_topic(running, [me, other], ROAD)
    said = reply(running, me, "坝坝宴我要元旦前 机耕道集资赞成")  # row 71
    assert "元旦前" in said and "赞成" in said, said
    assert ballots(running, feast, road) == {(feast, me): (1, False, me), (road, me): (1, False, me)}
    said = reply(running, me, "坝坝宴我投春节后 大家都忙")  # row 26: never 想议什么事
    assert "改投春节后" in said and "议" not in said.replace("议题", ""), said
    assert ballots(running, feast)[(feast, me)] == (2, False, me)


def test_withdrawing_names_the_topic_or_asks_which(running: Stack) -> None:
    me, other = V[227], V[228]
    feast = open_topic(running, [me, other], FEAST, options=["元旦前", "春节后"])
    road = open_topic(running, [me, other], ROAD)
    assert "您投赞成" in reply(running, me, "机耕道那个我赞成")
    assert "您投春节后" in reply(running, me, "坝坝宴那个我投春节后")
    assert reply(running, me, "现在几点了").strip()  # the talk moves on: 撤回投票 no longer means the last ballot
    said = reply(running, me, "撤回投票")  # row 33: asked, nothing guessed
    assert said.startswith("撤回哪个议题的票？"), said
    assert len(ballots(running, feast, road)) == 2
    assert reply(running, me, "2").startswith("已撤回您对“机耕道硬化集资”")
    assert ballots(running, feast, road) == {(feast, me): (2, False, me)}
    assert "您投赞成" in reply(running, me, "机耕道那个我赞成")
    assert reply(running, me, "机耕道那票我不算了").startswith("已撤回您对“机耕道硬化集资”")
    assert "您投赞成" in reply(running, me, "机耕道那个我赞成")
    assert reply(running, me, "撤回机耕道硬化集资的投票").startswith("已撤回您对“机耕道硬化集资”")
    assert ballots(running, feast, road) == {(feast, me): (2, False, me)}
    assert "您投赞成" in reply(running, me, "机耕道那个我赞成")
    said = reply(running, me, "搞错了 坝坝宴我还是投元旦前 是机耕道那个撤回")
    assert "已撤回“机耕道硬化集资”的票" in said and "改投元旦前" in said, said
    assert ballots(running, feast, road) == {(feast, me): (1, False, me)}


def test_a_members_own_ballot_and_questions_about_a_topic(running: Stack) -> None:
    member, me, other = V[229], V[230], V[231]
    toilet = open_topic(running, [member, me, other], "村口公厕翻修", allow_proxy=True)
    feast = open_topic(running, [member, me, other], FEAST, options=["元旦前", "春节后"])
    name = name_of(running, member)
    assert "弃权" in reply(running, member, "公厕那个我投弃权")
    said = reply(running, me, f"把{name}那票撤了")  # row 107
    assert f"{name}自己投了" in said and "本人" in said, said
    assert ballots(running, toilet) == {(toilet, member): (3, False, member)}
    assert "您还没投" in reply(running, me, "坝坝宴投了没得")  # row 72
    assert "您投春节后" in reply(running, me, "坝坝宴那个我投春节后")
    assert "您投了春节后" in reply(running, me, "坝坝宴投了没得")
    said = reply(running, me, "坝坝宴现在是元旦前多还是春节后多")  # row 112
    assert "截止后公布结果" in said and "已投1/3人" in said, said
    assert ballots(running, feast) == {(feast, me): (2, False, me)}


def test_the_board_pages_within_one_sms_part_and_lists_every_open_topic(running: Stack) -> None:
    me = V[232]
    ids = [open_topic(running, [me, V[235]], f"村道第{n}段硬化时间") for n in range(1, 5)]
    pages = [reply(running, me, "公告")]  # rows 72, 137: within one part, every open topic
    while pages[-1].endswith(f"回复“公告{len(pages) + 1}”看下一条"):
        pages.append(reply(running, me, f"公告{len(pages) + 1}"))
    assert len(pages) >= 2, pages
    assert all(f"{i}号 村道第{n}段硬化时间" in "".join(pages) for n, i in enumerate(ids, 1)), pages

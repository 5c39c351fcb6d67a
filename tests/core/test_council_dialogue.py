"""Votes by message in the dialogue's context: proxies never touch the sender's own ballot, closed topics
record nothing, "which?" is asked and its answer read as the answer, a bare number answers only the latest
numbered question, and taking a ballot back takes the ballot back."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import func, select

from bot.common.clock import FakeClock
from bot.core import council
from bot.core.council_ballots import cast
from bot.core.council_dialogue import handle_vote, household_members, pending, read_turn, withdraw_latest
from bot.core.notify import notify
from bot.store.council_models import Ballot
from bot.store.db import Database
from bot.store.message_models import InboxMessage, OutboxMessage
from bot.store.models import Person
from tests.core.council_factories import GROUP1, open_topic, person

ME = GROUP1[1]  # her household: GROUP1[0] and GROUP1[1]


def replied(s, sender: str, text: str) -> None:
    """The reply goes out, as the worker would send it: it is now the last message the sender got."""
    s.add(OutboxMessage(channel="sms", recipient=sender, text=text, kind="reply"))
    s.flush()


def turn(s, clock: FakeClock, text: str, sender: str = ME) -> str | None:
    reply = read_turn(s, clock, person(s, sender), sender, text)
    assert reply is None or len(reply) <= 70, reply
    if reply is not None:
        replied(s, sender, reply)
    return reply


def vote(s, clock: FakeClock, text: str, option: str | None, sender: str = ME):
    """A message the classifier read as a ballot (no vote question waiting)."""
    decision = handle_vote(s, clock, person(s, sender), text, option)
    replied(s, sender, decision.text or decision.kind)
    return decision


def ballots(s) -> dict[tuple[int, int], tuple[int, bool, int]]:
    """(topic, whose) → (option, proxy, sent by), as stored."""
    s.expire_all()
    return {(b.topic_id, b.person_id): (b.option, b.proxy, b.cast_by_id) for b in s.scalars(select(Ballot))}


def test_a_ballot_for_mother_is_a_proxy_ballot_and_the_senders_own_stays(demo_db: Database,
                                                                          clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic = open_topic(s, clock, title="是否安装村组路灯", allow_proxy=True)
        me, mother = person(s, ME), household_members(s, person(s, ME))[0]
        cast(s, clock, topic, me, 1)
        reply = turn(s, clock, "我妈也投反对")
        assert f"已替{mother.name}投" in reply and "反对" in reply and "您自己的票不变" in reply
        assert ballots(s) == {(topic, me.id): (1, False, me.id), (topic, mother.id): (2, True, me.id)}


def sent(s, clock: FakeClock, text: str, sender: str = ME) -> str | None:
    """A message as the worker hands it over: in the inbox first, then read."""
    clock.advance(minutes=1)
    s.add(InboxMessage(channel="sms", external_id=uuid.uuid4().hex, sender=sender, text=text, payload={},
                       received_at=clock.now()))
    s.flush()
    return turn(s, clock, text, sender)


def test_mother_then_father_with_one_member_registered_says_he_voted_and_how_to_change_never_offers_him(
        demo_db: Database, clock: FakeClock) -> None:
    # Blind test 9, #17: "您已替李明投过。这次替哪位？回复序号：1 李明" offered the member just voted for again.
    with demo_db.session() as s:
        topic = open_topic(s, clock, title="是否安装村组路灯", allow_proxy=True)
        me, member = person(s, ME), household_members(s, person(s, ME))[0]
        assert f"已替{member.name}投" in sent(s, clock, "帮我妈投一票 她也赞成")
        said = sent(s, clock, "我老汉也投反对")
        assert f"家里登记的{member.name}已经投过了" in said and f"帮{member.name}改成反对" in said, said
        assert "序号" not in said and f"1 {member.name}" not in said and "登记" in said and len(said) <= 70
        assert ballots(s) == {(topic, member.id): (1, True, me.id)}  # not changed on a guess
        assert f"已替{member.name}改投反对" in sent(s, clock, f"帮{member.name}改成反对")  # as the reply says
        assert ballots(s)[(topic, member.id)][0] == 2


def test_a_relation_word_after_a_proxy_ballot_offers_only_the_members_with_no_ballot(demo_db: Database,
                                                                                     clock: FakeClock) -> None:
    with demo_db.session() as s:
        me = person(s, ME)
        first = household_members(s, me)[0]
        s.add(Person(name="李桂兰", phone="+8613500009917", kind="resident", household_id=me.household_id,
                     home_unit_id=me.home_unit_id, villager_group_id=me.villager_group_id))
        s.flush()
        open_topic(s, clock, title="是否安装村组路灯", allow_proxy=True)
        assert f"已替{first.name}投" in sent(s, clock, f"帮{first.name}投赞成")
        asked = sent(s, clock, "我老汉也投赞成")
        assert "1 李桂兰" in asked and first.name not in asked, asked
        assert "已替李桂兰投" in sent(s, clock, "1")
        said = sent(s, clock, "我妈也投赞成")
        assert f"{first.name}、李桂兰都已经投过了" in said and "序号" not in said, said


def test_the_same_relation_again_is_the_same_member_and_changes_their_ballot(demo_db: Database,
                                                                              clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic = open_topic(s, clock, title="是否安装村组路灯", allow_proxy=True)
        member = household_members(s, person(s, ME))[0]
        sent(s, clock, "我妈也投反对")
        assert "1 赞成 2 反对 3 弃权" in sent(s, clock, "帮我妈投一票")
        assert f"已替{member.name}改投弃权" in sent(s, clock, "三")
        assert ballots(s)[(topic, member.id)][0] == 3


def test_a_relation_word_saying_change_changes_the_members_ballot(demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic = open_topic(s, clock, title="是否安装村组路灯", allow_proxy=True)
        member = household_members(s, person(s, ME))[0]
        turn(s, clock, "帮我妈投赞成")
        assert f"已替{member.name}改投反对" in turn(s, clock, "我妈改成反对")
        assert ballots(s)[(topic, member.id)][0] == 2


def test_a_relation_word_with_several_members_asks_which_with_names(demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic = open_topic(s, clock, title="是否安装村组路灯", allow_proxy=True)
        me = person(s, ME)
        extra = person(s, GROUP1[2])
        extra.household_id = me.household_id
        s.flush()
        members = household_members(s, me)
        asked = turn(s, clock, "帮我老汉投反对")
        assert asked.startswith("替家里哪位投") and all(m.name in asked for m in members)
        assert ballots(s) == {}
        assert f"已替{members[1].name}投" in turn(s, clock, "2")
        assert ballots(s) == {(topic, members[1].id): (2, True, me.id)}


def test_a_relation_word_for_the_only_member_who_voted_themselves_says_so_and_how_to_add_family(
        demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic = open_topic(s, clock, title="是否安装村组路灯", allow_proxy=True)
        member = household_members(s, person(s, ME))[0]
        cast(s, clock, topic, member, 1)
        reply = turn(s, clock, "我老汉也投反对")
        assert f"只有{member.name}" in reply and "以本人的票为准" in reply and "登记" in reply
        assert ballots(s) == {(topic, member.id): (1, False, member.id)}


def test_a_proxy_ballot_where_the_topic_allows_none_is_refused_and_changes_nothing(demo_db: Database,
                                                                                  clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic = open_topic(s, clock, title="是否收缴垃圾清运费")
        me = person(s, ME)
        cast(s, clock, topic, me, 1)
        for text in ("我妈也投反对", "我帮我老汉也投一票 他也赞成 他不会用手机", "代投"):
            assert "不能代投" in turn(s, clock, text)
        assert ballots(s) == {(topic, me.id): (1, False, me.id)}


def test_a_per_household_topic_needs_no_proxy(demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title="每户出工修渠", allow_proxy=True, per_household=True)
        assert "每户一票" in turn(s, clock, "帮我老汉投赞成")
        assert ballots(s) == {}


def test_a_proxy_ballot_without_an_option_asks_which_and_casts_the_answer_for_the_member(
        demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic = open_topic(s, clock, title="是否安装村组路灯", allow_proxy=True)
        me, mother = person(s, ME), household_members(s, person(s, ME))[0]
        asked = turn(s, clock, "帮我妈投一票")
        assert f"替{mother.name}投" in asked and "1 赞成 2 反对 3 弃权" in asked
        assert "您自己的票不变" in turn(s, clock, "二")
        assert ballots(s) == {(topic, mother.id): (2, True, me.id)}


def test_a_proxy_ballot_with_several_proxy_topics_asks_which_and_keeps_the_option(demo_db: Database,
                                                                                 clock: FakeClock) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title="是否安装村组路灯", allow_proxy=True)
        second = open_topic(s, clock, title="修机耕路", allow_proxy=True)
        mother = household_members(s, person(s, ME))[0]
        asked = turn(s, clock, "帮屋头老汉代投 赞成")
        assert asked.startswith("请回复序号选议题：1 是否安装村组路灯 2 修机耕路")
        assert f"已替{mother.name}投" in turn(s, clock, "2")
        assert ballots(s) == {(second, mother.id): (1, True, person(s, ME).id)}


def test_a_ballot_naming_a_closed_topic_gets_its_result_and_is_recorded_nowhere(demo_db: Database,
                                                                               clock: FakeClock) -> None:
    with demo_db.session() as s:
        closed = open_topic(s, clock, title="是否收缴垃圾清运费")
        cast(s, clock, closed, person(s, GROUP1[0]), 2)
        open_topic(s, clock, title="垃圾车几点来收", options=["早上7点", "晚上6点"])
        council.close_topic(s, clock, closed)
        before = ballots(s)
        decision = vote(s, clock, "清运费那个我投赞成", "赞成")
        assert decision.kind == "closed" and "已截止" in decision.text and "赞成0 反对1" in decision.text
        assert len(decision.text) <= 70
        assert "已截止" in turn(s, clock, "帮我妈投清运费 赞成")
        assert ballots(s) == before


def test_with_several_open_topics_the_bot_asks_which_and_reads_the_answer_as_the_answer(
        demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title="是否收缴垃圾清运费")
        second = open_topic(s, clock, title="村头那条机耕道烂了 想大家凑点钱修一哈")
        me = person(s, ME)
        asked = vote(s, clock, "投第二个", "2")
        assert asked.kind == "asked" and asked.text.startswith("请回复序号选议题：1 ") and len(asked.text) <= 70
        # The answer names the topic and says its own choice: that choice wins over the one kept.
        assert "您投赞成" in turn(s, clock, "机耕道那个赞成")
        assert ballots(s) == {(second, me.id): (1, False, me.id)}


def test_the_kept_choice_is_cast_when_the_answer_is_only_the_topics_number(demo_db: Database,
                                                                          clock: FakeClock) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title="是否收缴垃圾清运费")
        second = open_topic(s, clock, title="修机耕路")
        me = person(s, ME)
        vote(s, clock, "我反对", "反对")
        assert "您投反对" in turn(s, clock, "②")
        assert ballots(s) == {(second, me.id): (2, False, me.id)}


def test_a_bare_number_answers_the_topics_notice_only_while_it_is_the_last_message(demo_db: Database,
                                                                                   clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic = open_topic(s, clock, title="是否收缴垃圾清运费")
        me = person(s, ME)
        clock.advance(hours=1)  # the notice is still the last thing she got
        assert "您投赞成" in turn(s, clock, "1")
        voter = person(s, GROUP1[2])
        notify(s, voter, "工单T1001已办结。请评价：1 满意 2 基本满意 3 不满意")
        assert turn(s, clock, "1", sender=GROUP1[2]) is None  # the rating request came after: not ours
        asked = vote(s, clock, "1", "1", sender=GROUP1[2])
        assert asked.kind == "asked" and "1 赞成 2 反对 3 弃权" in asked.text  # asked, never guessed
        assert ballots(s) == {(topic, me.id): (1, False, me.id)}


def test_a_bare_number_after_the_window_answers_no_vote_question(demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title="是否收缴垃圾清运费")
        open_topic(s, clock, title="修机耕路")
        me = person(s, ME)
        vote(s, clock, "我反对", "反对")
        clock.advance(minutes=31)
        assert pending(s, clock, me, timedelta(minutes=30)) is None
        assert turn(s, clock, "2") is None
        assert ballots(s) == {}


def test_a_number_or_an_options_name_right_after_a_ballot_changes_it_and_thanks_do_not(
        demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title="是否收缴垃圾清运费")
        second = open_topic(s, clock, title="修机耕路")
        me = person(s, ME)
        assert vote(s, clock, "修机耕路我赞成", "赞成").kind == "cast"
        assert "改投反对" in turn(s, clock, "算了我改成反对")
        assert "改投弃权" in turn(s, clock, "3")
        assert ballots(s) == {(second, me.id): (3, False, me.id)}
        assert turn(s, clock, "好的 谢谢") is None  # thanks, not 赞成
        assert ballots(s) == {(second, me.id): (3, False, me.id)}


def test_a_notice_after_the_vote_question_is_the_latest_numbered_question(demo_db: Database,
                                                                         clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic = open_topic(s, clock, title="是否收缴垃圾清运费")
        me = person(s, ME)
        assert "您投赞成" in turn(s, clock, "1")
        notify(s, me, "工单T1001已办结。请评价：1 满意 2 基本满意 3 不满意")
        assert turn(s, clock, "3") is None  # the rating's, not 弃权
        assert ballots(s) == {(topic, me.id): (1, False, me.id)}


def test_taking_a_ballot_back_withdraws_it_and_says_which(demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic = open_topic(s, clock, title="是否安装村组路灯", allow_proxy=True)
        me, mother = person(s, ME), household_members(s, person(s, ME))[0]
        cast(s, clock, topic, me, 1)
        cast(s, clock, topic, me, 2, on_behalf_of=mother)
        assert turn(s, clock, "我那票不算了") == "已撤回您对“是否安装村组路灯”的投票。截止前还可以再投。"
        assert ballots(s) == {(topic, mother.id): (2, True, me.id)}
        assert turn(s, clock, "帮我妈把票撤了").startswith(f"已撤回您替{mother.name}对")
        assert ballots(s) == {}
        assert turn(s, clock, "撤回投票") is None  # nothing left to take back: the engine reads it
        assert withdraw_latest(s, clock, me, "撤回投票") == "您现在没有可以撤回的投票。"


def test_cancel_alone_withdraws_a_ballot_only_when_that_was_the_latest_thing(demo_db: Database,
                                                                           clock: FakeClock) -> None:
    with demo_db.session() as s:
        assert turn(s, clock, "取消") is None  # nothing voted: the engine reads it (a report, perhaps)
        topic = open_topic(s, clock, title="是否收缴垃圾清运费")
        cast(s, clock, topic, person(s, ME), 3)
        assert turn(s, clock, "取消").startswith("已撤回您对“是否收缴垃圾清运费”的投票")
        assert s.scalar(select(func.count()).select_from(Ballot)) == 0


def test_a_ballot_cannot_be_taken_back_once_the_topic_closed(demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        topic = open_topic(s, clock, title="是否收缴垃圾清运费", hours=1)
        cast(s, clock, topic, person(s, ME), 1)
        clock.advance(hours=2)
        assert "已截止，票不能撤回了" in turn(s, clock, "撤回投票")
        assert s.scalar(select(func.count()).select_from(Ballot)) == 1


def test_how_a_vote_stands_after_it_closed_is_its_result(demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        done = open_topic(s, clock, title="修机耕路")
        cast(s, clock, done, person(s, GROUP1[0]), 1)
        council.close_topic(s, clock, done)
        decision = vote(s, clock, "投票结果咋样", None)
        assert decision.kind == "progress" and decision.text.startswith("修机耕路已截止：赞成1 反对0 弃权0，")


def test_how_many_have_voted_shows_turnout_for_a_secret_topic_counts_for_an_open_one_and_closed_results(
        demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        secret = open_topic(s, clock, title="是否收缴垃圾清运费")
        public = open_topic(s, clock, title="村口路灯装在哪边", options=["东头", "西头"], secret=False)
        done = open_topic(s, clock, title="修机耕路")
        for sender, option in [(GROUP1[0], 1), (GROUP1[1], 2)]:
            cast(s, clock, secret, person(s, sender), option)
            cast(s, clock, public, person(s, sender), 1)
            cast(s, clock, done, person(s, sender), 1)
        council.close_topic(s, clock, done)
        for text in ("现在好多人投了", "投票结果咋样", "现在投票的人多不多嘛"):
            decision = vote(s, clock, text, None)
            assert decision.kind == "progress", text
            lines = decision.text.split("\n")
            assert lines[0] == "是否收缴垃圾清运费：已投2/4人"  # secret ballots: the turnout only
            assert lines[1] == "村口路灯装在哪边：东头2 西头0，已投2/4人"
            assert len(decision.text) <= 70
        assert ballots(s)[(secret, person(s, ME).id)][0] == 2  # nothing cast by asking

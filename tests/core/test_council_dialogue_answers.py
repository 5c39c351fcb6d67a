"""What a villager says right after the bot spoke about a vote is read against that (blind test 5): a digit
after a refused or a cast proxy ballot is the sender's own, the options question is answered by its digit,
an option only one open topic has is that topic's ballot, and the member voted for is told."""

from __future__ import annotations

from sqlalchemy import select

from bot.channels.sms_template import templates
from bot.core.council_ballots import cast
from bot.core.council_dialogue import handle_vote, household_members
from bot.store.message_models import OutboxMessage
from tests.core.council_factories import GROUP1, open_topic, person
from tests.core.test_council_dialogue import ballots, turn, vote

ME = GROUP1[3]  # his household: GROUP1[2] and GROUP1[3]


def test_a_digit_after_a_refused_proxy_ballot_is_the_senders_own(demo_db, clock) -> None:
    with demo_db.session() as s:
        topic = open_topic(s, clock, allow_proxy=True)
        me, member = person(s, ME), household_members(s, person(s, ME))[0]
        cast(s, clock, topic, member, 1)
        assert "以本人的票为准" in turn(s, clock, "我妈也投反对", ME)
        assert "您投反对" in turn(s, clock, "2", ME)
        assert ballots(s) == {(topic, member.id): (1, False, member.id), (topic, me.id): (2, False, me.id)}


def test_a_digit_answering_the_engines_options_question_is_cast(demo_db, clock) -> None:
    with demo_db.session() as s:
        topic = open_topic(s, clock)
        me = person(s, ME)
        decision = handle_vote(s, clock, me, "2", "2", answering="option_choice")
        assert decision.kind == "cast" and "您投反对" in decision.text
        assert ballots(s) == {(topic, me.id): (2, False, me.id)}


def test_after_a_proxy_ballot_a_digit_is_the_senders_own_and_the_member_is_told(demo_db, clock) -> None:
    with demo_db.session() as s:
        topic = open_topic(s, clock, title="垃圾车几点来收", options=["早上", "晚上"], allow_proxy=True)
        me, member = person(s, ME), household_members(s, person(s, ME))[0]
        assert f"已替{member.name}投" in turn(s, clock, "帮我屋头那个也投一票 投早上", ME)
        [notice] = s.scalars(select(OutboxMessage).where(OutboxMessage.recipient == member.phone,
                                                         OutboxMessage.text.contains(me.name))).all()
        assert f"家人{me.name}替您投了" in notice.text and "早上" in notice.text and "1 早上 2 晚上" in notice.text
        assert len(notice.text) <= 70 and notice.payload["topic_id"] == topic
        assert templates.match(notice.text)[0] == "vote_open"  # template SMS (mainland China) carries it
        assert "您投早上" in turn(s, clock, "1", ME)
        assert ballots(s) == {(topic, member.id): (1, True, me.id), (topic, me.id): (1, False, me.id)}
        # The member's own digit, right after the notice, is their own ballot and replaces the proxy one.
        assert "改投晚上" in turn(s, clock, "2", member.phone)
        assert ballots(s)[(topic, member.id)] == (2, False, member.id)


def test_an_option_of_one_of_two_open_topics_is_cast_on_that_topic(demo_db, clock) -> None:
    with demo_db.session() as s:
        truck = open_topic(s, clock, title="垃圾车几点来收", options=["早上", "晚上"], allow_proxy=True)
        term = open_topic(s, clock, title="换届选举时间", options=["元旦前", "春节后"])
        me = person(s, ME)
        assert "您投早上" in turn(s, clock, "我投早上", ME)
        assert "您投春节后" in turn(s, clock, "春节后", ME)
        assert ballots(s) == {(truck, me.id): (1, False, me.id), (term, me.id): (2, False, me.id)}
        decision = vote(s, clock, "换届我投元旦前噻 就这样", None, ME)  # the engine's turn, named or not
        assert decision.kind == "cast" and decision.topics[0].id == term


def test_which_topic_answered_by_a_digit_still_asks_which_option(demo_db, clock) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title="垃圾车几点来收", options=["早上", "晚上"])
        term = open_topic(s, clock, title="换届选举时间", options=["元旦前", "春节后"])
        me = person(s, ME)
        assert vote(s, clock, "投第二个", "2", ME).text.startswith("请回复序号选议题")
        asked = turn(s, clock, "2", ME)
        assert "1 元旦前 2 春节后" in asked and ballots(s) == {}  # never the option nobody chose
        assert "您投元旦前" in turn(s, clock, "1", ME)
        assert ballots(s) == {(term, me.id): (1, False, me.id)}


def test_a_proxy_naming_an_option_of_a_topic_without_proxies_is_refused_for_that_topic(demo_db, clock) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title="垃圾车几点来收", options=["早上", "晚上"], allow_proxy=True)
        open_topic(s, clock, title="换届选举时间", options=["元旦前", "春节后"])
        said = turn(s, clock, "帮我屋头那个投元旦前", ME)
        assert "换届选举时间" in said and "不能代投" in said
        assert ballots(s) == {}

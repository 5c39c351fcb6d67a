"""Vote messages that carry more than one act, or take back only a question (blind test 8, #26, #28, #33, #71,
#72, #84, #107, #112, #147), read by `council_turn.read_turn` before the dialogue's own reading."""

from __future__ import annotations

from bot.core import council
from bot.core.council_ballots import cast
from bot.core.council_dialogue import vote_progress
from bot.core.council_questions import ask
from bot.core.council_turn import NOT_WITHDRAWN, keeps, read_turn
from bot.store.council_models import Topic
from bot.store.models import Ticket
from tests.core.council_factories import GROUP1, SECRETARY, group_id, open_topic, person
from tests.core.test_council_dialogue import ballots, replied

LIMING, ME = GROUP1[0], GROUP1[1]  # one household: 李明 and 张建国
FEAST = "年终坝坝宴时间"
ROAD = "机耕道硬化集资"


def turn(s, clock, text: str, sender: str = ME) -> str | None:
    reply = read_turn(s, clock, person(s, sender), sender, text)
    assert reply is None or len(reply) <= 70, reply
    if reply is not None:
        replied(s, sender, reply)
    return reply


def test_keeping_things_as_they_are_closes_only_the_question() -> None:
    assert keeps("算了 不改了", "again") and keeps("不改了", "topic") and keeps("算了", "topic")
    assert not keeps("算了", "again") and not keeps("路灯坏了 不改了也不行", "topic")


def test_sending_nothing_to_change_while_asked_which_topic_answers_that_question_only(demo_db, clock) -> None:
    with demo_db.session() as s:
        feast = open_topic(s, clock, title=FEAST, options=["元旦前", "春节后"])
        road = open_topic(s, clock, title=ROAD)
        me = person(s, ME)
        cast(s, clock, feast, me, 2)
        ask(s, clock, me, "topic", [s.get(Topic, feast), s.get(Topic, road)])
        assert turn(s, clock, "算了 不改了") == "好的，不改。"
        assert ballots(s) == {(feast, me.id): (2, False, me.id)}
        assert turn(s, clock, "1") is None  # the question is gone: nothing answers it


def test_a_pronoun_for_a_named_relation_is_a_proxy_ballot_never_the_senders_own(demo_db, clock) -> None:
    with demo_db.session() as s:
        park = open_topic(s, clock, title="停车场收费", allow_proxy=True)
        liming, me = person(s, LIMING), person(s, ME)
        said = turn(s, clock, "我妈眼睛不好 帮她投一票 停车场那个赞成")
        assert said is not None and said.startswith("已替李明投"), said
        assert ballots(s) == {(park, liming.id): (1, True, me.id)}


def test_a_proxy_part_and_an_own_part_record_both(demo_db, clock) -> None:
    with demo_db.session() as s:
        pump = open_topic(s, clock, title="抽水机换新", allow_proxy=True)
        liming, me = person(s, LIMING), person(s, ME)
        said = turn(s, clock, "抽水机那个 帮李明投反对 我自己投赞成")
        assert said is not None and "已替李明投" in said and "反对" in said and "您自己投赞成" in said, said
        assert ballots(s) == {(pump, liming.id): (2, True, me.id), (pump, me.id): (1, False, me.id)}


def test_a_ballot_just_recorded_as_own_is_corrected_into_a_proxy_one(demo_db, clock) -> None:
    with demo_db.session() as s:
        park = open_topic(s, clock, title="停车场收费", allow_proxy=True)
        liming, me = person(s, LIMING), person(s, ME)
        cast(s, clock, park, me, 1)
        said = turn(s, clock, "不对 那是帮我妈投的 我自己还没想好")
        assert said is not None and said.startswith("您自己那票已撤回。已替李明投"), said
        assert ballots(s) == {(park, liming.id): (1, True, me.id)}
        # The only member voted himself: the sender's own ballot still goes, and the reply says both.
        pump = open_topic(s, clock, title="抽水机换新", allow_proxy=True)
        cast(s, clock, pump, liming, 2)
        clock.advance(minutes=1)
        cast(s, clock, pump, me, 1)
        said = turn(s, clock, "不对 那是帮我老汉投的")
        assert said is not None and said.startswith("您自己那票已撤回。") and "以本人的票为准" in said, said
        assert ballots(s)[(pump, liming.id)] == (2, False, liming.id) and (pump, me.id) not in ballots(s)


def test_ballots_on_two_topics_in_one_message_are_both_recorded_and_chatter_is_no_proposal(demo_db, clock) -> None:
    with demo_db.session() as s:
        feast = open_topic(s, clock, title=FEAST, options=["元旦前", "春节后"])
        road = open_topic(s, clock, title=ROAD)
        me = person(s, ME)
        said = turn(s, clock, "坝坝宴我要元旦前 机耕道集资赞成")
        assert said is not None and "元旦前" in said and "赞成" in said, said
        assert ballots(s) == {(feast, me.id): (1, False, me.id), (road, me.id): (1, False, me.id)}
        said = turn(s, clock, "坝坝宴我投春节后 大家都忙")
        assert said is not None and "改投春节后" in said, said
        assert ballots(s)[(feast, me.id)] == (2, False, me.id)
        assert turn(s, clock, "机耕道集资赞成 但是路太烂了") is None  # no 投: the dialogue and engine read it


def test_withdrawing_names_a_topic_or_asks_which(demo_db, clock) -> None:
    with demo_db.session() as s:
        feast = open_topic(s, clock, title=FEAST, options=["元旦前", "春节后"])
        road = open_topic(s, clock, title=ROAD)
        me = person(s, ME)
        cast(s, clock, road, me, 1)
        cast(s, clock, feast, me, 2)
        said = turn(s, clock, "撤回投票")
        assert said is not None and said.startswith("撤回哪个议题的票？") and "1 " in said, said
        assert ballots(s) == {(feast, me.id): (2, False, me.id), (road, me.id): (1, False, me.id)}
        assert turn(s, clock, "2").startswith("已撤回您对“机耕道硬化集资”")
        assert ballots(s) == {(feast, me.id): (2, False, me.id)}
        cast(s, clock, road, me, 1)
        assert turn(s, clock, "机耕道那票我不算了").startswith("已撤回您对“机耕道硬化集资”")
        cast(s, clock, road, me, 1)
        assert turn(s, clock, "撤回机耕道硬化集资的投票").startswith("已撤回您对“机耕道硬化集资”")
        assert ballots(s) == {(feast, me.id): (2, False, me.id)}


def test_a_members_own_ballot_is_theirs_to_take_back(demo_db, clock) -> None:
    with demo_db.session() as s:
        toilet = open_topic(s, clock, title="村口公厕翻修", allow_proxy=True)
        liming = person(s, LIMING)
        cast(s, clock, toilet, liming, 3)
        said = turn(s, clock, "把李明那票撤了")
        assert said is not None and "李明自己投了" in said and "只有李明本人" in said, said
        assert ballots(s) == {(toilet, liming.id): (3, False, liming.id)}


def test_whether_one_voted_and_who_leads_are_answered(demo_db, clock) -> None:
    with demo_db.session() as s:
        feast = open_topic(s, clock, title=FEAST, options=["元旦前", "春节后"])
        open_topic(s, clock, title=ROAD)
        me = person(s, ME)
        said = turn(s, clock, "坝坝宴投了没得")
        assert said is not None and "您还没投" in said, said
        cast(s, clock, feast, me, 2)
        said = turn(s, clock, "坝坝宴投了没得")
        assert said is not None and "您投了春节后" in said, said
        said = turn(s, clock, "坝坝宴现在是元旦前多还是春节后多")
        assert said is not None and "截止后公布结果" in said and "已投1/4人" in said, said


def test_the_board_fits_one_sms_part_a_page_and_shows_every_open_topic(demo_db, clock) -> None:
    with demo_db.session() as s:
        council.post_notice(s, clock, "本月美丽庭院户：张家、李家、王家。下周三上午九点村委会开会，议一议机耕道硬化"
                            "集资的事，请各家派一个人来。", council.electorate_of(groups=[group_id(s, 1)]))
        ids = [open_topic(s, clock, title=f"村道第{n}段硬化时间") for n in range(1, 6)]
        pages = [council.board_text(s, person(s, ME), clock.now())]
        while pages[-1].endswith(f"回复“公告{len(pages) + 1}”看下一条"):
            pages.append(turn(s, clock, f"公告{len(pages) + 1}"))
        assert len(pages) >= 3 and all(len(p) <= 70 for p in pages), pages
        board = "".join(pages)
        assert all(f"{i}号 村道第{n}段硬化时间" in board for n, i in enumerate(ids, 1)), board
        assert "机耕道硬化" in board and "请各家派一个人来" in board, board


def test_staff_overseeing_a_village_get_its_open_topics_with_turnout(demo_db, clock) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title=FEAST, options=["元旦前", "春节后"])
        cast(s, clock, open_topic(s, clock, title=ROAD), person(s, ME), 1)
        said = vote_progress(s, clock, person(s, SECRETARY))
        assert "年终坝坝宴时间" in said and "机耕道硬化集资" in said and "已投1/4人" in said, said
        assert len(said) <= 70, said


def test_a_ballot_and_a_withdrawal_on_another_topic_in_one_message(demo_db, clock) -> None:
    with demo_db.session() as s:
        feast = open_topic(s, clock, title=FEAST, options=["元旦前", "春节后"])
        road = open_topic(s, clock, title=ROAD)
        me = person(s, ME)
        cast(s, clock, road, me, 1)
        cast(s, clock, feast, me, 1)
        said = turn(s, clock, "搞错了 坝坝宴我还是投春节后 是机耕道那个撤回")
        assert said is not None and "已撤回“机耕道硬化集资”的票" in said and "改投春节后" in said, said
        assert ballots(s) == {(feast, me.id): (2, False, me.id)}
        cast(s, clock, road, me, 1)
        said = turn(s, clock, "坝坝宴投元旦前 机耕道那票撤了")
        assert said is not None and "已撤回“机耕道硬化集资”的票" in said and "改投元旦前" in said, said
        assert ballots(s) == {(feast, me.id): (1, False, me.id)}


def test_nothing_to_change_after_a_ballot_keeps_it_and_after_a_report_is_left_to_the_engine(demo_db, clock) -> None:
    with demo_db.session() as s:
        feast = open_topic(s, clock, title=FEAST, options=["元旦前", "春节后"])
        me = person(s, ME)
        cast(s, clock, feast, me, 2)
        assert turn(s, clock, "算了 不改了") == "好的，不改。"
        assert ballots(s) == {(feast, me.id): (2, False, me.id)}
        clock.advance(minutes=1)
        s.add(Ticket(number="T9901", reporter_id=me.id, reporter_address=ME, reporter_channel="sms", text="路垮了",
                     category="道路设施", status="assigned", created_at=clock.now()))
        s.flush()
        assert turn(s, clock, "算了 不改了") is None


def test_taking_back_a_ballot_in_dialect_asks_which_and_dialect_never_drops_the_question(demo_db, clock) -> None:
    # Blind test 23, R25v: 我想把投的票收回来, then 哎呀 算了 莫撤了 got "您现在没有可以撤销的工单".
    with demo_db.session() as s:
        feast = open_topic(s, clock, title=FEAST, options=["元旦前", "春节后"])
        road = open_topic(s, clock, title=ROAD)
        me = person(s, ME)
        cast(s, clock, road, me, 1)
        cast(s, clock, feast, me, 2)
        before = ballots(s)
        for words in ("哎呀 算了 莫撤了", "莫收了", "不收回了"):
            said = turn(s, clock, "我想把投的票收回来")
            assert said is not None and said.startswith("撤回哪个议题的票？"), said
            assert turn(s, clock, words) == NOT_WITHDRAWN
            assert ballots(s) == before


def test_not_taking_back_right_after_a_ballot_keeps_it(demo_db, clock) -> None:
    with demo_db.session() as s:
        road = open_topic(s, clock, title=ROAD)
        me = person(s, ME)
        cast(s, clock, road, me, 1)
        replied(s, ME, "已记下：“机耕道硬化集资”您投赞成。")
        before = ballots(s)
        assert turn(s, clock, "算咯 不撤了") == NOT_WITHDRAWN
        assert ballots(s) == before

"""What a vote message says, from its words alone: bare numbers, proxies, withdrawals, named topics."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from bot.core import council_words
from bot.core.council_words import (
    bare_number,
    choice_words,
    is_bare_cancel,
    is_proxy,
    is_question,
    is_withdrawal,
    named_topic,
    relation_of,
)


@dataclass
class T:
    id: int
    title: str
    options: list[str] = field(default_factory=lambda: ["赞成", "反对", "弃权"])


@pytest.mark.parametrize(("text", "number"), [
    ("1", 1), ("１", 1), ("二", 2), ("②", 2), ("第二个", 2), ("3。", 3), (" 4 ", 4), ("选2", 2), ("三嘛", 3),
])
def test_a_bare_number_is_read_in_digits_chinese_numerals_and_circled(text: str, number: int) -> None:
    assert bare_number(text) == number


@pytest.mark.parametrize("text", ["12", "十", "我1", "2号", "3号议题投3", "1栋", ""])
def test_a_number_inside_words_or_a_topic_number_is_no_bare_number(text: str) -> None:
    assert bare_number(text) is None


@pytest.mark.parametrize("text", [
    "帮我妈投一票", "我妈也投反对", "替我老汉投", "帮屋头老汉代投 赞成", "我帮我老汉也投一票 他也赞成 他不会用手机",
    "代投",
    "我要替家里人投票", "路灯那个赞成 我帮我老汉也投个赞成 他叫王大福", "给我老娘投个赞成",
])
def test_a_ballot_for_a_family_member_is_recognised_in_dialect(text: str) -> None:
    assert is_proxy(text)


@pytest.mark.parametrize("text", ["我赞成", "投第二个", "算了我改成反对", "帮我投赞成", "机耕道那个赞成", "1",
                                  "我妈投诉楼上噪音", "我爸同意把房子租出去 合同咋个签"])
def test_the_senders_own_ballot_is_not_read_as_a_proxy(text: str) -> None:
    assert not is_proxy(text)


@pytest.mark.parametrize("text", ["撤回投票", "我那票不算了", "把票撤了", "取消我的投票", "刚才那票作废", "投票撤回"])
def test_taking_a_ballot_back_is_recognised(text: str) -> None:
    assert is_withdrawal(text)


@pytest.mark.parametrize("text", ["不报了", "取消", "我反对", "投票结果咋样了", "撤回T1021"])
def test_other_cancellations_are_not_a_ballot_withdrawal(text: str) -> None:
    assert not is_withdrawal(text)


def test_cancel_alone_names_nothing_to_cancel() -> None:
    assert is_bare_cancel("取消") and is_bare_cancel("算了吧。") and is_bare_cancel("不算了")
    assert not is_bare_cancel("取消工单T1001") and not is_bare_cancel("算了我改成反对")


def test_a_question_about_a_vote_is_not_a_ballot() -> None:
    assert is_question("机耕道那个现在好多人赞成了") and is_question("投票结果咋样了")
    assert not is_question("机耕道那个赞成")


def test_the_words_for_a_ballot_or_a_family_member_choose_no_option() -> None:
    assert choice_words("帮我妈投一票").strip() == "帮"
    assert "3" not in choice_words("3号议题")


TOPICS = [T(1, "是否收缴垃圾清运费"), T(2, "村头那条机耕道烂了 想大家凑点钱修一哈"),
          T(3, "垃圾车几点来收", ["早上7点", "中午12点", "晚上6点"])]


@pytest.mark.parametrize(("text", "topic_id"), [
    ("机耕道那个赞成", 2), ("清运费的我弃权", 1), ("垃圾车那个我投晚上6点", 3), ("3号议题投3", 3), ("2号", 2),
])
def test_a_topic_is_named_by_the_longest_part_of_its_title_or_its_number(text: str, topic_id: int) -> None:
    topic = named_topic(TOPICS, text)
    assert topic is not None and topic.id == topic_id


@pytest.mark.parametrize("text", ["我赞成", "垃圾", "是否投票", "1"])
def test_no_topic_is_named_by_common_words_or_a_tie(text: str) -> None:
    assert named_topic(TOPICS, text) is None


@pytest.mark.parametrize(("text", "relation"), [
    ("帮我妈投一票 她也赞成", "mother"), ("我老汉也投反对", "father"), ("替我奶奶投", "grandmother"),
    ("帮我老婆投赞成", "spouse"), ("帮家里人投一票", None), ("我妈和我爸都赞成", "mother"),
])
def test_the_relation_a_proxy_message_names_is_read(text: str, relation: str | None) -> None:
    assert relation_of(text) == relation


@pytest.mark.parametrize(("text", "subject"), [
    ("我想提个议题 村头那个垃圾池要挪个地方", "村头那个垃圾池要挪个地方"),  # blind test 6, #45: asked again
    ("我想提个议题：把村头垃圾池挪到公路边", "把村头垃圾池挪到公路边"),
    ("建议小区装充电桩 让大家投票", "小区装充电桩"),
    ("我也想提个意见让大家投票", ""),  # only the proposal: the title is asked for
    ("想提个议题", ""),
    ("我有个提议 想大家表决", ""),
])
def test_a_proposals_first_message_gives_its_subject_when_it_names_one(text: str, subject: str) -> None:
    assert council_words.proposal_subject(text) == subject


def test_never_mind_drops_a_draft_but_a_subject_with_a_cancel_like_word_does_not() -> None:
    assert council_words.drops_proposal("算了 不提了 下回再说") and council_words.drops_proposal("取消")
    assert not council_words.drops_proposal("把村头垃圾池撤了 搬到公路边")
    assert not council_words.drops_proposal("村里出钱 大概两千块 请挖机来挪")


def test_a_title_sharing_more_of_the_messages_characters_wins_a_tie_and_function_words_name_nothing() -> None:
    """Blind test 6, #97, #38: 垃圾费 is the 清运费 topic, not the 垃圾池 one; 还是 names no topic."""
    fee = T(1, "是否收缴垃圾清运费每户每月5元")
    lamps = T(2, "村口路灯装在东头还是西头", ["东头", "西头"])
    pit = T(3, "把村头垃圾池挪到公路边去 现在臭得很")
    assert named_topic([pit, fee], "垃圾费我改投赞成") is fee
    assert named_topic([fee, pit], "垃圾池那个我投反对") is pit
    assert named_topic([fee, lamps], "算了还是投反对 垃圾费那个") is fee


@pytest.mark.parametrize("text", ["撤回陈杰的票", "取消我妈的投票", "撤回投票", "我那票不算了"])
def test_taking_back_a_members_ballot_by_name_is_a_withdrawal(text: str) -> None:
    assert is_withdrawal(text)


@pytest.mark.parametrize("text", ["修路那个 帮李明投春节前", "替李明投反对", "垃圾费那个 帮玉珍投反对",
                                  "李明也投春节前", "给李明也投一票 赞成"])
def test_a_ballot_for_a_member_by_name_is_a_proxy_ballot(text: str) -> None:
    """Blind test 7, #26: no relation word and no 代投, the member's name (or a given name) says it."""
    assert council_words.is_proxy_for(text, ["李明", "李玉珍", "玉珍"])


@pytest.mark.parametrize("text", ["帮李明投诉一下他家漏水", "李明投的啥子", "修路那个我投春节前", "帮我投春节前"])
def test_a_name_without_a_ballot_for_them_is_no_proxy_ballot(text: str) -> None:
    assert not council_words.is_proxy_for(text, ["李明"])

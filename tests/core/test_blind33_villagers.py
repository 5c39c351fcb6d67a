"""Blind test 33's villagers coming back and thanks as ratings (docs/usertests/2026-12-07-blind21.md: S3, B27, S2,
A59, L11, B127, L21): the words read, with several wordings each."""

from __future__ import annotations

import pytest

from bot.core import council_ballot_asked, rating_remarks, ticket_questions, unreachable_worker
from bot.core.council_words import normal


@pytest.mark.parametrize("text", ["谢谢周网格员帮忙调解", "多谢小张帮我们处理", "感谢王网格员上门调解 辛苦了",
                                  "谢谢李师傅帮忙", "谢谢杨网格员跑一趟", "谢谢周网格员", "多谢杨网格员哈"])
def test_thanks_naming_the_worker_for_what_they_did_approve_the_job(text: str) -> None:
    assert rating_remarks.approves_in_words(text), text


@pytest.mark.parametrize("text", ["谢谢李师傅 啥时候来收尾哦", "谢谢周网格员帮忙 但是还没修好",
                                  "谢谢周网格员帮忙调解 他们又在吵了", "谢谢李师傅帮忙 修好了吗"])
def test_thanks_asking_or_saying_it_undone_or_bare_give_no_rating(text: str) -> None:
    assert not rating_remarks.approves_in_words(text), text


@pytest.mark.parametrize("text", ["要得 谢谢李网格员", "可以 辛苦了", "好的 谢谢张师傅", "要得 李网格员动作快"])
def test_an_approval_thanking_the_worker_keeps_the_thanks_to_pass_on(text: str) -> None:
    assert rating_remarks.approves(text) and rating_remarks.approval_reason(text) == text, text


@pytest.mark.parametrize("text", ["要得 谢谢你们哈", "好的", "要得嘛", "可以"])
def test_a_plain_approval_has_no_reason(text: str) -> None:
    assert rating_remarks.approval_reason(text) == "", text


@pytest.mark.parametrize(("text", "score", "reason"), [
    ("建渣是拉走了 但是地上还有一层灰 2", 2, "建渣是拉走了 但是地上还有一层灰"),
    ("灯是亮了 1", 1, "灯是亮了"), ("还可以 就是慢了点 二", 2, "还可以 就是慢了点"),
    ("根本没弄好，3", 3, "根本没弄好")])
def test_a_score_after_its_reason_is_the_rating(text: str, score: int, reason: str) -> None:
    assert rating_remarks.trailing_score(text) == (score, reason)


@pytest.mark.parametrize("text", ["安居苑3栋 2", "修好了", "2", "河畔花园12栋 1"])
def test_a_place_number_or_no_reason_is_no_trailing_score(text: str) -> None:
    assert rating_remarks.trailing_score(text) is None, text


@pytest.mark.parametrize("text", ["地上还有一层灰", "还剩一堆砖头", "门口还有一滩水", "地上还剩些泥巴"])
def test_something_left_behind_is_the_job_unfinished(text: str) -> None:
    assert rating_remarks.says_unfinished(text), text


@pytest.mark.parametrize("text", ["杨网格员回我电话了 谢谢", "网格员打过来了 没事了", "联系上网格员了 谢谢",
                                  "社区回我电话了", "她给我打电话了 谢谢哈"])
def test_the_worker_getting_through_is_said(text: str) -> None:
    assert unreachable_worker.says_called_back(text), text


@pytest.mark.parametrize("text", ["他回电话了 但是还没来修", "杨网格员回我电话了 说明天来修下水道", "网格员电话打不通",
                                  "楼上漏水 他回我电话了", "网格员回电话了吗"])
def test_the_worker_called_back_with_more_to_say_or_not_at_all_is_not(text: str) -> None:
    assert not unreachable_worker.says_called_back(text), text


@pytest.mark.parametrize("text", ["我妈那票算上没得", "我妈那票算进去没有", "帮我妈投的那票计上了没",
                                  "我老汉那票算上没"])
def test_whether_a_members_ballot_was_counted_is_asked(text: str) -> None:
    assert council_ballot_asked.asks_counted(text), text


@pytest.mark.parametrize(("text", "asks"), [("我女儿是不是帮我投过票", True), ("我儿子替我投了没得", True),
                                            ("屋头哪个帮我选了", True), ("我女儿帮我投了吗", True),
                                            ("帮我妈投按户", False), ("帮我投按户", False)])
def test_whether_a_member_voted_for_me_is_a_question_never_a_ballot(text: str, asks: bool) -> None:
    said = normal(text)
    got = council_ballot_asked._FOR_ME.search(said) is not None and council_ballot_asked._ASKS.search(said) is not None
    assert got is asks, text


@pytest.mark.parametrize("text", ["桥栏杆那个报上去没得", "我反映的那个报上去没得", "垃圾那个交上去没有",
                                  "桥栏杆的事报上去了没", "路灯那个反映上去没得"])
def test_whether_a_report_was_sent_on_is_a_status_question(text: str) -> None:
    assert ticket_questions.kind_of(text) == "status", text

"""Blind test 34 (docs/usertests/2026-12-07-blind22.md, failures 5 and 7): ratings and praise in words, and a
worker's finished words."""

from __future__ import annotations

import pytest

from bot.app.dialogue_ratings import rating_read
from bot.core import commands, rating_remarks


@pytest.mark.parametrize("text", ["垃圾收走了 好了", "看到了 谢谢", "灯换好了 要得", "晓得了 谢谢你们", "收到了 多谢哈",
                                  "菜是拔了 要得 谢谢杨网格员"])
def test_a_job_seen_done_approved_or_thanked_under_the_rating_request_is_satisfied(text: str) -> None:
    rating = rating_read(text, asked=True)
    assert rating is not None and rating.score == 1, (text, rating)


@pytest.mark.parametrize("text", ["修好了吗 好了", "看到了 但是还是不亮 谢谢", "看到了", "垃圾收走了 好了没得"])
def test_a_job_asked_about_undone_or_only_seen_is_no_satisfied_rating(text: str) -> None:
    rating = rating_read(text, asked=True)
    assert rating is None or rating.score != 1, (text, rating)


@pytest.mark.parametrize("text", ["马马虎虎 填得不平", "还可以 扫得不干净", "一般般 修得不好", "将就 装得歪起的"])
def test_a_so_so_rating_with_the_job_done_badly_says_it_unfinished(text: str) -> None:
    rating = rating_read(text, asked=True)
    assert rating is not None and rating.score == 2 and rating_remarks.says_unfinished(rating.reason), (text, rating)


@pytest.mark.parametrize("text", ["你们那个小周网格员人真好 河畔花园的", "杨网格员是个好人", "小李人好好哦"])
def test_a_worker_called_a_good_person_is_praise(text: str) -> None:
    assert rating_remarks.praises(text), text


@pytest.mark.parametrize("text", ["小区那个人好凶", "人好多哦 排不到", "那家人很好吵"])
def test_people_described_otherwise_are_no_praise(text: str) -> None:
    assert not rating_remarks.praises(text), text


@pytest.mark.parametrize("note", ["T1078 去看了 是楼上烧纸 没得事", "T1063 跟馆子老板说了 装了油烟净化器",
                                  "T1063 换了新灯泡", "T1078 查了 是误报", "T1078 上门看过了 莫得事"])
def test_a_device_fitted_or_nothing_wrong_found_is_a_job_done(note: str) -> None:
    assert commands.worker_command(note, "").verb == "resolve", note


@pytest.mark.parametrize("note", ["T1063 明天去装了净化器", "T1063 叫他装了净化器", "T1078 看了 没得事吗",
                                  "T1078 看了 明天再来", "T1063 准备装了油烟净化器"])
def test_a_device_to_come_or_a_check_asked_about_is_no_job_done(note: str) -> None:
    assert commands.worker_command(note, "").verb != "resolve", note


@pytest.mark.parametrize("text", ["现在好多了 谢谢", "不臭了 多谢", "油烟好些了 谢谢你们", "现在不吵了 谢谢"])
def test_thanks_saying_it_is_better_now_are_read_so(text: str) -> None:
    assert rating_remarks.thanks_it_is_better(text), text


@pytest.mark.parametrize("text", ["好多了吗 谢谢", "谢谢 但是还是臭", "谢谢你们", "好了 谢谢你们哈", "好的 谢谢",
                                  "现在好多了"])
def test_thanks_alone_a_question_or_a_complaint_are_not_better_now(text: str) -> None:
    assert not rating_remarks.thanks_it_is_better(text), text


@pytest.mark.parametrize("text", ["亮是亮了 就是有点暗", "修是修好了 就是晚上还是有点暗", "好是好了 就是地上还是湿的"])
def test_a_job_granted_with_a_but_is_a_remark_on_the_job_rated(text: str) -> None:
    assert rating_remarks.remarks_on_job(text), text


# The merged round 39: words saying only that something is undone are the reopened ticket's detail or a new report.
@pytest.mark.parametrize("text", ["水管还在滴 地上还是湿的", "楼道灯不亮了 还有垃圾桶满了好几天莫得人倒", "亮是亮了",
                                  "谢谢 灯修好了"])
def test_undone_words_alone_or_a_grant_without_a_but_are_no_remark_on_the_job_rated(text: str) -> None:
    assert not rating_remarks.remarks_on_job(text), text


@pytest.mark.parametrize("text", ["亮倒是亮了 就是暗得很", "修也是修了 就是还在滴"])
def test_a_grant_with_a_word_between_and_a_but_is_a_remark_too(text: str) -> None:
    assert rating_remarks.remarks_on_job(text), text

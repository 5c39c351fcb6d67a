"""Blind test 35 (docs/usertests/2026-12-07-blind23.md, rows E14n, W21, DO3n): a smell still there after 已办结
reopens, thanks saying the trouble is gone answer the rating request, a relieved word is small talk."""

from __future__ import annotations

import pytest

from bot.app.dialogue_ratings import rating_read
from bot.core import resolved_again, small_talk


@pytest.mark.parametrize("text", ["水还是有味道 到底能不能喝嘛", "自来水还是有股怪味 喝得不嘛", "水还有点漂白粉味",
                                  "还是有点味道 谢谢", "水还是有沉淀 烧开能喝不"])
def test_a_smell_or_taste_still_there_is_not_done(text: str) -> None:
    assert resolved_again.still_bad(text)  # E14n: 没有在办的工单, the 办结 ticket never found


@pytest.mark.parametrize("text", ["还有味道吗", "现在没得味道了", "水还是好的"])
def test_asking_whether_it_still_smells_or_saying_it_is_gone_is_not(text: str) -> None:
    assert not resolved_again.still_bad(text)


@pytest.mark.parametrize("text", ["现在好些了 谢谢", "现在没得油烟了 谢谢", "现在不滴水了 多谢",
                                  "现在莫得烟子了 谢谢哈", "现在没得声音了 谢谢你们", "现在不漏水了 多谢"])
def test_thanks_saying_the_trouble_is_gone_under_the_rating_request_is_satisfied(text: str) -> None:
    rating = rating_read(text, asked=True)
    assert rating is not None and rating.score == 1, (text, rating)  # W21


@pytest.mark.parametrize("text", ["还是有点味道 谢谢", "是不是没得水了 谢谢", "现在没得水了 谢谢", "还没得人来 谢谢",
                                  "不想等了 谢谢"])
def test_thanks_beside_a_trouble_still_there_or_a_question_is_not(text: str) -> None:
    rating = rating_read(text, asked=True)
    assert rating is None or rating.score != 1, (text, rating)


@pytest.mark.parametrize("text", ["哦 那就好", "那就放心了", "吓我一跳 没事就好", "那我就放心了 谢谢你们"])
def test_a_relieved_word_gets_a_warm_one(text: str) -> None:
    reply = small_talk.reply(text)
    assert reply is not None and "没事就好" in reply  # DO3n: 没太看懂


@pytest.mark.parametrize("text", ["哦", "虚惊一场 那就好", "人没事就好", "那就好 但是水还是不来",
                                  "那就好 那我啥时候去办"])
def test_a_false_alarm_news_of_a_person_or_more_said_is_no_relief_small_talk(text: str) -> None:
    reply = small_talk.reply(text)
    assert reply is None or "没事就好" not in reply

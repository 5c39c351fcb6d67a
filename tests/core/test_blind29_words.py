"""Blind test 29's words, in the core: water quality, a lost pet, the weekday, 找哪个 with a matter, someone frail
asking for someone to come."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.core import care_words, help_requests, small_talk, triage


def test_yellow_or_smelly_tap_water_is_a_problem_with_advice_and_other_reports_get_none() -> None:
    for words in ("河畔花园水龙头出来的水是黄的 能煮饭不", "安居苑自来水有股怪味 喝得不"):
        assert triage.has_problem(words) and care_words.water_advice(words) == care_words.WATER, words
    assert care_words.water_advice("安居苑3栋路灯坏了") == ""


def test_a_lamp_dark_for_long_is_a_problem() -> None:
    assert triage.has_problem("我们那个巷巷头的路灯 好久都没得亮了")


def test_a_lost_pet_gets_a_kind_word_and_a_bite_does_not() -> None:
    assert care_words.lost_pet("我家猫跑丢了 能帮忙找一下不") == care_words.PET
    assert care_words.lost_pet("楼下的狗咬了我") is None


def test_the_weekday_is_the_service_days_in_its_own_zone() -> None:
    late_sunday_utc = datetime(2026, 12, 6, 17, 0, tzinfo=UTC)  # Monday 01:00 in Asia/Shanghai
    assert small_talk.what_day("今天星期几", late_sunday_utc) == "今天是12月7日，星期一。"
    assert small_talk.what_day("星期几开门", late_sunday_utc) is None


def test_whom_to_see_alone_is_the_contact_and_with_a_matter_a_question() -> None:
    assert triage.information_request("有事找哪个") == "contact"
    assert triage.information_request("网格员有微信没得 加一下") == "contact"
    assert triage.information_request("开个居住证明 找哪个") == "question"
    assert triage.information_request("安居苑停车费一个月好多") == "question"


def test_someone_frail_asking_for_someone_to_come_is_a_help_request_but_a_public_thing_is_not() -> None:
    assert help_requests.asks_for_help("屋头老伴瘫在床上 想问有没有上门服务")
    assert help_requests.asks_for_help("一个人住 水龙头拧不紧 能不能找人来看下")
    assert not help_requests.asks_for_help("我一个人住 楼道路灯坏了 找人来看下")


@pytest.mark.parametrize("text", ["还有 楼顶上不晓得哪个堆了好多泡沫箱子", "楼道里不知道谁把自行车堆满了"])
def test_things_piled_by_someone_unknown_are_a_problem_never_a_question(text: str):
    # B99: a registered resident's second report got 答不上 (哪个 read as a question, 堆了好多 as no problem)
    assert triage.has_problem(text) and triage.information_request(text) is None


@pytest.mark.parametrize("text", ["不晓得哪个管", "垃圾分类不晓得哪个桶"])
def test_not_knowing_who_or_which_with_nothing_done_is_still_a_question(text: str):
    assert triage.information_request(text) == "question"


@pytest.mark.parametrize(("text", "abuse"), [("哈哈哈哈 你们好笨 安居苑的", True), ("太笨了", True),
                                              ("好笨重的柜子堆在楼道", False)])
def test_calling_the_bot_stupid_is_abuse_and_a_heavy_cupboard_is_not(text: str, abuse: bool):
    # B87: 哈哈哈哈 你们好笨 安居苑的 was held as a place
    assert triage.abuse_only(text) is abuse

"""Words right after advice that bring nothing new: a warm word or the advice standing, never "where?" (bt 33)."""

from __future__ import annotations

import pytest

from bot.core import after_advice, held_words

FEVER = "我外孙发高烧 烧了两天了"
SCRATCH = "遭猫抓了 流血了"
BULLIED = "我家娃娃在学校遭欺负了 咋个办"
GAS = "燃气打不燃火了 是不是燃气卡没钱了"


@pytest.mark.parametrize("text", ["好 我们马上去医院", "晓得了 这就送他去医院", "好嘛 我带他去诊所"])
def test_off_to_the_doctor_after_the_fever_advice_is_a_warm_word(text: str) -> None:
    assert after_advice.reply(text, FEVER) == after_advice.GOING  # A12: "请问在哪点？"


@pytest.mark.parametrize(("text", "before"), [
    ("就在屋头 手背上抓了一道", SCRATCH),  # blind test 33, A73
    ("在屋头的 就是手指头抓破了", "遭猫抓了一爪 流血了"),  # blind test 35, A73: 没太看懂
    ("就是小腿上 咬破了皮", "遭狗咬了 要打针不"),
    ("猫抓的 手背上抓了一道", "我遭猫儿抓了 在流血"),
])
def test_where_or_how_bad_a_scratch_is_after_its_advice_gets_the_wash_and_the_jab(text: str, before: str) -> None:
    said = after_advice.reply(text, before)
    assert said == after_advice.BITE_DETAIL and "15分钟" in said and "24小时内" in said, said


def test_a_hurt_after_a_falls_advice_leaves_the_advice_standing() -> None:
    assert after_advice.reply("就是手背上擦破了皮", "老人走路摔了一跤 手肿了 要紧不") == after_advice.STANDS_MEDICAL


@pytest.mark.parametrize("text", ["楼下的狗又在咬人", "水管破了", "手指头抓破了 要不要打针", "安居苑的楼道灯坏了"])
def test_a_problem_or_a_question_after_a_scratchs_advice_is_no_hurt_detail(text: str) -> None:
    assert not after_advice.hurt_detail(text)


def test_more_about_a_bullied_child_after_the_advice_leaves_it_standing() -> None:
    assert after_advice.reply("在安居苑 娃娃读三年级", BULLIED) == after_advice.STANDS  # B40


@pytest.mark.parametrize(("text", "before"), [
    ("好 我们马上去医院", "今天天气好安逸"),  # no advice before
    ("那要打几针嘛", SCRATCH),  # a question of its own
    ("安居苑5栋楼道灯坏了", FEVER),  # a problem of its own
    ("娃娃又抽筋了 叫不醒", FEVER),  # a danger
    ("好的 谢谢", FEVER),  # thanks: small talk's
])
def test_words_after_no_advice_or_bringing_something_new_go_on(text: str, before: str) -> None:
    assert after_advice.reply(text, before) is None


def test_a_place_after_the_gas_answer_is_held_and_the_answer_stands() -> None:
    said = held_words.place_reply("安居苑的", GAS)  # A94: "请再说说是什么问题"
    assert said.startswith("已记下地点：安居苑。") and "再说说" not in said and len(said) <= 70, said


def test_a_place_after_the_fall_advice_is_told_to_see_a_doctor() -> None:
    said = held_words.place_reply("在屋头 安居苑", "老人走路摔了一跤 手肿了 要紧不")  # B86: filed
    assert said.startswith("已记下地点：") and "安居苑" in said and "去医院" in said and len(said) <= 70, said


def test_every_reply_fits_one_sms() -> None:
    for reply in (after_advice.GOING, after_advice.STANDS, after_advice.STANDS_MEDICAL, after_advice.BITE_DETAIL):
        assert len(reply) <= 70, reply

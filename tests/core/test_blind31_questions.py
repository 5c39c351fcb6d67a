"""Blind test 31 (docs/usertests/2026-12-07-blind19.md), questions and worries lost after "请问在哪点？", in the
core: a rule asked about (种葱子犯法不) and a family's worry (孙子不想上学, 早恋) go to the knowledge base; a bite of
any animal, a stove that will not light and a fever of any relative get what to do at once; a place said alone after
that advice is no new problem asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import advice_asked, care_words, danger_signs, held_words, sick_child, triage
from bot.core.knowledge import load_knowledge

SMS = 70
KNOWLEDGE = load_knowledge(Path(__file__).resolve().parents[2] / "config" / "knowledge")


@pytest.mark.parametrize(("words", "entry"), [
    ("小区空地上种葱子犯法不", "green_belt"),  # AB73b2: asked where
    ("楼下空地种点蒜苗违法不", "green_belt"),
    ("孙子不想上学 整天耍手机 咋办", "child_gaming"),  # B67: asked where
    ("娃娃逃学 天天去网吧 咋办", "child_gaming"),
    ("外孙女早恋了 成绩下降 咋个办", "child_worry"),  # B67c: 答不上
    ("儿子青春期叛逆 天天顶嘴 咋整", "child_worry"),
])
def test_a_rule_or_a_familys_worry_asked_is_a_question_the_knowledge_base_answers(words: str, entry: str) -> None:
    assert triage.information_request(words) == "question"
    found = KNOWLEDGE.find(words)
    assert found is not None and found.entry.id == entry, found


def test_a_familys_worry_names_the_teacher_and_the_youth_line() -> None:
    answer = KNOWLEDGE.find("外孙女早恋了 成绩下降 咋个办").entry.answer  # type: ignore[union-attr]
    assert "班主任" in answer and "12355" in answer


def test_a_child_starting_school_is_still_the_enrolment_entry() -> None:
    found = KNOWLEDGE.find("娃娃上小学好久报名")
    assert found is not None and found.entry.id == "school_enrolment"


@pytest.mark.parametrize(("words", "advice"), [
    ("娃娃遭老鼠咬了一口 要紧不", advice_asked.RAT_ADVICE),  # A12-3c: asked where
    ("遭耗子咬了手指拇 要打疫苗不", advice_asked.RAT_ADVICE),
    ("遭猫抓了一爪", danger_signs.BITE_ADVICE),
    ("被狗咬了一下 严重不", danger_signs.BITE_ADVICE),
])
def test_a_bite_or_scratch_of_any_animal_asked_about_or_told_alone_gets_what_to_do(words: str, advice: str) -> None:
    assert advice_asked.advice(words) == advice


@pytest.mark.parametrize("words", ["遭狗咬了一口 出血了", "遭老鼠咬了 手在流血", "被猫抓伤了 腿上有血"])
def test_a_bite_that_bled_told_as_a_report_gets_its_advice_before_where(words: str) -> None:
    said = care_words.with_report(words)
    assert said and ("狂犬疫苗" in said[0] or "医院" in said[0]) and all(len(s) <= SMS for s in said), said


@pytest.mark.parametrize("words", ["小孩被狗咬了脸", "楼道灯坏了", "电瓶车打不着火了"])
def test_a_mauling_or_anything_else_gets_no_such_words_beside_it(words: str) -> None:
    assert care_words.with_report(words) == []


@pytest.mark.parametrize("words", ["天然气打不燃火 是不是欠费了", "燃气灶点不着火 是不是没气了", "灶打不燃 咋回事"])
def test_a_stove_that_will_not_light_gets_what_to_check_and_119_for_a_smell(words: str) -> None:
    assert care_words.with_report(words) == [advice_asked.STOVE]
    assert "燃气表" in advice_asked.STOVE and "119" in advice_asked.STOVE and len(advice_asked.STOVE) <= SMS


def test_someone_afraid_in_the_dark_is_comforted_though_the_place_came_along() -> None:
    said = care_words.with_report("停电了 我一个人在屋头 黑黢黢的 有点怕 河畔花园5栋")  # A42c2: no comfort
    assert said == [care_words.COMFORT_DARK]


@pytest.mark.parametrize(("words", "advice"), [
    ("我外孙发烧39度多", sick_child.HIGH_FEVER),  # A10-2b: 没太看懂
    ("娃娃烧得脸通红 喂了药也不退", sick_child.STILL_HIGH),  # A10-2b3: asked where
    ("我外孙女烧了两天了 咋个办", sick_child.HIGH_FEVER),
    ("我妈发烧39度5 咋个办", sick_child.GROWN_FEVER),
    ("老人家高烧不退 咋整", sick_child.GROWN_FEVER),
])
def test_a_fever_of_any_relative_gets_the_doctor_or_120(words: str, advice: str) -> None:
    assert sick_child.advice(words) == advice
    assert "医院" in advice and "120" in advice and len(advice) <= SMS


@pytest.mark.parametrize("words", ["娃娃有点发烧 37度5", "这个灯泡烧了", "我老公在烧火做饭"])
def test_a_mild_fever_or_a_thing_burnt_gets_no_fever_advice(words: str) -> None:
    assert sick_child.advice(words) is None


def test_the_fever_still_there_after_the_medicine_is_sent_to_the_doctor() -> None:
    assert sick_child.more_of("喂了退烧药 还是38度8", "我外孙发烧39度多") == sick_child.STILL_HIGH
    assert sick_child.more_of("喂了退烧药 还是38度8", "楼道灯坏了") is None


def test_a_place_alone_after_the_fever_advice_is_held_and_asks_no_problem() -> None:
    said = held_words.place_reply("安居苑的", "屋头娃娃发烧三天了 一直不退 咋个整")  # A10-2a
    assert "安居苑" in said and "医院" in said and "请再说说是什么问题" not in said and len(said) <= SMS
    assert said.startswith("已记下地点：")  # still held for a report that may follow


def test_a_place_alone_after_anything_else_asks_what_the_problem_is() -> None:
    assert "请再说说是什么问题" in held_words.place_reply("河畔花园", "今天天气好安逸")
    assert "请再说说是什么问题" in held_words.place_reply("河畔花园", "")

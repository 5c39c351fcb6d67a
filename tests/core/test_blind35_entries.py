"""Blind test 34's simple questions left 答不上, 没太看懂 or 帮不上忙 (docs/usertests/2026-12-07-blind22.md, failure 1):
each answered in a resident's words, and the neighbouring words keep what they had."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import after_advice, danger_signs, how_to, question_kinds, small_talk, ticket_questions, triage
from bot.core.knowledge import load_knowledge

BASE = load_knowledge(Path(__file__).resolve().parents[2] / "config" / "knowledge")


@pytest.mark.parametrize(("question", "entry_id", "said"), [
    ("我想学电脑 社区有没得班", "phone_classes", "电脑课"),  # Q21
    ("老年人学电脑哪点有课", "phone_classes", "电脑课"),
    ("要开个证明 证明我住在这里", "residence_certificate", "居住证明"),  # Q31
    ("水电费能不能在社区交", "water_bill", "社区不代收"),  # Q43
    ("电费在哪点交嘛", "water_bill", "生活缴费"),
    ("我想问一下 60岁以上有没得啥子补贴", "elderly_allowance", "老年证"),  # Q42
    ("满了六十岁有啥子优待", "elderly_allowance", "老年证"),
    ("屋头老人85了能领补贴不", "elderly_allowance", "高龄补贴"),
    ("阳光小区1栋是老楼 能不能装个电梯", "lift_retrofit", "加装电梯"),  # Q12
    ("我们那栋楼想加装电梯 找哪个", "lift_retrofit", "同意"),
    ("独居老人能不能装个紧急呼叫器 我妈一个人住", "emergency_call_button", "呼叫器"),  # Q6
    ("老人屋头有没得一键呼叫的", "emergency_call_button", "呼叫器"),
    ("有没得人收旧衣服 我想捐", "clothes_donation", "旧衣"),  # Q25
    ("屋头不穿的衣服 哪个收嘛", "clothes_donation", "回收箱"),
    ("我一个人住 晚上害怕 有没得人能经常来看看我 住安居苑", "home_care", "上门看望"),  # E9
])
def test_a_simple_question_blind_test_34_left_unanswered_finds_its_entry(question: str, entry_id: str, said: str):
    found = BASE.find(question)
    assert found is not None and found.entry.id == entry_id, [(f.entry.id, f.score) for f in BASE.ranked(question)]
    assert said in found.entry.answer


@pytest.mark.parametrize("question", ["电梯坏了", "我妈关在电梯里了", "电费咋个这么高", "水费咋个这么贵",
                                      "60岁以上打流感疫苗要钱不"])
def test_a_breakdown_or_a_bill_too_high_is_no_lift_retrofit_nor_where_to_pay(question: str):
    found = BASE.find(question)
    assert found is None or found.entry.id not in ("lift_retrofit", "water_bill", "elderly_allowance"), found


@pytest.mark.parametrize(("before", "asked"), [
    ("遭狗咬了一口 咬起血了 咋个办", "要去哪点打针嘛"),  # A9b
    ("送外卖遭狗咬了 在河畔花园811栋", "去哪里打狂犬疫苗"),  # B133
    ("遭猫抓了一下", "疫苗在哪点打"),
])
def test_where_to_get_the_jab_right_after_a_bite_is_the_rabies_clinic(before: str, asked: str):
    assert after_advice.jab_place(asked, before) == after_advice.JAB_PLACE
    assert "犬伤门诊" in after_advice.JAB_PLACE and danger_signs.BITE_ADVICE != after_advice.JAB_PLACE


@pytest.mark.parametrize(("before", "asked"), [
    ("我外孙发烧39度", "要去哪点打针嘛"),  # no bite before
    ("遭猫抓了一下", "流感疫苗在哪里打"),  # another jab named
    ("", "要去哪点打针嘛"),
])
def test_a_jab_asked_without_a_bite_before_is_not_the_rabies_clinic(before: str, asked: str):
    assert after_advice.jab_place(asked, before) is None


@pytest.mark.parametrize("text", ["啥时候打电话给我", "好久给我回电话嘛", "什么时候联系我"])
def test_when_one_will_be_called_is_a_question_about_ones_ticket_never_someones_number(text: str):
    assert triage.information_request(text) != "someone_contact"
    assert ticket_questions.kind_of(text) == "when"


@pytest.mark.parametrize("text", ["把她电话给我", "你把电话号码告诉我", "楼上李婆婆的电话是好多"])
def test_someones_number_asked_for_is_still_someones_number(text: str):
    assert triage.information_request(text) == "someone_contact"


def test_the_estate_managements_number_is_where_it_is_posted_never_refused():
    assert how_to.asks_estate_office("安居苑的物业电话是好多") and not how_to.asks_estate_office("楼上李婆婆的电话")
    reply = how_to.estate_office_reply("杨艳", "13900000000", True)
    assert "公告栏" in reply and "杨艳" in reply and "不便提供" not in reply and len(reply) <= 70


@pytest.mark.parametrize("text", ["你们是政府的不", "你们是不是政府的", "网格通是街道的不", "你们是社区的吗"])
def test_whether_we_are_the_government_says_who_runs_the_service(text: str):
    said = small_talk.reply(text)
    assert said is not None and "社区和街道" in said, said


def test_whether_we_are_the_government_beside_a_problem_is_the_problems():
    assert small_talk.reply("你们是政府的不 楼上漏水了 安居苑811栋") is None


@pytest.mark.parametrize("text", ["买菜的地方太远了 社区能不能设个卖菜的点 安居苑", "能不能在小区门口设个菜市场"])
def test_a_market_stall_wished_for_is_a_request_filed(text: str):
    assert question_kinds.asks_for_a_fix(text) and triage.has_problem(text)


def test_a_certificate_asked_for_is_no_request_to_put_something_up():
    assert not question_kinds.asks_for_a_fix("能不能开个证明")

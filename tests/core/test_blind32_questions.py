"""Blind test 32 (docs/usertests/2026-12-07-blind20.md, A26, A30, A41, A50, A75, A97, A109, B44, B72, B74, B123,
B151), in the core: questions filed as tickets or lost, and health advice. An offer to help, a health service, a
house let, a fee's fairness are asked; any fever gets what to do; a tree grown into a home is a report; a washing
question is answered beside a water report or about one open; a stove's money is how to top up."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import (
    advice_asked,
    council_words,
    problem_context,
    question_kinds,
    registration,
    sick_child,
    triage,
    water_questions,
)
from bot.core.knowledge import load_knowledge
from bot.core.question_kinds import offers_help

KNOWLEDGE = load_knowledge(Path(__file__).resolve().parents[2] / "config" / "knowledge")


@pytest.mark.parametrize("text", ["我刚退休 想给社区出点力", "退休了 闲起没事 想帮社区做点事", "我想为社区出份力",
                                  "想给大家做点事 发挥余热", "我愿意去社区帮忙"])
def test_an_offer_to_help_is_a_question_for_the_volunteer_answer_never_a_report(text: str):
    assert offers_help(text) and triage.information_request(text) == "question"
    found = KNOWLEDGE.find(text)
    assert found is not None and found.entry.id == "volunteer_signup", found


@pytest.mark.parametrize("text", ["能不能帮忙修一下水管 安居苑3栋", "可以帮忙看一下路灯不", "我想请人帮忙搬个柜子"])
def test_asking_for_help_is_no_offer_of_it(text: str):
    assert not offers_help(text)


@pytest.mark.parametrize("text", ["屋头老人糖尿病 有没得免费体检", "我妈高血压 社区能不能免费体检", "老年人体检要钱不",
                                  "我老汉有高血压 家庭医生咋个签"])
def test_a_health_service_asked_beside_an_illness_is_answered_never_filed(text: str):
    assert triage.asks_despite_problem(text) and triage.information_request(text) == "question"
    found = KNOWLEDGE.find(text)
    assert found is not None and found.entry.id == "free_checkup", found


@pytest.mark.parametrize("text", ["我想问下 房子出租要不要登记", "房子租出去要不要去登记", "租客要到哪点登记"])
def test_a_house_let_asked_about_is_the_rental_answer_never_a_number_verification(text: str):
    assert registration.registers_something_else(text)
    found = KNOWLEDGE.find(text)
    assert found is not None and found.entry.id == "rental_registration", found


@pytest.mark.parametrize("text", ["我刚搬来 租的房子 帮我登记", "我换号码了 13900000001 帮我登记", "帮我登记一下"])
def test_ones_own_registration_stays_a_registration(text: str):
    assert not registration.registers_something_else(text)


def test_a_resettlement_house_let_keeps_its_own_answer():
    found = KNOWLEDGE.find("安置房可以租出去吗")
    assert found is not None and found.entry.id == "resettlement_house"


@pytest.mark.parametrize("text", ["物业费涨了 合理不", "物业费一下涨这么多 正常吗", "物业费凭啥涨价"])
def test_whether_a_fee_is_fair_is_asked_and_answered_with_where_to_take_it(text: str):
    assert triage.information_request(text) == "question"
    found = KNOWLEDGE.find(text)
    assert found is not None and found.entry.id == "property_fee" and found.entry.callback, found
    assert "12345" in found.entry.answer and "业主大会" in found.entry.answer


@pytest.mark.parametrize("text", ["我外孙女发烧38度5", "外孙女发烧了 烧了一晚上", "我老伴发烧了 咋个办",
                                  "我发烧了 头好痛", "孙女烧了一晚上 38度", "娃娃有点低烧"])
def test_any_fever_gets_the_home_care_and_when_to_go(text: str):
    advice = sick_child.fever_advice(text)
    assert advice == sick_child.FEVER and "多喝水" in advice and "120" in advice and len(advice) <= 70


@pytest.mark.parametrize("text", ["吃了退烧药还是不退 咋个办", "喂了布洛芬还是38度8", "退烧药吃了 一直不退"])
def test_the_fever_medicine_not_working_is_the_doctor_now_whoever_has_it(text: str):
    assert sick_child.fever_advice(text) == sick_child.STILL_HIGH


@pytest.mark.parametrize("text", ["垃圾烧了一晚上", "我烧了一壶水", "孩子打疫苗后会发烧吗", "娃娃发烧了 医保能报不",
                                  "楼上吵得很 娃娃发烧了都睡不着", "烧退了 好多了", "我发烧了 社区医院几点开门"])
def test_a_fire_a_kettle_a_jab_a_benefit_or_a_report_beside_a_fever_gets_no_fever_advice(text: str):
    assert sick_child.fever_advice(text) is None


@pytest.mark.parametrize("later", ["我们在安居苑 现在烧到38度 还要去医院不", "还在烧 咋个办", "现在烧到38度5 要紧不"])
def test_more_of_a_fever_after_its_advice_gets_the_advice_again(later: str):
    assert sick_child.more_of(later, "外孙女发烧了 烧了一晚上") == sick_child.FEVER


def test_a_high_fever_after_a_mild_one_gets_the_high_fevers_advice_and_good_news_none():
    assert sick_child.more_of("现在烧到39度5了", "我外孙女发烧38度5") == sick_child.HIGH_FEVER
    assert sick_child.more_of("烧退了 好多了", "我外孙女发烧38度5") is None


@pytest.mark.parametrize("text", ["哪个管小区里面的树 树枝伸到我家阳台了 河畔花园581栋", "树枝伸到我家窗子了 哪个管",
                                  "楼下的树长得挡住窗子了", "竹子伸进我家院坝了"])
def test_a_tree_grown_into_a_home_is_a_problem_to_file(text: str):
    assert problem_context.overgrown(text) and triage.has_problem(text)
    assert triage.information_request(text) is None


@pytest.mark.parametrize("text", ["我想给我们小区提个建议 多装点监控", "建议小区门口加个减速带",
                                  "我想提个建议 路灯多装几盏"])
def test_a_suggestion_with_its_subject_has_a_subject_for_the_grid_worker(text: str):
    assert council_words.suggestion_subject(text)


@pytest.mark.parametrize("text", ["我想提个建议", "我要提个议题"])
def test_a_bare_proposal_has_no_subject(text: str):
    assert council_words.suggestion_subject(text) == ""


@pytest.mark.parametrize(("text", "word"), [("河畔花园582栋停水了 水里有漂白粉味 可以洗澡不", "洗澡"),
                                            ("自来水黄得很 能洗菜不", "洗菜"), ("水有消毒水味 洗衣服要得不", "洗衣服")])
def test_a_washing_question_inside_a_water_report_is_answered(text: str, word: str):
    reply = water_questions.wash_reply(text)
    assert reply.startswith(word) and "别直接喝" in reply and len(reply) <= 70


@pytest.mark.parametrize("text", ["能洗澡不", "洗澡要得不", "可以洗澡吗"])
def test_a_washing_question_alone_may_be_about_the_senders_water_report(text: str):
    assert water_questions.asks_to_use(text)


@pytest.mark.parametrize("text", ["我想洗澡", "水是黄的", "河畔花园停水了"])
def test_no_washing_question_is_none(text: str):
    assert not water_questions.asks_to_use(text) and water_questions.wash_reply(text) == ""


@pytest.mark.parametrize("text", ["燃气打不着火 是不是没交费", "天然气点不燃 是不是欠费了哦",
                                  "煤气灶打不燃火 是不是欠费了嘛"])
def test_a_stove_and_its_money_asked_gets_the_check_list_and_how_to_top_up(text: str):
    assert advice_asked.gas_money(text) == [advice_asked.STOVE, advice_asked.GAS_TOP_UP]


@pytest.mark.parametrize("text", ["燃气卡没钱了 打不燃火 咋个充", "热水器打不燃 咋个充值", "天然气点不着了 在哪点交费"])
def test_how_to_top_up_asked_beside_a_stove_is_how_to_top_up(text: str):
    assert advice_asked.gas_money(text) == [advice_asked.GAS_TOP_UP]
    assert all(word in advice_asked.GAS_TOP_UP for word in ("营业厅", "微信公众号", "银行", "插回表"))


@pytest.mark.parametrize("text", ["燃气灶打不燃火了 安居苑5栋 是不是欠费", "燃气打不着火 有股煤气味 是不是没交费",
                                  "燃气灶打不燃火了", "电瓶车打不着火 是不是没电了"])
def test_a_placed_stove_a_gas_smell_or_no_money_asked_is_no_top_up_answer(text: str):
    assert advice_asked.gas_money(text) == []


@pytest.mark.parametrize("text", ["安居苑581栋 物业费从一块二涨到一块八 帮我反映一下", "替我们转告社区 物业费涨太多了",
                                  "帮忙反映一下 物业费涨了"])
def test_words_asking_to_pass_a_matter_on_are_no_question_to_answer_again(text: str):
    assert question_kinds.asks_to_pass_on(text)


@pytest.mark.parametrize("text", ["帮我问问低保咋个申请", "物业费涨了 合理不", "物业费的事找哪个反映"])
def test_a_question_is_not_asked_to_be_passed_on(text: str):
    assert not question_kinds.asks_to_pass_on(text)

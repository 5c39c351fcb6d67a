"""Blind test 34's questions the knowledge base answered with a neighbour's entry
(docs/usertests/2026-12-07-blind22.md): each found in a resident's words, its neighbours keeping theirs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.knowledge import load_knowledge

BASE = load_knowledge(Path(__file__).resolve().parents[2] / "config" / "knowledge")


@pytest.mark.parametrize(("question", "entry_id", "said"), [
    ("药店买药能不能刷医保卡", "chronic_disease", "定点药店"),  # E11: only 门诊慢特病
    ("大药房刷得到社保卡不", "chronic_disease", "定点药店"),
    ("医保卡在药店能不能用嘛", "chronic_disease", "医保码"),
    ("老年人办银行卡 要社区开证明不", "bank_card", "不用社区开证明"),  # E31: the free check-up
    ("我妈七十多了 想去银行开户 要带啥子", "bank_card", "身份证"),
    ("存折咋个办哦", "bank_card", "银行柜台"),
    ("我想当网格员 咋个报名", "volunteer_signup", "公开招聘"),  # Q9: school enrolment
    ("网格员招不招人嘛", "volunteer_signup", "公开招聘"),
    ("河畔花园门禁卡丢了咋个补", "property_matters", "物业补办"),  # Q24: the riders' 进小区
    ("门卡遭弄丢了 哪点补", "property_matters", "物业补办"),
    ("安置房好久分", "resettlement_house", "抽签分房"),  # Q23: only the title deed
    ("我们那批安置房啥时候交房", "resettlement_house", "抽签分房"),
    ("老人的肺炎疫苗好久打 要钱不", "vaccination", "肺炎疫苗"),  # E22: only the flu's
    ("肺炎针在哪点打", "vaccination", "肺炎疫苗"),
    ("河畔花园的物业啥子都不管", "property_matters", "整改"),  # B106: the fee
    ("我不是问物业费 是物业不打扫卫生", "property_cleaning", "整改"),  # B106: the hours; own entry (round 37)
    ("物业从来不搞卫生 咋个投诉", "property_cleaning", "整改"),
    ("我们可以回屋头住了不", "return_home_after_danger", "消防"),  # M1: the battery rule
    ("火灭了 好久能回家住", "return_home_after_danger", "安全"),
])
def test_a_question_blind_test_34_gave_a_neighbours_entry_finds_its_own(question: str, entry_id: str, said: str):
    found = BASE.find(question)
    assert found is not None and found.entry.id == entry_id, [(f.entry.id, f.score) for f in BASE.ranked(question)]
    assert said in found.entry.answer


@pytest.mark.parametrize(("question", "not_this"), [
    ("是物业不打扫卫生", "health_centre"),  # 卫生 of 打扫卫生 is cleaning
    ("物业啥子都不管", "property_fee"),
    ("河畔花园门禁卡丢了咋个补", "rider_estate_access"),
    ("我们可以回屋头住了不", "rider_battery_indoor"),
    ("老年人办银行卡 要社区开证明不", "free_checkup"),
    ("骑手可以当网格员不 听说有补贴", "volunteer_signup"),  # a rider's subsidy stays rider_benefits'
    ("有个电话说是网格通的 要我报银行卡号", "bank_card"),  # a scam, not how to open an account
    ("我得了肺炎 住院了 医保报好多", "vaccination"),
    ("楼道好久没人打扫", "property_matters"),  # a report of a place, not about the company
])
def test_a_neighbouring_entry_does_not_take_the_question(question: str, not_this: str):
    found = BASE.find(question)
    assert found is None or found.entry.id != not_this, found


@pytest.mark.parametrize(("question", "entry_id"), [
    ("社区医院几点开门", "health_centre"),
    ("物业费涨了 合理不", "property_fee"),
    ("保安不让骑手进小区咋办", "rider_estate_access"),
    ("电池带回家里充行不行", "rider_battery_indoor"),
    ("糖尿病买药能报销吗", "chronic_disease"),
    ("老年人打流感疫苗要钱不", "vaccination"),
    ("安置房可以租出去吗", "resettlement_house"),
    ("我想报名当志愿者", "volunteer_signup"),
])
def test_the_neighbours_keep_their_own_questions(question: str, entry_id: str):
    found = BASE.find(question)
    assert found is not None and found.entry.id == entry_id, [(f.entry.id, f.score) for f in BASE.ranked(question)]

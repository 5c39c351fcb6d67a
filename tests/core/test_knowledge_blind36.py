"""Blind test 36's knowledge questions answered with the wrong entry (round 39, docs/usertests/2026-12-07-blind24.md):
the card's money for a grandchild (E12n) and its balance (Q11b), outpatient care and what to bring (E12b, E11n),
how much a pension costs a year (Q10b), a gas bill doubled (E22b), the elderly university's fee (E11b), when demolition
compensation arrives (Q24b), a locked toilet at an estate's gate (E10), a rider sheltering from the rain (RD7b)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.knowledge import load_knowledge

BASE = load_knowledge(Path(__file__).resolve().parents[2] / "config" / "knowledge")


@pytest.mark.parametrize(("question", "entry_id", "said"), [
    ("医保卡的钱孙子可以用不", "medical_family_sharing", "孙子"),  # E12n
    ("我医保卡头的钱 孙女看病能刷不", "medical_family_sharing", "共济"),
    ("老伴的医保卡钱我能用不", "medical_family_sharing", "共济"),
    ("咋个查我的医保余额", "medical_family_sharing", "12393"),  # Q11b
    ("医保卡头还有好多钱 咋个查", "medical_family_sharing", "余额"),
    ("我想看下医保账户里还剩好多", "medical_family_sharing", "余额"),
    ("门诊看病医保报好多", "medical_insurance_claim", "门诊"),  # E12b
    ("看门诊医保能报不", "medical_insurance_claim", "门诊"),
    ("去诊所拿药医保报几成", "medical_insurance_claim", "比例"),
    ("老伴住院了 医保报销要带啥材料", "medical_insurance_claim", "身份证"),  # E11n
    ("医保报销要带啥材料", "medical_insurance_claim", "医保卡"),
    ("出院报销要准备啥子", "medical_insurance_claim", "身份证"),
    ("养老保险一年交好多", "pension_insurance", "档次"),  # Q10b
    ("养老保险每年要交好多钱", "pension_insurance", "以当年通知为准"),
    ("社保一年交好多钱嘛", "pension_insurance", "档次"),
    ("天然气费咋个比上个月贵了一倍", "bill_too_high", "读数"),  # E22b
    ("这个月燃气费咋个这么高", "bill_too_high", "漏气"),
    ("气费涨了好多 是不是表坏了", "bill_too_high", "核对"),
    ("电费咋个这么高", "bill_too_high", "读数"),
    ("老年大学报名要好多钱", "elderly_classes", "学费"),  # E11b
    ("老年大学学费好多", "elderly_classes", "学费"),
    ("上老年大学要交钱不", "elderly_classes", "学费"),
    ("老房子拆迁的钱啥时候到账", "demolition_payment", "协议"),  # Q24b
    ("拆迁款好久到账", "demolition_payment", "征收办"),
    ("征收补偿款好久发", "demolition_payment", "协议"),
    ("河畔花园门口厕所锁起来了 老年人上厕所咋整", "public_toilet", "环卫"),  # E10
    ("厕所锁了 上厕所咋办", "public_toilet", "环卫"),
    ("公厕关门了 去哪上厕所", "public_toilet", "驿站"),
])
def test_a_question_blind_test_36_answered_wrongly_finds_the_entry_that_says_it(question: str, entry_id: str,
                                                                                said: str) -> None:
    found = BASE.find(question)
    assert found is not None and found.entry.id == entry_id, [(f.entry.id, f.score) for f in BASE.ranked(question)]
    assert said in found.entry.answer


@pytest.mark.parametrize("question", [
    "下雨天路上好滑 附近有没有可以避雨的地方",  # RD7b: 答不上
    "下大雨了 哪里可以躲雨",
    "落雨了 有没得避雨歇脚的地方",
])
def test_a_rider_asking_where_to_shelter_from_the_rain_gets_the_riders_station(question: str) -> None:
    found = BASE.find(question, "riders")
    assert found is not None and found.entry.id == "rider_station", found


@pytest.mark.parametrize(("question", "entry_id"), [
    ("医保今年在哪点交", "medical_insurance_pay"),  # the premium stays the premium
    ("药店买药能不能刷医保卡", "chronic_disease"),  # the pharmacy stays the pharmacy
    ("电费在哪点交", "water_bill"),
    ("天然气费在哪点交", "gas_bill"),  # where to pay stays where to pay
    ("安居苑有人在群里说要拆迁 是真的不", "demolition_rumour"),  # a rumour stays a rumour
    ("活动室好久开门", "elderly_classes"),
])
def test_the_neighbouring_questions_keep_their_own_entries(question: str, entry_id: str) -> None:
    found = BASE.find(question)
    assert found is not None and found.entry.id == entry_id, [(f.entry.id, f.score) for f in BASE.ranked(question)]


@pytest.mark.parametrize(("question", "not_entry"), [
    ("孙子天天耍手机 咋个整", "medical_family_sharing"),  # a grandchild named is no card shared
    ("孙子生病了 咋个整", "medical_family_sharing"),
    ("屋头厕所锁坏了", "public_toilet"),  # a home's toilet is a repair
    ("我家厕所堵了", "public_toilet"),
    ("天然气费咋个比上个月贵了一倍", "gas_bill"),  # a high bill is no question of where to pay
])
def test_a_wider_rule_does_not_take_what_is_not_its_own(question: str, not_entry: str) -> None:
    found = BASE.find(question)
    assert found is None or found.entry.id != not_entry, found


@pytest.mark.parametrize("question", [
    "我们是第二批搬的 到底哪天发",  # B7: after 搬迁补助好久发哦, "好的，记下了"
    "我家是第一批搬的 好久打钱嘛",
    "我们那批到底哪天到账哦",
])
def test_ones_own_batch_of_movers_asking_when_is_the_subsidy_entry_so_a_follow_up_of_its_answer(question: str) -> None:
    found = BASE.find(question)
    assert found is not None and found.entry.id == "resettlement_subsidy", [(f.entry.id, f.score)
                                                                             for f in BASE.ranked(question)]


@pytest.mark.parametrize(("question", "entry_id"), [
    ("我们那批安置房好久交房", "resettlement_house"),  # a batch's flats stay the flats
    ("这批低保好久发", "dibao_payment"),
])
def test_a_batch_of_anything_else_keeps_its_entry(question: str, entry_id: str) -> None:
    found = BASE.find(question)
    assert found is not None and found.entry.id == entry_id, found

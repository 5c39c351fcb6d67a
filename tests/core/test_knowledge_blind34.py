"""Blind test 33's questions the knowledge base did not know, or answered with a neighbour's entry
(docs/usertests/2026-12-07-blind21.md): each found in a resident's words, its neighbours keeping theirs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.knowledge import load_knowledge

BASE = load_knowledge(Path(__file__).resolve().parents[2] / "config" / "knowledge")


@pytest.mark.parametrize(("question", "entry_id", "said"), [
    ("我想问一哈 结婚证在哪点办", "divorce", "婚姻登记"),  # B116
    ("天太冷了 社区有没得取暖的地方", "heating", "取暖"),  # B34
    ("冬天好冷 哪点可以烤火", "heating", "取暖"),
    ("我们这里冬天有没得取暖补贴", "heating", "取暖补贴"),  # B108
    ("我想问 生二胎有没得补贴", "kindergarten_subsidy", "育儿补贴"),  # B161
    ("生了三胎 国家有没得补助", "kindergarten_subsidy", "育儿补贴"),
    ("我想问下社区有没得老年大学", "elderly_classes", "老年大学"),  # B26
    ("我屋头老人痴呆了 有没得地方可以托管", "home_care", "失智"),  # B92
    ("我妈老年痴呆 白天莫得人管", "home_care", "日间照料"),
    ("我想问 土地补偿款咋个分的", "land_contract", "补偿款"),  # B93
    ("征地款是咋个分到户的", "land_contract", "补偿款"),
    ("河畔花园的路灯是哪个管的", "no_property_management", "路灯"),  # B167
    ("小区路灯归谁管", "no_property_management", "物业"),
    ("我想问退休工资咋个查", "pension_collect", "12333"),  # B165
    ("养老金到账没得 咋个查", "pension_collect", "12333"),
    ("社保卡补办要好久才拿得到", "social_security_card", "工作日"),  # L17
    ("我孙子考上大学了 有没得奖励", "college_aid", "恭喜"),  # B16
    ("孙子考了600多分", "college_aid", "助学"),
    ("娃娃考起大学了 学费有没得补助", "college_aid", "助学贷款"),
    ("安置协议搞丢了咋个办", "resettlement_agreement_lost", "协议"),  # B178
    ("拆迁协议找不到了 咋个整", "resettlement_agreement_lost", "协议"),
    ("要去哪里打狂犬疫苗", "rabies_vaccine", "犬伤门诊"),  # B133
    ("狂犬针在哪点打", "rabies_vaccine", "犬伤门诊"),
    ("想问下有没得人能上门看一下她", "home_care", "看望"),  # L9
    ("我想咨询一下残疾证咋个办 要带啥子材料", "disability", "身份证"),  # B25
])
def test_a_question_blind_test_33_left_unanswered_finds_its_entry(question: str, entry_id: str, said: str):
    found = BASE.find(question)
    assert found is not None and found.entry.id == entry_id, [(f.entry.id, f.score) for f in BASE.ranked(question)]
    assert said in found.entry.answer


@pytest.mark.parametrize(("question", "not_this"), [
    ("我孙子考上大学了 有没得奖励", "only_child_reward"),  # B16
    ("安置协议搞丢了咋个办", "resettlement_house"),  # B178: the title deed
    ("想问下有没得人能上门看一下她", "service_teams"),  # L9: the volunteer repairs
    ("娃娃放学了有没得地方托管", "home_care"),  # a child's care is not the elderly's
    ("独生子女父母奖励咋个领", "college_aid"),
    ("我们这里冬天有没得取暖补贴", "elderly_allowance"),
])
def test_a_neighbouring_entry_does_not_take_the_question(question: str, not_this: str):
    found = BASE.find(question)
    assert found is None or found.entry.id != not_this, found


def test_the_childcare_subsidy_leaves_the_only_childs_reward_alone():
    found = BASE.find("独生子女有没得补贴")
    assert found is not None and found.entry.id == "only_child_reward", found

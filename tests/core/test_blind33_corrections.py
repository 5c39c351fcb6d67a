"""Blind test 33 (docs/usertests/2026-12-07-blind21.md): a question said again as a correction, and first answers
that picked the wrong entry (bot/core/reasked.py, bot/core/service_numbers.py, config/knowledge/*.yml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import reasked, service_numbers, triage
from bot.core.knowledge import KnowledgeBase, load_knowledge

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def base() -> KnowledgeBase:
    return load_knowledge(ROOT / "config" / "knowledge")


@pytest.mark.parametrize(("text", "asked", "not_meant"), [
    ("我是问教老人用手机 不是娃娃", "教老人用手机", "娃娃"),
    ("是居住证 不是居住证明", "居住证", "居住证明"),
    ("我问的是打流感疫苗 不是体检", "打流感疫苗", "体检"),
    ("我说的是电动汽车，不是电瓶车哈", "电动汽车", "电瓶车"),
    ("不是办证 是问奖励金咋个领", "奖励金咋个领", "办证"),
    ("不是问看病 我是问骑手有没得补助", "骑手有没得补助", "看病"),
    ("我不要私人电话 就要派出所的办公电话", "派出所的办公电话", "私人电话"),
    ("搞错了 我想问的是残疾人 不是老年人", "残疾人", "老年人"),
    # blind test 34: 记下了 before
    ("我要办的是居住证 不是证明", "居住证", "证明"),
    ("我问的不是体检 是流感疫苗", "流感疫苗", "体检"),
    ("我说的不是电瓶车 是汽车", "汽车", "电瓶车"),
])
def test_a_question_said_as_x_not_y_is_read_as_x_asked_again(text: str, asked: str, not_meant: str) -> None:
    assert reasked.parse(text) == reasked.Reasked(asked, not_meant)


@pytest.mark.parametrize("text", [
    "我是反映问题 不是问你",  # a report insisted on: bot/core/corrections.py
    "是9栋 不是8栋",  # a place put right
    "是9栋门口漏水 不是8栋",
    "我是说电梯坏了 不是灯",  # a problem: a report
    "不是我 是我妈",  # who, not what
    "好的",
    "居住证咋个办",
    "我要的不是这个 是那个",  # nothing named
    "我问的不是8栋 是9栋",
])
def test_words_that_only_look_like_a_correction_are_no_question_said_again(text: str) -> None:
    assert reasked.parse(text) is None


@pytest.mark.parametrize(("previous", "text", "entry"), [
    ("孙子天天耍手机 咋个整", "我是问教老人用手机 不是娃娃", "phone_classes"),
    ("我想开个居住证明", "是居住证 不是居住证明", "residence_permit"),
    ("老年人免费体检在哪点", "我问的是打流感疫苗 不是体检", "vaccination"),
    ("老年证咋个办", "我是问残疾人 不是老年人", "disability"),
    ("老年人坐公交免费不", "我是问残疾人 不是老年人", "disability_bus"),
    ("独生子女证咋个办", "不是办证 是问奖励金咋个领", "only_child_reward"),
    ("糖尿病有没得补助", "不是问看病 是问骑手有没得补助", "rider_benefits"),
])
def test_the_thing_meant_gets_its_own_entry_never_the_one_just_given(base: KnowledgeBase, previous: str, text: str,
                                                                    entry: str) -> None:
    said = reasked.parse(text)
    assert said is not None
    found = reasked.choose(base, said, previous, "residents")
    assert found is not None and found.entry.id == entry, found


@pytest.mark.parametrize(("previous", "text", "entry"), [
    # blind test 34 (blind test 33's B83, A95, B3 said as then): right the first time, so said again, never 答不上
    ("我想问下 老年人打流感疫苗要钱不", "我问的是打流感疫苗 不是体检", "vaccination"),
    ("独生子女父母奖励咋个领", "不是办证 是问奖励金咋个领", "only_child_reward"),
    ("独生子女奖励费在哪点领", "我问的是奖励费 不是独生子女证", "only_child_reward"),
    ("社区有没得人教老年人耍手机", "不是问娃娃 是问老人学用手机", "phone_classes"),
    ("我想办个居住证 要啥子", "我说的是居住证 不是开证明", "residence_permit"),
    ("我想问下 残疾人坐公交免费不", "我是问残疾人 不是老年人", "disability_bus"),
    ("小区有没得充电桩 充电动汽车的", "我是说电动汽车 不是电瓶车", "car_charging"),
])
def test_an_entry_right_the_first_time_is_given_again_when_it_is_not_the_thing_denied(
        base: KnowledgeBase, previous: str, text: str, entry: str) -> None:
    said = reasked.parse(text)
    assert said is not None
    found = reasked.choose(base, said, previous, "residents")
    assert found is not None and found.entry.id == entry, found


def test_nothing_else_fitting_is_no_answer_never_the_same_one_again(base: KnowledgeBase) -> None:
    said = reasked.parse("我是问打预防针 不是疫苗")  # the only fitting entry is the one denied
    assert said is not None
    assert reasked.choose(base, said, "老人流感疫苗在哪点打", "residents") is None


@pytest.mark.parametrize(("question", "entry"), [
    ("我想办个居住证 要啥子", "residence_permit"),  # B17: the certificate
    ("外地人办居住证要带啥子", "residence_permit"),
    ("能不能给我开个居住证明", "residence_certificate"),
    ("我想问下 老年人打流感疫苗要钱不", "vaccination"),  # B83: the check-up
    ("我妈70了 打流感针免费不", "vaccination"),
    ("老年人免费体检在哪点做", "free_checkup"),
    ("我想问下 残疾人坐公交免费不", "disability_bus"),  # B163: the elderly's card
    ("我有残疾证 坐车要不要钱", "disability_bus"),
    ("老年人坐公交免费不", "elderly_bus"),
    ("残疾证在哪办", "disability"),
    ("我们跑外卖的有没得啥子补助", "rider_benefits"),  # A49: the chronic illness
    ("骑手有没得补助", "rider_benefits"),
    ("糖尿病买药能报销吗", "chronic_disease"),
    ("独生子女父母奖励咋个领", "only_child_reward"),  # A95: the certificate
    ("独生子女费咋个领", "only_child_reward"),
    ("独生子女证在哪点办", "only_child"),
    ("我们安居苑好多老人不会用智能手机 社区能不能教一下", "phone_classes"),  # B3: children's gaming
    ("老人不会用手机扫码 社区教不教", "phone_classes"),
    ("社区有没得跳舞的活动", "elderly_classes"),  # B169
    ("孙子不想上学 整天耍手机 咋办", "child_gaming"),
    ("我想问一哈 结婚证在哪点办", "divorce"),  # B116: 答不上
    ("离婚手续咋个办 要带啥子", "divorce"),
    ("啥子时候发米发油", "festival_gifts"),  # B174
    ("就是过年发的米和油 好久发", "festival_gifts"),
    ("电动车在哪点充电", "rider_charging"),
])
def test_first_answers_go_to_the_entry_asked_about(base: KnowledgeBase, question: str, entry: str) -> None:
    found = base.find(question)
    assert found is not None and found.entry.id == entry, found


@pytest.mark.parametrize("audience", ["residents", "riders"])
def test_a_car_charging_post_is_not_the_scooter_shed(base: KnowledgeBase, audience: str) -> None:
    # B103: the shed, then (blind test 34) 答不上; a car's charging has its own answer
    for question in ("小区有没得充电桩 充电动汽车的", "小区里头有没得汽车充电桩嘛", "新能源车在哪点充电"):
        found = base.find(question, audience)
        assert found is not None and found.entry.id == "car_charging", (question, found)
    assert base.find("电瓶车在哪点充电", audience).entry.id != "car_charging"


@pytest.mark.parametrize("text", [
    "我要找派出所 有电话没得",  # A19
    "派出所电话给我一个",  # A75
    "我不要私人电话 就要派出所的办公电话",
    "我是问派出所的电话 不是你们的",
    "派出所的电话号码发我一下",
    "警务室有没有电话",
])
def test_the_police_station_number_asked_any_way_is_its_public_number(text: str) -> None:
    assert service_numbers.reply(text) == service_numbers.STATION


@pytest.mark.parametrize("text", ["民警打电话给我 说我儿子出事了", "派出所在哪里"])
def test_a_call_from_the_police_or_where_the_station_is_is_no_number_asked(text: str) -> None:
    assert service_numbers.reply(text) is None


@pytest.mark.parametrize("text", ["咋个给你们发照片", "就是想把照片发给你们 咋个发", "怎么给你发图片",
                                  "把相片传给你们 咋个弄"])
def test_how_to_send_a_photo_to_us_asked_any_way_is_how_to_photo(text: str) -> None:
    assert triage.information_request(text) == "how_to_photo"


def test_a_photo_said_sent_is_no_question_how() -> None:
    assert triage.information_request("我把照片发给你们了") != "how_to_photo"


@pytest.mark.parametrize("text", ["我就是想问下律师 不是反映问题", "我只是想咨询下律师 不是投诉",
                                  "我是问一下 不是要报修"])
def test_a_question_said_to_be_no_report_is_left_to_the_corrections(text: str) -> None:
    assert reasked.parse(text) is None


@pytest.mark.parametrize("question", ["老年人想学用手机 社区有人教没得",
                                      "我们安居苑好多老人不会用智能手机 社区能不能教一下", "我妈想学手机 哪里有手机课"])
def test_phone_classes_for_the_elderly_are_answered_before_the_classifier(base: KnowledgeBase, question: str) -> None:
    # blind test 34: "老年人想学用手机 社区有人教没得" got "请问在哪点？"
    found = base.find(question)
    assert found is not None and found.entry.id == "phone_classes" and base.early(question), found
    assert not base.early("我手机坏了 社区有人会修没得") and not base.early("社区有没得老年大学")
    assert not base.early("我帮我老汉也投一票 他也反对 他不会用手机")  # a ballot (test_conversation_votes)


@pytest.mark.parametrize(("previous", "text", "audience", "part"), [
    # blind test 35, A49: the riders' answer, then 我问的是送外卖的补贴 不是医保看病 got the same text again
    ("我们送外卖的骑手有没得啥子补贴可以领", "我问的是送外卖的补贴 不是医保看病", "riders", "补贴以社区通知为准"),
    ("我们跑外卖的有没得啥子补助", "不是问看病 是问骑手有没得补助", "riders", "职业伤害保障"),
    ("老人打流感针要钱不", "不是问体检 是问打流感针", "residents", "流感疫苗"),
    ("我想办个居住证 要啥子", "是居住证 不是居住证明", "residents", "住满半年"),
])
def test_the_entry_just_given_said_again_is_its_part_about_the_thing_and_whom_to_ask(
        base: KnowledgeBase, previous: str, text: str, audience: str, part: str) -> None:
    said = reasked.parse(text)
    assert said is not None
    found = reasked.choose(base, said, previous, audience)
    before = base.find(previous, audience)
    assert found is not None and before is not None and found.entry.id == before.entry.id
    reply = reasked.narrower(found.entry.answer, said.asked, "网格员李磊", "13700000001")
    assert not reply.startswith(found.entry.answer), reply
    assert part in reply and "说不准" in reply and "13700000001" in reply and len(reply) <= 70, reply

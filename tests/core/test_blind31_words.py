"""Blind test 31 (docs/usertests/2026-12-07-blind19.md), in the core: a family member's birthday and a correction of
whose it is, an acknowledgement alone, questions found in the entry that answers them (居家养老, 派出所, a video,
volunteering, 低保 stopped, a hospital bill, the school a child is zoned to, a lawyer beside a dispute), "不是反映问题"
said after the question, and an estate's name typed with homophone slips."""

from __future__ import annotations

import pytest

from bot.common.settings import Settings
from bot.core import after_report, complaints, corrections, how_to, place_answers, small_talk, triage
from bot.core.knowledge import load_knowledge
from bot.core.places import match_place
from bot.store.db import Database

SMS = 70


@pytest.fixture(scope="module")
def base():
    return load_knowledge(Settings().knowledge_dir)


@pytest.mark.parametrize("words", [
    "今天我孙女过生日", "不是我 是我孙女过",  # B20: the correction got 没太看懂
    "明天我老汉过八十大寿",  # B20b: 祝您生日快乐
    "我屋头那个今天过七十岁生",  # B20c: 帮不上忙
    "不是我过生 是我孙子", "老伴明天过生", "我爱人今天生日",
])
def test_a_family_members_birthday_congratulates_the_family(words: str) -> None:
    said = small_talk.reply(words)
    assert said is not None and "寿星" in said and "祝您生日" not in said, (words, said)


def test_ones_own_birthday_is_still_the_senders_and_a_doctor_is_no_birthday() -> None:
    assert "祝您生日快乐" in (small_talk.reply("我今天过七十岁生") or "")
    assert small_talk.reply("我妈过来看医生") is None
    assert small_talk.reply("不是我 是我孙子打的电话") is None


@pytest.mark.parametrize("words", ["好嘞", "好勒", "要得嘛", "OK", "ok", "行嘛", "中", "好滴", "好嘞 谢谢"])
def test_an_ok_alone_is_an_acknowledgement(words: str) -> None:
    assert after_report.acknowledges(words)  # B-B32a: 好嘞 as a first message got 没太看懂


@pytest.mark.parametrize("words", ["中午", "行不行哦", "好嘞 路灯还是没亮"])
def test_more_than_an_ok_is_no_acknowledgement(words: str) -> None:
    assert not after_report.acknowledges(words)


@pytest.mark.parametrize(("question", "entry"), [
    ("屋头老人想申请居家养老 咋个弄", "home_care"),  # B119: the pension answer
    ("居家养老服务咋个申请", "home_care"),
    ("派出所在哪里", "police_station"),  # B47b: 答不上
    ("社区警务室在哪点", "police_station"),
    ("我退休了 想去社区帮忙做点事 要得不", "volunteer_signup"),  # B57b: how to ask for help
    ("我想去社区帮忙 可以不", "volunteer_signup"),
    ("低保咋个突然不发了", "dibao_stopped"),  # B73b: how to apply
    ("养老金咋个不发了", "pension_reduced"),
    ("我老汉住院花了好几万 有没得补助", "medical_assistance"),  # B124b: 门诊慢特病
    ("娃娃读初中 分到哪个学校", "school_zoning"),  # B99b: 新生报名
    ("邻居占我家地 想找个律师问问 社区有没得", "legal_aid"),  # B113b: asked where
    ("我就是想问下律师 不是反映问题", "legal_aid"),
])
def test_a_question_finds_the_entry_that_answers_it(base, question: str, entry: str) -> None:
    found = base.find(question)
    assert found is not None and found.entry.id == entry, (question, found and found.entry.id)


@pytest.mark.parametrize(("question", "entry"), [
    ("养老金咋个领", "pension_collect"), ("低保咋个申请", "dibao_apply"), ("社区有没得志愿者帮忙", "service_teams"),
    ("老人没人照顾能不能找人帮一下", "service_teams"), ("我妈住院了 医保能报好多", "medical_insurance_claim"),
    ("我老汉儿糖尿病 每个月药钱好贵 有没得补助", "chronic_disease"), ("娃娃上小学好久报名", "school_enrolment"),
    ("身份证过期了去哪换", "id_card"), ("可以发照片不", None), ("大病补助咋个申请", "medical_assistance"),
])
def test_the_neighbouring_questions_keep_their_entries(base, question: str, entry: str | None) -> None:
    found = base.find(question)
    assert (found.entry.id if found else None) == entry, (question, found and found.entry.id)


@pytest.mark.parametrize("words", ["可以发视频不", "能不能发个视频给你们看", "我拍了视频 咋个发"])
def test_whether_a_video_may_be_sent_is_answered_with_photos_instead(words: str) -> None:
    assert triage.information_request(words) == "how_to_video"  # B89b: the menu
    assert "照片" in how_to.HOW_TO_VIDEO and len(how_to.HOW_TO_VIDEO) <= SMS


def test_a_video_beside_a_problem_is_a_report_and_watching_one_asks_nothing() -> None:
    assert triage.information_request("发个视频给你们看 楼道灯坏了") is None
    assert triage.information_request("看视频") is None


def test_a_lawyer_asked_for_beside_a_dispute_is_a_question_not_a_report() -> None:
    words = "邻居占我家地 想找个律师问问 社区有没得"
    assert triage.has_problem(words) and triage.information_request(words) == "question"
    assert triage.information_request("邻居占我家地 你们来调解一下") is None


@pytest.mark.parametrize("words", ["我就是想问下律师 不是反映问题", "不是反映问题 我是问医保",
                                   "我只是想咨询一下 不是投诉"])
def test_saying_it_is_no_report_is_read_either_way_round(words: str) -> None:
    assert corrections.not_a_report(words) and place_answers.reading(words) == "not_a_report"
    assert corrections.question_in(words).startswith("我想问")


def test_a_report_insisted_on_is_no_denial() -> None:
    assert not corrections.not_a_report("我是反映问题 不是问你 花坛那点建筑垃圾要清走")


@pytest.mark.parametrize("words", ["按局苑3栋路灯不亮了", "按局苑门口的井盖烂了", "安局苑5栋楼道灯坏了",
                                   "和盼花园2栋漏水"])
def test_an_estate_typed_with_homophone_slips_is_that_estate(demo_db: Database, words: str) -> None:
    with demo_db.session() as s:
        assert match_place(s, words).name in ("安居苑", "河畔花园"), words


@pytest.mark.parametrize("words", ["安居公园的长椅坏了", "我在安装苑子的门", "居苑", "岸剧院3栋"])
def test_sounds_alike_without_a_place_after_or_a_character_kept_are_not_it(demo_db: Database, words: str) -> None:
    with demo_db.session() as s:
        assert match_place(s, words).name != "安居苑", words


def test_a_complaint_denied_is_no_complaint() -> None:
    assert not complaints.complains_to_superiors("我只是想咨询下律师 不是投诉")
    assert not complaints.complains_to_superiors("我不想投诉 就是问一下")
    assert complaints.complains_to_superiors("我要投诉")
    assert complaints.complains_to_superiors("不是投诉 叫你们领导出来")

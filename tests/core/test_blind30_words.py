"""Blind test 30 (docs/usertests/2026-12-07-blind18.md), in the core: questions found in the right knowledge entry,
small talk answered in kind, a visitor at the door checked, a bite or scratch asked about, an estate's name typed
with a slip, water that smells of bleach."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from bot.common.settings import Settings
from bot.core import advice_asked, care_words, danger_signs, fraud_calls, small_talk, triage
from bot.core.knowledge import load_knowledge
from bot.core.places import match_place
from bot.store.db import Database

SMS = 70


@pytest.fixture(scope="module")
def base():
    return load_knowledge(Settings().knowledge_dir)


@pytest.mark.parametrize(("question", "entry"), [
    ("旧电池丢哪个垃圾桶", "hazardous_waste"),  # A14-5b: never the battery-swap cabinets
    ("过期的药丢哪个桶", "hazardous_waste"),  # A14-5c: never the ID card
    ("我的社保卡激活不了", "social_security_card_activate"),  # B50: never how to report it lost
    ("孙子不想读书了 天天打游戏 咋个整", "child_gaming"),  # B67: never a school transfer
    ("社区医院在哪点", "health_centre"),  # B47
    ("我想报名当志愿者", "volunteer_signup"),  # B57: never how to ask the volunteers for help
    ("我的养老金咋个少了两百", "pension_reduced"),  # B40
    ("我的低保咋个停了", "dibao_stopped"),  # B73
    ("幼儿园有没得补贴", "kindergarten_subsidy"),  # B75
    ("初中是咋个划片的", "school_zoning"),  # B99
    ("养老保险可以补缴不", "pension_backpay"),  # B100
    ("外地户口能在这边办低保不", "dibao_elsewhere"),  # B98
    ("低保名单在哪点看", "dibao_list"),  # B117
    ("大病补助咋个申请", "medical_assistance"),  # B124
    ("社区有没得法律咨询 我想问离婚的事", "legal_aid"),  # B113
    ("我妈住院了 医保能报好多", "medical_insurance_claim"),  # B96
    ("医保咋个交 今年好多钱", "medical_insurance_pay"),  # B7
])
def test_a_question_finds_the_entry_that_answers_it(base, question: str, entry: str) -> None:
    found = base.find(question)
    assert found is not None and found.entry.id == entry, (question, found and found.entry.id)


@pytest.mark.parametrize(("question", "entry"), [
    ("电池没电了哪点换", "rider_battery_swap"), ("身份证过期了去哪换", "id_card"), ("垃圾分类咋个分", "waste_sorting"),
    ("养老金咋个领", "pension_collect"), ("低保咋个申请", "dibao_apply"), ("社区有没得志愿者帮忙", "service_teams"),
    ("娃娃转学咋个办", "school_transfer"), ("娃娃上幼儿园咋个报名", "kindergarten"),
    ("临时救助怎么申请", "temporary_assistance"),
])
def test_the_neighbouring_questions_keep_their_entries(base, question: str, entry: str) -> None:
    found = base.find(question)
    assert found is not None and found.entry.id == entry, (question, found and found.entry.id)


def test_no_answer_names_a_year_that_goes_stale_and_each_share_or_rule_says_it_is_local(base) -> None:
    assert not [e.id for e in base.entries if re.search(r"20\d\d年", e.answer)]
    for entry in ("medical_insurance_pay", "medical_insurance_claim", "pension_backpay", "pension_raise"):
        answer = next(e.answer for e in base.entries if e.id == entry)
        assert "为准" in answer, answer


def test_a_subsidy_or_pension_stopped_or_less_offers_a_call_back(base) -> None:
    assert all(base.find(q).entry.callback for q in ("我的低保咋个停了", "我的养老金咋个少了两百"))


def test_the_time_is_the_services_own() -> None:
    morning_utc = datetime(2026, 12, 7, 5, 20, tzinfo=UTC)  # 13:20 in Asia/Shanghai
    assert small_talk.what_time("现在几点了", morning_utc) == "现在是13点20分。"
    assert small_talk.what_time("几点开门", morning_utc) is None
    assert small_talk.what_time("社区几点上班", morning_utc) is None


def test_a_grandchilds_birthday_congratulates_the_family_and_ones_own_the_sender() -> None:
    for words in ("我孙子今天过生", "不是我过生 是我孙子", "我妈明天八十大寿"):
        said = small_talk.reply(words)
        assert said is not None and "祝您生日" not in said and "寿星" in said, words
    assert "祝您生日快乐" in (small_talk.reply("今天我过生日 七十五了") or "")


def test_teasing_is_taken_kindly_and_ones_own_not_understanding_is_no_teasing() -> None:
    for words in ("笑死 啥子都不懂 河畔花园的", "哈哈 逗你的"):
        said = small_talk.reply(words)
        assert said is not None and "包涵" in said, words
    assert small_talk.reply("我啥子都不懂 低保咋个办") is None


@pytest.mark.parametrize("words", ["滚哦 烦得很", "你好笨哦", "滚噻"])
def test_a_brush_off_or_calling_the_bot_stupid_is_calmed(words: str) -> None:
    assert triage.abuse_only(words)


def test_rolling_is_no_abuse() -> None:
    assert not triage.is_abuse("球滚到车底下去了")


@pytest.mark.parametrize("words", ["可以发照片不", "能不能发图片", "发照片可以不"])
def test_whether_a_photo_may_be_sent_is_answered(words: str) -> None:
    assert triage.information_request(words) == "how_to_photo"


@pytest.mark.parametrize("words", [
    "有个自称网格员的来敲门 要登记我家存款 是不是真的哦",
    "门口来了个人说是社区的要进屋看 我咋个晓得他是不是真的网格员",
    "有人穿起制服说是社区的 要收我家户口本复印件 是不是骗子哦",
])
def test_someone_at_the_door_as_a_grid_worker_is_checked_and_given_nothing(words: str) -> None:
    assert fraud_calls.visit_doubted(words)
    said = fraud_calls.visit_check("0874-3112345")
    assert "姓名" in said and "0874-3112345" in said and "存款" in said and "复印件" in said and len(said) <= SMS


@pytest.mark.parametrize("words", ["网格员打电话要我验证码 是不是骗子", "网格员是不是真的会上门",
                                   "社区的人来登记 是真的不"])
def test_codes_asked_for_or_no_visitor_asking_anything_is_no_visit_check(words: str) -> None:
    assert not fraud_calls.visit_doubted(words)


def test_a_scratch_that_bled_asked_about_gets_the_rabies_advice() -> None:
    assert advice_asked.advice("猫把我手抓出血了 要不要打疫苗") == danger_signs.BITE_ADVICE
    assert advice_asked.advice("遭狗咬了一口 流血了 在阳光小区19栋") is None  # a place: a report


def test_a_rat_bite_asked_about_gets_wash_and_see_a_doctor() -> None:
    said = advice_asked.advice("遭老鼠咬了 要打针不")
    assert said == advice_asked.RAT_ADVICE and "冲洗" in said and "医院" in said and len(said) <= SMS
    assert advice_asked.advice("安居苑3栋老鼠好多 咬烂了电线") is None


def test_water_smelling_of_bleach_gets_the_water_advice() -> None:
    words = "河畔花园的水有股漂白粉味道 能不能喝哦"
    assert triage.has_problem(words) and care_words.water_advice(words) == care_words.WATER


@pytest.mark.parametrize("words", ["安局苑5栋楼道灯坏了", "按居苑门口的井盖烂了"])
def test_a_short_estate_name_typed_with_a_slip_is_that_estate(demo_db: Database, words: str) -> None:
    with demo_db.session() as s:
        assert match_place(s, words).name == "安居苑"


@pytest.mark.parametrize("words", ["安居公园的长椅坏了", "我在安装苑子的门", "居苑"])
def test_two_characters_of_a_short_estate_name_without_a_place_after_are_not_it(demo_db: Database,
                                                                                 words: str) -> None:
    with demo_db.session() as s:
        assert match_place(s, words).name != "安居苑"

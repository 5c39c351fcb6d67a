"""Blind test 32 (docs/usertests/2026-12-07-blind20.md): small questions answered wrong or not at all — the words
that find each answer, in several wordings, and the words that must not."""

from __future__ import annotations

import pytest

from bot.common.settings import Settings
from bot.core import how_to, registration, small_talk
from bot.core.knowledge import load_knowledge
from bot.core.questions import Whom

BASE = load_knowledge(Settings(_env_file=None).knowledge_dir)


@pytest.mark.parametrize("words", ["网格员是干啥子的", "网格员到底是做什么的嘛", "网格员管些啥子哦", "啥子是网格员",
                                   "网格员是个啥子官哦", "网格员平时负责哪些事"])
def test_asking_what_a_grid_worker_does_is_a_question_of_its_own(words: str) -> None:
    assert how_to.asks_grid_worker_role(words), words


@pytest.mark.parametrize("words", ["网格员是哪个", "网格员电话多少", "网格员管不管楼道灯", "我要投诉网格员",
                                   "网格员好久来"])
def test_who_a_grid_worker_is_or_a_complaint_is_no_question_of_the_role(words: str) -> None:
    assert not how_to.asks_grid_worker_role(words), words


def test_the_role_reply_names_the_senders_grid_worker_within_one_sms_part() -> None:
    own = how_to.grid_worker_role_reply("李磊", "13700000001", grid_worker=True)
    station = how_to.grid_worker_role_reply("便民服务中心", "0874-3112345", grid_worker=False)
    assert "上门走访" in own and "李磊" in own and "13700000001" in own and len(own) <= 70, own
    assert "0874-3112345" in station and len(station) <= 70, station


@pytest.mark.parametrize("words", ["我要改个名字 登记的名字写错了", "我的名字登记错了", "身份证号写错了 咋个改",
                                   "住址登记得不对", "改一下我的名字", "登记错了我的生日",
                                   "登记的地址写错了"])
def test_a_registered_detail_said_wrong_is_a_correction(words: str) -> None:
    assert registration.says_detail_wrong(words), words


@pytest.mark.parametrize("words", ["我换了手机号码", "我叫王秀英", "电话号码写错了", "路灯坏了", "报名表填好了",
                                   "地址写错了 是9栋", "地址不对 是河畔花园", "登记的地址不对 是5栋2单元"])
def test_a_new_number_or_a_name_alone_is_no_correction_of_details(words: str) -> None:
    assert not registration.says_detail_wrong(words), words


def test_the_correction_reply_sends_to_the_grid_worker_and_never_speaks_of_numbers() -> None:
    reply = registration.detail_wrong_reply(Whom("李磊", "13700000001", grid_worker=True))
    assert "网格员李磊13700000001" in reply and "核实" in reply and "号码" not in reply and len(reply) <= 70, reply


@pytest.mark.parametrize("words", ["你们这个好用不哦", "这个好不好用", "你们这个管用不", "网格通好使不"])
def test_asking_whether_the_service_is_any_good_gets_a_warm_word(words: str) -> None:
    reply = small_talk.reply(words)
    assert reply is not None and "好用" in reply and "网格员" in reply, (words, reply)


@pytest.mark.parametrize("words", ["这个东西有啥用", "你们这个能做啥子"])
def test_asking_what_the_service_is_for_says_what_it_does(words: str) -> None:
    reply = small_talk.reply(words)
    assert reply is not None and "服务号" in reply, (words, reply)


def test_whether_a_medicine_works_is_no_small_talk() -> None:
    assert small_talk.reply("这个药有没有用") is None


@pytest.mark.parametrize(("question", "entry"), [
    ("垃圾分类咋个分哦 搞不懂", "waste_sorting"), ("干垃圾湿垃圾咋个分 分不来", "waste_sorting"),
    ("垃圾咋个分类哦", "waste_sorting"),
    ("我屋头的燃气费咋个交", "gas_bill"), ("天然气费在哪点交嘛", "gas_bill"), ("燃气卡没钱了 在哪点充", "gas_bill"),
    ("想办个独生子女证 要啥子", "only_child"), ("独生子女光荣证在哪点办", "only_child"),
    ("社区有没得免费理发的", "free_services"), ("哪里可以免费剪头发", "free_services"), ("有没得义诊", "free_services"),
    ("我想咨询下 离婚要去哪里办", "divorce"), ("离婚要带啥子", "divorce"), ("离婚的事找哪个问", "divorce"),
    ("我是外地来打工的 孩子能在这边读书不", "school_enrolment"), ("我外地来的 娃娃能在这读书不", "school_enrolment"),
    ("随迁子女咋个入学", "school_enrolment"),
    ("派出所几点上班", "police_station"), ("派出所周末上不上班", "police_station"),
    ("社区在哪里办老年证 我腿脚不好 能不能上门办", "errands_at_home"),
    ("我老汉走不动了 身份证能不能上门办", "errands_at_home"),
    ("我妈住院了 有啥子补助能申请", "medical_assistance"), ("老伴住院了 能申请啥子补贴", "medical_assistance"),
    ("我老汉住院花了好几万 有没得补助", "medical_assistance"),
    ("骑手有没得啥子补贴", "rider_benefits"), ("送外卖的有啥子福利", "rider_benefits"),
])
def test_each_small_question_finds_its_own_entry(question: str, entry: str) -> None:
    for audience in ("residents", "riders"):
        found = BASE.find(question, audience)
        assert found is not None and found.entry.id == entry, (question, audience, BASE.ranked(question, 3, audience))


@pytest.mark.parametrize(("question", "entry"), [
    ("我妈住院了 医保能报好多", "medical_insurance_claim"), ("社区有没得法律咨询 我想问离婚的事", "legal_aid"),
    ("搬过来了孩子想转到这边读书", "school_transfer"), ("老年证在哪点办", "elderly_card"),
    ("骑手当网格员给钱不", "rider_benefits"), ("派出所在哪里", "police_station"),
])
def test_the_neighbouring_entries_keep_their_questions(question: str, entry: str) -> None:
    found = BASE.find(question)
    assert found is not None and found.entry.id == entry, (question, BASE.ranked(question))


def test_sorting_rubbish_names_the_four_bins_with_an_example_each_and_is_answered_before_the_classifier() -> None:
    found = BASE.find("垃圾分类咋个分哦 搞不懂")
    assert found is not None and found.entry.early and BASE.early("垃圾分类咋个分哦 搞不懂")
    for bin_, example in (("可回收物", "纸箱"), ("有害垃圾", "电池"), ("厨余垃圾", "剩饭"), ("其他垃圾", "纸巾")):
        assert bin_ in found.entry.answer and example in found.entry.answer, found.entry.answer


# 电费咋个交 is answered early since blind test 36 (E8b: 电费咋个交 我不会用手机 got the menu): the bill entry is early
# when paying is asked.
@pytest.mark.parametrize("question", ["燃气费咋个交", "垃圾好几天没人收", "社区有没得舞蹈队", "社区有没得老年大学"])
def test_only_the_entries_marked_early_are_answered_before_the_classifier(question: str) -> None:
    assert not BASE.early(question)

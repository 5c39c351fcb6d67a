"""Blind test 25 (#8 and smaller): problem words eaten or misread, openers with 问 not understood. A gas meter
running fast is a thing held for its problem, never a leak; what a problem stops (洗不成澡) or a room of the home
(厕所) in answer to "where?" is more of the problem; 嬢嬢问你个事 is listened to; the weather, an apology, a message
sent to the wrong person and someone named asked of their plans get a kind word; a rating's particle (还行吧) never
begins the remark passed on."""

from __future__ import annotations

import pytest

from bot.core import answers, chatter, followups, openers, place_answers, small_talk, triage
from bot.core.places import within_held
from bot.store.db import Database


@pytest.mark.parametrize("text", ["我们屋那个天然气表", "屋头那个燃气表", "我家的煤气表", "楼下那个气表"])
def test_a_gas_meter_named_alone_is_held_as_a_thing_never_a_leak(text: str):
    assert not triage.has_danger(text) and not triage.has_problem(text)
    assert openers.names_only_who(text), text
    assert "表怎么了" in openers.who_asked(text)


def test_a_gas_meter_running_fast_is_a_report_not_a_leak():
    for text in ("走得好快哦 是不是坏了", "天然气表走得好快 是不是坏了", "燃气表转得飞快 怕是坏了"):
        assert triage.has_problem(text) and not triage.has_danger(text), text


@pytest.mark.parametrize("text", ["洗不成澡", "做不成饭了", "晚上睡不着", "用不了了", "上不了厕所", "没法洗澡"])
def test_what_a_problem_stops_in_answer_to_where_is_more_of_the_problem(text: str):
    assert place_answers.reading(text) == "problem"


@pytest.mark.parametrize("text", ["厕所", "我家厨房", "卫生间里头", "屋头阳台", "客厅"])
def test_a_room_of_the_home_in_answer_to_where_is_more_of_the_problem(text: str):
    assert place_answers.reading(text) == "problem"


@pytest.mark.parametrize("text", ["安居苑5栋2单元", "河畔花园10栋", "公厕旁边", "安居苑3栋厕所"])
def test_a_real_place_in_answer_to_where_is_still_a_place(text: str):
    assert place_answers.reading(text) is None


def test_a_room_joins_the_report_text_before_its_problem():
    assert place_answers.report_with("屋头", "厕所") == "屋头 厕所"
    assert place_answers.report_with("我屋头热水器坏球了", "洗不成澡") == "我屋头热水器坏球了 洗不成澡"


@pytest.mark.parametrize("text", ["嬢嬢问你个事", "娃儿 我问哈", "大姐 问个事哈", "阿姨 想问你个事情",
                                  "幺妹 我想问一下哈", "小伙子 请教个事", "领导 打听个事"])
def test_an_opener_with_wen_after_any_address_term_is_listened_to(text: str):
    assert openers.says_no_problem_yet(text), text
    assert openers.no_problem_yet_reply(text) == openers.LISTENING


def test_asking_with_a_problem_or_a_question_named_is_no_opener():
    for text in ("大姐 问个事 路灯坏了找哪个", "娃儿 我问哈 低保咋个办"):
        assert not openers.says_no_problem_yet(text), text


@pytest.mark.parametrize("text,place", [("你好 我住河畔花园的 有点事想问下", "河畔花园"),
                                        ("我住安居苑的 想打听个事", "安居苑"),
                                        ("我是阳光小区的 有个事想问一下", "阳光小区")])
def test_an_introduction_ending_about_to_ask_is_listened_to_and_its_place_kept(text: str, place: str):
    assert chatter.introduces_only(text) and chatter.about_to_ask(text), text
    assert chatter.introduced_place(text) == place
    reply = chatter.listening_at(place)
    assert reply.startswith("您说，我听着") and followups.PLACE_HELD_MARK + place in reply and len(reply) <= 67


@pytest.mark.parametrize("text,kind", [("今天好冷哦 怕是要下雪了", "保暖"), ("这两天热得很", "防暑"),
                                       ("怕是要下雨了", "带伞"), ("没啥子 随便看看", "随时欢迎"),
                                       ("随便问问", "随时欢迎"), ("不好意思 发错人了", "网格通"),
                                       ("发错号码了 不好意思", "网格通"), ("我刚才说错话了 对不起", "没关系"),
                                       ("对不起哈 刚才态度不好", "没关系")])
def test_weather_wrong_person_and_apologies_get_a_kind_word(text: str, kind: str):
    said = small_talk.reply(text)
    assert said is not None and kind in said and len(said) <= 70, said


@pytest.mark.parametrize("text", ["屋头好冷 暖气不热", "家里热死了 空调坏了", "不好意思 搞错了 不用来了",
                                  "对不起 说错了 不是路灯 是楼道灯", "不好意思 打扰一下 问个事", "不好意思 路灯坏了"])
def test_a_problem_a_withdrawal_or_a_correction_beside_them_is_no_small_talk(text: str):
    assert small_talk.reply(text) is None


@pytest.mark.parametrize("text", ["喂 王师傅 你明天来修热水器不", "张姐 你今天下午在屋头没得",
                                  "李哥 你几点过来拿钥匙嘛"])
def test_someone_named_asked_of_their_plans_is_meant_for_someone_else(text: str):
    assert chatter.meant_for_someone_else(text)


@pytest.mark.parametrize("text", ["王师傅 你们明天来修热水器不", "师傅 你明天来不", "王师傅 你明天来 我家着火了",
                                  "张姐 楼道灯坏了"])
def test_the_service_asked_or_a_problem_told_is_not_someone_elses_message(text: str):
    assert not chatter.meant_for_someone_else(text)


@pytest.mark.parametrize("text,score,reason", [("还行吧 就是来得有点慢", 2, "就是来得有点慢"),
                                               ("还可以吧 师傅态度好", 2, "师傅态度好"),
                                               ("一般般吧，等了三天", 2, "等了三天"),
                                               ("还好啦 就是有点脏", 2, "就是有点脏")])
def test_a_rating_phrase_is_stripped_whole_before_its_remark(text: str, score: int, reason: str):
    assert answers.rating_in(text) == answers.Rating(score, reason)


@pytest.mark.parametrize("text", ["我家燃气灶打不燃火了", "热水器点不着火", "灶打不燃了 两天了", "炉子生不起火"])
def test_a_stove_that_will_not_light_is_a_fault_never_a_fire(text: str):
    assert triage.has_problem(text) and not triage.has_danger(text), text
    assert not triage.is_emergency(text, classified_as_emergency=True)


@pytest.mark.parametrize("text", ["燃气灶打不燃火 屋头一股煤气味", "厨房着火了"])
def test_gas_smelt_or_a_fire_beside_it_is_still_a_danger(text: str):
    assert triage.has_danger(text) and triage.is_emergency(text, classified_as_emergency=False)


def test_a_building_named_after_an_introduction_is_completed_by_the_held_estate(demo_db: Database):
    with demo_db.session() as s:
        assert within_held(s, "18栋楼道", "河畔花园") == "河畔花园18栋楼道"
        assert within_held(s, "", "河畔花园") == "河畔花园"
        assert within_held(s, "安居苑3栋", "河畔花园") == "安居苑3栋"  # another estate named: the report's own
        assert within_held(s, "18栋楼道", "") == "18栋楼道"

"""What blind test 22 found unanswered or answered wrongly in chat that is no report: small talk answered in kind,
office hours in other words, how to send a photo in either word order, someone else's number refused, where one
lives answered with the grid and its worker (never a number-change task), the callback notice quoting the question,
and what to do about a gas smell."""

from __future__ import annotations

import pytest

from bot.common.clock import FakeClock
from bot.core import questions, residence, small_talk, someones_number, triage
from bot.core.knowledge import load_knowledge
from bot.store.db import Database
from tests.conftest import DUTY_OFFICER
from tests.core.helpers import RULES, messages_to

KNOWLEDGE = load_knowledge("config/knowledge")


@pytest.mark.parametrize(("text", "kind_word"), [
    ("今天天气好安逸哦 吃了没得", "谢谢关心"), ("你们吃饭没得", "谢谢关心"),
    ("你是机器人还是真人嘛", "不是真人"), ("我孙子考起大学了 高兴得很", "恭喜"),
])
def test_small_talk_is_answered_in_kind_with_one_line_of_what_the_bot_does(text: str, kind_word: str):
    reply = small_talk.reply(text)
    assert reply is not None and kind_word in reply and "路灯坏了" in reply and len(reply) <= 70, reply
    assert "帮不上" not in reply


@pytest.mark.parametrize("text", ["路灯坏了", "我孙子考起大学了 学费有没得补助", "结婚证在哪办", "谢谢你",
                                  "3栋302天气好", "天气好 楼道灯又坏了", "傻逼机器人"])
def test_a_problem_a_question_or_abuse_is_no_small_talk(text: str):
    assert small_talk.reply(text) is None


@pytest.mark.parametrize("question", ["社区好久下班", "社区几点开门", "周末上不上班", "中午休息不", "社区几点上班"])
def test_office_hours_asked_in_other_words_get_the_hours(question: str):
    found = KNOWLEDGE.find(question)
    assert found is not None and found.entry.id == "service_station", question


def test_what_to_do_about_a_gas_smell_is_the_safety_advice_and_a_broken_switch_is_not():
    found = KNOWLEDGE.find("我要不要把窗子打开 电灯开关能不能按")
    assert found is not None and "别点火" in found.entry.answer and "开窗" in found.entry.answer
    assert KNOWLEDGE.find("电灯开关坏了咋个修") is None
    paying = KNOWLEDGE.find("燃气费咋个交")  # how to pay (blind test 32, B126), never the smell's safety advice
    assert paying is not None and "别点火" not in paying.entry.answer


@pytest.mark.parametrize("text", ["照片咋个发给你们", "照片怎么发", "咋个发照片", "图片咋个传"])
def test_how_to_send_a_photo_is_asked_in_either_word_order(text: str):
    assert triage.information_request(text) == "how_to_photo"


def test_someone_elses_number_is_refused_and_a_problem_beside_it_stays_a_report():
    assert triage.information_request("帮我查一下楼上李婆婆家的电话号码 我找她有事") == "someone_contact"
    leak = "帮我查一下楼上李婆婆家的电话号码 他家漏水漏到我家了"
    assert triage.asks_someones_number(leak) and triage.has_problem(leak)
    assert someones_number.without_number_request(leak) == "楼上李婆婆家漏水漏到我家了"  # whose leak kept
    assert not triage.asks_someones_number("我的网格员电话多少")
    assert not triage.asks_someones_number("我要查一下我的工单")


@pytest.mark.parametrize("text", ["我住河滨社区", "我住在河畔花园", "我家住安居苑"])
def test_a_plain_statement_of_where_one_lives_is_no_number_change(text: str):
    assert residence.says_where_they_live(text)


@pytest.mark.parametrize("text", ["我是安居苑的 换了个号码 以前那个号丢了", "我住河滨社区 想登记一下",
                                  "我住河畔花园 路灯坏了", "我住河畔花园的 网格员是哪个"])
def test_a_number_change_a_problem_or_a_question_is_not_a_plain_statement(text: str):
    assert not residence.says_where_they_live(text)


def test_a_named_estate_gives_its_grid_and_worker_and_a_community_of_several_grids_asks_which(demo_db: Database):
    with demo_db.session() as s:
        estate = residence.grid_contact(s, "我住河畔花园的 网格员是哪个")
        assert estate is not None and "河畔花园" in estate and "网格员是" in estate and "电话137" in estate, estate
        community = residence.lives_reply(s, "我住河滨社区")
        assert "哪个小区" in community and len(community) <= 70, community
        assert residence.grid_contact(s, "我住火星上") is None


def test_the_callback_notice_quotes_the_question_asked(demo_db: Database):
    clock = FakeClock()
    with demo_db.session() as s:
        miss = questions.log_miss(s, clock, "+8613999990180", "simulator", "老年卡在哪点办 坐公交免费那种")
        opened = questions.ask_callback(s, clock, RULES, miss)
        handlers = [opened.assignee.phone] if opened.assignee is not None else []
    to = handlers[0] if handlers else DUTY_OFFICER
    told = [m for m in messages_to(demo_db, to) if "请回电" in m]
    assert any("老年卡在哪点办" in m and "13999990180" in m for m in told), told


@pytest.mark.parametrize("text", ["周末上不上班", "中午休息不", "开不开门"])
def test_an_hours_question_in_a_not_a_form_is_a_question_never_a_report(text: str):
    assert triage.information_request(text) == "question"

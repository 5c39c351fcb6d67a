"""Blind test 28 (docs/usertests/2026-12-06-blind16.md, B-H7a–d, A-B24, B6, B87, B75, B76, B82, B82-2, B17, A13,
A-B110, A-B20, B25, A-B17, A-B18, B21, B23, B49, B74, A-B105p, A-B111, B81, B81-2, B72, B73, B-Z1): words said in
anger, a complaint to someone above, canned answers picked wrongly, and the policy questions the knowledge base
could not answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import angry_words, chatter, complaints, follow_up_reading, question_kinds, small_talk, triage
from bot.core.knowledge import load_knowledge
from bot.store.db import Database
from bot.store.models import Ticket
from tests.conftest import DUTY_OFFICER, RESIDENT, STRANGER
from tests.core.helpers import COMMUNITY_SECRETARY, RULES, messages_to

KNOWLEDGE = load_knowledge(Path(__file__).resolve().parents[2] / "config" / "knowledge")


@pytest.mark.parametrize("text", [
    "发了八百遍了 到底有没有人管 安居苑路灯", "安居苑的路灯 垃圾 下水道 没一样是好的 你们管不管",
    "说了好多遍了 3栋的楼道灯还是没人管", "你们到底管不管 阳光小区门口那个井盖",
])
def test_a_thing_named_in_anger_is_a_report(text: str):
    assert angry_words.left_unattended(text)
    assert triage.has_problem(text) and triage.information_request(text) is None


@pytest.mark.parametrize("text", ["打了好多次电话 没人理", "到底有没有人管", "你们这些当官的就晓得收钱"])
def test_anger_with_no_thing_named_is_no_report_of_a_thing(text: str):
    assert not angry_words.left_unattended(text)


@pytest.mark.parametrize("text", [
    "你们这些当官的就晓得收钱 老百姓的事一点都不管", "你们一天到黑吃干饭的", "你们就是光拿钱不办事",
])
def test_venting_at_officials_with_no_problem_is_calmed(text: str):
    assert angry_words.vents(text) and not triage.has_problem(text)


@pytest.mark.parametrize("text", ["发了八百遍了 到底有没有人管 安居苑路灯", "我们去吃饭了", "网格员今天来收了垃圾",
                                  "你们到底管不管嘛", "网格通有啥用"])
def test_a_report_plain_words_an_urge_or_a_question_about_us_are_no_venting(text: str):
    assert not angry_words.vents(text)


@pytest.mark.parametrize("text", ["算了 跟机器说有啥用", "跟机器人讲有什么用嘛", "说了也白说"])
def test_giving_up_on_the_machine_is_seen(text: str):
    assert angry_words.gives_up(text)
    assert "0874-3112345" in angry_words.call_a_person("便民服务中心", "0874-3112345")
    assert len(angry_words.call_a_person("便民服务中心", "0874-3112345")) <= 70


@pytest.mark.parametrize("text", ["算了 不报了", "跟邻居说了 没用"])
def test_a_stand_down_is_not_giving_up_on_the_machine(text: str):
    assert not angry_words.gives_up(text)


@pytest.mark.parametrize(("text", "nothing_more"), [
    ("我要找你们领导 投诉", True), ("我要投诉", True), ("叫你们领导出来", True),
    ("我要投诉 物业经理天天骂人", False),
])
def test_asking_for_someone_above_is_a_complaint(text: str, nothing_more: bool):
    assert complaints.complains_to_superiors(text)
    assert complaints.says_nothing_more(text) is nothing_more


@pytest.mark.parametrize("text", ["书记电话多少", "找书记盖章", "路灯坏了", "居委会主任是哪个", "我的投诉处理得咋样了",
                                  "投诉到12315了"])
def test_a_question_about_a_secretary_is_no_complaint(text: str):
    assert not complaints.complains_to_superiors(text)


def test_a_complaint_from_a_stranger_goes_to_the_duty_officer_and_asks_what_happened(demo_db: Database,
                                                                                   clock: FakeClock):
    with demo_db.session() as s:
        answer = complaints.lodge_general(s, clock, RULES, STRANGER, "sms", "我要找你们领导 投诉")
    assert "街道值班员" in answer and "什么事" in answer and len(answer) <= 70, answer
    with demo_db.session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.reporter_address == STRANGER))
        assert complaints.is_complaint(ticket) and complaints.awaits_what_happened(ticket)
        assert follow_up_reading.read_follow_up(
            s, ticket, "上个月有人上门收了我两百块钱", "report_issue", "other") == "detail"
        number = ticket.number
    assert any(number in m for m in messages_to(demo_db, DUTY_OFFICER))


def test_a_complaint_from_a_resident_goes_to_the_community_secretary(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        answer = complaints.lodge_general(s, clock, RULES, RESIDENT, "sms", "我要投诉 物业经理天天骂人")
    assert "幸福社区" in answer and "什么事" not in answer, answer
    with demo_db.session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.reporter_address == RESIDENT))
        assert ticket.assignee.phone == COMMUNITY_SECRETARY and not complaints.awaits_what_happened(ticket)


@pytest.mark.parametrize("text", ["安居苑快递总是被人拿走 能不能装个监控", "路口能不能加个减速带", "希望多装几盏路灯"])
def test_something_for_everyone_asked_to_be_put_up_is_a_request_to_file(text: str):
    assert question_kinds.asks_for_a_fix(text) and triage.has_problem(text)


@pytest.mark.parametrize("text", ["快递老是丢 快递柜在哪点", "小区绿化带里能不能种点菜", "厨房灯泡坏了 咋个换嘛"])
def test_a_question_is_no_request_to_file(text: str):
    assert not question_kinds.asks_for_a_fix(text)


@pytest.mark.parametrize("text", ["老年人坐公交免费不", "安居苑有人在群里说要拆迁 是真的不", "听说要收管理费 真的假的"])
def test_whether_it_is_free_or_true_is_asked(text: str):
    assert triage.information_request(text) == "question"


def test_a_canteen_asked_about_is_no_chat_meant_for_a_friend():
    assert not chatter.meant_for_someone_else("社区有没有老年食堂 吃饭便宜不")
    assert chatter.meant_for_someone_else("晚上一起吃火锅不")
    assert chatter.meant_for_someone_else("兄弟 晚上一起吃火锅不")


@pytest.mark.parametrize("text", ["早上好呀", "晚上好", "大家中午好"])
def test_a_greeting_of_the_time_of_day_is_greeted_back_not_told_we_need_no_food(text: str):
    reply = small_talk.reply(text)
    assert reply is not None and "您好" in reply and "吃饭" not in reply


@pytest.mark.parametrize(("question", "entry_id"), [
    ("凭啥子物业费又涨价了 安居苑的 哪个批的", "property_fee"),
    ("燃气开户咋个办 刚搬来安居苑", "gas_account"), ("刚搬来 燃气咋个开通", "gas_account"),
    ("社区有没有老年食堂 吃饭便宜不", "elderly_meals"),
    ("听说安居苑要收什么管理费 每户五百 真的假的", "fee_rumour"),
    ("老年人坐公交免费不", "elderly_bus"),
    ("低报哪个申请 屋头困难得很", "dibao_apply"), ("低包咋个办哦", "dibao_apply"),
    ("能不能给我开个居住证明 办贷款要用", "residence_certificate"),
    ("社区医院几点开门哦", "health_centre"),
    ("老年证咋个办 我今年七十一了", "elderly_card"), ("小娃娃打疫苗去哪点打", "vaccination"),
    ("廉租房咋个申请 我们屋头五口人挤一间", "public_housing"), ("退役军人优待证在哪里办", "veteran_card"),
    ("我想问下 垃圾分类咋个分", "waste_sorting"), ("水费在哪里交", "water_bill"),
    ("问一下 安居苑停车费好多钱一个月", "parking_fee"), ("幺儿 我屋头电视没得信号了 咋个整", "tv_signal"),
    ("快递老是丢 快递柜在哪点", "parcel_lockers"), ("搬出来了 老家的地咋个办 还是我的不", "land_contract"),
    ("小区绿化带里能不能种点菜", "green_belt"), ("安居苑有人在群里说要拆迁 是真的不", "demolition_rumour"),
    ("你们能不能帮我找个保姆", "housekeeping"),
    # the same, in other words
    ("老人办个敬老卡要啥子", "elderly_card"), ("娃娃的预防针在哪里打", "vaccination"),
    ("公租房咋个申请", "public_housing"),
    ("自来水费咋个交", "water_bill"), ("电视机顶盒没信号", "tv_signal"), ("天然气开户要带啥", "gas_account"),
])
def test_the_questions_of_the_blind_test_find_their_entry(question: str, entry_id: str):
    found = KNOWLEDGE.find(question)
    assert found is not None and found.entry.id == entry_id, [(f.entry.id, f.score) for f in KNOWLEDGE.ranked(question)]


@pytest.mark.parametrize(("question", "not_this"), [
    ("燃气开户咋个办 刚搬来安居苑", "gas_smell_safety"), ("能不能给我开个居住证明 办贷款要用", "residence_permit"),
    ("社区医院几点开门哦", "service_station"), ("听说安居苑要收什么管理费 每户五百 真的假的", "residence_permit"),
    ("被邻居家的狗咬了 要不要打狂犬疫苗", "vaccination"), ("银行开户要带啥", "gas_account"),
    ("燃气费咋个交", "gas_account"), ("公交车站在哪点", "elderly_bus"),
    ("开个无犯罪证明在哪开", "residence_certificate"),
    ("安居苑的路灯 垃圾 下水道 没一样是好的", "waste_sorting"),
])
def test_a_near_question_is_not_given_the_wrong_entry(question: str, not_this: str):
    found = KNOWLEDGE.find(question)
    assert found is None or found.entry.id != not_this, found

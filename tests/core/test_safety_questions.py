"""Is it safe to do this? One detector and one table of drills by kind (bot/core/safety_questions.py) for a question
during an ordinary report and during an open emergency. Blind test 28 (docs/usertests/2026-12-06-blind16.md): a bin on
fire outdoors gets the small-fire drill, never the indoor escape (A-C8); someone choking gets back blows and the
Heimlich manoeuvre, never the collapse advice (B-K2a); a question during a beating names the police, never the firemen
(A-B99-2b). The gas drill is written once: the first reply, the advice and both safety answers say the same."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.common.clock import FakeClock
from bot.core import emergency_followups, emergency_numbers, emergency_updates, safety_questions
from bot.store.db import Database
from tests.conftest import STRANGER
from tests.core.helpers import RULES, make_report, submit, ticket

WINDOW = timedelta(minutes=30)
PHONES = ("110", "119", "120", "119和120", "120和110", "119和110", "110、120和119", "电梯救援电话或119")


@pytest.mark.parametrize("asked", ["用水泼得不", "可以用水泼不", "能不能拿湿毛巾去盖", "抽油烟机能开不", "灯可以开不",
                                   "电闸要不要拉", "燃气阀要关不", "电梯能坐不", "能不能打个火看一下", "要不要给他拍背",
                                   "我可以自己去把阀门关了不", "可以开窗吗"])
def test_one_detector_hears_a_safety_question_on_either_path(asked: str):
    assert safety_questions.asks(asked), asked
    assert emergency_followups.may_be_about(asked), asked


@pytest.mark.parametrize("said", ["有一米多长 怕要垮", "那个灯到底哪天修得好嘛", "能不能派人来看一下",
                                  "你们能不能快点来", "可以帮我查一下不", "好久来收嘛", "人找到没得", "是3栋2单元",
                                  "火越来越大了 能不能快点"])
def test_more_of_the_problem_a_request_of_us_or_a_status_question_is_no_safety_question(said: str):
    assert not safety_questions.asks(said), said


@pytest.mark.parametrize("kind", sorted(safety_questions.DRILLS))
def test_every_drill_fits_one_sms_part_on_either_path(kind: str):
    drill = safety_questions.DRILLS[kind]
    assert len(drill.report.format(steps=drill.steps)) <= 70
    for phone in PHONES:
        said = safety_questions.emergency_drill(kind, phone)
        assert drill.steps in said and phone in said and len(said) <= 70, (phone, said)


def _emergency(demo_db: Database, clock: FakeClock, text: str, category: str) -> str:
    return submit(demo_db, clock, make_report(text, sender=STRANGER, category=category, emergency=True))


def _answer(demo_db: Database, clock: FakeClock, said: str) -> str | None:
    with demo_db.session() as s:
        return emergency_followups.answer(s, clock, RULES, STRANGER, said, WINDOW)


def test_a_bin_on_fire_outdoors_gets_the_small_fire_drill_naming_119_never_the_indoor_escape(demo_db: Database,
                                                                                           clock: FakeClock):
    number = _emergency(demo_db, clock, "安居苑3栋门口垃圾桶着火了 在冒烟", "fire_safety")
    reply = _answer(demo_db, clock, "可以用水泼不")  # A-C8: "别开电器、别坐电梯，用湿毛巾捂住口鼻赶快往外走…"
    assert reply is not None and "用水泼" in reply and "等119来" in reply, reply
    assert "湿毛巾" not in reply and "电梯" not in reply
    assert "补充" not in ticket(demo_db, number).text


def test_a_fire_indoors_gets_the_escape_drill(demo_db: Database, clock: FakeClock):
    _emergency(demo_db, clock, "屋头着火了 好大的烟 河畔花园3栋", "fire_safety")
    reply = _answer(demo_db, clock, "电梯能坐不")
    assert reply is not None and "别坐电梯" in reply and "119" in reply and "用水泼" not in reply, reply


@pytest.mark.parametrize("asked", ["要不要给他拍背", "咋办 他脸都紫了"])
def test_someone_choking_gets_back_blows_and_the_heimlich_manoeuvre_never_the_collapse_advice(
        demo_db: Database, clock: FakeClock, asked: str):
    _emergency(demo_db, clock, "我爸吃汤圆卡到喉咙了 喘不上气 阳光小区5栋", "health")
    reply = _answer(demo_db, clock, asked)  # B-K2a: "请马上打120！先别挪动人，守在旁边，看有没有呼吸。"
    assert reply is not None and "拍背" in reply and "海姆立克" in reply and "120" in reply, reply
    assert "别挪动" not in reply


def test_the_gas_drill_is_said_the_same_in_the_first_reply_the_advice_and_both_safety_answers(demo_db: Database,
                                                                                              clock: FakeClock):
    text = "屋头好大一股煤气味 阳光小区2栋"
    first = emergency_followups.safety_first(text)
    _emergency(demo_db, clock, text, "fire_safety")
    advice, asked = _answer(demo_db, clock, "咋办"), _answer(demo_db, clock, "抽油烟机能开不")
    ordinary = safety_questions.answer("抽油烟机能开不", "屋头有股煤气味")
    assert first == safety_questions.GAS
    for said in (advice, asked, ordinary):
        assert said is not None and safety_questions.GAS in said and "119" in said, said


def test_an_ordinary_report_names_its_kind_before_the_question():
    assert "总闸" in safety_questions.answer("能不能拿湿毛巾去盖", "楼道里的电线在冒火花")  # sparks: electricity first
    assert "燃气阀" in safety_questions.answer("能不能打个火看一下", "屋头有股煤气味")  # 火 asked, the gas reported
    assert "用水泼灭" in safety_questions.answer("用水泼得不", "抽烟的把垃圾桶点燃了 在冒烟")
    assert "总水阀" in safety_questions.answer("我可以自己去把阀门关了不", "楼道水管爆了 水到处流")
    assert safety_questions.answer("电梯能坐不", "电梯门关不拢") == safety_questions.UNSURE  # never 拉总闸


@pytest.mark.parametrize(("text", "category", "who", "never"), [
    ("楼上两口子打架 男的在打女的 喊救命 河畔花园4栋", "public_security", "警察", "消防员"),  # A-B99-2b
    ("屋头着火了 好大的烟 河畔花园5栋", "fire_safety", "消防员", "警察"),
])
def test_a_question_mid_emergency_names_who_is_on_the_spot_for_its_number(demo_db: Database, clock: FakeClock,
                                                                         text: str, category: str, who: str,
                                                                         never: str):
    number = _emergency(demo_db, clock, text, category)
    phone = emergency_numbers.number_to_call(RULES, category, text)
    said = "警察来了没有哦 还在打" if who == "警察" else "消防车来了没有哦"
    assert emergency_updates.says_over(said)
    with demo_db.session() as s:
        emergency = emergency_updates.recent_emergency(s, clock, STRANGER, WINDOW)
        assert emergency is not None and emergency.number == number
        reply = emergency_updates.add_update(s, clock, emergency, said, STRANGER, phone=phone)
    assert who in reply and never not in reply and len(reply) <= 70, reply

"""Blind test 28's questions taken for something else (B93, B94, B94-2, B83, B84, B84-2), in the core: an emergency
service's number asked about is answered plainly (119, 120, 110), "我要报警" alone is told to call 110; a scam told
about gets the knowledge base's anti-fraud answer with 110 if money went. A danger, a report, our own number and a
plain policy question are neither."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import fraud_calls, service_numbers
from bot.core.knowledge import load_knowledge

NOT_SERVICE = [
    "着火了 火警电话多少",
    "我要报警 有人偷我东西",
    "你们的电话是多少",
    "我的网格员电话多少",
    "帮我查一下李婆婆家的电话号码",
    "路灯坏了",
    "低保咋个申请",
]
SCAMS = [
    "有人打电话说我医保卡被冻结了 要我转钱",
    "刚才有个自称公安的打电话 叫我把钱转到安全账户",
    "网格员上门登记要我身份证号 是不是骗子",
    "有人发短信要我的验证码",
]
NOT_SCAMS = [
    "社保卡丢了咋个办",
    "水费咋个转账",
    "你们是不是骗子",
    "我换号码了 新号码是13912345678",
    "有人在楼下打架 要我转钱不给就打",
]
KNOWLEDGE = load_knowledge(Path(__file__).resolve().parents[2] / "config" / "knowledge")


@pytest.mark.parametrize(("text", "number"), [("火警电话多少来着", "119"), ("消防电话是多少", "119"),
                                               ("120电话是多少", "120"), ("急救电话是好多", "120"),
                                               ("报警打哪个", "110"), ("报警电话是多少嘛", "110")])
def test_an_emergency_services_number_asked_is_answered_plainly(text: str, number: str):
    reply = service_numbers.reply(text)
    assert reply is not None and number in reply and len(reply) <= 70
    assert not ({"110", "119", "120"} - {number}) & {n for n in ("110", "119", "120") if n in reply}


@pytest.mark.parametrize("text", ["我要报警", "我要报警！", "喂 我想报警"])
def test_wanting_the_police_alone_is_told_to_call_110_and_say_where_and_what(text: str):
    assert service_numbers.reply(text) == service_numbers.WANT_POLICE


@pytest.mark.parametrize("text", NOT_SERVICE)
def test_a_danger_a_report_or_another_number_is_no_service_number_question(text: str):
    assert service_numbers.reply(text) is None


@pytest.mark.parametrize("text", SCAMS)
def test_a_scam_told_about_gets_the_anti_fraud_answer(text: str):
    assert fraud_calls.described(text)
    warning = fraud_calls.warning(KNOWLEDGE)
    fraud = next(e.answer for e in KNOWLEDGE.entries if e.id == fraud_calls.ENTRY)
    assert warning.startswith(fraud) and "96110" in warning and "110报警" in warning and len(warning) <= 70


@pytest.mark.parametrize("text", NOT_SCAMS)
def test_a_plain_question_our_own_trust_or_a_danger_is_no_scam_told(text: str):
    assert not fraud_calls.described(text)


@pytest.mark.parametrize("text", ["派出所电话多少", "青山派出所的电话是好多", "社区警务室电话号码是多少"])
def test_the_police_stations_number_asked_is_public_never_refused_as_someones(text: str):
    # blind test 32, A47: "这个电话不便提供" as if it were a private number
    reply = service_numbers.reply(text)
    assert reply == service_numbers.STATION and "110" in reply and "0874-3112345" in reply and len(reply) <= 70

"""Blind test 27 (docs/usertests/2026-12-06-blind15.md, A47, A81b, A82, A48, A3b, A49c, A-B126, B75, B108, B9, B105,
B23, A10b, A-B57b): a grid worker called a shirker, our number asked in other words, a dripping aircon, who we are,
an estate with no management, a plain question, a birthday, praise and age, a wrong number owned up to, and a rating
in words with the wait complained of."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import chatter, question_kinds, reaching_us, small_talk, triage
from bot.core.answers import rating_in
from bot.core.complaints import complains_about_worker
from bot.core.knowledge import load_knowledge
from bot.core.rating_remarks import raises_concern

KNOWLEDGE = load_knowledge(Path(__file__).resolve().parents[2] / "config" / "knowledge")


@pytest.mark.parametrize("text", [
    "网格员是个甩手掌柜 找他啥都推 河畔花园的", "你们网格员是甩手掌柜 事情都推来推去",
    "那个网格员一天到晚推三阻四 啥事都不给办",
    "网格员啥子事都推给别人", "我们网格员天天混日子",
])
def test_a_worker_said_to_shirk_is_a_complaint(text: str):
    assert complains_about_worker(text)


@pytest.mark.parametrize("text", ["网格员咋个还不来", "网格员帮我推了一下轮椅", "网格员来推了车子就走了"])
def test_a_worker_named_beside_no_failing_is_no_complaint(text: str):
    assert not complains_about_worker(text)


@pytest.mark.parametrize("text", [
    "我年纪大了不会打字 有没得电话可以打给你们", "我不认字 叫孙子帮我发的 有电话没得",
    "我字都认不到几个 你们有没得人工电话",
    "有没得电话号码嘛 我想直接打过来问", "耳朵背 接不到电话 只能发信息", "我耳朵聋 你们打电话我听不到 有事发短信给我",
    "眼睛不好 有没有电话 我直接打过来",
])
def test_our_number_asked_in_other_words_is_asked(text: str):
    assert reaching_us.asks(text)


@pytest.mark.parametrize("text", [
    "我换了新号码", "李婆婆家有电话没得", "电话打给你们好几次 路灯还是没修", "3栋路灯坏了 有电话没得",
])
def test_a_number_change_someone_elses_number_or_a_problem_is_not_asking_ours(text: str):
    assert not reaching_us.asks(text)


def test_an_aircon_dripping_on_a_sill_is_a_problem():
    assert triage.has_problem("他家空调水滴到我窗台上了")
    assert triage.has_problem("楼上空调一直往下滴")


@pytest.mark.parametrize(("text", "said"), [
    ("今天我过生", "生日快乐"), ("我满80了", "生日快乐"), ("今天我过生日 七十五了", "生日快乐"),
    ("今天我满七十岁了", "生日快乐"), ("你好聪明哦 比我孙子还会说", "谢谢夸奖"), ("你真能干", "谢谢夸奖"),
    ("你多大了 是男的女的", "没有年纪"), ("你今年几岁了", "没有年纪"),
    ("你们是哪个单位的 靠不靠谱哦", "网格通"), ("你们这个靠不靠谱哦", "正规可靠"),
])
def test_birthdays_praise_age_and_who_we_are_are_answered_in_kind(text: str, said: str):
    reply = small_talk.reply(text)
    assert reply is not None and said in reply and len(reply) <= 70, reply


@pytest.mark.parametrize("text", [
    "祝你生日快乐", "我咳嗽咳得好厉害", "今天垃圾桶满出来了", "有人说交钱能帮办事靠谱不",
    "我家80岁老人摔了", "我七十了 低保咋个申请",
])
def test_wishes_illness_problems_and_fraud_are_no_birthday_praise_or_who_we_are(text: str):
    reply = small_talk.reply(text) or ""
    assert "生日快乐、福寿" not in reply and "夸奖" not in reply and "正规可靠" not in reply, reply


@pytest.mark.parametrize("text", ["发错了 莫管哈", "发错了 别管它", "哦 发错了 不用管"])
def test_a_wrong_number_owned_up_to_in_other_words_is_missent(text: str):
    assert chatter.missent(text)


@pytest.mark.parametrize(("text", "reason"), [
    ("还将就 就是来得慢了点", "就是来得慢了点"), ("还可以 就是等得有点久", "就是等得有点久"),
    ("勉强嘛 等了好几天", "等了好几天"),
    ("将就", ""),
])
def test_a_rating_in_words_is_basically_satisfied_and_the_wait_a_concern(text: str, reason: str):
    assert rating_in(text) is not None and (rating_in(text).score, rating_in(text).reason) == (2, reason)
    assert raises_concern(reason) == bool(reason)


def test_a_plain_question_is_asked():
    assert question_kinds.plainly_asks("你好 我想问一下 安居苑的停车费好多钱一个月")
    assert question_kinds.plainly_asks("老年证咋个办")
    assert not question_kinds.plainly_asks("好的 谢谢")


def test_who_manages_an_estate_without_management_is_in_the_knowledge_base_and_the_fee_is_not():
    found = KNOWLEDGE.find("我们安居苑好久都莫得物业了 到底哪个来管嘛")
    assert found is not None and found.entry.id == "no_property_management"
    for other in ("物业费好多钱", "物业不管事", "物业电话多少"):
        found = KNOWLEDGE.find(other)
        assert found is None or found.entry.id != "no_property_management", other

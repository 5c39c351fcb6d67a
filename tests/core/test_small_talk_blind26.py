"""Blind test 26 (docs/usertests/2026-12-06-blind14.md, A11, A32, A42, A70, A71, A73, A3, B126): fog and wind talked
about, a lone elder afraid of the wind reassured, 爬 alone calmed, openers listened to, a message sent by mistake
owned up to, and someone who can only text given a number to call."""

from __future__ import annotations

import pytest

from bot.core import chatter, openers, reaching_us, small_talk, triage


@pytest.mark.parametrize(("text", "said"), [
    ("今天雾好大哦 啥子都看不到", "雾大"), ("外头风好大", "风大"), ("太阳好大", "天热了"),
    ("外头风好大 吹得窗子砰砰响 我一个人在屋头 有点怕", "别怕"), ("风好大 我好怕", "别怕"),
    ("没得啥子事 就看看", "欢迎"), ("喂", "您说，我听着"), ("在不在", "您说，我听着"),
])
def test_weather_browsing_and_calling_get_a_warm_word_never_a_question_of_where(text: str, said: str):
    reply = small_talk.reply(text)
    assert reply is not None and said in reply and "在哪" not in reply and len(reply) <= 70, reply


@pytest.mark.parametrize("text", [
    "外头风好大 把窗子玻璃吹烂了 我一个人在屋头 有点怕", "风好大 招牌吹掉下来了 好怕", "雾好大 车子撞了",
    "外头风好大 树吹倒了",
])
def test_a_real_problem_in_the_wind_or_fog_is_no_small_talk(text: str):
    assert small_talk.reply(text) is None


def test_the_wind_fear_reply_says_whom_to_call():
    reply = small_talk.reply("外头风好大 吹得窗子砰砰响 我一个人在屋头 有点怕")
    assert reply is not None and "110" in reply and "0874-3112345" in reply


@pytest.mark.parametrize("text", ["爬", "爬！", "爬开", "滚"])
def test_a_brush_off_alone_is_abuse_only(text: str):
    assert triage.abuse_only(text)


@pytest.mark.parametrize("text", ["爬楼梯好累 电梯坏了", "楼顶有人在爬", "爬山去不"])
def test_climbing_is_no_brush_off(text: str):
    assert not triage.is_abuse(text)


@pytest.mark.parametrize("text", ["老师 请问一下", "请问一下", "嬢嬢 问你个事情", "领导 麻烦问一哈"])
def test_someone_about_to_ask_is_listened_to(text: str):
    assert openers.says_no_problem_yet(text) and openers.no_problem_yet_reply(text) == openers.LISTENING


@pytest.mark.parametrize("text", ["哦 发错了 不好意思哈", "发错了 对不起哈", "打错了", "不好意思 发错人了", "发错了"])
def test_a_message_owned_up_to_as_sent_by_mistake(text: str):
    assert chatter.missent(text)


@pytest.mark.parametrize("text", ["发错了 撤销", "照片发错了", "刚才报的发错了 是5栋", "地址发错了 是安居苑"])
def test_a_correction_or_a_withdrawal_is_no_mere_mistake(text: str):
    assert not chatter.missent(text)


@pytest.mark.parametrize("text", [
    "我耳朵不好 只能发短信", "我耳朵不好 电话听不到 有事只能发短信", "我不会打字 你们有没得电话",
    "我手抖打字慢 可以直接打电话给你们不", "可以直接打电话给你们不", "那你们的电话是多少嘛",
])
def test_asking_how_to_reach_us_by_phone_or_only_texting(text: str):
    assert reaching_us.asks(text)


@pytest.mark.parametrize("text", [
    "楼上李婆婆家的电话是多少", "我的网格员电话多少", "你们电话打不通 路灯坏了", "隔壁在打架 你们电话多少",
    "我耳朵不好 楼上天天吵 吵得睡不着",
])
def test_someone_elses_number_a_problem_or_a_danger_is_not_how_to_reach_us(text: str):
    assert not reaching_us.asks(text)


def test_the_reply_gives_the_number_to_call_and_fits_one_sms():
    mine = reaching_us.reply("杨艳", "13900000001", grid_worker=True)
    centre = reaching_us.reply("便民服务中心", "0874-3112345", grid_worker=False)
    assert "网格员杨艳电话13900000001" in mine and "便民服务中心电话0874-3112345" in centre
    assert "短信" in mine and len(mine) <= 70 and len(centre) <= 70

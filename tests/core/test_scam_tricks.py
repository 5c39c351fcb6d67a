"""More scams told by their trick (bot/core/scam_tricks.py; blind test 35, failure 4), with the words they must not
catch."""

from __future__ import annotations

import pytest

from bot.core import scam_tricks

SMS = 70


@pytest.mark.parametrize("words", ["有人打电话说是我儿子 换了号码 急到要借钱",
                                   "有个电话说是我孙子 换了新号码了 喊我打两千块过去",
                                   "微信上有人说是我女儿 手机掉了换了号 要借钱交房租",
                                   "来个陌生电话 说是我侄儿 号码换了 急用钱叫我转点过去"])
def test_a_relative_on_a_new_number_asking_money_is_check_by_the_old_number(words: str) -> None:
    reply = scam_tricks.advice(words)
    assert reply == scam_tricks.RELATIVE_NEW_NUMBER and "原来的号码" in reply and "96110" in reply, reply


@pytest.mark.parametrize("words", ["我换了号码 这个是我的新号码 帮我登记一下", "我儿子的新号码是13900001111 帮我改一下",
                                   "我儿子换了号码 叫我帮他登记"])
def test_ones_own_or_a_sons_new_number_is_no_scam(words: str) -> None:
    assert scam_tricks.advice(words) is None


@pytest.mark.parametrize("words", ["有人说能帮我孙子走关系上好学校 要五万块",
                                   "有个人说找得到关系 能让我孙女进重点中学 喊我先拿三万",
                                   "有人说花两万块就能帮我儿子安排进单位上班"])
def test_money_to_pull_strings_is_a_scam(words: str) -> None:
    assert scam_tricks.advice(words) == scam_tricks.PULL_STRINGS


@pytest.mark.parametrize("words", ["孙子上学要交多少钱", "我孙子想上好学校 要咋个报名"])
def test_a_school_question_is_no_scam(words: str) -> None:
    assert scam_tricks.advice(words) is None


@pytest.mark.parametrize("words", ["阳光小区有人说免费体检 查完就推销药", "门口有人搞免费量血压 量完就喊买保健品",
                                   "有人喊去听免费健康讲座 讲完就卖药"])
def test_a_free_checkup_that_sells_is_dont_buy(words: str) -> None:
    assert scam_tricks.advice(words) == scam_tricks.FREE_SHOW


@pytest.mark.parametrize("words", ["老年人免费体检在哪点做", "65岁免费体检要带啥子"])
def test_the_free_checkup_itself_is_no_scam(words: str) -> None:
    assert scam_tricks.advice(words) is None


@pytest.mark.parametrize("words", ["有人打电话说我养老金资格要取消 叫我点链接认证",
                                   "收到短信说养老金要停发 喊我点链接去认证",
                                   "短信说社保卡要冻结 叫我点开链接核实"])
def test_a_benefit_stopped_unless_a_link_is_tapped_is_dont_tap(words: str) -> None:
    reply = scam_tricks.advice(words)
    assert reply == scam_tricks.LINK and "别点链接" in reply, reply


@pytest.mark.parametrize("words", ["养老金资格认证咋个弄", "养老金认证在哪点办"])
def test_the_certification_question_is_no_scam(words: str) -> None:
    assert scam_tricks.advice(words) is None


def test_every_reply_fits_one_sms() -> None:
    for reply in (scam_tricks.RELATIVE_NEW_NUMBER, scam_tricks.PULL_STRINGS, scam_tricks.FREE_SHOW, scam_tricks.LINK):
        assert len(reply) <= SMS, reply


@pytest.mark.parametrize("words", ["哪点可以交电费", "在哪点认证养老金", "养老金认证在哪点办 手机上点一下就行了吗",
                                   "社保认证过期了 要在哪点重新认证", "高龄补贴认证 社区发的链接点一下就行了吗",
                                   "低保资格复核 在哪点填表"])
def test_where_and_a_tap_in_ordinary_talk_is_no_scam(words: str) -> None:
    # issue 17: 点 of 哪点 was a tap, and a link she asks about herself a trick told
    assert scam_tricks.advice(words) is None


@pytest.mark.parametrize("words", ["收到短信说高龄补贴要停发 喊我点开链接填银行卡",
                                   "有个人发微信说社保要冻结 让我点进去认证",
                                   "来了个链接 说养老金要暂停 点一下就能恢复"])
def test_a_link_pushed_to_stop_a_benefit_is_still_dont_tap(words: str) -> None:
    assert scam_tricks.advice(words) == scam_tricks.LINK

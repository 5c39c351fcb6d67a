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


@pytest.mark.parametrize("words", ["有人打电话说我快递丢了要赔我钱 叫我下载个软件",  # blind test 36, F1b
                                   "有个人打电话说是快递客服 我的包裹弄丢了要理赔 喊我下个APP",
                                   "接到个电话说我的快递搞丢了 要赔我三倍 叫我开屏幕共享"])
def test_a_parcel_refund_caller_wanting_an_app_is_the_parcel_trick(words: str) -> None:
    reply = scam_tricks.advice(words)
    assert reply == scam_tricks.PARCEL and "下载" in reply and "96110" in reply and len(reply) <= SMS, reply


@pytest.mark.parametrize("words", ["我的快递丢了 咋个办", "快递丢了 快递公司说要赔我钱", "下载个软件查快递咋个弄"])
def test_a_parcel_lost_with_no_caller_pushing_an_app_is_no_trick(words: str) -> None:
    assert scam_tricks.advice(words) is None


@pytest.mark.parametrize("words", ["有人上门说免费给老人检查燃气灶 查完说要换 收八百",  # blind test 36, F8b
                                   "有个人上门说免费检查热水器 查完说要换个新的 要五百",
                                   "有人来屋头说免费检测净水器 说我家水有毒 要卖我一台两千的"])
def test_a_free_check_at_home_that_ends_in_a_sale_is_a_likely_cheat(words: str) -> None:
    reply = scam_tricks.advice(words)
    assert reply == scam_tricks.FREE_CHECK and "110" in reply and len(reply) <= SMS, reply


@pytest.mark.parametrize("paid", ["我已经给了他两百了 咋办", "钱已经给了三百了 咋个办嘛", "我已经给了他一千了 咋整"])
def test_money_paid_after_a_trick_told_is_110(paid: str) -> None:
    earlier = ["有人上门说免费给老人检查燃气灶 查完说要换 收八百"]
    reply = scam_tricks.paid_after(paid, earlier, lambda said: False)
    assert reply == scam_tricks.PAID and "110" in reply and len(reply) <= SMS, reply


def test_money_paid_with_no_trick_told_before_is_none_of_ours() -> None:
    assert scam_tricks.paid_after("我已经给了师傅两百了", ["阳光小区430栋水管漏了"], lambda said: False) is None
    door = ["门口有人"]
    assert scam_tricks.paid_after("我已经给了他两百了", door, lambda said: said in door) == scam_tricks.PAID


@pytest.mark.parametrize("words", ["低保交了材料一个多月了 咋个还没消息", "我交了两个月的房租"])
def test_papers_handed_in_are_no_money_paid(words: str) -> None:
    assert not scam_tricks.says_paid(words)

"""Blind test 26's misjudged dangers (docs/usertests/2026-12-06-blind14.md, failures 1, 2 and 4), in the core: a swear
word never cancels a fight or a beating (110, and 120 with someone down or bleeding); a small child lost away from
home is missing (110); a smell of gas guessed at is the gas emergency; a fire said after 救命 calls for 119; a scrape
said to be no big deal is no emergency; someone lying out in the cold is; a near miss with nobody hurt is none."""

from __future__ import annotations

import pytest

from bot.common.clock import FakeClock
from bot.core import emergencies, emergency_followups, emergency_numbers, small_talk, triage
from bot.store.db import Database
from tests.conftest import STRANGER
from tests.core.helpers import RULES, make_report, submit, ticket


def _call(category: str, text: str) -> str:
    return emergency_numbers.number_to_call(RULES, emergency_numbers.category_for(category, text), text)


@pytest.mark.parametrize("text", ["他妈的 门口有人在打架 拿起棍棍打 河畔花园门口",
                                  "日你妈 楼下有个男的在打婆娘 打得好凶 阳光小区2栋",
                                  "狗日的 隔壁那个男的又在打他老婆 喊救命",
                                  "妈的 两个醉鬼在巷子口打起来了",
                                  "尼玛 有人提起板凳在砸人 安居苑门口"])
def test_a_swear_word_never_cancels_a_fight_or_a_beating(text: str):
    assert triage.has_danger(text)
    for classified in (True, False):
        assert triage.is_emergency(text, classified_as_emergency=classified)
    assert emergency_numbers.category_for("other", text) == "public_security"
    assert "110" in _call("other", text)


@pytest.mark.parametrize("text", ["妈卖批 河畔花园门口两个人在打架 有个已经倒了",
                                  "卧槽 街上有人打起来了 都见血了 河滨路",
                                  "楼下两个人打架 一个被打得躺在地上 起不来"])
def test_someone_down_or_bleeding_in_a_fight_needs_120_and_110(text: str):
    assert triage.is_emergency(text, classified_as_emergency=False)
    assert _call("public_security", text) == "120和110"
    assert _call("other", text) == "120和110"


@pytest.mark.parametrize("text", ["天上打雷打得好凶 我一个人在屋 好怕", "昨天晚上楼下有人打架 吵得很",
                                  "楼下几个老头天天在打牌 吵得很"])
def test_thunder_cards_or_a_fight_of_another_day_is_no_fight_now(text: str):
    assert not triage.has_danger(text)


@pytest.mark.parametrize("text", ["我家娃儿在菜市场走散了 才五岁 穿红衣服",
                                  "我儿子在河边公园耍 一转眼就不见了 才四岁",
                                  "孙女跟我在超市 我买个菜的功夫就找不到了 才三岁",
                                  "小孩在广场上跟丢了 穿个蓝色外套"])
def test_a_small_child_lost_away_from_home_is_missing_for_the_police(text: str):
    assert triage.is_emergency(text, classified_as_emergency=False)
    assert emergency_numbers.category_for("other", text) == "public_security"
    assert _call("other", text) == "110"


@pytest.mark.parametrize("text", ["我家狗在公园走散了", "娃儿的手机找不到了"])
def test_a_pet_or_a_childs_phone_lost_is_nobody_missing(text: str):
    assert not triage.is_emergency(text, classified_as_emergency=False)


@pytest.mark.parametrize("text", ["屋头有股臭鸡蛋味 怕是天然气漏了 阳光小区2栋",
                                  "厨房一股煤气味 好冲",
                                  "楼道里好大的天然气味 不晓得哪家的",
                                  "怕是燃气漏了 闻到臭鸡蛋的味道"])
def test_a_smell_of_gas_even_guessed_at_is_the_gas_emergency(text: str):
    assert triage.is_emergency(text, classified_as_emergency=False)
    assert emergency_numbers.category_for("other", text) == "fire_safety"
    assert _call("other", text) == "119"
    assert "别点火" in emergency_followups.safety_first(text)


@pytest.mark.parametrize("text", ["燃气管道老化了 万一漏气咋办", "天然气要安检了 怕漏气"])
def test_a_gas_risk_to_prevent_is_no_emergency(text: str):
    assert not triage.has_danger(text)


def test_a_fire_said_after_救命_calls_for_119(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report("救命", sender=STRANGER, category="other", emergency=True))
    with demo_db.session() as s:
        waiting = emergencies.awaiting_place(s, clock, STRANGER)
        assert waiting is not None
        reply = emergencies.give_place(s, clock, waiting, "河畔花园8栋", rules=RULES,
                                       detail="我屋头着火了 厨房烧起来了")
    assert "119" in reply and len(reply) <= 70, reply
    assert ticket(demo_db, number).category == "fire_safety"


@pytest.mark.parametrize("text", ["我骑车摔了 腿擦破了皮 没得大事", "摔了一跤 擦破点皮 不严重",
                                  "刚才跌了一下 手上破了点皮 没啥大事"])
def test_a_scrape_said_to_be_no_big_deal_is_no_emergency(text: str):
    assert not triage.is_emergency(text, classified_as_emergency=True)


@pytest.mark.parametrize("text", ["我骑车摔了 腿摔断了 没得大事吧", "摔了 起不来了 擦破了皮"])
def test_a_serious_hurt_is_an_emergency_whatever_else_is_said(text: str):
    assert triage.is_emergency(text, classified_as_emergency=True)


@pytest.mark.parametrize("text", ["河滨路公交站那有个老头躺起 喝醉了 天冷得很",
                                  "路边有个人躺在地上 一动不动的",
                                  "桥洞下面有个婆婆睡在地上 冷得发抖"])
def test_someone_lying_out_in_the_cold_is_an_emergency_never_small_talk(text: str):
    assert triage.is_emergency(text, classified_as_emergency=False)
    assert small_talk.reply(text) is None
    assert _call("other", text) == "120和110"


@pytest.mark.parametrize("text", ["阳光小区5栋 外墙皮掉下来了 差点砸到人",
                                  "楼上掉了个花盆下来 差一点就砸到人了",
                                  "广告牌被风吹下来了 险些砸到路过的人"])
def test_a_near_miss_with_nobody_hurt_is_no_emergency(text: str):
    assert not triage.is_emergency(text, classified_as_emergency=True)
    assert not emergency_numbers.hurt(text)


@pytest.mark.parametrize("category", ["health", "elderly_care", "other", "public_security"])
def test_a_beating_is_the_polices_whatever_the_classifier_said(category: str):
    assert emergency_numbers.number_to_call(RULES, category, "狗日的 隔壁那个男的又在打他老婆 安居苑14栋") == "110"

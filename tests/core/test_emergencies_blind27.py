"""Blind test 27's emergency failures (docs/usertests/2026-12-06-blind15.md, B63, A1b, A77a, A52, B64, B71, A53, A98,
C2, B74, B99), in the core: someone about to end their life is 110 (120 too once they tried); an old person out since
morning and not back is the lost-elder 110; a beating is the police's even with 救命 in it; someone down in a fight is
120和110, someone in the water 110、120和119; a plain dog bite is no emergency (the rabies jab), a mauling is 120; an
estate or a named bridge is a place; during a gas leak a safety question gets the drill, a false alarm stands it down,
and a question how it stands is answered with its state."""

from __future__ import annotations

import pytest

from bot.common.clock import FakeClock
from bot.core import (
    danger_signs,
    emergencies,
    emergency_downgrade,
    emergency_followups,
    emergency_numbers,
    emergency_questions,
    triage,
)
from bot.core import emergency_updates as updates
from bot.store.db import Database
from tests.conftest import STRANGER
from tests.core.helpers import RULES, make_report, submit, ticket


def _call(category: str, text: str) -> str:
    return emergency_numbers.number_to_call(RULES, emergency_numbers.category_for(category, text), text)


@pytest.mark.parametrize("text", ["楼顶有个人站在边边上 怕是要跳楼 河畔花园9栋",
                                  "有个小伙子坐在河滨大桥栏杆外面 好像想不开",
                                  "我邻居说活不下去了 要喝农药",
                                  "楼上那个女的在阳台上哭 说要跳下去",
                                  "有个人爬到天台外面边边上了 劝不下来"])
@pytest.mark.parametrize("classified", ["other", "fire_safety", "public_security", "health"])
def test_someone_about_to_end_their_life_is_an_emergency_for_110(text: str, classified: str):
    for said_emergency in (True, False):
        assert triage.is_emergency(text, classified_as_emergency=said_emergency)
    assert emergency_numbers.category_for(classified, text) == "public_security"
    assert _call(classified, text) == "110"


@pytest.mark.parametrize("text", ["我老汉喝了农药 口吐白沫", "隔壁那个男的割腕了 流了好多血", "有个人从楼顶跳下去了"])
def test_someone_who_tried_to_end_their_life_needs_120_and_110(text: str):
    assert triage.is_emergency(text, classified_as_emergency=False)
    assert _call("other", text) == "120和110"


@pytest.mark.parametrize("text", ["楼下超市跳楼价大甩卖 喇叭吵死了", "以前有人在这里跳过河 听说的",
                                  "我家狗从二楼阳台跳下去了 腿好像瘸了", "我们想跳广场舞 没得地方"])
def test_a_sale_or_a_story_of_another_day_is_no_one_about_to_jump(text: str):
    assert not danger_signs.about_to_end_life(text)


@pytest.mark.parametrize("text", ["屋头老爷子早上出去就没回来 打电话也不接",
                                  "我家老母亲下午出门到现在都没回来 电话也打不通",
                                  "我父亲一早出去赶场 天黑了还没回来",
                                  "老爷子出去遛弯 一直没回来"])
def test_an_old_person_out_since_morning_and_not_back_is_the_lost_elder_emergency(text: str):
    assert triage.is_emergency(text, classified_as_emergency=False)
    for classified in ("other", "elderly_care", "fire_safety"):
        assert _call(classified, text) == "110"
    assert emergency_numbers.category_for("other", text) == "public_security"


@pytest.mark.parametrize("text", ["妈的 隔壁那家男的又在打老婆 喊救命 河畔花园5栋",
                                  "救命 楼上男的在打他媳妇 打得好凶",
                                  "对门两口子打起来了 女的一直喊救命"])
def test_a_beating_with_救命_in_it_is_the_polices_never_fire_safety(text: str):
    assert emergency_numbers.category_for("fire_safety", text) == "public_security"
    assert _call("fire_safety", text) == "110"


@pytest.mark.parametrize("text", ["楼道里着火了 有人在喊救命", "厨房烧起来了 救命"])
def test_a_fire_with_救命_stays_the_fire_brigades(text: str):
    assert emergency_numbers.category_for("fire_safety", text) == "fire_safety"
    assert "119" in _call("fire_safety", text)


@pytest.mark.parametrize("text", ["妈卖批 安居苑门口有人在打群架 有个人躺下了",
                                  "楼下打群架 一个趴下了",
                                  "两个人打架 有一个被打晕过去了"])
def test_someone_down_in_a_fight_needs_120_and_110(text: str):
    for classified in ("other", "public_security", "fire_safety"):
        assert _call(classified, text) == "120和110"


@pytest.mark.parametrize("text", ["河里有个娃娃掉下去了 快来人 河滨公园",
                                  "有个老头滑到堰塘里了 在扑腾",
                                  "小孩在河边耍 被水冲走了"])
def test_someone_in_the_water_is_the_water_rescue_as_for_a_flood(text: str):
    assert triage.is_emergency(text, classified_as_emergency=False)
    for classified in ("other", "public_security", "fire_safety"):
        assert _call(classified, text) == emergency_numbers.WATER_RESCUE
    assert emergency_numbers.category_for("other", text) == "public_security"


@pytest.mark.parametrize("text", ["送外卖被狗咬了一口 流血了 在安居苑", "我被一条流浪狗咬了 腿上出了点血",
                                  "遭狗咬了 破了点皮"])
def test_a_dog_bite_is_no_emergency_and_gets_the_rabies_jab_advice(text: str):
    for classified in (True, False):
        assert not triage.is_emergency(text, classified_as_emergency=classified)
    advice = danger_signs.bite_advice(text)
    assert "狂犬疫苗" in advice and "24小时" in advice and len(advice) <= 70


@pytest.mark.parametrize("text", ["小孩被狗咬了脸", "我妈被狗咬得满身是血", "几条狗围到咬一个老人 血止不住"])
def test_a_mauling_is_still_an_emergency_for_120(text: str):
    assert triage.is_emergency(text, classified_as_emergency=False)
    assert _call("other", text) == "120"
    assert danger_signs.bite_advice(text) == ""


@pytest.mark.parametrize(("text", "place"), [("有个小伙子坐在河滨大桥栏杆外面 好像想不开", "河滨大桥"),
                                             ("有人在新华大桥上面吵 要跳河", "新华大桥"),
                                             ("老人在农贸市场门口晕倒了", "农贸市场门口")])
def test_a_named_bridge_or_landmark_in_the_message_is_its_place(text: str, place: str):
    assert emergencies.landmark_in(text).startswith(place)


@pytest.mark.parametrize("text", ["桥下有人在打架", "有人想跳河 在河堤上"])
def test_a_bare_bridge_or_bank_is_still_asked_where(text: str):
    assert emergencies.landmark_in(text) == ""


@pytest.mark.parametrize(("answer", "place", "looks"), [("他穿灰色外套 河畔花园的", "河畔花园", "灰色外套"),
                                                        ("她穿的红衣服 安居苑的", "安居苑", "红衣服")])
def test_the_estate_beside_how_a_lost_elder_looks_is_the_place(demo_db: Database, clock: FakeClock, answer: str,
                                                               place: str, looks: str):
    submit(demo_db, clock, make_report("我爷爷老年痴呆 中午出去的还没回来", sender=STRANGER, category="other",
                                       emergency=True))
    assert emergency_followups.never_a_place(answer)  # how he looks: so the step splits it (bot/app/steps.py)
    with demo_db.session() as s:
        waiting = emergencies.awaiting_place(s, clock, STRANGER)
        assert waiting is not None
        found = emergency_followups.place_with_detail(answer, waiting, s)
        assert found is not None and found[0] == place and looks in found[1], found
        reply = emergencies.give_place(s, clock, waiting, found[0], rules=RULES, detail=found[1])
    assert f"收到地点：{place}" in reply and len(reply) <= 70, reply


@pytest.mark.parametrize(("said", "place"), [("我们是河畔花园3栋的", "河畔花园3栋"),
                                             ("在河畔花园7栋2单元201", "河畔花园7栋2单元201"),
                                             ("我家住安居苑5栋", "安居苑5栋")])
def test_the_words_around_a_place_answering_where_are_not_the_place(said: str, place: str):
    assert emergencies.spoken_place(said) == place


@pytest.mark.parametrize("asked", ["抽油烟机能开不", "灯可以开不", "电闸要不要拉", "能不能打个火看一下",
                                   "燃气阀要关不"])
def test_a_safety_question_during_a_gas_leak_gets_the_drill(demo_db: Database, clock: FakeClock, asked: str):
    number = submit(demo_db, clock, make_report("救命 屋头好大一股煤气味 阳光小区2栋", sender=STRANGER, emergency=True,
                                                category="fire_safety"))
    with demo_db.session() as s:
        assert emergency_followups.may_be_about(asked)
        reply = emergency_followups.answer(s, clock, RULES, STRANGER, asked, updates.timedelta(minutes=30))
    assert reply is not None and "别点火" in reply and "119" in reply and len(reply) <= 70, reply
    assert "补充" not in ticket(demo_db, number).text


@pytest.mark.parametrize("said", ["是我闻错了 没得事", "哦 是隔壁在熬中药 不是煤气 不是急事哈",
                                  "不是煤气 是楼下在炖肉"])
def test_a_false_alarm_stands_the_gas_emergency_down_never_an_ordinary_ticket(demo_db: Database, clock: FakeClock,
                                                                            said: str):
    assert updates.false_alarm(said) and not updates.says_over(said)
    number = submit(demo_db, clock, make_report("屋头好大一股煤气味 阳光小区2栋", sender=STRANGER, emergency=True,
                                                category="fire_safety"))
    window = updates.timedelta(minutes=30)
    with demo_db.session() as s:  # as the dialogue reads it (bot/app/dialogue.py): 不是急事 first, then the rest
        if emergency_downgrade.says_not_urgent(said):
            emergency = updates.recent_emergency(s, clock, STRANGER, window)
            assert emergency is not None
            reply = emergency_downgrade.stand_down(s, clock, RULES, emergency, said, STRANGER)
        else:
            reply = emergency_followups.answer(s, clock, RULES, STRANGER, said, window)
    assert reply is not None and "撤销" in reply, reply
    assert ticket(demo_db, number).status == "cancelled"


@pytest.mark.parametrize("asked", ["楼顶那个人下来没有哦", "人找到没得", "警察到了没", "现在咋样了"])
def test_a_question_how_the_emergency_stands_gets_its_state_never_a_补充(demo_db: Database, clock: FakeClock,
                                                                       asked: str):
    assert emergency_questions.asks_how_it_stands(asked) and emergency_followups.may_be_about(asked)
    number = submit(demo_db, clock, make_report("楼顶有个人站在边边上 怕是要跳楼 阳光小区2栋", sender=STRANGER,
                                                emergency=True, category="public_security", place_text="阳光小区2栋"))
    with demo_db.session() as s:
        reply = emergency_followups.answer(s, clock, RULES, STRANGER, asked, updates.timedelta(minutes=30))
    assert reply is not None and reply.startswith(f"工单{number}现在") and len(reply) <= 70, reply
    assert "补充" not in ticket(demo_db, number).text

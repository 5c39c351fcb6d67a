"""The answer to "where?" after an emergency without a place goes onto it before the engine (bot/app/
emergency_place.py); a new problem, a request or a question goes on."""

from bot.app.emergency_place import EmergencyPlace
from bot.common.clock import FakeClock
from bot.core import emergencies
from bot.core.routing_rules import DEFAULT_PATH, load_rules
from bot.store.db import Database
from tests.app.helpers import message, parsing_as
from tests.conftest import RESIDENT, STRANGER
from tests.core.helpers import make_report, submit, ticket

RULES = load_rules(DEFAULT_PATH)


async def test_a_new_problem_after_an_emergency_is_not_taken_for_its_place(demo_db: Database, clock: FakeClock):
    gas = submit(demo_db, clock, make_report("救命 屋头好大一股煤气味", category="housing_utilities", emergency=True))
    step = EmergencyPlace(demo_db, clock)
    flood = message(RESIDENT, "楼上水管爆了 水哗哗的往我屋头灌")
    assert await step(flood) == flood
    assert not ticket(demo_db, gas).place_text
    [reply] = await step(message(RESIDENT, "5栋2单元302"))
    assert "5栋2单元302" in reply["text"] and ticket(demo_db, gas).place_text == "5栋2单元302"


async def test_a_request_with_place_words_is_never_taken_for_an_emergencys_place(demo_db: Database,
                                                                                   clock: FakeClock):
    sparks = submit(demo_db, clock, make_report("楼道里电线在冒火花", category="fire_safety", emergency=True))
    step = EmergencyPlace(demo_db, clock)
    for text in ("帮我查一下阳光小区1栋101那家的电话 我要找她", "3栋那个网格员电话多少？",
                 "我屋头那个在6栋1单元302住的老汉说他明天要去医院看病"):
        asked = message(RESIDENT, text)
        assert await step(asked) is asked, text
    assert not ticket(demo_db, sparks).place_text
    [reply] = await step(message(RESIDENT, "6栋1单元302"))
    assert ticket(demo_db, sparks).place_text == "6栋1单元302" and "6栋1单元302" in reply["text"]


async def test_what_the_engine_is_sure_is_another_request_is_not_an_emergencys_place(demo_db: Database,
                                                                                      clock: FakeClock):
    sparks = submit(demo_db, clock, make_report("楼道里电线在冒火花", category="fire_safety", emergency=True))
    status = message(RESIDENT, "5栋那个事情进展")
    assert await EmergencyPlace(demo_db, clock, parsing_as("check_status"))(status) is status
    assert not ticket(demo_db, sparks).place_text
    [reply] = await EmergencyPlace(demo_db, clock, parsing_as("nlu_fallback"))(message(RESIDENT, "5栋2单元门口"))
    assert ticket(demo_db, sparks).place_text == "5栋2单元门口" and "5栋2单元门口" in reply["text"]


async def test_a_worried_question_while_where_stands_is_calmed_and_asked_the_place_again(demo_db: Database,
                                                                                      clock: FakeClock):
    # Blind test 7, #68: "你们好久能到嘛" after "有个老人晕倒了 叫不醒" got the residents' menu.
    anxious = message(RESIDENT, "你们好久能到嘛")
    assert await EmergencyPlace(demo_db, clock, rules=RULES)(anxious) is anxious  # no emergency: the engine's
    down = submit(demo_db, clock, make_report("有个老人晕倒了 叫不醒", category="elderly_care", emergency=True))
    step = EmergencyPlace(demo_db, clock, parsing_as("check_status"), rules=RULES)
    for text in ("你们好久能到嘛", "快点来啊"):
        [calm] = await step(message(RESIDENT, text))
        assert "已通知值班人员" in calm["text"] and "120" in calm["text"] and "地点" in calm["text"], text
    assert not ticket(demo_db, down).place_text
    contact = message(RESIDENT, "我们网格员电话多少？")  # asked apart, answered by its own step
    assert await step(contact) is contact
    [placed] = await EmergencyPlace(demo_db, clock, parsing_as("nlu_fallback"), rules=RULES)(
        message(RESIDENT, "5栋2单元门口"))
    assert ticket(demo_db, down).place_text == "5栋2单元门口" and "收到地点" in placed["text"]
    assert await step(anxious) is anxious  # the place given: nothing stands any more


async def test_at_home_from_someone_whose_home_we_do_not_know_is_asked_which_building(demo_db: Database,
                                                                                     clock: FakeClock):
    # Blind test 29, A32: a stranger's 我在屋头的 就是我们那栋 became the alert's place.
    lift = submit(demo_db, clock, make_report("电梯关到人了", sender=STRANGER, category="housing_utilities",
                                              emergency=True))
    step = EmergencyPlace(demo_db, clock, rules=RULES)
    assert await step(message(STRANGER, "我在屋头的 就是我们那栋")) == [{"text": emergencies.HOME_ASKED}]
    assert not ticket(demo_db, lift).place_text
    [reply] = await step(message(STRANGER, "安居苑10栋"))
    assert ticket(demo_db, lift).place_text == "安居苑10栋" and "安居苑10栋" in reply["text"]


async def test_not_knowing_the_building_is_asked_the_estate_and_the_estate_places_it(demo_db: Database,
                                                                                   clock: FakeClock):
    # Blind test 30, A32b: "我也不晓得几栋 我在外面路过听到喊" was sent to the duty officer as the place.
    lift = submit(demo_db, clock, make_report("有人关在电梯里头出不来了", sender=STRANGER,
                                              category="housing_utilities", emergency=True))
    step = EmergencyPlace(demo_db, clock, rules=RULES)
    asked = await step(message(STRANGER, "我也不晓得几栋 我在外面路过听到喊"))
    assert asked == [{"text": emergencies.PLACE_UNKNOWN_ASKED}] and not ticket(demo_db, lift).place_text
    [reply] = await step(message(STRANGER, "河畔花园"))
    assert ticket(demo_db, lift).place_text == "河畔花园" and "河畔花园" in reply["text"]


async def test_a_fault_at_home_is_never_taken_for_the_emergencys_place(demo_db: Database, clock: FakeClock):
    # Blind test 30, B122: "屋头燃气表不走字了" became the place of a 电线冒火花 emergency.
    sparks = submit(demo_db, clock, make_report("电线冒火花了", category="fire_safety", emergency=True))
    meter = message(RESIDENT, "屋头燃气表不走字了")
    assert await EmergencyPlace(demo_db, clock, rules=RULES)(meter) is meter
    assert not ticket(demo_db, sparks).place_text


async def test_calling_the_grid_worker_by_name_is_never_calmed_as_the_emergencys(demo_db: Database,
                                                                               clock: FakeClock):
    # Blind test 30, B119: "那我直接打李磊电话嘛" got "别着急…还没打119请马上打！请回复具体地点".
    submit(demo_db, clock, make_report("电线冒火花了", category="fire_safety", emergency=True))
    call = message(RESIDENT, "那我直接打李磊电话嘛")
    assert await EmergencyPlace(demo_db, clock, rules=RULES)(call) is call


async def test_a_bare_question_the_engine_reads_as_another_request_is_not_calmed(demo_db: Database,
                                                                               clock: FakeClock):
    # Blind test 30: "还没打119请马上打" only for words about the emergency; a worry is calmed whatever the engine says.
    submit(demo_db, clock, make_report("电线冒火花了", category="fire_safety", emergency=True))
    step = EmergencyPlace(demo_db, clock, parsing_as("ask_policy"), rules=RULES)
    policy = message(RESIDENT, "居家养老咋个申请嘛")
    assert await step(policy) is policy
    for text in ("你们好久能到嘛", "咋还不来嘛"):
        [calm] = await step(message(RESIDENT, text))
        assert "119" in calm["text"], text

"""Blind test 37 (docs/usertests/2026-12-08-blind25.md; rows M9c, F4c, F6c, F7c, F8b, F8c, E8c, Q9c, Q10c,
Q14c, E9c, RT2b, Q18b, M5c, M8c, M2b, E21n, Q16c, B114, Q11c): a flood, frauds told in new words, questions the
knowledge base now answers first, a remark after a rating, the weather and news after an emergency, follow-ups,
through the gateway, the real engine and the real action server:

- people cut off by a flood are an emergency for the rescue (M9c: "没太看懂");
- a "社区书记" on WeChat asking money to be sent is a cheat, and money sent after it is 110 and the bank (F4c, F6c:
  "没太看懂", 答不上); a free check "帮老年人" that ends in a sale is the free-check trick (F8b: "请问在哪点？");
  a cup said to cure diabetes gets "别买" (F7c); a worker's name on a new number wanting a bankbook gets his real
  number, never a registration ticket (F8c);
- a coal stove's safety, a dog in the estate, the retired's medical insurance, where to charge a scooter and how to
  enter a care home are answered, never filed nor asked where (E8c, Q10c, Q14c, Q9c, E9c);
- 亮倒是亮了 就是暗得很 after a 2 reaches the worker (RT2b); the weather asked is no made-up forecast (Q18b);
- 在喘气 after a rescue is 120 still, 住院了 中风 is wished well, never "平安就好" (M5c, M8c); the wiring asked
  after a kitchen fire is checked before the power goes back on (M2b);
- the older report's doing again beside a newer report urges the older (E21n); the report's thing still there 35
  minutes on urges it (Q16c); the outage said again and who the report's doing hit join it unasked (B114, Q11c).

Senders: +86139555784000 … +86139555784099, in no other test; buildings 460–469. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import (
    as_if_earlier,
    assignee_phone,
    file_report,
    raised,
    say,
    tickets_of,
    told,
    unnumbered,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+861395557840{n:02d}" for n in range(100)]
WHERE = "在哪点"


def test_a_family_cut_off_by_a_flood_is_an_emergency_for_the_rescue(running: Stack):
    caller = SENDERS[0]
    replies = say(running, caller, "涨水了 石桥村四组有户人家被水围住了 出不来")
    assert "119" in unnumbered(replies) and "没太看懂" not in unnumbered(replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket), replies


def test_a_cadres_loan_on_wechat_is_a_cheat_and_money_sent_after_it_is_110_and_the_bank(running: Stack):
    victim = SENDERS[1]
    first = unnumbered(say(running, victim, "有个人加我微信说是社区书记 要我帮她转两千块钱 说明天还"))
    assert "骗" in first and "96110" in first, first
    as_if_earlier(running, victim, 5)
    then = unnumbered(say(running, victim, "我已经转了三千了 咋个办嘛"))
    assert "110" in then and "银行" in then and "答不上" not in then, then
    assert tickets_of(running, victim) == []


def test_a_free_check_for_the_elderly_that_ends_in_a_sale_is_warned_of_never_asked_where(running: Stack):
    said = unnumbered(say(running, SENDERS[2], "有人上门说免费帮老年人检查燃气灶 检查完说要换 收八百块"))  # F8b
    assert "骗局" in said and WHERE not in said, said


def test_a_cup_said_to_cure_diabetes_gets_dont_buy_with_the_report(running: Stack):
    # F7c: "请问在哪点？" alone. 小区门口 names no estate: where is still asked, for the report, beside the warning.
    said = unnumbered(say(running, SENDERS[3], "小区门口有人卖啥子量子水杯 说喝了治糖尿病 好多老人在买"))
    assert "别买" in said, said


def test_a_workers_name_on_a_new_number_wanting_the_bankbook_gets_his_real_number(running: Stack):
    caller = SENDERS[4]
    said = unnumbered(say(running, caller, "有人打电话说他是杨艳 换了新号码 喊我明天把低保存折带过去"))
    assert "13700000005" in said and "存折" in said, said
    assert tickets_of(running, caller) == []


@pytest.mark.parametrize(("n", "question", "wanted"), [
    (10, "我一个老婆子住河畔花园 冬天烧蜂窝煤取暖 社区管不管来检查下", "烟筒"),  # E8c
    (11, "我想养只狗 小区让不让养", "犬证"),  # Q10c
    (12, "退休了 医保还要不要交", "退休"),  # Q14c
    (13, "河畔花园有没得电瓶车充电的地方", "充电棚"),  # Q9c
    (14, "我屋头老人家想住养老院 咋个申请", "养老院"),  # E9c
])
def test_a_question_the_knowledge_base_holds_is_answered_never_filed(running: Stack, n: int, question: str,
                                                                    wanted: str):
    caller = SENDERS[n]
    said = unnumbered(say(running, caller, question))
    assert wanted in said and WHERE not in said and "答不上" not in said, said
    assert tickets_of(running, caller) == []


def test_the_weather_asked_is_never_a_made_up_forecast(running: Stack):
    said = unnumbered(say(running, SENDERS[15], "今天要下雨不"))  # Q18b: "是啊，变天了"
    assert "12121" in said and "是啊" not in said, said


@pytest.mark.parametrize(("n", "first", "news", "wanted", "never"), [
    (30, "石桥村460号旁边河里有个人掉下去了", "人救上来了 在喘气", "120", "平安就好"),  # M5c
    (31, "河畔花园461栋我老汉突然说不出话了 半边身子动不了", "老汉住院了 医生说是中风 谢谢你们帮忙", "康复",
     "平安就好"),  # M8c
])
def test_news_after_an_emergency_gets_the_word_it_needs(running: Stack, n: int, first: str, news: str, wanted: str,
                                                        never: str):
    caller = SENDERS[n]
    say(running, caller, first)
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)
    as_if_earlier(running, caller, 5)
    said = unnumbered(say(running, caller, news))
    assert wanted in said and never not in said, said


def test_a_grant_with_a_but_after_a_2_reaches_the_worker(running: Stack):
    caller = SENDERS[20]
    number = file_report(running, caller, "安居苑460栋楼道的灯不亮了")
    worker = assignee_phone(running, number)
    say(running, worker, f"{number} 已办结 灯泡换了新的")
    as_if_earlier(running, caller, 4)
    say(running, caller, "2")
    replies = say(running, caller, "亮倒是亮了 就是暗得很")
    assert "没有待评价" not in " ".join(replies), replies
    assert any("暗得很" in m for m in told(running, worker, number)), "the worker never heard it"


def test_the_older_reports_doing_again_beside_a_newer_report_urges_the_older_one(running: Stack):
    caller = SENDERS[40]  # E21n: "是补充T1050（1栋楼道里的声控灯…），还是新问题？"
    din = file_report(running, caller, "阳光小区462栋楼上那家天天半夜拖凳子 吵得人睡不着觉")
    as_if_earlier(running, caller, 12)
    lamp = file_report(running, caller, "阳光小区462栋1单元楼道里的声控灯有一半不亮了")
    as_if_earlier(running, caller, 23)
    said = " ".join(say(running, caller, "昨天晚上又拖到一点过"))
    assert din in said and "催办" in said and "新问题" not in said, said
    assert lamp not in said, said
    assert any("一点过" in m for m in told(running, assignee_phone(running, din), din)), "the worker never heard it"


def test_the_reports_thing_still_there_35_minutes_on_urges_it_never_a_second_ticket(running: Stack):
    caller = SENDERS[41]  # Q16c: a second ticket T1086
    number = file_report(running, caller, "河畔花园463栋楼下那个停车位被人用地锁占了")
    as_if_earlier(running, caller, 35)
    said = " ".join(say(running, caller, "地锁还在那里 没人管"))
    assert number in said and "催办" in said, said
    assert [t.number for t in tickets_of(running, caller)] == [number]


@pytest.mark.parametrize(("n", "report", "more"), [
    (42, "河畔花园465栋好久来水嘛", "一早上都没水"),  # B114: "请问在哪点？" and a second ticket
    (43, "安居苑464栋小区里头有条流浪狗 咬了人", "咬的是隔壁的小娃娃 已经去打针了"),  # Q11c: "是补充…？"
])
def test_the_reports_outage_again_or_who_it_hit_joins_it_unasked(running: Stack, n: int, report: str, more: str):
    caller = SENDERS[n]
    number = file_report(running, caller, report)
    as_if_earlier(running, caller, 1)
    said = " ".join(say(running, caller, more))
    assert WHERE not in said and "新问题" not in said and number in said, said
    assert [t.number for t in tickets_of(running, caller)] == [number]


def test_the_wiring_asked_after_a_kitchen_fire_is_checked_before_the_power_goes_on(running: Stack):
    caller = SENDERS[44]  # M2b (tests 35–37): the home-care services' text
    say(running, caller, "着火了着火了 安居苑466栋4楼")
    as_if_earlier(running, caller, 6)
    say(running, caller, "火扑灭了 是锅烧干了")
    as_if_earlier(running, caller, 30)
    said = unnumbered(say(running, caller, "屋头熏得黑漆漆的 能不能喊个人来看下电线"))
    assert "总闸" in said and "居家养老" not in said, said

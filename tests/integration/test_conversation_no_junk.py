"""Blind test 8 (issue 17, §1 and §4: no junk tickets), through the gateway, the real engine and the real action
server: what a reporter says right after a report is about that report (a remark joins it, a withdrawal withdraws
it, a plea is told who has it, "that was a detail" puts an extra ticket back, a remark with a question goes to the
worker, another problem at another building is filed unasked); words with no problem in them never become a
ticket (chat for someone else, a remark on a question just answered), not even once the bot has a place; staff
chat gets the staff menu; a resident's "120打了" is news for everyone their emergency alerted, never a staff prompt.

Voices: residents of 河滨社区第3网格 (锦绣小区, +8613900000205 … 215) and of 河滨社区第2网格 (+8613900000200), numbers
nobody registered (+8613999990031 … 40), and 河滨社区第2网格's backup worker; each written as by no other test.
Each conversation runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from bot.core.staff_desk import MENU
from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import number_in, say, tickets_of, told

pytestmark = pytest.mark.engine
JX_WORKER = "+8613700000011"  # 河滨社区第3网格 (锦绣小区)
JX_RESIDENTS = [f"+86139{n:08d}" for n in range(205, 216)]
HB_RESIDENT = "+8613900000200"  # 河滨社区第2网格 (河滨路)
HB_WORKER = "+8613700000010"
HB_BACKUP = "+8613700000110"  # 河滨社区第2网格's backup grid worker
STRANGERS = [f"+86139999900{n:02d}" for n in range(31, 41)]


def open_tickets(stack: Stack, sender: str) -> list:
    return [t for t in tickets_of(stack, sender) if t.status != "cancelled"]


# -- §1: right after a report ----------------------------------------------------------------------------


def test_a_short_remark_right_after_a_report_joins_it_and_is_no_second_ticket(running: Stack):
    resident = JX_RESIDENTS[0]
    number = number_in(say(running, resident, "我们组堰塘边上那段路垮了一截 摩托车都过不去了"))
    [joined] = say(running, resident, "没得人受伤 就是不好走")
    assert number in joined and "补充" in joined, joined
    [ticket] = tickets_of(running, resident)
    assert "没得人受伤" in ticket.text
    assert any("补充" in n and "没得人受伤" in n for n in told(running, JX_WORKER, number))
    [again] = say(running, resident, "后面那个是补充的 不是新的")
    assert number in again and "T" not in again.replace(number, ""), again
    [ticket] = tickets_of(running, resident)
    assert ticket.status != "cancelled" and "后面那个" not in ticket.text


def test_that_was_a_detail_not_new_puts_the_extra_ticket_back_into_the_report(running: Stack):
    resident = JX_RESIDENTS[1]
    first = number_in(say(running, resident, "单元门口那段路烂了好大个坑 电瓶车差点翻了"))
    second = number_in(say(running, resident, "还有 坑里头积了好多水 晚上看不到"))
    assert second != first
    [merged] = say(running, resident, "后面那个是补充的 不是新的")
    assert first in merged and second in merged, merged
    kept, withdrawn = tickets_of(running, resident)
    assert withdrawn.status == "cancelled" and kept.status != "cancelled" and "坑里头积了好多水" in kept.text


def test_a_remark_with_a_question_joins_the_report_and_the_question_goes_to_the_worker(running: Stack):
    resident = JX_RESIDENTS[2]
    number = number_in(say(running, resident, "屋头停水了 从早上到现在都莫得水"))
    [joined] = say(running, resident, "整栋楼都莫得 是不是在修管子哦")
    assert "没太看懂" not in joined and number in joined and "13700000011" in joined, joined
    [ticket] = tickets_of(running, resident)
    assert "是不是在修管子" in ticket.text
    assert any("补充" in n and "是不是在修管子" in n for n in told(running, JX_WORKER, number))


def test_asking_the_worker_to_come_and_see_is_told_who_has_the_report(running: Stack):
    resident = JX_RESIDENTS[3]
    number = number_in(say(running, resident, "我屋头老汉80几了 一个人在屋头 这两天都莫得人给他送饭"))
    [told_who] = say(running, resident, "麻烦网格员去看一哈嘛")
    assert "没太看懂" not in told_who and number in told_who and "13700000011" in told_who, told_who
    assert len(tickets_of(running, resident)) == 1


def test_another_problem_at_another_building_is_filed_without_asking_which(running: Stack):
    resident = JX_RESIDENTS[4]
    first = number_in(say(running, resident, "1栋101那家屋头漏水 漏到我屋头了 墙都泡起了"))
    filed = say(running, resident, "我们锦绣小区4栋后面那个化粪池满了 臭得人都遭不住 苍蝇蚊子到处飞 楼下住的老年人"
                                   "天天在那点坐 都说头昏 物业喊了好多回都说要等 到底哪个来管嘛")
    assert not any("是补充" in r or "新问题" in r for r in filed), filed
    second = number_in(filed)
    assert second != first
    assert [t.number for t in open_tickets(running, resident)] == [first, second]


def test_taking_a_report_back_right_after_withdraws_that_one_and_saying_it_again_nothing_more(running: Stack):
    resident = JX_RESIDENTS[5]
    older = number_in(say(running, resident, "楼下路灯黑起好几天了 晚上看不到路"))
    noisy = number_in(say(running, resident, "楼上那家天天打麻将 吵到半夜一两点"))
    assert noisy != older
    [withdrawn] = say(running, resident, "算了 不报了 都是老邻居 怕得罪人")
    assert noisy in withdrawn and "撤销" in withdrawn and "新问题" not in withdrawn, withdrawn
    [again] = say(running, resident, "都不是 撤了嘛 不要了")
    assert noisy in again and "没太看懂" not in again, again
    statuses = {t.number: t.status for t in tickets_of(running, resident)}
    assert statuses[noisy] == "cancelled" and statuses[older] != "cancelled"
    assert any("撤销" in n for n in told(running, JX_WORKER, noisy))
    assert not any("撤销" in n for n in told(running, JX_WORKER, older))


# -- §4: no problem, no ticket ---------------------------------------------------------------------------


def test_a_remark_on_a_question_just_answered_is_noted_and_never_filed(running: Stack):
    stranger = STRANGERS[0]
    answered = say(running, stranger, "外地人在这边租房子要去哪点登记")
    assert "居住证" in " ".join(answered), answered
    [noted] = say(running, stranger, "房东是安居苑的")
    assert "工单" not in noted and "请问在哪点" not in noted and "记下了" in noted, noted
    assert not tickets_of(running, stranger)


def test_chat_meant_for_someone_else_never_becomes_a_ticket_even_when_a_place_follows(running: Stack):
    stranger = STRANGERS[1]
    # Other tests on this stack report real emergencies at the river (钓鱼掉下去了): only what reaches the duty
    # officer from here on is this chat's.
    seen = {m["id"] for m in running.outbox(DUTY_OFFICER)}
    [chat] = say(running, stranger, "老王 明天早上去钓鱼不 带两根杆杆")
    assert "不是发给网格通" in chat and "请问在哪点" not in chat and "工单" not in chat, chat
    for place in ("河边", "滨河路河边嘛"):
        assert not any("工单" in r for r in say(running, stranger, place))
    assert not tickets_of(running, stranger)
    to_duty = [m["text"] for m in running.outbox(DUTY_OFFICER)
               if m["id"] not in seen and "钓鱼" in m["text"]]
    assert not to_duty, to_duty


def test_a_grid_workers_chat_with_no_ticket_and_no_problem_gets_the_staff_menu(running: Stack):
    for chat in ("兄弟 晚上一起吃火锅不", "兄弟 晚上一起吃火锅不"):
        [menu] = say(running, HB_BACKUP, chat)
        assert menu == MENU, menu
    assert not any("火锅" in t.text for t in tickets_of(running, HB_BACKUP))


# -- §1: the conversation's beginning and an emergency ------------------------------------------------------


def test_a_self_introduction_trailing_off_is_asked_for_the_problem_which_is_filed_next(running: Stack):
    resident = JX_RESIDENTS[6]
    say(running, resident, "喂 你好")
    [asked] = say(running, resident, "我是锦绣小区的 我们那个")
    assert "什么问题" in asked and "锦绣小区" in asked and "登记" not in asked, asked
    assert not tickets_of(running, resident)
    number = number_in(say(running, resident, "楼下路灯黑起好几天了晚上老汉出去散步看不到路"))
    [ticket] = tickets_of(running, resident)
    assert ticket.number == number and ticket.place_text == "锦绣小区"


def test_help_on_its_way_is_news_for_everyone_the_emergency_alerted_never_a_staff_prompt(running: Stack):
    resident = HB_RESIDENT
    raised = say(running, resident, "我老汉喘不上气了 嘴巴都乌了 咋个办")
    number = number_in(raised)
    if any("在哪里" in r for r in raised):
        say(running, resident, "在屋头 河滨路6栋2单元401")
    [news] = say(running, resident, "120打了 说10分钟到")
    assert "工单号" not in news and "收到" in news and "值班" in news, news
    assert any("120打了" in n for n in told(running, DUTY_OFFICER, number))
    assert any("120打了" in n for n in told(running, HB_WORKER, number))
    [ticket] = tickets_of(running, resident)
    assert ticket.status != "cancelled"

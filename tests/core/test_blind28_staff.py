"""Blind test 28's staff commands and what residents are told (docs/usertests/2026-12-06-blind16.md, B-K10, B-S1,
A-B59c-redo, A-B61, B88, B-K6, B85, B83), in the core: a dispatch goes to the name right after 派给 and the rest is
her 交代; a 详情 comes in messages of one SMS part each; staff's words about the reporter on 已办结 never reach him;
praise in a rating or of a grid worker named reaches that worker; "李磊是哪个" after a reassignment says who he is and
who has it now; a worry about someone not seen lately is a visit for the grid worker; a doubt about a grid worker at
the door is told how to check."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import (
    fraud_calls,
    help_requests,
    lifecycle,
    rating_remarks,
    staff_desk,
    staff_views,
    ticket_questions,
    triage,
    worker_praise,
)
from bot.core.take_over import take_over
from bot.store.db import Database
from bot.store.models import Person, TicketEvent
from tests.conftest import BACKUP_WORKER, DUTY_OFFICER, POINT_IN_GRID_1, RESIDENT, RIDER, STRANGER, WORKER
from tests.core.helpers import RULES, make_report, messages_to, read_details, submit, ticket

SMS = 70
YANG_YAN = "+8613700000005"  # 杨艳, 安居社区第1网格 (安居苑)
ZHOU_MING = "+8613700000009"  # 周明, 河滨社区第1网格


def say(db: Database, clock: FakeClock, who: str, text: str) -> list[str]:
    """A staff member's message at the desk: the messages of the reply, each within one SMS part."""
    with db.session() as s:
        answer = staff_desk.answer(s, clock, RULES, who, text)
    assert answer is not None
    parts = staff_views.parts(answer)
    assert parts and all(len(part) <= SMS for part in parts), parts
    return parts


def waiting(db: Database, clock: FakeClock, text: str = "小区门口的路灯不亮了") -> str:
    number = submit(db, clock, make_report(text, sender=STRANGER, category="roads"))
    assert ticket(db, number).status == "new"
    return number


# -- 1. the name right after 派给 is the target ------------------------------------------------------------------

def test_the_name_right_after_派给_is_the_target_and_the_rest_her_instructions(demo_db: Database, clock: FakeClock):
    number = waiting(demo_db, clock)
    [answer] = say(demo_db, clock, DUTY_OFFICER, f"{number} 派给 杨艳 周明那边忙不过来 你去帮个忙")
    assert answer.startswith(f"好的，工单{number}已派给杨艳") and "交代" in answer, answer
    assert ticket(demo_db, number).assignee.phone == YANG_YAN
    told = [m for m in messages_to(demo_db, YANG_YAN) if number in m and "交代" in m]
    assert told and "周明那边忙不过来 你去帮个忙" in told[-1], told
    assert not [m for m in messages_to(demo_db, ZHOU_MING) if number in m]


@pytest.mark.parametrize("words", ["派给杨艳或者周明", "派给 杨艳、周明", "派给杨艳 周明 看谁有空", "派给 杨艳 周明"])
def test_two_names_given_as_targets_are_still_asked_about(demo_db: Database, clock: FakeClock, words: str):
    number = waiting(demo_db, clock)
    [answer] = say(demo_db, clock, DUTY_OFFICER, f"{number} {words}")
    assert "杨艳" in answer and "周明" in answer and "哪一个" in answer, answer
    assert ticket(demo_db, number).status == "new"


# -- 2. a 详情 within one SMS part a message --------------------------------------------------------------------

LONG = "这里路边的井盖翻起来了 晚上骑车看不到 我刚才差点摔了 旁边还有一个也松了 踩上去晃得很 麻烦尽快来看一下"


def test_details_of_a_riders_located_ticket_come_in_messages_of_one_part_keeping_the_point(demo_db: Database,
                                                                                           clock: FakeClock):
    lat, lon = POINT_IN_GRID_1
    number = submit(demo_db, clock, make_report(LONG, sender=RIDER, lat=lat, lon=lon))
    with demo_db.session() as s:
        parts, words = read_details(staff_desk.answer(s, clock, RULES, WORKER, f"{number} 详情"))
    assert len(parts) >= 2
    assert parts[0].startswith(f"{number}【道路设施】") and "定位25.4025,103.3025" in parts[0] and RIDER in parts[0]
    assert words == LONG.replace(" ", ""), parts


def test_details_that_fit_one_part_stay_one_message(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report("阳光小区3栋门口路灯坏了", place_text="阳光小区3栋门口"))
    [whole] = say(demo_db, clock, WORKER, f"{number} 详情")
    assert "阳光小区3栋门口路灯坏了" in whole and RESIDENT in whole


# -- 3. 已办结 with words about "him" ----------------------------------------------------------------------------

@pytest.mark.parametrize("words", ["已办结 已经回电话告诉他了", "已办结 打电话跟她讲清楚了",
                                   "已办结 这个人是问护照的 已答复"])
def test_a_call_back_closed_with_words_about_the_caller_asks_him_to_rate_without_them(demo_db: Database,
                                                                                       clock: FakeClock, words: str):
    number = waiting(demo_db, clock, "咨询请回电：出国护照在哪里办")
    [answer] = say(demo_db, clock, DUTY_OFFICER, f"{number} {words}")
    assert answer.startswith(f"工单{number}已办结"), answer
    [asked] = [m for m in messages_to(demo_db, STRANGER) if number in m and "评价" in m]
    assert asked == f"工单{number}已办结，{lifecycle.RATE_ASK}", asked
    found = ticket(demo_db, number)
    assert found.status == "resolved" and found.resolution_note == words.removeprefix("已办结 ")


def test_a_holders_note_telling_of_telling_the_reporter_stays_with_staff_and_a_plain_note_reaches_him(
        demo_db: Database, clock: FakeClock):
    told, plain = submit(demo_db, clock), submit(demo_db, clock, make_report("阳光小区2栋楼道灯不亮"))
    say(demo_db, clock, WORKER, f"{told} 已办结 灯换好了 已经跟他说了")
    say(demo_db, clock, WORKER, f"{plain} 已办结 灯换好了")
    heard = messages_to(demo_db, RESIDENT)
    assert f"工单{told}已办结，{lifecycle.RATE_ASK}" in heard
    assert f"工单{plain}已办结：灯换好了。{lifecycle.RATE_ASK}" in heard


# -- 4. praise reaches the worker --------------------------------------------------------------------------------

def test_praise_as_a_satisfied_ratings_reason_reaches_the_worker(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)
    say(demo_db, clock, WORKER, f"{number} 已办结 路灯换好了")
    with demo_db.session() as s:
        lifecycle.rate(s, clock, RULES, RESIDENT, 1, number, "李师傅来得快 点个赞")
    assert rating_remarks.closed_reply(number, "李师傅来得快 点个赞") == \
        rating_remarks.CLOSED_PRAISED.format(number=number)
    assert f"工单{number}反映人表扬：李师傅来得快 点个赞" in messages_to(demo_db, WORKER)
    assert ticket(demo_db, number).status == "closed"


def test_praise_of_a_grid_worker_by_surname_from_a_stranger_reaches_the_only_one_of_that_name(demo_db: Database,
                                                                                              clock: FakeClock):
    text = "谢谢你们 昨天那个网格员小杨态度好得很"
    assert rating_remarks.praises(text)
    with demo_db.session() as s:
        named = worker_praise.named(s, clock, STRANGER, text)
        assert named is not None and named.worker is not None and named.worker.phone == YANG_YAN
        reply = worker_praise.pass_on(s, STRANGER, text, named)
    assert reply == worker_praise.PASSED.format(name="杨艳") and len(reply) <= SMS
    [notice] = [m for m in messages_to(demo_db, YANG_YAN) if "表扬您" in m]
    assert "小杨态度好得很" in notice and STRANGER not in notice and len(notice) <= SMS


def test_praise_of_a_worker_by_surname_is_the_one_of_the_senders_own_grid(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:  # two grid workers are 李 (李磊, and 李艳 his backup): the resident's own first
        named = worker_praise.named(s, clock, RESIDENT, "网格员小李人好 热心得很")
        assert named is not None and named.worker is not None and named.worker.phone == WORKER


def test_praise_of_a_worker_nobody_can_tell_reaches_the_duty_officer(demo_db: Database, clock: FakeClock):
    text = "谢谢社区的小徐 人好得很 热情"  # two grid workers are 徐 (徐建国, 徐涛), neither near the stranger
    with demo_db.session() as s:
        named = worker_praise.named(s, clock, STRANGER, text)
        assert named is not None and named.worker is None
        reply = worker_praise.pass_on(s, STRANGER, text, named)
    assert reply == worker_praise.PASSED_UP
    assert any("表扬网格员" in m and "小徐" in m and len(m) <= SMS for m in messages_to(demo_db, DUTY_OFFICER))


@pytest.mark.parametrize("text", ["谢谢你们", "小区环境搞得好 点赞", "老人活动室不错", "网格员小杨态度差得很"])
def test_thanks_to_all_or_no_worker_named_is_no_worker_praise(demo_db: Database, clock: FakeClock, text: str):
    with demo_db.session() as s:
        assert not rating_remarks.praises(text) or worker_praise.named(s, clock, STRANGER, text) is None


# -- 5. who the former holder is ---------------------------------------------------------------------------------

def test_a_question_who_the_former_holder_is_says_he_is_their_grid_worker_and_who_has_it_now(demo_db: Database,
                                                                                             clock: FakeClock):
    number = submit(demo_db, clock)
    say(demo_db, clock, WORKER, f"收到 {number}")
    with demo_db.session() as s:
        take_over(s, clock, number, s.scalar(select(Person).where(Person.phone == BACKUP_WORKER)))
    with demo_db.session() as s:
        asked = ticket_questions.asked_about(s, clock, RESIDENT, "李磊是哪个", timedelta(minutes=30))
        assert asked is not None and asked.ticket.number == number
        reply = ticket_questions.answer(s, asked)
    assert reply.startswith("李磊是您的网格员") and f"现由李艳（{BACKUP_WORKER[3:]}）办理" in reply, reply
    assert len(reply) <= SMS


# -- 6. a visit asked for, a grid worker at the door doubted ------------------------------------------------------

@pytest.mark.parametrize("text", ["帮我问问安居苑7栋那个张大爷还在不在 好久没看到他了",
                                  "你们能不能去看一下河畔花园3栋的王婆婆 最近都没见她下楼",
                                  "麻烦网格员去看看隔壁老两口还好不"])
def test_a_worry_about_someone_not_seen_lately_is_a_visit_for_the_grid_worker(text: str):
    assert help_requests.asks_to_look_in(text) and triage.has_problem(text) and not triage.has_danger(text)
    assert triage.information_request(text) is None
    assert triage.facility_category("other", text) == "elderly_care"
    reply = help_requests.opened_reply("T1001", "杨艳（13700000005）", text)
    assert "上门看看" in reply and len(reply) <= SMS


@pytest.mark.parametrize("text", ["帮我问问物业他们啥时候来修 最近都没看到人", "帮我看看我的工单咋样了",
                                  "问一下邻居家的水管修得咋样了", "帮我问问低保还在不在办"])
def test_asking_after_a_job_or_a_matter_is_no_visit(text: str):
    assert not help_requests.asks_to_look_in(text)


def test_an_elder_alone_not_seen_for_days_stays_an_emergency():
    assert triage.has_danger("帮我去看看安居苑7栋独居的张大爷 好几天没出门了")


@pytest.mark.parametrize("text", ["网格员上门登记要我身份证号 是不是骗子", "有个说是社区的人上门要我身份证号 靠谱不"])
def test_a_grid_worker_at_the_door_doubted_is_told_how_to_check(text: str):
    assert fraud_calls.visit_doubted(text)
    said = fraud_calls.visit_check("0874-3112345")
    assert "姓名" in said and "0874-3112345" in said and len(said) <= SMS


@pytest.mark.parametrize("text", ["有人打电话说我医保卡被冻结了 要我转钱", "网格员打电话要我验证码 是不是骗子",
                                  "有人发短信要我的验证码"])
def test_money_or_codes_asked_for_are_still_the_scam_warning(text: str):
    assert fraud_calls.described(text) and not fraud_calls.visit_doubted(text)


def test_every_praise_is_recorded_on_the_ticket(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)
    say(demo_db, clock, WORKER, f"{number} 已办结 路灯换好了")
    with demo_db.session() as s:
        lifecycle.rate(s, clock, RULES, RESIDENT, 1, number, "师傅辛苦了 态度好")
        kinds = list(s.scalars(select(TicketEvent.kind).where(TicketEvent.ticket_id == ticket(demo_db, number).id)))
    assert "praised" in kinds

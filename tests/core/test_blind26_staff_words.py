"""Blind test 26 (docs/usertests/2026-12-06-blind14.md, B86, B117, A12, A36): a secretary's plan on the complaint she
holds is an internal note the complainant never reads, a worker taking back what he filed himself withdraws it (撤销,
never 无效工单) while a holder who did not file it is asked which he means, a child shut in a lift that stood still
is the lift rescue's or 119's (never 120), and a location sent alone somewhere else is never the open report's."""

from __future__ import annotations

from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import (
    complaints,
    emergency_followups,
    emergency_numbers,
    followups,
    internal_notes,
    staff_desk,
)
from bot.core.cancelling import STAFF_REPLIES
from bot.store.db import Database
from bot.store.models import Ticket, TicketEvent
from tests.conftest import DUTY_OFFICER, POINT_IN_GRID_1, POINT_IN_HB_GRID_2, RESIDENT, RIDER, WORKER
from tests.core.helpers import RULES, kinds, make_report, messages_to, submit, ticket

XF_SECRETARY = "+8613800001001"  # 幸福社区's community secretary, above RESIDENT's grid
SMS = 70


def _say(db: Database, clock: FakeClock, who: str, text: str) -> str:
    with db.session() as s:
        answer = staff_desk.answer(s, clock, RULES, who, text)
    assert answer is not None and len(answer) <= SMS, answer
    return answer


def _complaint(db: Database, clock: FakeClock) -> str:
    with db.session() as s:
        told = complaints.lodge(s, clock, RULES, RESIDENT, "sms", "我要投诉网格员 打电话都不接")
    number = "T" + told.split("工单T")[1].split("）")[0]
    assert ticket(db, number).assignee.phone == XF_SECRETARY
    return number


def test_a_secretarys_plan_on_the_complaint_she_holds_is_an_internal_note_never_progress(demo_db: Database,
                                                                                        december: FakeClock):
    number = _complaint(demo_db, december)
    heard = messages_to(demo_db, RESIDENT)
    answer = _say(demo_db, december, XF_SECRETARY, f"{number} 这个我明天去找李磊谈一下")
    assert answer == internal_notes.KEPT.format(number=number)
    assert messages_to(demo_db, RESIDENT) == heard  # the complainant reads nothing of it
    with demo_db.session() as s:
        note = s.scalar(select(TicketEvent).where(TicketEvent.ticket_id == ticket(demo_db, number).id,
                                                  TicketEvent.kind == "note"))
        assert note is not None and note.note == "这个我明天去找李磊谈一下" and note.data.get("private") is True
    # The menu's 进度 still tells the complainant.
    _say(demo_db, december, XF_SECRETARY, f"{number} 进度 已找网格员谈过 以后电话都会接")
    assert messages_to(demo_db, RESIDENT)[-1] == f"工单{number}进展：已找网格员谈过 以后电话都会接"


def test_a_secretarys_words_with_her_receipt_of_a_complaint_are_kept_for_staff(demo_db: Database,
                                                                              december: FakeClock):
    number = _complaint(demo_db, december)
    heard = messages_to(demo_db, RESIDENT)
    answer = _say(demo_db, december, XF_SECRETARY, f"{number} 收到 我去找李磊了解一下")
    assert answer.startswith(f"好的，工单{number}已接单") and "告诉反映人" not in answer, answer
    assert ticket(demo_db, number).status == "acknowledged"
    assert all("李磊" not in m for m in messages_to(demo_db, RESIDENT)[len(heard):])
    assert "note" in kinds(demo_db, number)


def _say_details(db: Database, clock: FakeClock, who: str, number: str) -> str:
    with db.session() as s:
        answer = staff_desk.answer(s, clock, RULES, who, f"{number} 详情")
    assert answer is not None
    return answer


def test_the_duty_officers_words_on_a_ticket_someone_else_holds_are_never_progress(demo_db: Database,
                                                                                  december: FakeClock):
    number = _complaint(demo_db, december)
    heard = messages_to(demo_db, RESIDENT)
    answer = _say(demo_db, december, DUTY_OFFICER, f"{number} 这个网格员上个月也被投诉过")
    assert answer.startswith("已把您的话转给承办人"), answer
    assert messages_to(demo_db, RESIDENT) == heard


def test_a_holders_own_words_are_progress_unless_he_says_they_are_for_the_record(demo_db: Database,
                                                                                december: FakeClock):
    number = submit(demo_db, december, make_report("阳光小区1栋楼道灯不亮了", category="housing_utilities"))
    holder = ticket(demo_db, number).assignee.phone
    _say(demo_db, december, holder, f"{number} 灯泡订了 后天到货")
    assert messages_to(demo_db, RESIDENT)[-1] == f"工单{number}进展：灯泡订了 后天到货"
    heard = messages_to(demo_db, RESIDENT)
    answer = _say(demo_db, december, holder, f"{number} 备注 这家人上次也报过 不用告诉他")
    assert "内部备注" in answer and messages_to(demo_db, RESIDENT) == heard
    _say(demo_db, december, holder, f"{number} 内部 喊物业")
    details = _say_details(demo_db, december, holder, number)  # the latest note, as it fits the one part
    assert details.endswith("。内部备注：内部 喊物业") and len(details) <= SMS, details


def test_a_worker_taking_back_his_own_report_withdraws_it_never_closes_it_as_invalid(demo_db: Database,
                                                                                   december: FakeClock):
    number = submit(demo_db, december, make_report("阳光小区1栋门口井盖松了", sender=WORKER, category="roads"))
    assert _say(demo_db, december, WORKER, f"{number} 是我发错了 撤销").startswith(f"好的，工单{number}已撤销")
    assert ticket(demo_db, number).status == "cancelled"
    assert "cancelled" in kinds(demo_db, number) and "invalid" not in kinds(demo_db, number)


def test_a_holder_saying_he_filed_a_residents_report_by_mistake_is_asked_which_he_means(demo_db: Database,
                                                                                       december: FakeClock):
    number = submit(demo_db, december, make_report("阳光小区1栋门口垃圾没人收", category="sanitation"))
    holder = ticket(demo_db, number).assignee.phone
    heard = messages_to(demo_db, RESIDENT)
    answer = _say(demo_db, december, holder, f"{number} 是我发错了 撤销")
    assert answer == STAFF_REPLIES["not_theirs_holder"].format(number=number)
    assert f"{number} 无效工单 关掉" in answer and f"退单 {number}" in answer
    assert ticket(demo_db, number).status not in ("cancelled", "closed")
    assert messages_to(demo_db, RESIDENT) == heard


def test_a_child_shut_in_a_lift_that_stood_still_is_for_the_lift_rescue_never_120():
    for text in ("电梯停起不动了 我孙子在里头出不来", "电梯停起不动了；补充：我孙子在里头出不来",
                 "电梯卡起不动了 里头关了个娃娃"):
        assert emergency_numbers.lift_trapped(text) and not emergency_numbers.hurt(text), text
        assert emergency_numbers.number_to_call(RULES, "housing_utilities", text) == emergency_numbers.LIFT_RESCUE
        assert emergency_numbers.number_to_call(RULES, "other", text) == emergency_numbers.LIFT_RESCUE
    # Someone lying still is still hurt, in a lift or not.
    assert emergency_numbers.hurt("电梯里老人倒起不动了") and emergency_numbers.hurt("老人躺在地上不动了")


def test_a_stopped_lifts_advice_is_the_lift_rescue_never_the_ambulances(demo_db: Database, december: FakeClock):
    lift = Ticket(text="电梯停起不动了；补充：我孙子在里头出不来", category="housing_utilities")
    assert emergency_followups.advice(lift, emergency_numbers.LIFT_RESCUE) == emergency_followups.ADVICE_LIFT


def test_a_location_sent_alone_elsewhere_is_never_the_open_reports(demo_db: Database, december: FakeClock):
    located = ticket(demo_db, submit(demo_db, december, make_report(
        "小区门口道闸断了", sender=RIDER, category="roads", lat=POINT_IN_GRID_1[0], lon=POINT_IN_GRID_1[1])))
    placed = ticket(demo_db, submit(demo_db, december, make_report("阳光小区2栋门口道闸断了", category="roads")))
    with demo_db.session() as s:
        assert not followups.away_from(s, located, None)
        assert not followups.away_from(s, located, (POINT_IN_GRID_1[0] + 0.001, POINT_IN_GRID_1[1]))  # ~110 m
        assert followups.away_from(s, located, POINT_IN_HB_GRID_2)
        assert not followups.away_from(s, placed, POINT_IN_GRID_1)  # its own grid
        assert followups.away_from(s, placed, POINT_IN_HB_GRID_2)  # another grid


def test_what_is_held_for_the_next_report_names_no_ticket():
    for photos, point in ((True, True), (True, False), (False, True)):
        reply = followups.kept_reply(photos, point)
        assert "工单" not in reply and "什么问题" in reply and len(reply) <= SMS
        assert ("照片" in reply) == photos and ("位置" in reply) == point

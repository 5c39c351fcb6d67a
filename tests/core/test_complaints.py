"""A resident's complaint about their grid worker goes to the community secretary, never to that worker
(blind test 5, #108); asking for the worker's number is still a question, not a complaint."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import complaints
from bot.store.db import Database
from bot.store.models import Ticket
from tests.conftest import RESIDENT, STRANGER, WORKER
from tests.core.helpers import COMMUNITY_SECRETARY, RULES, messages_to


@pytest.mark.parametrize("text", ["我要投诉网格员 打电话都不接", "网格员态度太差了", "投诉一下我们那个网格员",
                                  "那个网格员打他电话从来不接"])
def test_complaints_about_the_grid_worker_are_recognised(text: str):
    assert complaints.complains_about_worker(text)


@pytest.mark.parametrize("text", ["我的网格员电话多少", "网格员是哪个", "路灯坏了", "投诉楼上噪音",
                                  "网格员咋个还不来", "网格员一直不回消息", "网格员态度很好 满意"])
def test_questions_and_reports_are_no_complaint(text: str):
    assert not complaints.complains_about_worker(text)


def test_a_complaint_is_a_ticket_for_the_secretary_and_the_worker_hears_nothing(demo_db: Database,
                                                                              clock: FakeClock):
    with demo_db.session() as s:
        answer = complaints.lodge(s, clock, RULES, RESIDENT, "sms", "我要投诉网格员 打电话都不接")
    assert "幸福社区" in answer and "13700000001" not in answer and len(answer) <= 70
    with demo_db.session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.reporter_address == RESIDENT))
        assert ticket.assignee.phone == COMMUNITY_SECRETARY and ticket.status == "assigned"
        number = ticket.number
    [notice] = [m for m in messages_to(demo_db, COMMUNITY_SECRETARY) if number in m]
    assert "打电话都不接" in notice and len(notice) <= 70
    assert not any(number in m for m in messages_to(demo_db, WORKER))


def test_a_complaint_nobody_can_place_goes_to_the_duty_officer(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        answer = complaints.lodge(s, clock, RULES, STRANGER, "sms", "我要投诉网格员 打电话都不接")
    assert "街道值班员" in answer

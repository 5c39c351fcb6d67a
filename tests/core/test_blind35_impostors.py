"""Door-step impostors of blind test 35 (failure 4; bot/core/impostors.py, bot/core/visitor_checks.py): a knock on
"my door" by someone from the community (A2), a utility's man wanting in (F6n), and his threat asked about after
(F2n)."""

from __future__ import annotations

import pytest

from bot.common.clock import FakeClock
from bot.core import impostors, visitor_checks
from bot.store.db import Database
from tests.conftest import STRANGER
from tests.core.helpers import inbound

SMS = 70
CENTRE = "0874-3112345"


@pytest.mark.parametrize("words", ["有个不认得的人一直敲我家门 说是社区派来的",
                                   "有个男的敲我屋门 说是街道派来登记的 喊我开门"])
def test_a_knock_on_my_door_by_one_of_us_is_at_the_door(words: str) -> None:
    assert impostors.at_door(words)  # A2: 请问在哪点


@pytest.mark.parametrize("words", ["有人敲门说是自来水公司的 要进来查水管 河畔花园",
                                   "门口有个人说是电力公司的 要进屋查电表",
                                   "来了个人说是燃气公司的 要进屋看燃气表"])
def test_a_utilitys_man_wanting_in_is_dont_open_and_check(words: str) -> None:
    assert impostors.at_door(words) and visitor_checks.fee_at_door(words)  # F6n: a ticket, no advice
    reply = visitor_checks.fee_advice(CENTRE, words)
    assert reply.startswith("先别开门") and CENTRE in reply and "别交钱" not in reply and len(reply) <= SMS, reply


@pytest.mark.parametrize("words", ["自来水公司说明天要进屋查水表", "我家水管坏了 叫自来水公司的来查水管"])
def test_a_utility_named_with_nobody_claiming_at_the_door_is_no_visitor(words: str) -> None:
    assert not visitor_checks.fee_at_door(words)


def test_a_fee_asked_is_still_dont_pay() -> None:
    reply = visitor_checks.fee_advice(CENTRE, "门口来个穿制服的 说是燃气公司的 要换表收三百块 安居苑")
    assert "别交钱" in reply, reply


@pytest.mark.parametrize("words", ["他说不换就停气 是真的不", "他说不交钱就要停水", "他说今天必须换 不然就停气"])
def test_a_threat_after_a_meter_impostor_is_not_true(demo_db: Database, clock: FakeClock, words: str) -> None:
    inbound(demo_db, clock, STRANGER, "门口来个穿制服的 说是燃气公司的 要换表收三百块 安居苑")
    clock.advance(minutes=5)
    before = inbound(demo_db, clock, STRANGER, words)
    with demo_db.session() as s:
        replies = impostors.follow_up(s, clock, CENTRE, "simulator", STRANGER, before, words)
    assert replies == [impostors.THREAT.format(phone=CENTRE)] and len(replies[0]) <= SMS, replies


@pytest.mark.parametrize("words", ["明天要停水吗", "燃气公司说明天停气"])
def test_an_outage_asked_is_no_threat(words: str) -> None:
    assert not impostors.threatened(words)

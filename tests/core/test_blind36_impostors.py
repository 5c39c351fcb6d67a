"""Door-step impostors and strangers as grid workers of blind test 36 (bot/core/impostors.py,
bot/core/visitor_checks.py): an office at the door (F2b), a knock said sent by the community (A2), his excuse told
after (F4b, F6n), a named worker wanting the sender on WeChat (F10b)."""

from __future__ import annotations

import pytest

from bot.common.clock import FakeClock
from bot.core import impostors, visitor_checks
from bot.store.db import Database
from tests.conftest import STRANGER
from tests.core.helpers import inbound

SMS = 70
CENTRE = "0874-3112345"


@pytest.mark.parametrize("words", ["门口有两个人说是民政局的 来核实低保 要看我的存折",  # F2b: the 居家养老 text
                                   "有个人敲门说是社保局的 要看我的银行卡",
                                   "门口来了个人说是派出所的 要查我家户口本和身份证"])
def test_an_office_at_the_door_is_dont_open(demo_db: Database, words: str) -> None:
    assert impostors.at_door(words)
    with demo_db.session() as s:
        reply = impostors.advice(s, CENTRE, STRANGER, words)[0]
    assert reply == impostors.OFFICE_CHECK.format(phone=CENTRE) and len(reply) <= SMS, reply


@pytest.mark.parametrize("words", ["外头有个男的一直拍我屋门 说是社区喊他来的 我又不认得他",  # A2: asked where
                                   "有人一直敲我家门 说社区叫他来查燃气的",
                                   "有个女的在门口一直喊我开门 说是居委会派她来的"])
def test_a_knock_said_sent_by_the_community_is_at_the_door(words: str) -> None:
    assert impostors.at_door(words)


@pytest.mark.parametrize("words", ["社区说明天派人来看下水道", "网格员周明来了 在门口看灯"])
def test_one_of_us_coming_with_no_stranger_claiming_is_no_impostor(words: str) -> None:
    assert not impostors.at_door(words)


@pytest.mark.parametrize(("first", "excuse", "name"), [
    ("有个人说他是杨艳的同事 要上门收物业费 我住安居苑", "他说杨艳今天请假了喊他来的", "杨艳"),  # F4b: a ticket
    ("有人敲门说是自来水公司的 要进屋查水管 河畔花园", "他拿不出工作证", "周明"),  # F6n: a ticket
    ("门口有个人说是燃气公司的 要进屋检查 我住河畔花园", "他说工作证忘带了", "周明"),
])
def test_his_excuse_after_is_keep_the_door_shut(demo_db: Database, clock: FakeClock, first: str, excuse: str,
                                                 name: str) -> None:
    inbound(demo_db, clock, STRANGER, first)
    clock.advance(minutes=5)
    before = inbound(demo_db, clock, STRANGER, excuse)
    with demo_db.session() as s:
        replies = impostors.follow_up(s, clock, CENTRE, "simulator", STRANGER, before, excuse)
    assert replies is not None and replies[0] == impostors.EXCUSE.format(phone=CENTRE), replies
    assert name in replies[1] and all(len(r) <= SMS for r in replies), replies


def test_an_excuse_with_no_visitor_before_is_none_of_his(demo_db: Database, clock: FakeClock) -> None:
    before = inbound(demo_db, clock, STRANGER, "他说杨艳今天请假了")
    with demo_db.session() as s:
        assert impostors.follow_up(s, clock, CENTRE, "simulator", STRANGER, before, "他说杨艳今天请假了") is None


@pytest.mark.parametrize(("words", "phone"), [
    ("有个陌生号码发短信说他是网格员李磊 叫我加他微信", "13700000001"),  # F10b: a number registration
    ("有人打电话说他是网格员杨艳 喊我加她微信 拉我进群", "13700000005"),
    ("陌生人加我微信 说他是网格员周明 要我发身份证照片", "13700000009"),
])
def test_a_named_worker_wanting_wechat_gets_his_real_number(demo_db: Database, words: str, phone: str) -> None:
    assert visitor_checks.wechat_as_named(words)
    with demo_db.session() as s:
        reply = visitor_checks.wechat_check(s, words)
    assert reply is not None and phone in reply and "微信" in reply and len(reply) <= SMS, reply


@pytest.mark.parametrize("words", ["网格员李磊的微信是多少", "我想加网格员的微信群"])
def test_asking_for_a_workers_wechat_is_no_stranger(words: str) -> None:
    assert not visitor_checks.wechat_as_named(words)


@pytest.mark.parametrize("words", ["真的网格员有没得工作证哦", "网格员有没有证件"])
def test_asking_whether_workers_carry_a_card_is_no_excuse(words: str) -> None:
    assert not impostors.excused(words)

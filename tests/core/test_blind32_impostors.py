"""Blind test 32 (docs/usertests/2026-12-07-blind20.md), in the core: impostor and fraud questions that are no scene at
the door: how to tell a real grid worker, whether the one named is, whether what he asks for is usual, a fee asked at
the door, the words after an impostor was reported (still about, was he a cheat), money sent after a call."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import fraud_calls, impostors, visitor_checks
from bot.store.db import Database
from bot.store.models import Ticket
from tests.conftest import STRANGER
from tests.core.helpers import inbound, make_report, messages_to, submit

SMS = 70
CENTRE = "0874-3112345"


def _all_short(replies: list[str] | None) -> bool:
    return bool(replies) and all(len(r) <= SMS for r in replies or [])


@pytest.mark.parametrize("words", [
    "咋个晓得上门的网格员是不是假的",  # A4: the volunteer-team answer
    "咋个辨别网格员是真是假",  # A102: not understood
    "怎么知道网格员是不是真的",
    "网格员有没有工作证 咋个认",
    "假网格员咋个认得出来哦",
    "怕有人冒充网格员 咋个办",
    "社区的人来登记 是真的不",
    "真的网格员有没得工作证哦",
    "冒充网格员的咋个防",
])
def test_how_to_tell_a_real_grid_worker_is_the_work_card_and_a_call_to_the_community(demo_db: Database,
                                                                                   words: str) -> None:
    assert visitor_checks.asks_how_to_tell(words) and not impostors.at_door(words)
    with demo_db.session() as s:
        replies = visitor_checks.answer(s, CENTRE, STRANGER, words)
    assert replies and _all_short(replies), replies
    said = replies[0]
    assert "工作证" in said and "存折" in said and "验证码" in said and "原件" in said and CENTRE in said, said
    assert "志愿" not in said and "工单" not in said


def test_how_to_tell_with_the_estate_named_gives_its_grid_worker(demo_db: Database) -> None:
    with demo_db.session() as s:
        replies = visitor_checks.answer(s, CENTRE, STRANGER, "安居苑的网格员咋个辨别真假")
    assert _all_short(replies) and len(replies or []) == 2 and "杨艳" in (replies or [""])[1], replies


@pytest.mark.parametrize("words", [
    "他说他叫周明 是河畔花园的网格员 是真的不",  # A4-2: the volunteer-team answer
    "来了个人说他叫周明，河畔花园网格员，真的不",
    "有个叫周明的说是河畔花园的网格员 是不是真的",
])
def test_the_estates_real_grid_worker_named_is_confirmed_with_his_number(demo_db: Database, words: str) -> None:
    assert visitor_checks.asks_about_named(words)
    with demo_db.session() as s:
        replies = visitor_checks.answer(s, CENTRE, STRANGER, words)
    assert _all_short(replies) and len(replies or []) == 1, replies
    said = (replies or [""])[0]
    assert said.startswith("对") and "周明是河畔花园的网格员" in said and "137" in said, said


@pytest.mark.parametrize(("words", "other"), [
    ("他说他叫王小明 是河畔花园的网格员 是真的不", "王小明"),
    ("她叫李芳 说是安居苑的网格员 真的不", "李芳"),
])
def test_a_name_that_is_not_the_estates_grid_worker_is_told_who_is(demo_db: Database, words: str,
                                                                  other: str) -> None:
    with demo_db.session() as s:
        replies = visitor_checks.answer(s, CENTRE, STRANGER, words)
    said = (replies or [""])[0]
    assert _all_short(replies) and not said.startswith("对") and f"不叫{other}" in said and "别开门" in said, said
    assert ("周明" if "河畔" in words else "杨艳") in said and CENTRE in said, said


def test_a_grid_worker_named_without_the_estate_is_found_by_his_name(demo_db: Database) -> None:
    with demo_db.session() as s:
        replies = visitor_checks.answer(s, CENTRE, STRANGER, "他说他叫周明 是网格员 是真的不")
    assert _all_short(replies) and "周明是" in (replies or [""])[0] and "137" in (replies or [""])[0], replies


@pytest.mark.parametrize("words", [
    "网格员上门要收身份证原件 正常不",  # A6: the ID-card replacement answer
    "社区的人要把我户口本拿走 正常不",
    "网格员要拍我身份证 可以不",
    "普查员要收身份证原件 合理不",
])
def test_papers_taken_or_copied_are_not_usual(words: str) -> None:
    assert visitor_checks.asks_if_usual(words)
    said = visitor_checks.usual(CENTRE, words)
    assert said.startswith("不正常") and "原件" in said and CENTRE in said and len(said) <= SMS, said


@pytest.mark.parametrize("words", [
    "网格员上门要看身份证 正常不",  # A103: "请问在哪点？"
    "网格员来登记 要看下户口本 正常不",
    "社区的人上门核对身份证 要得不",
])
def test_papers_looked_at_for_registration_are_usual_but_never_taken(words: str) -> None:
    assert visitor_checks.asks_if_usual(words)
    said = visitor_checks.usual(CENTRE, words)
    assert "正常" in said and not said.startswith("不正常") and "拿走原件" in said and CENTRE in said, said
    assert "补办" not in said and len(said) <= SMS


@pytest.mark.parametrize("words", ["网格员要我把银行卡给他看 正常不", "社区的人上门要收钱 正常不",
                                   "网格员要我手机验证码 可以不"])
def test_cards_codes_and_money_asked_by_one_of_us_are_never_usual(words: str) -> None:
    assert visitor_checks.asks_if_usual(words)
    said = visitor_checks.usual(CENTRE, words)
    assert said == visitor_checks.MONEY_NEVER.format(phone=CENTRE) and len(said) <= SMS


@pytest.mark.parametrize("words", ["网格员上门收垃圾费 正常不", "社区的人来收卫生费 合理不"])
def test_a_fee_collected_by_one_of_us_is_asked_about_before_paying(words: str) -> None:
    assert visitor_checks.asks_if_usual(words)
    said = visitor_checks.usual(CENTRE, words)
    assert said == visitor_checks.FEE_ASKED.format(phone=CENTRE) and "先别给" in said and len(said) <= SMS


@pytest.mark.parametrize("words", ["去社区办居住证要带身份证原件吗", "身份证原件丢了咋个补办", "网格员电话多少",
                                   "网格员是干啥子的", "网格员说明天来登记", "有人打电话说是社区的 要我转账",
                                   "工作证丢了咋个补办", "网格员有没有上门服务", "网格员上门走访 要带啥子",
                                   "社区门口有人卖假冒伪劣产品", "社区超市的蜂蜜真假难辨"])
def test_an_office_visit_or_another_question_is_no_visitor_question(words: str) -> None:
    assert not visitor_checks.asks_if_usual(words)
    assert not visitor_checks.asks_how_to_tell(words)
    assert not visitor_checks.asks_about_named(words)


@pytest.mark.parametrize(("words", "utility"), [
    ("门口有个人说是燃气公司的 又说是社区的 要收检测费", "燃气公司"),  # A87: "请问在哪点？"
    ("有个自称天然气公司的上门 说要换管子 收三百", "燃气公司"),
    ("说是自来水公司的 上门换水表 要收两百", "自来水公司"),
    ("有人敲门说是社区的 要收上门检查费", ""),
])
def test_a_fee_asked_at_the_door_is_dont_open_dont_pay_and_check(demo_db: Database, words: str,
                                                                 utility: str) -> None:
    assert visitor_checks.fee_at_door(words) and impostors.at_door(words)
    with demo_db.session() as s:
        replies = impostors.advice(s, CENTRE, STRANGER, words)
    said = replies[0]
    assert "别开门" in said and "别交钱" in said and CENTRE in said and "110" in said and len(said) <= SMS, said
    assert utility in said


@pytest.mark.parametrize("words", ["有人打电话说是燃气公司的 要交检测费", "社区说是要交卫生费 合理不",
                                   "燃气公司说是明天上门安检"])
def test_a_fee_on_the_phone_or_a_notice_is_no_visitor_at_the_door(words: str) -> None:
    assert not visitor_checks.fee_at_door(words)


@pytest.mark.parametrize("words", ["上个月有个人上门收了我两百块钱 说是社区让收的",
                                   "刚才有人说是燃气公司的 上门收了我一百五检测费",
                                   "昨天有个人说是社区的 上门要收卫生费"])
def test_a_fee_already_taken_or_asked_days_ago_is_what_happened_not_a_caller_at_the_door(words: str) -> None:
    assert not visitor_checks.fee_at_door(words)  # blind28_words: the detail of a complaint just made


@pytest.mark.parametrize("words", ["有人冒充网格员上门推销保健品 安居苑的", "有个假冒社区的来敲门卖净水器",
                                   "冒充街道的人上门推销"])
def test_an_impostor_who_came_is_told_of(words: str) -> None:
    assert impostors.told_of(words)


@pytest.mark.parametrize("words", ["卖保健品那个人还在楼下转 我不敢出去", "他还在门口 我好怕", "那个人又来了",
                                   "我不敢开门"])
def test_him_still_about_or_the_sender_afraid_is_read(words: str) -> None:
    assert impostors.still_there(words) and impostors.about_him(words)


@pytest.mark.parametrize("words", ["楼下那个灯还在闪", "水还在漏"])
def test_something_else_still_going_is_not_him(words: str) -> None:
    assert not impostors.still_there(words)


def _said(db: Database, clock: FakeClock, text: str) -> int:
    return inbound(db, clock, STRANGER, text)


def _follow_up(db: Database, clock: FakeClock, text: str) -> list[str] | None:
    before = _said(db, clock, text)
    with db.session() as s:
        return impostors.follow_up(s, clock, CENTRE, "simulator", STRANGER, before, text)


def test_after_an_impostor_was_reported_the_sender_afraid_stays_in_and_the_worker_hears(demo_db: Database,
                                                                                       clock: FakeClock) -> None:
    first = "有人冒充网格员上门推销保健品 安居苑的"
    _said(demo_db, clock, first)
    number = submit(demo_db, clock, make_report(first, sender=STRANGER, category="public_security"))
    clock.advance(minutes=6)
    replies = _follow_up(demo_db, clock, "卖保健品那个人还在楼下转 我不敢出去")  # A5-2: only 补充
    assert _all_short(replies) and replies, replies
    assert (replies or [""])[0] == impostors.STAY_IN and "锁" in impostors.STAY_IN and "110" in impostors.STAY_IN
    assert number in (replies or ["", ""])[1], replies
    with demo_db.session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.number == number))
        assert ticket is not None and "还在楼下转" in ticket.text
        holder = ticket.assignee.phone if ticket.assignee is not None else None
    if holder is not None:
        assert any(number in m and "补充" in m for m in messages_to(demo_db, holder))
    clock.advance(minutes=5)
    later = _follow_up(demo_db, clock, "那个人走了 是不是骗子嘛")  # A5-3: the phone-scam text
    assert later == [impostors.LIKELY_CHEAT] and "挂断" not in later[0] and len(later[0]) <= SMS, later


def test_after_door_advice_a_doubt_of_a_cheat_is_checked_with_the_community(demo_db: Database,
                                                                           clock: FakeClock) -> None:
    _said(demo_db, clock, "有个男的说他是网格员 要看我家银行卡 安居苑的")
    clock.advance(minutes=5)
    replies = _follow_up(demo_db, clock, "他是不是骗子哦")
    assert replies and CENTRE in replies[0] and "杨艳" in " ".join(replies), replies
    clock.advance(minutes=5)
    assert _follow_up(demo_db, clock, "他还在楼下 我不敢出去") == [impostors.STAY_IN]  # no ticket: nothing noted


def test_without_a_visitor_told_of_the_words_are_not_ours(demo_db: Database, clock: FakeClock) -> None:
    assert _follow_up(demo_db, clock, "那个人走了 是不是骗子嘛") is None
    assert _follow_up(demo_db, clock, "我不敢出去") is None


@pytest.mark.parametrize("words", [
    "刚才接到个电话说我医保卡出问题 我转了五千过去 安居苑的",  # A59: an ordinary ticket
    "接到电话说我中奖了 我给他打了两千过去",
    "有个客服说我快递丢了 我转了八百过去",
    "微信上有人说帮我贷款 我转了三千过去",
])
def test_money_sent_after_a_call_is_110_at_once(words: str) -> None:
    assert fraud_calls.money_lost(words)
    assert "110" in fraud_calls.MONEY_LOST and "96110" in fraud_calls.MONEY_LOST


@pytest.mark.parametrize("words", ["我打电话给我妈 转了三千过去", "我转了三千过去 给我妈的",
                                   "接到电话说快递到了 我下楼拿了", "来电了 我交了两百块电费",
                                   "物业客服说交了钱就来修 交了两百块还是没来", "收到缴费短信 我交了两百块"])
def test_money_sent_to_family_or_a_call_with_no_money_is_no_loss(words: str) -> None:
    assert not fraud_calls.money_lost(words)


def test_every_new_reply_fits_one_sms_part() -> None:
    longest = {"place": "河畔花园", "name": "王小明", "phone": "13700000009", "centre": CENTRE,
               "not_him": "，不叫王小明", "paper": "身份证", "who": "自来水公司", "bill": "缴费单上的电话或"}
    for text in (visitor_checks.HOW_TO_TELL, visitor_checks.WORKER, visitor_checks.NAMED_RIGHT,
                 visitor_checks.NAMED_WRONG, visitor_checks.PAPER_LOOK, visitor_checks.PAPER_TAKE,
                 visitor_checks.MONEY_NEVER, visitor_checks.FEE, visitor_checks.FEE_ASKED, impostors.STAY_IN,
                 impostors.LIKELY_CHEAT,
                 impostors.NOTED.format(number="T1017", whom="网格员杨艳")):
        assert len(text.format(**longest)) <= SMS, text

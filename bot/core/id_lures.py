"""A lure for people's ID numbers reported (blind test 33, B31: 有人在河畔花园门口发传单 说免费领鸡蛋 要登记身份证号
became a number-registration ticket, and so did 我不是要登记 是举报他们骗身份证): a report of a likely fraud, filed
like any, with a word to the sender never to give the number; said again soon after, it is more of that report."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.common.plain_text import plain as _plain
from bot.core import followups, triage
from bot.core.tickets import OPEN_STATUSES, holder_word
from bot.store.models import Ticket

# Something free for the taking (免费领鸡蛋, 送米送油, 扫码领礼品, 免费体检).
# A gift for the number (登记身份证号就送洗衣粉, blind test 35, B31: a number-registration ticket): 就送, 就给.
_FREE = re.compile(r"免费|白送|白给|送(?:鸡蛋|米|油|面|礼品|礼物|东西|纸|盆|锅|洗衣粉|洗洁精|"
                   r"洗衣液|牙膏|毛巾|肥皂|香皂|袋|桶|碗|杯)|领(?:鸡蛋|米|油|面|礼品|礼物|东西|洗衣粉)|(?:就|都|还)送|(?:就|都|还)(?:给|发)(?:一|个|袋|桶|包|瓶|盒)|"
                   r"扫码领|扫码送|抽奖|中奖")
# An ID or card number, a copy or a photo of it, asked for.
_NUMBER = re.compile(r"身份证|身份信息|证件号|银行卡号?|社保卡号?|医保卡号?")
_ASKED = re.compile(r"登记|要|填|留|写|报|拍|复印|扫")
# Reported as a fraud (是举报他们骗身份证, 骗人身份信息的).
# 套身份证信息 (blind test 36, B31: a number-registration ticket) is the same fraud, in other words.
_REPORTED = re.compile(r"(?:骗取|套取|骗|套)(?:人|我们|老年人|老人|人家|别人|大家)?(?:的)?"
                       r"(?:身份证|身份信息|个人信息|证件)")
# The sender's own registration, not a lure (我要登记身份证号 换了新号码).
_OWN = re.compile(r"我要登记|帮我登记|给我登记|我来登记|我想登记|换了号|新号码")

NOTE = "身份证号、银行卡号千万别给他们，也别扫码；已经给了的，打110说明情况。"
NOTED = "已补充到工单{number}，已转告{whom}。身份证号千万别给他们。"
LOOKED_BACK = timedelta(minutes=60)
LOOKED_AT = 6  # tickets


def told(text: str) -> bool:
    """Whether the words report a lure for ID numbers (免费领鸡蛋 要登记身份证号) or a fraud for them
    (举报他们骗身份证)."""
    plain = _plain(text)
    if not plain or triage.has_danger(plain) or _NUMBER.search(plain) is None:
        return False
    if _REPORTED.search(plain) is not None:
        return True
    return _FREE.search(plain) is not None and _ASKED.search(plain) is not None and _OWN.search(plain) is None


def more_of(session: Session, clock: Clock, address: str, text: str, message_id: int) -> list[str] | None:
    """The words added to the sender's open lure report of the last hour (its holder told); None for no such
    report."""
    tickets = session.scalars(select(Ticket).where(
        Ticket.reporter_address == address, Ticket.status.in_(OPEN_STATUSES),
        Ticket.created_at >= clock.now() - LOOKED_BACK).order_by(Ticket.id.desc()).limit(LOOKED_AT))
    ticket = next((t for t in tickets if told(t.text.split("；补充：")[0])), None)
    if ticket is None:
        return None
    followups.add_detail(session, clock, ticket, text, address, message_id)
    return [NOTED.format(number=ticket.number, whom=holder_word(ticket))]

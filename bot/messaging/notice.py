"""The privacy notice (PIPL: notice before processing): an address we have never answered gets one
short message after its first replies, saying what is kept, how to stop, and how to see or erase it.

Given once per address, on any channel: `privacy_notices` records it in the transaction that queues
the replies, so a message processed again (a retry, a worker that lost its claim) never tells twice,
and a message that fails tells nobody yet. An opted-out number is not told (it asked for silence);
it is told with its first reply after it opts back in. Staff are never told (blind test 7, #45: a grid worker
got the residents' notice): the app says who they are (`Exempt`), asked only of addresses not yet told."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.dialects import postgresql, sqlite

from bot.messaging.optout import opted_out_among
from bot.store.privacy_models import PrivacyNotice

# SMS has 退订 (messaging/keywords.py); the other channels have no keywords to offer.
SMS_NOTICE = "【隐私】网格通仅为办事保存您的信息，回复 退订 停止；要查看或删除您的信息请联系网格员。"
NOTICE = "【隐私】网格通仅为办事保存您的信息；要查看或删除您的信息，请联系网格员。"
KIND = "privacy"

_TABLE = PrivacyNotice.__table__
# Built once per dialect: the worker runs it with every completion that queues replies.
_RECORD = {name: dialect.insert(_TABLE).on_conflict_do_nothing(index_elements=["address"]).returning(_TABLE.c.address)
           for name, dialect in (("sqlite", sqlite), ("postgresql", postgresql))}


# Of these addresses, those never to be told (staff), looked up on the caller's connection.
Exempt = Callable[[Connection, list[str]], Collection[str]]


def notice_text(channel: str) -> str:
    return SMS_NOTICE if channel == "sms" else NOTICE


def privacy_notices(conn: Connection, replies: list[dict[str, Any]], now: datetime,
                    exempt: Exempt | None = None) -> list[dict[str, Any]]:
    """Outbox rows (shaped like `replies`) telling the recipients of these replies who were never told;
    recorded as told on `conn`, in the caller's transaction. Queue them after the replies. `exempt`: who is
    never told (staff), asked only of the recipients not told yet, and not recorded as told."""
    first: dict[str, str] = {}
    for reply in replies:
        first.setdefault(reply["recipient"], reply["channel"])
    for channel in set(first.values()):
        for address in opted_out_among(conn, channel, [a for a, c in first.items() if c == channel]):
            del first[address]
    if first and exempt is not None:
        told_before = set(conn.scalars(select(_TABLE.c.address).where(_TABLE.c.address.in_(list(first)))))
        untold = [a for a in first if a not in told_before]
        for address in [*told_before, *(exempt(conn, untold) if untold else ())]:
            first.pop(address, None)
    if not first:
        return []
    told = set(conn.scalars(_RECORD[conn.dialect.name],
                            [{"address": a, "channel": c, "told_at": now} for a, c in first.items()]))
    return [{**replies[0], "channel": channel, "recipient": address, "kind": KIND, "text": notice_text(channel),
             "payload": {}, "reply_to_id": None, "seq": None}
            for address, channel in first.items() if address in told]

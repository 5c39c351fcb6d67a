"""A staff message naming two tickets or more: 收到 for each of them ("收到 T1035 T1036 T1037"), each one acknowledged
or refused with why; or a duplicate merged into the other ("T1050 跟T1049重复了 并到一起"): the newer one into the
older, when both are in the sender's scope and grid (or, for an overseer covering both, in two grids or none: blind
test 34, DO3) and they are one matter (the same reporter, or the same category,
or the same building or place: blind test 30, A30a, 楼梯间的灯坏了 and 楼道灯不亮 in two categories at 河畔花园4栋),
its reporter told "已并入T1049".

Blind test 8, #110: only T1035 of three was acknowledged, the others silently left 待接单; #136: the merge was
recorded as progress and the reporter got "工单T1050进展：跟 重复了 并到一起"."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import lifecycle, merging, place_parts
from bot.core.lifecycle import STATUS_NAMES, TicketError
from bot.core.notify import notify
from bot.core.routing_rules import RoutingRules
from bot.core.scopes import scope_of
from bot.store.models import Person, Ticket

SMS_CHARS = 70
MERGE_WORDS = re.compile(r"重复|并到|并入|并单|并一起|合并|同一件事|同一个事|一回事|是一个事")
REFUSED = {"not_found": "没有这个单", "not_allowed": "不归您办"}
REPLIES = {
    "acked": "好的，已接单：{done}。办结后回“T号 已办结 情况”。",
    "acked_some": "已接单：{done}；{refused}。",
    "acked_none": "都没有接单：{refused}。",
    "merged": "好的，工单{number}已并入{into}，已告诉反映人。以后请回“{into} 进度/已办结”。",
    "not_one_matter": "工单{number}和{into}地点、类别都不同，不能并单；不归您办请回“退单 {number} 理由”。",
    # A grid worker's merge across grids (blind test 34, DO3: only an overseer covering both may).
    "other_grid": "工单{number}和{into}不在同一网格，您不能并单，请社区书记或街道值班员来并。",
}
HOLDER_NOTICE = "工单{number}已并入您办的工单{into}，原反映：{text}"


def same_place(one: Ticket, other: Ticket) -> bool:
    """Whether two tickets are at one building (河畔花园4栋楼梯间, 河畔花园4栋) or one place said alike."""
    here, there = (" ".join((t.place_text or "").split()) for t in (one, other))
    if not here or not there:
        return False
    building = place_parts.building_of(here)
    return here == there or (building == place_parts.building_of(there)
                             and any(place_parts.PARTS[depth].search(building) for depth in (0, 1)))


def says_merge(text: str, numbers: list[str]) -> bool:
    return len(numbers) == 2 and MERGE_WORDS.search(text) is not None


def was_merged(reply: str) -> bool:
    """Whether `merge_duplicate`'s reply says the merge was made."""
    return reply.startswith("好的，")


def acknowledge_each(session: Session, clock: Clock, rules: RoutingRules, address: str, numbers: list[str]) -> str:
    """收到 for every ticket named; the reply says which were acknowledged and why the others were not."""
    done, refused = [], []
    for number in numbers:
        try:
            lifecycle.acknowledge(session, clock, rules, number, address)
            done.append(number)
        except TicketError as error:
            status = STATUS_NAMES.get(error.status or "", "")
            why = f"目前{status}" if error.reason == "wrong_state" and status else REFUSED.get(error.reason, "不能接")
            refused.append(f"{number}{why}")
    if not refused:
        return REPLIES["acked"].format(done="、".join(done))
    text = REPLIES["acked_some" if done else "acked_none"].format(done="、".join(done), refused="，".join(refused))
    return text if len(text) <= SMS_CHARS else text[:SMS_CHARS - 1] + "…"


def _kept_and_merged(one: Ticket, other: Ticket) -> tuple[Ticket, Ticket]:
    """(kept, merged): the older kept, unless only the newer has a grid (the bot's own placeless duplicate kept
    over the placed first report would lose where it is: blind test 34, DO3)."""
    older, newer = sorted((one, other), key=lambda t: t.id)
    if older.unit_id is None and newer.unit_id is not None:
        return newer, older
    return older, newer


def _tell_holder(session: Session, kept: Ticket, merged: Ticket, person: Person) -> None:
    """The kept ticket's holder hears what the merged one said (its text must not be lost: blind test 34, DO3)."""
    holder = kept.assignee
    if holder is None or holder.id == person.id or merged.assignee_id == holder.id:
        return
    head = HOLDER_NOTICE.format(number=merged.number, into=kept.number, text="")
    text = " ".join(merged.text.split())
    room = SMS_CHARS - len(head)
    notify(session, holder, HOLDER_NOTICE.format(number=merged.number, into=kept.number,
                                                 text=text if len(text) <= room else text[:room - 1] + "…"),
           ticket_id=kept.id)


def merge_duplicate(session: Session, clock: Clock, rules: RoutingRules, person: Person, address: str,
                    numbers: list[str], *, on_word: bool = True) -> str:
    """One of the two tickets merged into the other (merging.merge: both open, the sender may act on both; in one
    grid, or across grids or none by an overseer covering both: the duty officer, a secretary in their community,
    blind test 34, DO3), when they are one matter. A ticket in no grid (the bot could not place it) is taken on the
    staff member's word (`on_word`; not when the words call it a false alarm: 误报 跟T1028一回事 关了 closes it)."""
    tickets = [session.scalar(select(Ticket).where(Ticket.number == n)) for n in numbers]
    for number, ticket in zip(numbers, tickets, strict=True):
        if ticket is None:
            return f"没有找到工单{number}，请核对单号。"
    kept, dup = _kept_and_merged(*tickets)  # type: ignore[arg-type]
    placed = kept.unit_id is not None and dup.unit_id is not None
    if (placed or not on_word) and kept.reporter_address != dup.reporter_address and kept.category != dup.category \
            and not same_place(kept, dup):
        return REPLIES["not_one_matter"].format(number=dup.number, into=kept.number)
    try:
        merging.merge(session, clock, rules, scope_of(session, person), address, kept.number, dup.number,
                      across=on_word)
    except TicketError as error:
        if error.reason == "other_grid":
            return REPLIES["other_grid"].format(number=dup.number, into=kept.number)
        if error.reason in merging.REFUSALS:
            return f"工单{dup.number}没有并入{kept.number}：{merging.REFUSALS[error.reason]}"
        return f"工单{dup.number}或{kept.number}不归您办理，不能并单，请联系街道值班员。"
    _tell_holder(session, kept, dup, person)
    return REPLIES["merged"].format(number=dup.number, into=kept.number)

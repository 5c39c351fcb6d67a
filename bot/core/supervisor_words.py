"""Words on a ticket from above its holder (a community or village secretary, the duty officer): a 留言 for
the holder, with who sent it, never a progress note the reporter hears. Only the words the staff menu
teaches for progress (“T1017 进度 …”, “T1017 处理中”) reach the reporter from above, as from the holder.

A building head's words on a ticket of his building he may read but not work ("T1004 我去看了 水还在滴") go to
the holder the same way, as what he saw (blind test 8, #46: he was told 办理由承办人操作).

Blind test 7, #47: the duty officer's “T1017 燃气公司的人已经到了 正在关阀门” (正在 read as progress) went to the
reporter while a secretary's free words went to the holder."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import lifecycle, registry, staff_actions
from bot.core.notify import notify
from bot.core.routing_rules import RoutingRules
from bot.core.scopes import ROLE_NAMES
from bot.core.take_over import holder_name
from bot.core.tickets import event
from bot.store.models import Person, Ticket

SMS_CHARS = 70
# What the staff menu teaches for a progress note the reporter hears ("T号+处理中/进度 说明").
PROGRESS_MARKERS = ("进度", "处理中")
# Whose 留言 it is, the highest of the sender's roles first.
OVERSEERS = ("duty_officer", "community_secretary", "village_secretary", "branch_secretary", "building_head")
PASSED = "已把您的话转给承办人{holder}。要告诉反映人请回“{number} 进度 说明”。"


def above_the_holder(session: Session, rules: RoutingRules, person: Person, ticket: Ticket | None) -> bool:
    """Whether someone else holds the ticket and the sender acts on it from above (a secretary, the duty officer)."""
    return ticket is not None and ticket.assignee_id is not None \
        and person.id not in (ticket.assignee_id, ticket.escalated_to_id) \
        and lifecycle.may_act(session, rules, ticket, person)


def for_the_holder(verb: str, text: str) -> bool:
    """Whether a message from above the holder is words for him: free words, or words the holder's own
    would be progress by ("正在关阀门", "已联系物业") without the menu's 进度/处理中."""
    return verb == "words" or (verb == "start" and not any(word in text for word in PROGRESS_MARKERS))


def sender_label(session: Session, person: Person) -> str:
    """"街道值班员王芳": the sender's overseeing role and name, else the name alone."""
    roles = {role.role for role in registry.roles_of(session, person.id)}
    role = next((ROLE_NAMES[r] for r in OVERSEERS if r in roles), "")
    return f"{role}{person.name}"


def pass_to_holder(session: Session, clock: Clock, rules: RoutingRules, person: Person, address: str,
                   ticket: Ticket, words: str) -> str:
    """Kept on the timeline (staff only) and sent to the holder as "工单T1017，街道值班员王芳留言：…" (cut with a
    pointer to 详情 past one SMS part); the reply names the holder told."""
    number = ticket.number or ""
    staff_actions.private_note(session, clock, rules, number, address, words)
    tell_holder(session, person, ticket, words)
    return PASSED.format(number=number, holder=holder_name(ticket))


OBSERVED = "已把您说的情况转给承办人{holder}，谢谢您！"


def pass_observation(session: Session, clock: Clock, person: Person, ticket: Ticket, words: str) -> str:
    """A building head's (or anyone's who may see the ticket) words for its holder, kept on the timeline."""
    event(session, ticket, "note", clock.now(), person, note=words[:500], private=True)
    tell_holder(session, person, ticket, words, "反映")
    return OBSERVED.format(holder=holder_name(ticket))


def tell_holder(session: Session, person: Person, ticket: Ticket, words: str, said: str = "留言",
                holder: Person | None = None) -> None:
    """"工单T1017，街道值班员王芳留言：…" (or 交代, 反映) to the ticket's holder, cut with a pointer past one SMS
    part."""
    number = ticket.number or ""
    head, tail = f"工单{number}，{sender_label(session, person)}{said}：", f"（回“{number} 详情”看工单）"
    text = head + words if len(head) + len(words) <= SMS_CHARS else \
        head + words[:SMS_CHARS - len(head) - len(tail) - 1] + "…" + tail
    holder = holder or ticket.assignee  # a reassignment names the new holder: the relationship may be stale
    if holder is not None:
        notify(session, holder, text, ticket_id=ticket.id)

"""The hour or day of a worker's promise asked by its reporter (blind test 35, E1, W10n, VS2, B147: after 李磊's
"T1054 下午过来看", 师傅下午几点来嘛 got "这个我帮不上忙"): what the worker last said and at what time, and the question
passed to him, who knows the hour; never an urge. `ticket_questions.asks_hour` says which words ask it. The hour of
someone the ticket never named (医生明天几点来嘛 with a 墙皮 ticket promised) is no question about it (issue 17)."""

from __future__ import annotations

import re

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from bot.common.clock import BEIJING as SERVICE_TZ
from bot.common.phones import national
from bot.common.sms_parts import UCS2_SINGLE, clause_head
from bot.core.lifecycle import STATUS_NAMES, progress_words
from bot.core.notify import notify
from bot.store.models import Ticket, TicketEvent

SMS_PART = UCS2_SINGLE
ANSWER = "工单{number}{status}，{name}{at}说“{note}”。您问的已转告{name}（{phone}）。"
NOTICE = "工单{number}反映人问：{said}"
SAID_MAX = 40
NOTE_MIN = 4


def passed_on(session: Session, ticket: Ticket, text: str) -> str | None:
    """The reply, with the question passed to whoever holds the ticket; None when nobody holds it or he has said
    nothing to the reporter yet (the ticket's state answers then)."""
    holder = ticket.assignee
    found = session.execute(select(TicketEvent.kind, TicketEvent.note, TicketEvent.at).where(
        TicketEvent.ticket_id == ticket.id,
        or_(TicketEvent.kind == "reopened",
            and_(TicketEvent.kind.in_(("in_progress", "progress", "replied")), TicketEvent.note != "")))
        .order_by(TicketEvent.id.desc()).limit(1)).first()
    if holder is None or found is None or found[0] == "reopened":
        return None  # 不满意 灯还是不亮 since: his old words are no promise any more
    note = progress_words(found[1] or "").strip().rstrip("。")
    if not note:
        return None
    when = found[2].astimezone(SERVICE_TZ)
    fields = {"number": ticket.number, "status": STATUS_NAMES.get(ticket.status, ""), "name": holder.name,
              "at": f"{when.hour}:{when.minute:02d}", "phone": national(holder.phone or "")}
    head = ANSWER.format(note="", **fields)
    if SMS_PART - len(head) < NOTE_MIN:
        return None
    notify(session, holder, NOTICE.format(number=ticket.number, said=" ".join(text.split())[:SAID_MAX]),
           ticket_id=ticket.id)
    return ANSWER.format(note=clause_head(note, SMS_PART - len(head)), **fields)


# Who or what may be asked after by the hour beside the worker (师傅, 网格员, 他): services of their own. Never police,
# firemen or an ambulance, whom an emergency's ticket may await without naming them.
_OTHERS = re.compile(r"医生|护士|体检|疫苗|投票|选举|办公室|服务站|居委会|社区的人|快递|送水的|送气的|发米的|收废品的")


def about_another(session: Session, ticket: Ticket, text: str) -> bool:
    """Whether the hour asked is of someone or something the ticket never named, its text nor what was done on it
    (医生明天几点来嘛, 快递几点到 with a 墙皮 ticket promised): a question of its own, never the promise's."""
    if ticket.severity == "critical":
        return False
    notes = session.scalars(select(TicketEvent.note).where(TicketEvent.ticket_id == ticket.id, TicketEvent.note != ""))
    known = "；".join([ticket.text, ticket.place_text or "", *notes])
    return any(found.group(0) not in known for found in _OTHERS.finditer(text or ""))

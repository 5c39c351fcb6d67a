"""What of a reporter's words while their emergency is open is not about it (blind test 24: with a fall open,
"师傅啥子时候来嘛" after a progress note on their rubbish ticket, "垃圾那个转到哪个那去了" and "张涛是哪个嘛" got the
emergency's "别着急，已通知值班人员处置…", and "我那个楼道灯的不用来了哈 灯自己又亮了" was passed to the duty officer
as news of the fall):

- a question about another ticket of theirs (where it went, when its worker comes, whether anyone is on it) or about
  a person (who someone is) goes on to be answered as it would be with no emergency open (`about_else`), and so do
  words naming someone on the staff (那我直接打李磊电话嘛 after a policy answer gave 李磊's number, blind test 30);
- words taking back another ticket of theirs, the one they name (楼道灯 → the lamp ticket), withdraw that one
  (`other_withdrawn`).

Only words about the emergency itself stay with it: where it is, how bad, help called or coming, 快点来."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import literal, select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import cancelling, staff_who, ticket_focus, ticket_questions
from bot.core.commands import ticket_number_in
from bot.core.emergency_updates import recent_emergency
from bot.core.lifecycle import reported_by
from bot.core.problem_match import objects_in
from bot.store.models import Person, StaffRole, Ticket

# Words of those who come to an emergency: a question naming them is the emergency's (救护车好久来嘛).
_RESCUE = re.compile(r"救护车|急救|120|119|110|消防|警察|派出所|医生|值班")
# Those who come to an ordinary ticket: a when-question naming them, after news of that ticket, is about it.
_WORKER = re.compile(r"师傅|网格员|工人|环卫|物业|电工")
# Who someone is, the whole message (张涛是哪个嘛, 哪个是张涛): never "不晓得是谁打的", which tells of the emergency.
_WHO_IS = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}是(?:哪个|谁|哪位|啥子人|什么人)|(?:哪个|谁)是[\u4e00-\u9fff]{2,4})"
                     r"[嘛哦噢啊呀呢哈噻]*[?？]?$")


# How or where to do something of one's own ("电瓶车在哪里可以充电哦" with a lost old man's emergency open, blind test
# 26, B64 got "别着急，值班人员已知道地点…"): a question for the knowledge base, never the emergency's.
_OWN_QUESTION = re.compile(r"(?:哪里|哪儿|哪点|哪个地方|哪些地方)(?:可以|能|能够|才能|才可以)|可以在哪|能在哪|"
                           r"在哪[里儿点]?(?:充电|充|办|买|交|领|取|申请|报名|打印|停车|缴)|"
                           r"(?:怎么|咋个|咋样|如何)(?:办理|申请|充电|充|交|缴|领|取|买|报名|弄)|"
                           r"(?:可以|能不能|可不可以)(?:在哪|到哪)")


def asks_of_its_own(text: str, emergency: Ticket) -> bool:
    """Whether `text` asks how or where to do something (充电, 办证) that names none of the emergency's things and
    none of those who come to it."""
    plain = "".join((text or "").split())
    return _OWN_QUESTION.search(plain) is not None and _RESCUE.search(plain) is None \
        and not objects_in(plain) & objects_in(emergency.text)


def names_staff(session: Session, text: str) -> bool:
    """Whether the words name someone on the staff (那我直接打李磊电话嘛: the grid worker a policy answer gave)."""
    plain = "".join((text or "").split())
    return bool(plain) and session.scalar(
        select(Person.id).join(StaffRole, StaffRole.person_id == Person.id)
        .where(Person.name != "", literal(plain).contains(Person.name)).limit(1)) is not None


def about_else(session: Session, clock: Clock, address: str, text: str, window: timedelta) -> bool:
    """Whether the sender, with an emergency of the last `window` open, asks about something else: another ticket
    of theirs (by its number, its words, where it went, or its worker after news of it) or who someone is."""
    emergency = recent_emergency(session, clock, address, window)
    kind = ticket_questions.kind_of(text)
    if emergency is not None and asks_of_its_own(text, emergency):
        return True
    if emergency is not None and not _RESCUE.search(text) and names_staff(session, text):
        return True  # 那我直接打李磊电话嘛 after a policy answer (blind test 30, B119): never the emergency's words
    if emergency is None or kind is None or _RESCUE.search(text):
        return False
    if _WHO_IS.match("".join(text.split())) or staff_who.staff_asked_about(session, text) is not None:
        return True  # 张涛是哪个嘛: never the emergency's words, whoever is meant
    asked = ticket_questions.asked_about(session, clock, address, text, window)
    if asked is None or asked.ticket.id == emergency.id:
        return False
    if kind in ("where", "who") or ticket_number_in(text) == asked.ticket.number:
        return True
    others = [t for t in reported_by(session, address, ticket_questions.ASKED_ABOUT) if t.id != emergency.id]
    return ticket_focus.by_words(others, text) is asked.ticket or _WORKER.search(text) is not None


def other_withdrawn(session: Session, clock: Clock, address: str, text: str, window: timedelta) -> str | None:
    """The number of the open ticket other than the sender's emergency of the last `window` that words taking a
    report back name (我那个楼道灯的不用来了哈 灯自己又亮了: the lamp), else None (no emergency open, no withdrawal,
    or words that name the emergency or nothing: 不用来了 人醒了 is the emergency's news)."""
    if not cancelling.says_cancel(text):
        return None
    emergency = recent_emergency(session, clock, address, window)
    if emergency is None:
        return None
    number = cancelling.cancel_meant(reported_by(session, address, cancelling.CANCELLABLE), text)
    return number if number is not None and number != emergency.number else None

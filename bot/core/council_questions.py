"""The vote question waiting for a person's answer (`VoteQuestion`, one row per person): which topic, which
member, which option, a ballot just confirmed (again), a topic just shown (shown) or a closed topic just
talked about (closed). Asked, read back within the window, forgotten once answered or when the person moves on.

What the answers mean is decided in `council_dialogue` and `council_talk`."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core.council_words import normal
from bot.store.council_models import Topic, VoteQuestion
from bot.store.models import Person

QUESTION_WINDOW = timedelta(minutes=30)


def ask(session: Session, clock: Clock, person: Person, kind: str, topics: list[Topic], *,
        choice: str | None = None, members: list[Person] | None = None, proxy: bool = False) -> None:
    """Remember the vote question just asked of `person` (kind: topic / member / option, or again: the
    ballot just confirmed, which a number or an option's name right after changes; shown: a topic shown
    with its options; closed: a closed topic whose result was just given)."""
    row = session.get(VoteQuestion, person.id)
    if row is None:
        row = VoteQuestion(person_id=person.id)
        session.add(row)
    row.kind, row.topic_ids, row.proxy = kind, [t.id for t in topics], proxy
    row.choice = normal(choice)[:64] if choice else None
    row.member_ids = [m.id for m in members or []]
    row.asked_at = clock.now()
    session.flush()


def pending(session: Session, clock: Clock, person: Person, window: timedelta = QUESTION_WINDOW) -> VoteQuestion | None:
    """The vote question still waiting for `person`'s answer, or None (none, or asked too long ago)."""
    row = session.get(VoteQuestion, person.id)
    if row is not None and clock.now() - row.asked_at > window:
        forget(session, person)
        return None
    return row


def moved_on(session: Session, person: Person) -> None:
    """Something else answered: a ballot just confirmed or a topic just shown (again, shown) is no longer what
    撤回投票 or a bare number means; a question still open (which topic, member, option; closed) is kept."""
    row = session.get(VoteQuestion, person.id)
    if row is not None and row.kind in ("again", "shown"):
        forget(session, person)


def forget(session: Session, person: Person) -> None:
    row = session.get(VoteQuestion, person.id)
    if row is not None:
        session.delete(row)
        session.flush()

"""A ticket's news for its reporter: the latest progress words, and after a reopening why it is done again, never
the old 办结 words (blind test 34, L1)."""

from sqlalchemy import select

from bot.core import ticket_news
from bot.core.lifecycle import rate, resolve, start_work
from bot.store.models import Ticket
from tests.conftest import RESIDENT, WORKER
from tests.core.helpers import RULES, make_report, submit


def finished(db, clock, reopened_with: str | None) -> str:
    number = submit(db, clock, make_report("楼道灯又坏了"))
    with db.session() as s:
        resolve(s, clock, RULES, number, WORKER, "灯换好了")
    if reopened_with is not None:  # 3 不满意 with the reason: reopened for the same worker
        with db.session() as s:
            assert rate(s, clock, RULES, RESIDENT, 3, number, reopened_with).status == "reopened"
    return number


def news(db, number: str) -> tuple[str, bool]:
    with db.session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.number == number))
        return ticket_news.latest(s, ticket, 60), ticket_news.has_news(s, ticket)


def test_the_finished_words_are_the_news_of_a_finished_ticket(demo_db, clock):
    assert news(demo_db, finished(demo_db, clock, None)) == ("最新进展：灯换好了", True)


def test_a_reopened_ticket_says_why_it_is_done_again_never_the_finished_words(demo_db, clock):
    latest, has = news(demo_db, finished(demo_db, clock, "灯还是不亮 你们说换好了"))
    assert latest.startswith("重办原因：灯还是不亮") and "灯换好了" not in latest.replace("说换好了", "")
    assert not has  # no worker's words since: a done-yet question urges, as for a ticket nobody spoke on


def test_a_reopening_by_a_bare_rating_gives_no_reason_and_no_old_words(demo_db, clock):
    assert news(demo_db, finished(demo_db, clock, "")) == ("", False)
    assert news(demo_db, finished(demo_db, clock, "3 不满意")) == ("", False)


def test_the_workers_words_after_the_reopening_are_the_news_again(demo_db, clock):
    number = finished(demo_db, clock, "灯还是不亮")
    with demo_db.session() as s:
        start_work(s, clock, RULES, number, WORKER, "进度 明天换个新灯座")
    assert news(demo_db, number) == ("最新进展：明天换个新灯座", True)

"""What a reporter says around a rating (blind test 5, #59, #93, #130): an approving word right after the
request is 满意, a 基本满意 saying part of the job is not done reopens it with that text for the worker,
praise soon after rating is thanked and reaches the worker."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.core import lifecycle
from bot.store.db import Database
from bot.store.models import Ticket, TicketEvent
from tests.app.test_dialogue import Conversation, texts
from tests.conftest import WORKER
from tests.core.helpers import RULES, messages_to, submit, ticket


def resolved(demo_db: Database, clock) -> tuple[str, Conversation]:
    number = submit(demo_db, clock)
    with demo_db.session() as s:
        lifecycle.resolve(s, clock, RULES, number, WORKER, "灯泡换了 垃圾也清了")
    chat = Conversation(demo_db, clock)
    chat.bot([lifecycle.rating_request(ticket(demo_db, number))])
    return number, chat


@pytest.mark.parametrize("said", ["要得 谢谢你们哈", "可以", "好的 辛苦了", "要得嘛"])
async def test_an_approving_word_right_after_the_rating_request_is_satisfied(demo_db: Database, clock, said: str):
    number, chat = resolved(demo_db, clock)
    [reply] = texts(await chat.say(said))
    assert number in reply and ticket(demo_db, number).status == "closed"
    assert ticket(demo_db, number).rating == 1


@pytest.mark.parametrize("said", ["不行", "要不得", "可以个锤子 还是不亮"])
async def test_a_negated_approval_is_never_read_as_satisfied(demo_db: Database, clock, said: str):
    number, chat = resolved(demo_db, clock)
    await chat.say(said)
    assert ticket(demo_db, number).rating != 1


async def test_an_approving_word_long_after_another_question_is_no_rating(demo_db: Database, clock):
    number, chat = resolved(demo_db, clock)
    chat.bot(["请问在哪点？"], reply_to=None)
    await chat.say("好的")
    assert ticket(demo_db, number).status == "resolved"


async def test_basically_satisfied_with_something_unfinished_reopens_it_and_the_worker_hears_what(
        demo_db: Database, clock):
    number, chat = resolved(demo_db, clock)
    [reply] = texts(await chat.say("2 灯是亮了 垃圾还没得人倒"))
    assert number in reply and "垃圾还没得人倒" in reply and len(reply) <= 70
    assert ticket(demo_db, number).status == "reopened"
    told = messages_to(demo_db, WORKER)[-1]
    assert "还没办完" in told and "垃圾还没得人倒" in told and len(told) <= 70
    with demo_db.session() as s:
        tid = s.scalar(select(Ticket.id).where(Ticket.number == number))
        rated = s.scalar(select(TicketEvent).where(TicketEvent.ticket_id == tid, TicketEvent.kind == "rated"))
        assert rated.data["score"] == 2


async def test_basically_satisfied_with_a_remark_only_closes_it(demo_db: Database, clock):
    number, chat = resolved(demo_db, clock)
    await chat.say("还可以嘛 就是慢了点")
    assert ticket(demo_db, number).status == "closed"


async def test_praise_after_rating_is_thanked_and_passed_to_the_worker(demo_db: Database, clock):
    number, chat = resolved(demo_db, clock)
    texts(await chat.say("满意"))
    clock.advance(minutes=2)
    [reply] = texts(await chat.say("小李师傅动作快 点赞"))
    assert "谢谢" in reply and number in reply
    assert messages_to(demo_db, WORKER)[-1] == f"工单{number}反映人表扬：小李师傅动作快 点赞"
    clock.advance(hours=2)  # long after, praise is the engine's to answer
    assert not isinstance(await chat.say("师傅辛苦了 点赞"), list)


async def test_a_rating_changed_soon_after_is_changed_and_the_reply_says_from_what_to_what(demo_db: Database, clock):
    """Blind test 6, #110: `2`, then `不对 我要改成满意 他们来得快` got `谢谢关心` and the 2 stayed."""
    number, chat = resolved(demo_db, clock)
    texts(await chat.say("2"))
    assert ticket(demo_db, number).rating == 2
    clock.advance(minutes=3)
    [reply] = texts(await chat.say("不对 我要改成满意 他们来得快"))
    assert reply == f"好的，工单{number}的评价已从基本满意改为满意，谢谢您！"
    assert (ticket(demo_db, number).status, ticket(demo_db, number).rating) == ("closed", 1)
    with demo_db.session() as s:
        tid = s.scalar(select(Ticket.id).where(Ticket.number == number))
        changed = s.scalar(select(TicketEvent).where(TicketEvent.ticket_id == tid, TicketEvent.kind == "rerated"))
        assert (changed.data["previous"], changed.data["score"], changed.note) == (2, 1, "他们来得快")


async def test_a_rating_changed_to_unsatisfied_reopens_it_and_long_after_nothing_changes(demo_db: Database, clock):
    number, chat = resolved(demo_db, clock)
    texts(await chat.say("满意"))
    clock.advance(minutes=5)
    [reply] = texts(await chat.say("按错了 应该是3 灯还是不亮"))
    assert number in reply and "重新交办" in reply and len(reply) <= 70
    assert ticket(demo_db, number).status == "reopened"
    assert "灯还是不亮" in messages_to(demo_db, WORKER)[-1]

    other, chat = resolved(demo_db, clock)
    texts(await chat.say("1"))
    clock.advance(hours=2)  # long after, the rating stands
    await chat.say("我要改成不满意")
    assert (ticket(demo_db, other).status, ticket(demo_db, other).rating) == ("closed", 1)


async def test_unsatisfied_changed_to_satisfied_before_anyone_acted_closes_it_and_the_worker_is_told(
        demo_db: Database, clock):
    number, chat = resolved(demo_db, clock)
    texts(await chat.say("不满意"))
    assert ticket(demo_db, number).status == "reopened"
    clock.advance(minutes=2)
    [reply] = texts(await chat.say("点错了 改成满意"))
    assert reply == f"好的，工单{number}的评价已从不满意改为满意，谢谢您！"
    assert (ticket(demo_db, number).status, ticket(demo_db, number).rating) == ("closed", 1)
    assert messages_to(demo_db, WORKER)[-1] == f"工单{number}反映人把评价改为满意，已完结，不用再处理。"


async def test_the_reason_said_before_the_change_reaches_the_worker(demo_db: Database, clock):
    # Blind test 7, #12: "不对 晚上去看又一闪一闪的 改成不满意" reopened it but the worker never heard why.
    number, chat = resolved(demo_db, clock)
    texts(await chat.say("满意"))
    clock.advance(minutes=5)
    [reply] = texts(await chat.say("不对 晚上去看又一闪一闪的 改成不满意"))
    assert reply == f"好的，工单{number}已从满意改为不满意，已重新交办，会再处理。"
    assert "晚上去看又一闪一闪的" in messages_to(demo_db, WORKER)[-1]

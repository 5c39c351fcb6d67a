"""When the call comes, asked while a number waits to be verified (blind test 34, B89, B168): who will call, the
task's state, what to do if it never comes."""

from __future__ import annotations

import pytest

from bot.core import call_awaited
from bot.store.models import Person, Ticket


@pytest.mark.parametrize("text", ["啥时候打电话给我", "网格员啥时候给我打电话", "网格员好久给我打电话嘛",
                                  "那好久有人联系我哦", "网格员哪天打电话来嘛", "好久来电话嘛", "什么时候联系我"])
def test_when_one_will_be_called_is_asked(text: str):
    assert call_awaited.asks(text)


@pytest.mark.parametrize("text", ["网格员电话是好多", "啥时候打电话给网格员", "好久联系物业", "我好久打电话给你们",
                                  "社区几点上班", "好久来修嘛", "我啥时候打电话过去"])
def test_a_number_asked_or_a_call_the_sender_makes_is_not(text: str):
    assert not call_awaited.asks(text)


def test_the_reply_names_who_calls_the_state_and_what_to_do_without_a_call():
    worker = Person(name="周明", phone="+8613700000009", kind="staff")
    task = Ticket(number="T1041", text="登记核实：我刚搬来河畔花园 要去哪里登记", status="assigned",
                  assignee=worker, assignee_role="grid_worker")
    reply = call_awaited.reply(task)
    assert "网格员周明" in reply and "T1041" in reply and "核实登记" in reply and "待接单" in reply
    assert "催办" in reply and "13700000009" in reply and len(reply) <= 70, reply


def test_with_nobody_holding_it_the_duty_officer_calls_and_催办_is_the_way():
    reply = call_awaited.reply(Ticket(number="T1042", text="登记核实：我换手机号了", status="new"))
    assert "街道值班人员" in reply and "催办" in reply and len(reply) <= 70, reply


@pytest.mark.parametrize("text", ["咋个还没得人给我打电话", "网格员到底好久打过来嘛", "都等了半天了 还没人打电话来"])
def test_nobody_having_called_yet_is_asking_after_the_call_too(text: str):
    assert call_awaited.asks(text)  # blind test 35, B168's kind


@pytest.mark.parametrize("text", ["他打过来了", "联系上了", "联系上了 谢谢", "网格员打过来了 谢谢", "他回我电话了"])
def test_only_the_call_come_said_alone_is_contacted(text: str):
    assert call_awaited.says_call_came(text) and not call_awaited.asks(text)


@pytest.mark.parametrize("text", ["网格员好久给我打电话", "联系上了 他在朋友家", "他打过来了 但是还没说好久来",
                                  "我还没给物业打电话"])
def test_a_question_or_more_said_is_no_call_come(text: str):
    assert not call_awaited.says_call_came(text)

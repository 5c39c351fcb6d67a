import pytest

from bot.core.commands import rating_in, ticket_number_in, without_number, worker_command


@pytest.mark.parametrize("text", ["收到 T1023", "t1023 收到", "Ｔ１０２３收到", "1023号收到", "工单1023 已接",
                                  "单号1023", "好的 1023 我去"])
def test_it_reads_a_ticket_number_in_every_accepted_form(text):
    assert ticket_number_in(text) == "T1023"


def test_it_finds_no_ticket_number_in_plain_text_or_a_short_number():
    assert ticket_number_in("路灯坏了") is None
    assert ticket_number_in("3号楼漏水") is None


def test_a_resolve_message_keeps_the_workers_note():
    command = worker_command("T1023 已办结 路灯换好了", "worker_resolve")
    assert (command.verb, command.number, command.note) == ("resolve", "T1023", "路灯换好了")


def test_a_return_is_read_from_its_words_whatever_the_intent():
    command = worker_command("退单 T1023 不是我们网格的", "worker_ack")
    assert (command.verb, command.number) == ("return", "T1023")
    assert "不是我们网格" in command.note


def test_an_acknowledgement_is_the_default_worker_command():
    assert worker_command("收到 T1023", "worker_ack").verb == "ack"
    assert worker_command("T1023 正在处理", "worker_ack").verb == "start"


@pytest.mark.parametrize(("text", "score"), [("1", 1), ("２", 2), ("3", 3), ("满意", 1), ("基本满意", 2),
                                             ("不满意", 3), ("差评", 3), ("路灯坏了", None), ("12", None)])
def test_a_rating_is_read_from_a_bare_digit_or_the_words(text, score):
    assert rating_in(text) == score


def test_without_number_strips_the_number_forms():
    assert without_number("工单1023 已办结 清理完毕") == "清理完毕"

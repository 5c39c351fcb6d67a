import pytest

from bot.core.commands import rating_in, ticket_number_in, without_number, worker_command


@pytest.mark.parametrize("text", ["收到 T1023", "t1023 收到", "Ｔ１０２３收到", "1023号收到", "工单1023 已接",
                                  "单号1023", "好的 1023 我去"])
def test_it_reads_a_ticket_number_in_every_accepted_form(text):
    assert ticket_number_in(text) == "T1023"


def test_it_finds_no_ticket_number_in_plain_text_or_a_short_number():
    assert ticket_number_in("路灯坏了") is None
    assert ticket_number_in("3号楼漏水") is None


@pytest.mark.parametrize("text", [
    "电话13900000003", "路灯坏了，电话13900000003", "我的手机号是13900000003", "有事打13900000003",
    "+86 139 0000 0003", "+8613900000003", "138 1234 5678 找王姐", "联系 138-1234-5678", "座机028-87654321",
    "座机 8765 4321", "物业电话 87654321", "打12345没人管", "拨打12345", "投诉到12315了", "联系电话：6012",
    "分机 2301", "加微信 wx13900000003", "WeChat13900000003", "电话1390000号"])
def test_a_phone_number_in_a_report_is_never_read_as_a_ticket_number(text):
    assert ticket_number_in(text) is None


@pytest.mark.parametrize("text", ["2023年装的路灯又坏了", "1203室楼上漏水", "罚了1500元", "每天1830点以后很吵"])
def test_a_bare_number_with_a_unit_is_not_a_ticket_number(text):
    assert ticket_number_in(text) is None


@pytest.mark.parametrize(("text", "number"), [
    ("工单1023 电话13900000003", "T1023"), ("T1023 联系人手机13900000003", "T1023"),
    ("收到t1023，有事打12345", "T1023"),
    ("电话13900000003，1023号收到", "T1023"), ("工单号码：1023", "T1023"), ("工单: 1023 已办结", "T1023"),
    ("13900000003 好的 1023 我去", "T1023"), ("T13900000", "T13900000"), ("T12345 收到", "T12345")])
def test_a_ticket_number_next_to_a_phone_number_is_still_read(text, number):
    assert ticket_number_in(text) == number


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


@pytest.mark.parametrize("text", ["T1001 处理中", "T1007 进度 已联系社区医生上门", "T1007 正在协调物业",
                                  "T1003 已安排明天上门"])
def test_a_progress_note_is_progress_never_a_resolution_whatever_the_classifier_said(text):
    assert worker_command(text, "worker_resolve").verb == "start"


@pytest.mark.parametrize("text", ["T1004 详情", "T1004 反映人电话", "T1004 在哪"])
def test_asking_about_a_ticket_is_a_details_request(text):
    command = worker_command(text, "worker_ack")
    assert (command.verb, command.number) == ("details", "T1004")


def test_the_words_of_a_finished_job_still_resolve_whatever_else_the_note_says():
    assert worker_command("T1023 已办结 原号码13900000001 已联系本人", "worker_ack").verb == "resolve"

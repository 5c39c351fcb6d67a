import pytest

from bot.core.commands import (
    rating_in,
    says_staff_command,
    ticket_number_in,
    ticket_numbers_in,
    without_number,
    worker_command,
)


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


@pytest.mark.parametrize("text", ["T1015 师傅已经把总阀关了 明天换管子", "T1003 燃气公司来了 明天来换",
                                  "T1015 已打电话给物业 明天来修", "T1015 还没修好 明天再来", "T1015 明天修好"])
def test_free_words_with_a_number_are_kept_whole_as_free_words(text):
    # Blind test 6, #50 and #82: they were read as 收到 and the note was lost.
    command = worker_command(text, "worker_ack")
    assert (command.verb, command.note) == ("words", text.split(" ", 1)[1])


@pytest.mark.parametrize(("text", "note"), [
    ("T1004 已经处理了 老人家属接回去了", "老人家属接回去了"), ("T1004 办结了 家属接回去了", "家属接回去了"),
    ("T1004办结了，家属接回去了", "家属接回去了"), ("T1004 处理好了 水不漏了", "水不漏了"), ("T1004 搞定了", ""),
    ("T1004 弄好了", ""), ("T1004 修好了 换了新灯泡", "换了新灯泡"), ("T1023 路灯换好了，已办结", "路灯换好了"),
    ("T1017 已办结 环卫所下午全部清运了", "环卫所下午全部清运了")])
def test_a_finished_job_in_plain_words_resolves_with_the_rest_as_its_note(text, note):
    # Blind test 6, #29 (only 接单 recorded) and #30 (the reporter read "已办结：了 家属接回去了").
    command = worker_command(text, "worker_ack")
    assert (command.verb, command.note) == ("resolve", note)


@pytest.mark.parametrize("text", ["收到 T1015", "T1015 收到 马上过去", "T1015 好", "T1015 我来处理"])
def test_an_acknowledgement_stays_one_with_or_without_a_few_words(text):
    assert worker_command(text, "").verb == "ack"


@pytest.mark.parametrize("text", ["T1015 谁报的", "T1015 这个是哪个小区的"])
def test_a_question_about_a_ticket_is_never_passed_on_as_progress(text):
    assert worker_command(text, "").verb == "details"


@pytest.mark.parametrize(("text", "note"), [
    ("T1001 灯泡换好了 亮了", "灯泡换好了 亮了"), ("T1005 老人家属已经接回去了", "老人家属已经接回去了"),
    ("T1006 我去看了 井盖已经补好了", "我去看了 井盖已经补好了")])
def test_a_job_done_in_other_plain_words_resolves_too(text, note):
    # Blind test 7, #11, #45, #59: these were kept as progress and the tickets stayed open.
    command = worker_command(text, "worker_ack")
    assert (command.verb, command.note) == ("resolve", note)


@pytest.mark.parametrize("text", ["T1020 抓紧点 今天下班前要把水管修好", "T1020 请尽快修好", "T1020 务必本周内清理好"])
def test_an_order_to_finish_a_job_never_closes_it(text):
    # Blind test 7, #46: a secretary's "今天下班前要把水管修好" closed the ticket and asked for a rating.
    assert worker_command(text, "worker_ack").verb == "words"


@pytest.mark.parametrize(("text", "note"), [
    ("T1016 井盖已经盖好了 焊死了", "井盖已经盖好了 焊死了"), ("T1044 火灭了 没得事了", "火灭了 没得事了"),
    ("T1007 燃气公司来关了阀门 查出来是软管老化 已经换了", "燃气公司来关了阀门 查出来是软管老化 已经换了"),
    ("T1003 燃气公司来了 阀门漏气 已经换了", "燃气公司来了 阀门漏气 已经换了")])
def test_a_job_done_in_blind_test_eights_words_resolves(text, note):
    # Blind test 8, #67 and #126: these stayed 处理中.
    command = worker_command(text, "worker_ack")
    assert (command.verb, command.note) == ("resolve", note)


@pytest.mark.parametrize("text", ["T1016 明天来换", "T1016 今天下班前要把井盖盖好", "T1016 还没焊死 明天再来",
                                  "T1044 马上换了"])
def test_a_plan_or_an_order_in_those_words_is_no_resolution(text):
    assert worker_command(text, "worker_ack").verb != "resolve"


def test_another_tickets_number_stays_in_the_note():
    # Blind test 8, #136: the reporter got "工单T1050进展：跟 重复了 并到一起".
    assert without_number("T1050 跟T1049重复了 并到一起") == "跟T1049重复了 并到一起"
    assert ticket_numbers_in("收到 T1035 T1036、t1037 T1035") == ["T1035", "T1036", "T1037"]


@pytest.mark.parametrize("text", ["T1013 新井盖安起了 没得问题了", "T1014 阴沟掏干净了 撒了石灰", "T1013 井盖安好了",
                                  "T1013 装起了", "T1014 阴沟掏通了", "T1013 弄好了 没问题了"])
def test_a_job_done_in_blind_test_23s_words_resolves(text):
    # Blind test 23, R92v: 安起了 and 掏干净了 stayed 处理中.
    assert worker_command(text, "worker_ack").verb == "resolve"


@pytest.mark.parametrize("text", ["T1013 井盖还没安 明天安", "T1013 明天安好", "T1014 正在掏 还没掏通",
                                  "T1013 问了物业 说没问题了 明天来安"])
def test_progress_in_those_words_stays_progress(text):
    assert worker_command(text, "worker_ack").verb != "resolve"


@pytest.mark.parametrize("text", ["T1010 化粪池抽干净了 不臭了", "T1010 化粪池抽干了", "T1011 楼道清理干净了",
                                  "T1012 下水道疏通了 不堵了", "T1013 搞好了", "T1014 水管接头换了 不漏了",
                                  "T1015 厕所冲水能用了"])
def test_plain_words_of_a_clean_emptied_or_mended_place_resolve(text):
    # Blind test 25, A37: "T1010 化粪池抽干净了 不臭了" was recorded as 处理中.
    assert worker_command(text, "worker_ack").verb == "resolve"


@pytest.mark.parametrize("text", ["T1010 化粪池还没抽干净", "T1010 明天抽干净了再说", "T1011 正在清理 还没干净",
                                  "T1014 还在漏 没修好", "T1015 要下午才能用了"])
def test_those_words_not_yet_true_stay_progress(text):
    assert worker_command(text, "worker_ack").verb != "resolve"


@pytest.mark.parametrize(("text", "staff_words"), [
    ("收到 T1042", True), ("T1042 已办结 路灯换好了", True), ("退单 T1042 不是我们网格的", True),
    ("T1042", False), ("T1042 进度怎么样", False), ("收到了吗 T1042", False), ("好的 T1001 谢谢", False),
    ("T1001 修好了", False), ("收到", False),
])
def test_a_ticket_named_with_words_only_staff_use_is_told_from_a_residents_words_on_it(text: str,
                                                                                     staff_words: bool):
    assert says_staff_command(text) is staff_words

"""Blind test 33 (docs/usertests/2026-12-07-blind21.md, S4, S5, B55, B141, B142, B144, B146, B147, B152, B181, B190):
grid workers' and the duty officer's words on a ticket, read as what they mean."""

from __future__ import annotations

import pytest

from bot.core import invalid_tickets
from bot.core.commands import worker_command
from bot.core.staff_queue import wants_queue


@pytest.mark.parametrize("words", [
    "树枝剪了", "垃圾收了", "灯换了 现在一拍手就亮", "垃圾桶盖子换新的了", "送了两床被子 救助站的车把人接走了",
    "水阀关了 漏的管子也换了", "路灯修了", "坑填了", "楼道扫了", "占道的杂物清了", "井盖补了", "下水道通了",
    "新的灯装了 亮堂堂的", "树枝都砍了"])
def test_the_verb_of_a_fix_with_le_resolves_the_ticket(words: str) -> None:
    assert worker_command(f"T1041 {words}", "").verb == "resolve", words


@pytest.mark.parametrize("words", [
    "树枝还没剪了", "明天剪了", "灯换了 还是不亮", "剪了一半", "叫物业换了", "先换了个灯泡", "正在修了",
    "已经派人去修了", "跟物业沟通了", "水阀关了", "该换了", "单子我收了"])
def test_a_fix_not_done_a_stopgap_or_an_order_is_not_a_result(words: str) -> None:
    assert worker_command(f"T1041 {words}", "").verb != "resolve", words


@pytest.mark.parametrize("words", ["树枝剪了吗", "灯换了没", "垃圾收了没有"])
def test_a_fix_asked_about_is_not_a_result(words: str) -> None:
    assert worker_command(f"T1041 {words}", "").verb not in ("resolve", "start"), words


@pytest.mark.parametrize("words", [
    "车主找到了 说这个礼拜开走", "车主找到了 说明天开走", "找到了 他说下个礼拜搬", "找到了 答应这周挪走",
    "车主找到了 说马上开走"])
def test_a_promise_is_progress_not_a_result(words: str) -> None:
    assert worker_command(f"T1098 {words}", "").verb == "words", words


@pytest.mark.parametrize("words", [
    "这个单子不是我们管的 是城管的事", "不归我们管 是城管的事", "这个不是我们负责的", "该城管管", "这个归交警管",
    "这是供电局的事",
    # blind test 34: progress before
    "这个事归物业管 不是我们的", "这个要找供电局 我们管不了", "归物业公司管", "这个网格管不到 是开发商的事"])
def test_a_job_for_another_body_hands_the_ticket_back(words: str) -> None:
    assert worker_command(f"T1086 {words}", "").verb == "return", words


@pytest.mark.parametrize("words", ["我晚上去看看", "等会过去看下", "明天上门看一下", "我下午来瞧瞧"])
def test_going_to_look_is_progress_not_the_details(words: str) -> None:
    assert worker_command(f"T1091 {words}", "").verb == "words", words


@pytest.mark.parametrize("words", ["详情", "看看", "T1091 是啥事"])
def test_asking_to_see_the_ticket_still_gets_the_details(words: str) -> None:
    assert worker_command(f"T1091 {words}", "").verb == "details", words


@pytest.mark.parametrize("words", [
    "无效工单 是问咋个核实上门的人 已经回复了 关掉", "无效工单 关掉", "无效 他问啥子时候发米 已经答复了 关了"])
def test_closing_words_after_what_was_asked_are_no_question(words: str) -> None:
    assert worker_command(f"T1022 {words}", "").verb != "details", words


@pytest.mark.parametrize("note", [
    "无效工单 是问咋个核实上门的人 已经回复了 关掉", "无效工单 关掉", "已办结 无效工单", "无效 关了",
    "无效工单 咨询社保咋个交的 已经解答了"])
def test_the_reporter_never_reads_the_label_nor_what_staff_told_each_other(note: str) -> None:
    text = invalid_tickets.to_reporter("T1022", "不需要办理", invalid_tickets.reason_of(note))
    assert "经核实不需要办理，已关闭" in text and "原因" not in text and "无效" not in text, text


@pytest.mark.parametrize(("note", "why"), [
    ("误报 是门卫自己的车 关了", "原因：误报 是门卫自己的车"),
    ("这个是有人发错了 钓鱼的 关掉", "原因：有人发错了 钓鱼的"),
    ("无效工单 是劳资纠纷 已告诉他打12333", "建议您打12333")])
def test_a_reason_about_the_matter_still_reaches_the_reporter(note: str, why: str) -> None:
    assert why in invalid_tickets.to_reporter("T1022", "不需要办理", invalid_tickets.reason_of(note))


@pytest.mark.parametrize("text", ["我手上有好多单子", "我手头还有几个单子", "我有多少单", "手上的工单", "我的工单"])
def test_the_tickets_in_a_workers_hands_are_his_list(text: str) -> None:
    assert wants_queue(text), text


@pytest.mark.parametrize("text", ["我要报单", "你好", "菜单"])
def test_other_words_are_not_the_list(text: str) -> None:
    assert not wants_queue(text), text


@pytest.mark.parametrize("text", ["单子太多了 看不过来", "一大堆单子", "好多单子哦", "还有哪些单子没办", "工单堆起了",
                                  "我还有几个单子没处理"])
def test_a_worker_sighing_over_his_tickets_gets_his_list(text: str) -> None:
    assert wants_queue(text), text  # blind test 34: the staff menu before


@pytest.mark.parametrize("text", ["这个单子不是我们管的", "单子填错了", "报个单"])
def test_words_about_one_ticket_are_not_the_list(text: str) -> None:
    assert not wants_queue(text), text


@pytest.mark.parametrize("words", ["已经打电话给物业了 等回话", "物业说他们管不了 我再去找社区",
                                   "钥匙不是我们的 是他家的", "找了物业 明天来修", "我们管好了"])
def test_words_that_only_name_another_body_stay_progress(words: str) -> None:
    assert worker_command(f"T1086 {words}", "").verb != "return", words

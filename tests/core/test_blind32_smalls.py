"""Blind test 32's smaller failures (docs/usertests/2026-12-07-blind20.md, A78, A44, A100, S1, S2, B27, B158):
a family member's birthday (an elder's, 满十岁) congratulates the family, an elder's birthday asked about gets the
高龄补贴 too; a thing or a person moved off or in (摊子劝走了, 鞋柜搬进屋了) is a job done, a plan or work under way
is not; thanks for a job said done answering the rating request is 满意; where the duty officer sent a reporter
reads as advice (去医院, never 去医院了)."""

from __future__ import annotations

import pytest

from bot.core import commands, invalid_tickets, rating_remarks, small_talk

FAMILY = "祝寿星生日快乐"
SELF = "祝您生日快乐"


@pytest.mark.parametrize("text", ["我屋头老人今天过生 八十八了", "我家老人明天八十大寿", "屋头老人今天过生日 九十了",
                                  "外婆今天满八十了", "我家老的今天过生", "明天我老汉过八十", "老人家今天九十大寿"])
def test_an_elders_birthday_is_the_familys_never_the_senders(text: str) -> None:
    said = small_talk.reply(text)
    assert said is not None and FAMILY in said and SELF not in said, (text, said)


@pytest.mark.parametrize("text", ["今天我孙子满十岁", "我外孙女今天满周岁", "我女儿明天满18岁", "我儿子满十八了",
                                  "孙娃今天满五岁了"])
def test_a_child_turning_an_age_is_a_birthday_of_the_family(text: str) -> None:
    said = small_talk.reply(text)
    assert said is not None and FAMILY in said, (text, said)


@pytest.mark.parametrize("text", ["我爷爷下礼拜满九十 社区有没得啥子表示", "我妈下个月过八十大寿 社区送不送东西",
                                  "我老汉满九十了 政府有没得红包", "奶奶九十岁生日 社区来不来看一哈",
                                  "屋头老辈子明天过九十 村里有没得表示", "我满80了 有没得啥子补贴"])
def test_an_elders_birthday_asked_about_gets_wishes_and_the_old_age_allowance(text: str) -> None:
    said = small_talk.reply(text)
    assert said is not None and "寿星" in said and "高龄补贴" in said and len(said) <= 70, (text, said)


@pytest.mark.parametrize("text", ["我满80了", "今天我过生日 七十五了"])
def test_the_senders_own_birthday_is_still_theirs(text: str) -> None:
    said = small_talk.reply(text)
    assert said is not None and SELF in said, (text, said)


@pytest.mark.parametrize("text", ["满一百块", "我儿子过两天回来", "我孙子满十岁 身份证咋个办", "楼道灯坏了三天了",
                                  "满80岁的老人有啥子补贴"])
def test_numbers_that_are_no_birthday_are_no_small_talk(text: str) -> None:
    assert small_talk.reply(text) is None, text


@pytest.mark.parametrize("words", ["摊子劝走了", "鞋柜搬进屋了", "烧烤摊赶走了", "卖菜的已经撵跑了", "人已经劝回去了",
                                   "东西收进屋了", "纸箱子拉到垃圾站了", "狗牵回去了", "摊贩劝离了",
                                   "东西都搬进屋了 楼道清爽了"])
def test_a_thing_or_person_moved_off_or_in_is_a_job_done(words: str) -> None:
    assert commands.worker_command(f"T1021 {words}", "").verb == "resolve", words


@pytest.mark.parametrize("words", ["鞋柜明天搬", "鞋柜还没搬走", "正在搬进屋", "师傅在搬了", "准备搬走",
                                   "他们说下午搬走", "鞋柜还没搬进屋", "让他明天搬进屋", "已经叫他搬进屋了",
                                   "明天再劝走",
                                   "先搬到楼下了 明天拉走", "老人送到医院了"])
def test_moving_planned_asked_for_or_under_way_is_no_job_done(words: str) -> None:
    assert commands.worker_command(f"T1023 {words}", "").verb != "resolve", words


@pytest.mark.parametrize("text", ["楼上那个水管换好了 不漏了 谢谢杨网格员", "灯亮了 谢谢你们", "修好了 多谢",
                                  "下水道通了 感谢杨网格员", "杨网格员辛苦了", "水来了 没得问题了 谢谢",
                                  "好了 谢谢你们哈", "鞋柜搬走了 谢谢周网格员"])
def test_thanks_for_a_job_said_done_approve_it(text: str) -> None:
    assert rating_remarks.approves_in_words(text), text


@pytest.mark.parametrize("text", ["修好了吗 谢谢", "还是有点漏 谢谢", "谢谢 但是还没修好", "修好了 谢谢 咋个还在滴水",
                                  "水还是没来 谢谢"])
def test_thanks_with_the_job_asked_about_or_undone_or_unsaid_give_no_rating(text: str) -> None:
    assert not rating_remarks.approves_in_words(text), text


@pytest.mark.parametrize(("note", "advice"), [
    ("无效工单 是问发烧的 已经让他去医院了 关了", "建议您去医院。"),
    ("无效 问社保的 叫他找人社局了 关掉", "建议您找人社局。"),
    ("无效工单 问路的 告诉他去派出所了", "建议您去派出所。"),
    ("无效 是咨询的 已经让他去医院看了 关了", "建议您去医院看看。"),
    ("无效工单 问发烧的 喊他去看医生了 关了", "建议您去看医生。"),
    ("无效工单 是劳资纠纷 已告诉他打12333", "建议您打12333。"),
])
def test_where_staff_sent_the_reporter_reads_as_advice(note: str, advice: str) -> None:
    said = invalid_tickets.to_reporter("T1130", "不需要办理", invalid_tickets.reason_of(note))
    assert advice in said and "了。" not in said and "他" not in said and len(said) <= 70, said


def test_what_the_reporter_wanted_is_no_advice() -> None:
    why = invalid_tickets.reason_of("无效工单 他要找律师 已叫他去司法所")
    said = invalid_tickets.to_reporter("T1130", "不需要办理", why)
    assert "建议您去司法所。" in said and "律师" not in said, said

"""What a report's trouble does that people notice, and when it comes (blind test 34, L1, L14, L18): more of that
report right after it, that ticket going on later; never a thing, fault or quarrel of its own."""

from __future__ import annotations

import pytest

from bot.core import after_report, trouble_effects


@pytest.mark.parametrize(("report", "text"), [
    ("楼道灯又坏了", "黑黢黢的 老年人上下楼怕摔"),  # L1
    ("阳光小区3栋有人在楼道养鸽子", "到处是鸽子屎 臭得很"),  # L14
    ("河畔花园8栋有人装修", "每天早上7点就开始打钻"),  # L18
    ("楼上有人装修", "中午都在敲 吵得脑壳痛"),
    ("有人在楼道烧纸", "烟子呛得很 一股怪味道"),
    ("楼道灯坏了好几盏", "晚上啥子都看不到 老人家怕绊倒"),
    ("门口垃圾堆起了", "臭烘烘的 苍蝇蚊子到处飞"),
    ("楼下有条狗天天叫", "半夜三更都在叫 老人家遭吓到了"),
    ("楼道里有只死老鼠", "臭得很"),
])
def test_what_the_trouble_does_or_when_it_comes_is_more_of_the_report(report: str, text: str):
    assert trouble_effects.felt(report, text)
    assert after_report.obvious_detail(report, text)


@pytest.mark.parametrize(("report", "text"), [
    ("楼道灯坏了", "电梯也坏了 黑黢黢的"),  # a thing of its own
    ("楼道灯坏了", "门口有个坑 晚上黑 怕摔"),
    ("有人装修", "楼下两口子在吵架"),  # a quarrel
    ("1栋101漏水", "门口好吵 睡不着"),  # nothing a leak does
    ("有人装修", "楼道灯也不亮了"),  # a fault of its own
    ("养鸽子", "楼下狗好凶"),
    ("楼道灯坏了", "垃圾好臭"),
    ("有人装修", "臭得很 咋个办"),
    ("养鸽子", "还有 电梯也坏了 关了好几天了"),
    ("楼上吵死了", "臭得很"),  # 死 of 吵死了 is no dead animal
    ("养老院门口的路灯坏了", "臭烘烘的"),  # 养 of 养老 keeps nothing that smells
])
def test_a_trouble_of_its_own_is_never_the_reports_effect(report: str, text: str):
    assert not after_report.obvious_detail(report, text)


@pytest.mark.parametrize(("report", "text", "goes_on"), [
    ("河畔花园8栋有人装修", "今天早上7点又在打", True),  # L18
    ("有人装修", "还是7点不到就在敲 吵死了", True),
    ("楼道灯坏了", "晚上还是黑的", True),
    ("有人装修", "楼下狗还在叫", False),
    ("有人装修", "他们又在打架", False),
    ("楼道灯坏了", "垃圾还是没人收", False),
])
def test_the_trouble_at_it_again_later_is_that_tickets(report: str, text: str, goes_on: bool):
    assert trouble_effects.goes_on(report, text) is goes_on


@pytest.mark.parametrize(("report", "text"), [
    ("屋头有股煤气味", "抽油烟机能开不"),  # a safety question (blind test 27, B74)
    ("有人在楼道烧纸", "烟子大 要不要紧"),
    ("楼道灯坏了", "晚上黑 可以自己换不"),
])
def test_a_question_is_never_an_effect_said(report: str, text: str):
    assert not trouble_effects.felt(report, text) and not trouble_effects.goes_on(report, text)


def test_a_neighbours_din_after_a_report_of_no_noisy_kind_is_its_own_trouble():
    # blind test 35, E21n
    assert trouble_effects.another_din("我家厨房下水道堵了 水放不下去", "楼上天天半夜拖椅子 吵死人了")
    assert trouble_effects.another_din("我家卫生间水管漏水了", "楼上那家半夜三更在屋头蹦 咚咚咚的")
    assert not trouble_effects.another_din("楼上往我家漏水", "楼上滴水的声音吵得睡不着")
    assert not trouble_effects.another_din("河畔花园9栋有家在装修", "楼上天天在敲 吵死了")
    assert not trouble_effects.another_din("我家厨房下水道堵了", "楼下那家说也堵了")
    # a report telling a sound itself: a din after it may be that sound (test_conversation_context.py's UNCLEAR)
    assert not trouble_effects.another_din("我们楼道头水管漏水了 滴滴答答一晚上", "楼下那家好吵 睡不着觉")


@pytest.mark.parametrize(("report", "text"), [
    ("楼下广场舞天天跳到10点", "隔壁工地晚上还在打钻 吵死了"),  # issue 17: 吵 shared, building work its own
    ("楼下有条狗天天叫", "楼下KTV唱歌唱到半夜 吵得睡不着"),
    ("门口的路灯坏了", "小区门口在挖路施工 晚上黑得很"),
    ("楼上有人装修", "外面有人半夜放鞭炮 吵死了"),
    ("楼下有人烧垃圾", "隔壁饭馆的油烟熏得很"),
    ("有人装修", "楼下有人烧烤 烟子大得很"),
    ("门口的路灯坏了", "停电了 屋头黑黢黢的"),
])
def test_another_source_sharing_an_effect_word_is_a_trouble_of_its_own(report: str, text: str):
    assert not trouble_effects.felt(report, text) and not trouble_effects.goes_on(report, text)
    assert not after_report.obvious_detail(report, text)


@pytest.mark.parametrize(("report", "text"), [
    ("楼下广场舞天天放音乐", "音响开得好大 吵得老人睡不着"),
    ("有人在楼道养鸽子", "鸽子屎到处都是 臭得很"),
    ("河畔花园8栋有人装修", "电钻一直响 中午都不停"),
])
def test_the_reports_own_source_said_again_is_still_its_effect(report: str, text: str):
    assert trouble_effects.felt(report, text)


@pytest.mark.parametrize(("report", "text", "another"), [
    ("楼下广场舞天天跳到10点", "隔壁工地晚上还在打钻 吵死了", True),  # issue 17
    ("门口的路灯坏了", "小区门口在挖路施工 晚上黑得很", True),
    ("楼上有人装修", "外面有人半夜放鞭炮 吵死了", True),
    ("楼下有条狗天天叫", "楼下KTV唱歌唱到半夜", True),
    ("有人装修", "打钻的声音吵得狗都在叫", False),  # the report's own source named
    ("楼下广场舞好吵", "音响开得好大", False),
    ("楼道灯坏了", "黑黢黢的 老年人上下楼怕摔", False),
    ("楼下广场舞好吵", "隔壁工地几点停工嘛", False),  # a question
])
def test_a_source_of_its_own_soon_after_a_report_is_another_trouble(report: str, text: str, another: bool):
    assert trouble_effects.another_source(report, text) is another

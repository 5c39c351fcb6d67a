"""Blind test 33's corrections, villagers' questions and staff words (docs/usertests/2026-12-07-blind21.md), said as
the blind test said them and in other words, through the gateway, the real engine and the real action server:

- "我是问X 不是Y" after an answer gets X's answer (A19, A75, B3, B17, B83, B103, B163, A49, A95), never 记下了, the
  same answer again, nor 不便提供;
- a villager's question about an open topic (B124) is answered from the topic, never a ticket; whether a proxy
  ballot was cast (B127, L11) is answered;
- a grid worker's words on his ticket: his list (B55), a 退单 (B141), progress (B144, B147), done (B142, B146, B181,
  B190); the duty officer's 无效工单 with its story closes the ticket politely (B152).

Senders: +86139555680000 … 099, in no other test; places 安居苑 / 河畔花园 buildings 791–799. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from bot.core.chatter import NOTED
from tests.conftest import DUTY_OFFICER
from tests.integration import households
from tests.integration.households import joined
from tests.integration.stack import Stack
from tests.integration.talk import (
    as_if_earlier,
    assignee_phone,
    call_back_ticket,
    file_report,
    register,
    say,
    ticket_numbered,
    tickets_of,
    told,
    understood,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+861395556800{n:02d}" for n in range(100)]


@pytest.mark.parametrize(("n", "first", "again", "meant"), [
    (0, "我要找派出所 有电话没得", "我是问派出所的电话 不是你们的", "110"),  # A19
    (1, "派出所电话给我一个", "我不要私人电话 就要派出所的办公电话", "110"),  # A75
    (2, "派出所电话多少嘛", "我问的是派出所的电话 不是问你们社区的", "110"),
    (3, "我们安居苑好多老人不会用智能手机 社区能不能教一下", "我是问教老人用手机 不是娃娃", "手机课"),  # B3
    (4, "老年人想学用手机 社区有人教没得", "不是问娃娃 是问老人学用手机", "手机课"),
    (5, "我想办个居住证 要啥子", "是居住证 不是居住证明", "住满半年"),  # B17
    (6, "居住证咋个办", "我说的是居住证 不是开证明", "住满半年"),
    (7, "我想问下 老年人打流感疫苗要钱不", "我问的是打流感疫苗 不是体检", "流感疫苗"),  # B83
    (8, "老人打流感针要钱不", "不是问体检 是问打流感针", "流感疫苗"),
    (9, "小区有没得充电桩 充电动汽车的", "我是说电动汽车 不是电瓶车", "汽车"),  # B103
    (10, "小区里头有没得汽车充电桩嘛", "不是电瓶车 是问小汽车充电的", "汽车"),
    (11, "我想问下 残疾人坐公交免费不", "我是问残疾人 不是老年人", "残疾"),  # B163
    (12, "残疾人坐车要钱不", "不是问老年人 是问残疾人坐公交", "残疾"),
    (13, "我们跑外卖的有没得啥子补助", "不是问看病 是问骑手有没得补助", "骑手"),  # A49
    (14, "独生子女父母奖励咋个领", "不是办证 是问奖励金咋个领", "奖励金"),  # A95
    (15, "独生子女奖励费在哪点领", "我问的是奖励费 不是独生子女证", "奖励金"),
    # 记下了 in the round's probe
    (16, "居住证明咋个开", "我要办的是居住证 不是证明", "住满半年"),
    (17, "老年人体检要钱不", "我问的不是体检 是流感疫苗", "流感疫苗"),
])
def test_a_question_said_again_as_x_not_y_gets_x(running: Stack, n: int, first: str, again: str,
                                                 meant: str) -> None:
    asker = SENDERS[n]
    answered = understood(say(running, asker, first))
    as_if_earlier(running, asker, 7)
    answer = understood(say(running, asker, again))
    assert meant in answer, (answered, answer)
    assert NOTED not in answer and "不便提供" not in answer and "12355" not in answer, answer
    assert answer != answered or meant in answered, answer
    assert tickets_of(running, asker) == []


def household(stack: Stack, first: int) -> tuple[str, str]:
    """Senders `first` (the mother) and `first + 1` (her daughter), one household of 石桥村."""
    return households.household(stack, (SENDERS[first], SENDERS[first + 1]), ("张桂芬", "刘小梅"), "石桥村九组")


@pytest.mark.parametrize(("n", "words"), [
    (20, "村里那个停车场要修在哪点"),  # B124
    (22, "停车场修在哪里嘛 村口哪个位置"),
    (24, "那个停车场修了收不收费"),  # a ticket in the round's probe
])
def test_a_question_about_an_open_topic_is_answered_from_the_topic_never_a_ticket(running: Stack, n: int,
                                                                                 words: str) -> None:
    villager, daughter = household(running, n)
    with households.topics(running, (villager, daughter), f"垃圾清运费按人头还是按户收 b34x{n}",
                           f"是否在村口修一个停车场 b34x{n}"):
        answer = understood(say(running, villager, words))
        assert "停车场" in answer and "工单" not in answer, answer
        assert tickets_of(running, villager) == []


def test_whether_the_daughter_voted_for_her_mother_is_answered(running: Stack) -> None:
    mother, daughter = household(running, 30)  # B127
    with households.topics(running, (mother, daughter), "垃圾清运费按人头还是按户收 b34b",
                           "是否在村口修一个停车场 b34b"):
        said = joined(say(running, mother, "有没得人帮我投过票"))  # 帮不上忙 in the round's probe
        assert "没人替您投" in said, said
        say(running, daughter, "帮我妈投按户")
        for words in ("我女儿是不是帮我投过票", "有没得人帮我投过票"):
            said = joined(say(running, mother, words))
            assert "刘小梅" in said and "按户" in said and "帮不上" not in said, said
        as_if_earlier(running, daughter, 35)  # L11, then words the round's probe got 只能替同户的家人投 or 没太看懂 for
        for words in ("我妈那票算上没得", "帮我妈投的那票算数不", "我妈那票投起了没得"):
            said = joined(say(running, daughter, words))
            assert "按户" in said and "算数" in said and "没太看懂" not in said and "只能替" not in said, said


def test_a_worker_with_many_tickets_in_hand_gets_his_list(running: Stack) -> None:
    rider = register(running, SENDERS[40])  # B55
    number = file_report(running, rider, "安居苑791栋垃圾桶满了 好几天没人收")
    holder = assignee_phone(running, number)
    for words in ("我手上有好多单子", "我手头还有好多单子没办", "单子太多了 看不过来"):
        answer = " ".join(say(running, holder, words))
        assert "待办工单" in answer, (words, answer)


@pytest.mark.parametrize(("n", "report", "words"), [
    (41, "河畔花园792栋外头人行道上有人摆摊卖水果 占了一半的路", "这个单子不是我们管的 是城管的事"),  # B141
    (42, "安居苑792栋门口有人摆摊卖菜 占了路", "这个不归我们管 是城管的事情"),
    (47, "河畔花园793栋单元门口堆了好多装修垃圾", "这个事归物业管 不是我们的"),  # progress in the probe
    (48, "安居苑798栋楼道的电表箱门掉了", "这个要找供电局 我们管不了"),
])
def test_a_job_for_another_body_is_handed_back(running: Stack, n: int, report: str, words: str) -> None:
    rider = register(running, SENDERS[n])
    number = file_report(running, rider, report)
    [answer] = say(running, assignee_phone(running, number), f"{number} {words}")
    assert "退" in answer and "处理中" not in answer, answer
    assert not any("进展" in t and "城管" in t for t in told(running, rider, number))


@pytest.mark.parametrize(("n", "report", "words"), [
    (43, "河畔花园793栋楼顶上有人养鸽子 臭得很", "我晚上去看看"),  # B144
    (44, "安居苑793栋楼下有人烧垃圾 烟子大", "我明天一早过去看一下"),
    (45, "河畔花园794栋门口有辆车停了半个月了 堵到消防通道", "车主找到了 说这个礼拜开走"),  # B147
    (46, "安居苑794栋门口有辆车停了好久了 堵到路", "联系上车主了 他说过两天来开"),
])
def test_words_on_the_way_are_progress_told_to_the_reporter(running: Stack, n: int, report: str,
                                                             words: str) -> None:
    rider = register(running, SENDERS[n])
    number = file_report(running, rider, report)
    [answer] = say(running, assignee_phone(running, number), f"{number} {words}")
    assert "处理中" in answer and "反映内容" not in answer and "办结" not in answer, answer
    assert ticket_numbered(running, number).status == "in_progress"
    assert any(words[-4:] in t for t in told(running, rider, number)), told(running, rider, number)


@pytest.mark.parametrize(("n", "report", "words"), [
    (50, "河畔花园795栋楼道灯坏了 黑黢黢的", "灯换了 现在一拍手就亮"),  # B142
    (51, "安居苑795栋门口垃圾桶盖子烂了 臭得很", "垃圾桶盖子换新的了"),  # B146
    (52, "河畔花园796栋楼道里头睡了个流浪汉 冷得发抖", "送了两床被子 救助站的车把人接走了"),  # B181
    (53, "安居苑796栋2单元的水管在漏 楼梯上全是水", "水阀关了 漏的管子也换了"),  # B190
    (54, "河畔花园797栋单元门的锁坏了 关不上", "门锁换了个新的 关得上了"),
    (55, "安居苑797栋楼下下水道堵了 臭得很", "喊人来疏通了 现在不臭了"),
])
def test_words_of_a_finished_job_resolve_it(running: Stack, n: int, report: str, words: str) -> None:
    rider = register(running, SENDERS[n])
    number = file_report(running, rider, report)
    [answer] = say(running, assignee_phone(running, number), f"{number} {words}")
    assert "办结" in answer and "处理中" not in answer, (words, answer)
    assert ticket_numbered(running, number).status == "resolved"
    assert any("评价" in t for t in told(running, rider, number)), words


@pytest.mark.parametrize(("n", "words"), [
    # B152 as said is test_conversation_blind33_staff_words'
    (61, "这个是无效工单 他是问路的 已经答复他了 关了嘛"),
    (62, "无效 他问的是社保咋个交 已经回了 关掉"),
])
def test_the_duty_officers_invalid_ticket_with_its_story_closes_it_politely(running: Stack, n: int,
                                                                          words: str) -> None:
    rider = register(running, SENDERS[n])
    number = call_back_ticket(running, rider)
    [answer] = say(running, DUTY_OFFICER, f"{number} {words}")
    assert "关闭" in answer, (words, answer)
    assert ticket_numbered(running, number).status == "cancelled"
    [heard] = [t for t in told(running, rider, number) if "已关闭" in t]
    assert "无效" not in heard and "原因：" not in heard, heard

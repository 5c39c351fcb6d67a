"""Blind test 33's wrong numbers, follow-ups turned into new emergencies and all-clears (docs/usertests/
2026-12-07-blind21.md: B1, B162, B113, B170, B172, B132, B36, A38, A69, B111, A46), said as the testers said them
and in other words, through the gateway, the real engine and the real action server: more of an ordinary report is
more of that ticket (what a thief took, where the water got to, someone who slipped on it, the driver gone: 122),
an all-clear reaches whoever was alerted (a lost one taken home too), each danger gets its own number first (a
stranger at the window, someone on a roof's railing, a child who cannot find their mother: 110) and a nuisance none.

Senders: +86139555660000 … +86139555660099, in no other test; places 安居苑 / 河畔花园 buildings 771–779. Each runs
on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import (
    as_if_earlier,
    assignee_phone,
    file_report,
    left_ordinary,
    register,
    say,
    tickets_of,
    told,
    unnumbered,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+861395556600{n:02d}" for n in range(100)]
WHERE = "在哪"


def _no_alarm(replies: list[str]) -> None:
    said = unnumbered(replies)
    assert "情况紧急" not in said and WHERE not in said, replies


@pytest.mark.parametrize(("n", "report", "more", "detail"), [
    (0, "安居苑771栋2单元的水管在漏 楼梯上全是水", "水还在流 都流到一楼了", "一楼"),  # B1
    (1, "安居苑771栋3单元水管爆了 到处都是水", "水还在冒 莫得人来管 都淌到楼下了", "楼下"),
    (2, "河畔花园772栋302在装修 把承重墙打了", "他们还在打 整栋楼都在震", "震"),  # B162
    (3, "河畔花园772栋502屋头装修 在砸承重墙", "还在砸 楼都在抖 咋个办嘛", "抖"),
    (4, "安居苑771栋5单元水管爆了", "水都漫到电梯井了", "电梯井"),
    (5, "安居苑771栋6单元楼道水管在漏", "楼梯好滑 刚才有人滑倒了", "滑倒"),
    (6, "安居苑778栋家里遭偷了 小偷已经跑了", "丢了个电瓶车", "电瓶车"),
])
def test_more_of_an_ordinary_report_goes_to_its_worker_never_a_new_emergency(running: Stack, n: int, report: str,
                                                                             more: str, detail: str):
    caller = SENDERS[n]
    number = file_report(running, caller, report)
    as_if_earlier(running, caller, 4)
    replies = say(running, caller, more)
    _no_alarm(replies)
    assert not any(x in unnumbered(replies) for x in ("119", "110", "120")), replies
    [ticket] = tickets_of(running, caller)
    assert left_ordinary(running, ticket) and number in " ".join(replies), replies
    assert any(detail in m for m in told(running, assignee_phone(running, number), number)), replies


@pytest.mark.parametrize(("n", "first", "number", "clear"), [
    (10, "河畔花园773栋楼顶上有个人站在边边上", "110", "人劝下来了"),  # B113
    (11, "河畔花园773栋楼顶有个女娃娃坐在边边上 怕是要跳", "110", "人已经劝下来了 莫得事了"),
    (12, "安居苑774栋对面的变压器在冒火花 噼噼啪啪的", "119", "供电局来了 没冒火花了"),  # B170
    (13, "安居苑774栋门口电线杆上的线在冒火花", "119", "电力的人来了 不冒了"),
    (14, "河畔花园773栋天台上有个人坐在栏杆上", "110", "警察来了 把人带下来了"),
    (15, "有个娃娃在安居苑门口哭 找不到妈妈了", "110", "他妈妈来了 接走了"),
    (16, "安居苑775栋门口有个老爷爷 问啥子都说不清楚 不晓得屋头在哪点", "110", "找到了 他儿子来接走了"),
    (17, "有个老人家在安居苑门口 问他啥子都不晓得", "110", "派出所的来了 把他带走了"),
    (18, "河畔花园776栋电梯门打不开 我老汉在里头", "电梯救援", "出来了"),
    (19, "有个人在我家阳台上 安居苑778栋3楼", "110", "他跑了 警察也来了"),
])
def test_an_all_clear_reaches_whoever_was_alerted_and_is_no_new_emergency(running: Stack, n: int, first: str,
                                                                         number: str, clear: str):
    caller = SENDERS[n]
    assert number in unnumbered(say(running, caller, first))
    as_if_earlier(running, caller, 6)
    replies = say(running, caller, clear)
    _no_alarm(replies)
    [ticket] = tickets_of(running, caller)
    assert any(clear in m for m in told(running, DUTY_OFFICER, ticket.number or "")), replies
    assert any(clear in m for m in told(running, assignee_phone(running, ticket.number or ""), ticket.number or ""))


@pytest.mark.parametrize(("n", "first", "later", "detail"), [
    (20, "有个老人在河畔花园门口转来转去 问他住哪里他说不清楚", "那个老人还在 天快黑了", "黑"),  # B172
    (21, "安居苑775栋门口有个老太婆坐了半天 问她屋头在哪点 她说不出来", "那个婆婆还在那点 天都黑了", "黑"),
    (22, "河畔花园门口有个婆婆走来走去 问她屋头在哪点 她不晓得", "婆婆还在那点坐起的 好冷哦", "冷"),
])
def test_a_lost_elder_goes_to_the_worker_and_the_police_and_what_follows_is_more_of_it(running: Stack, n: int,
                                                                                       first: str, later: str,
                                                                                       detail: str):
    caller = SENDERS[n]
    replies = say(running, caller, first)
    heard = unnumbered(replies)
    assert "110" in heard and WHERE not in heard and "答不上" not in heard, replies
    [ticket] = tickets_of(running, caller)
    assert told(running, assignee_phone(running, ticket.number or ""), ticket.number or ""), replies
    as_if_earlier(running, caller, 5)
    replies = say(running, caller, later)
    heard = unnumbered(replies)
    assert WHERE not in heard and "120" not in heard and "情况紧急" not in heard, replies
    assert len(tickets_of(running, caller)) == 1, replies
    notes = told(running, assignee_phone(running, ticket.number or ""), ticket.number or "")
    assert any(detail in m for m in notes), (replies, notes)


def test_a_riders_all_clear_is_news_of_his_own_fall_report_never_his_other_ticket(running: Stack):
    rider = register(running, SENDERS[30])  # B132: "已补充到工单T1025" (a rubbish ticket)
    rubbish = file_report(running, rider, "安居苑776栋门口垃圾堆了好几天了 臭得很")
    as_if_earlier(running, rider, 3)
    first = say(running, rider, "安居苑北门 有人骑车摔了 腿流血了 人清醒的")
    assert "120" in unnumbered(first), first
    fall = [t for t in tickets_of(running, rider) if t.number != rubbish]
    assert len(fall) == 1, first
    as_if_earlier(running, rider, 9)
    replies = say(running, rider, "120来了 拉走了")
    assert rubbish not in " ".join(replies) and "情况紧急" not in unnumbered(replies), replies
    assert len(tickets_of(running, rider)) == 2, replies
    notes = told(running, DUTY_OFFICER, fall[0].number or "") + told(
        running, assignee_phone(running, fall[0].number or ""), fall[0].number or "")
    assert any("拉走了" in m for m in notes), replies
    assert not any("拉走了" in m for m in told(running, assignee_phone(running, rubbish), rubbish)), replies


@pytest.mark.parametrize(("n", "text", "number", "never"), [
    (40, "河畔花园776栋电梯里头有人 卡在3楼不动了", "电梯救援", "120"),  # B36
    (41, "河畔花园776栋的电梯关到人了 停在5楼不动", "电梯救援", "120"),
    (42, "救命 我屋头进小偷了 人还在屋头 安居苑778栋302", "110", "119"),  # B111
    (43, "救命 有贼娃子在撬我屋头的门 安居苑778栋201", "110", "119"),
    (44, "有人在翻我屋头窗子 安居苑778栋101", "110", "119"),
    (45, "快点 有贼 在偷我屋头的东西 安居苑778栋401", "110", "119"),
])
def test_the_right_number_first(running: Stack, n: int, text: str, number: str, never: str):
    replies = say(running, SENDERS[n], text)
    assert number in unnumbered(replies) and never not in unnumbered(replies), replies


@pytest.mark.parametrize(("n", "text"), [
    (50, "河畔花园电梯里头有人抽烟 烟头丢一地"),  # A38
    (51, "河畔花园777栋电梯里头有人抽烟 烟头丢一地"),
    (52, "河畔花园777栋电梯头天天有人吃烟 臭得很"),
    (53, "河畔花园门口有个车撞到花坛了 人没事 花坛砖头散一地"),  # A69
    (54, "河畔花园777栋门口有个车把路灯杆撞歪了 莫得人受伤"),
    (56, "安居苑门口两个车碰了一下 人都没得事"),
])
def test_a_nuisance_or_a_crash_with_nobody_hurt_is_no_emergency(running: Stack, n: int, text: str):
    replies = say(running, SENDERS[n], text)
    said = unnumbered(replies)
    assert "情况紧急" not in said and not any(x in said for x in ("119", "110", "120", "电梯救援")), replies
    assert "冷敷" not in said, replies  # 两个车碰了一下: a crash, never the bruise's advice
    assert all(left_ordinary(running, t) for t in tickets_of(running, SENDERS[n])), replies


def test_the_driver_gone_after_a_crash_is_more_of_it_with_122(running: Stack):
    caller = SENDERS[55]  # A69's kind: 司机跑了 was asked 补充还是新问题
    number = file_report(running, caller, "有个车撞到我们小区的大门了 门都变形了 没伤到人 安居苑")
    as_if_earlier(running, caller, 4)
    replies = say(running, caller, "司机跑了")
    assert "122" in unnumbered(replies) and number in " ".join(replies) and "新问题" not in unnumbered(replies), replies
    assert len(tickets_of(running, caller)) == 1


@pytest.mark.parametrize(("n", "report", "more"), [
    (60, "安居苑779栋有人在楼道烧蜂窝煤", "烟子大得很"),  # A46
    (61, "安居苑779栋2单元有人在过道头烧煤炉子", "烟子好大哦 呛得很"),
    (62, "隔壁烧蜂窝煤 烟子都飘到我屋头来了 安居苑779栋", "熏得眼睛痛"),
])
def test_a_coal_stoves_smoke_said_after_is_the_ventilation_advice_on_that_ticket(running: Stack, n: int,
                                                                                 report: str, more: str):
    caller = SENDERS[n]
    number = file_report(running, caller, report)
    as_if_earlier(running, caller, 3)
    replies = say(running, caller, more)
    said = unnumbered(replies)
    assert "情况紧急" not in said and "110" not in said, replies
    assert "通风" in said or "开窗" in said, replies
    [ticket] = tickets_of(running, caller)
    assert left_ordinary(running, ticket)
    assert any(more in m for m in told(running, assignee_phone(running, number), number)), replies

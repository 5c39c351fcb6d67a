"""Rules of rounds 36 and 37 that read a message in context, tried on what they must NOT catch (issue 17; blind test
35, docs/usertests/2026-12-07-blind23.md: rows L1, L14, L18, N7, Q22n, B174, E3, E1, W10n, F10n), through the
gateway, the real engine and the real action server:

- a different problem minutes after a report that shares only an effect word (吵, 黑, 熏) is a ticket of its own,
  never more of that report; the report's own dark or din is still more of it (L1, L18);
- the same kind of trouble at another building, or another thing, days after her report is a ticket of its own,
  never an urge of hers; her own trouble said again still urges it (Q22n, N7);
- a short report right after a question that hits the answered entry's words is filed, never the answer again; a
  remark restating the question is still answered from it (B174);
- with a worker's promise open, a time question about something else (社区办公室几点开门) is answered as itself,
  never with his words (E1, W10n);
- 哪点 and 点一下 in ordinary questions raise no scam warning; a link pushed to stop a pension still does (F10n).

Senders: +86139555778000 … +86139555778999, in no other test; buildings 990–999. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import (
    as_if_earlier,
    assignee_phone,
    bare,
    file_report,
    say,
    tickets_of,
    told,
    understood,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+86139555778{n:03d}" for n in range(1000)]
SCAM = ("别点链接", "骗", "96110")


def _said(replies: list[str]) -> str:
    return " ".join(bare(r) for r in replies) + " " + " ".join(replies)


def _filed_apart(running: Stack, caller: str, text: str, estate: str = "") -> list[str]:
    """`text` said; a "是补充…还是新问题？" answered 2 (a new problem), "请问在哪点？" with `estate`. The replies."""
    replies = say(running, caller, text)
    if any("新问题" in r for r in replies):
        replies = say(running, caller, "2")
    if estate and any("在哪点" in r for r in replies):
        replies = say(running, caller, estate)
    return replies


# 1. bot/core/trouble_effects.py: an effect word shared is no effect of the report.
@pytest.mark.parametrize(("n", "report", "other"), [
    (0, "阳光小区990栋楼下广场舞天天跳到10点", "隔壁工地晚上还在打钻 吵死了"),
    (1, "河畔花园990栋楼下有人烧垃圾", "隔壁饭馆的油烟熏得很 窗子都不敢开"),
    (2, "安居苑990栋楼下有条狗天天叫", "楼下KTV唱歌唱到半夜 吵得睡不着"),
    (3, "阳光小区991栋门口的路灯坏了", "小区门口在挖路施工 晚上黑得很"),
    (4, "河畔花园991栋楼上有人装修", "外面有人半夜放鞭炮 吵死了"),
    (5, "安居苑991栋有人在楼道养鸽子", "楼下饭馆把泔水倒进阴沟 臭得很"),
])
def test_another_trouble_minutes_later_sharing_an_effect_word_is_its_own_ticket(running: Stack, n: int,
                                                                                report: str, other: str):
    caller = SENDERS[n]
    first = file_report(running, caller, report)
    replies = _filed_apart(running, caller, other, report[:4])
    said = _said(replies)
    assert f"已补充到工单{first}" not in said and "补充到" not in said, replies
    assert len(tickets_of(running, caller)) == 2, replies


@pytest.mark.parametrize(("n", "report", "more"), [
    (6, "阳光小区992栋楼道灯又坏了", "黑黢黢的 老年人上下楼怕摔"),  # L1
    (7, "河畔花园992栋有人装修", "每天早上7点就开始打钻"),  # L18
    (8, "安居苑992栋楼下广场舞天天放音乐", "音响开得好大 吵得老人睡不着"),
])
def test_what_the_reports_own_trouble_does_is_still_more_of_it(running: Stack, n: int, report: str, more: str):
    caller = SENDERS[n]
    first = file_report(running, caller, report)
    replies = say(running, caller, more)
    assert not any("新问题" in r for r in replies), replies
    assert len(tickets_of(running, caller)) == 1, replies
    assert first in _said(replies), replies


# 2. bot/core/still_open.py: the same kind at another place, or another thing, is no urge of hers.
@pytest.mark.parametrize(("n", "report", "other"), [
    (10, "阳光小区993栋门口的路灯坏了", "阳光小区996栋门口的路灯又不亮了"),
    (11, "河畔花园993栋门口有人乱停车", "河畔花园996栋门口还是有车乱停 堵到消防通道了"),
    (12, "安居苑993栋有人装修", "安居苑996栋也有人在装修 一大早又在打钻"),
    (13, "阳光小区994栋门口的垃圾没人收", "河畔花园997栋门口的垃圾也堆起了 一直没人收"),
    (14, "河畔花园994栋的路灯不亮", "河畔花园994栋楼道的窗子玻璃还是烂的 风吹进来"),
    (15, "安居苑994栋门口有人摆摊卖菜", "安居苑997栋门口又有人摆摊了 把路都堵了"),
])
def test_the_same_kind_elsewhere_or_another_thing_days_later_is_its_own_ticket(running: Stack, n: int,
                                                                              report: str, other: str):
    caller = SENDERS[n]
    first = file_report(running, caller, report)
    as_if_earlier(running, caller, 60 * 20)
    replies = _filed_apart(running, caller, other)
    said = _said(replies)
    assert not (first in said and "催办" in said), replies
    assert len(tickets_of(running, caller)) == 2, replies


@pytest.mark.parametrize(("n", "report", "again"), [
    (16, "阳光小区995栋门口的路灯坏了", "阳光小区995栋门口的路灯还是不亮"),
    (17, "河畔花园995栋有人遛狗不捡狗屎", "还是到处都是狗屎"),  # N7
    (18, "安居苑995栋门口有人摆摊卖菜 把路都堵了", "今天摆摊的又来了"),  # Q22n
])
def test_her_own_trouble_said_again_still_urges_her_ticket(running: Stack, n: int, report: str, again: str):
    caller = SENDERS[n]
    first = file_report(running, caller, report)
    as_if_earlier(running, caller, 60 * 20)
    replies = say(running, caller, again)
    said = _said(replies)
    assert first in said and "催办" in said, replies
    assert len(tickets_of(running, caller)) == 1, replies


# 3. bot/core/reasked.py, restated: a short report hitting the answered entry is filed.
@pytest.mark.parametrize(("n", "question", "report"), [
    (20, "电瓶车在哪点充电", "阳光小区998栋楼道里有人推电瓶车进去充电"),
    (21, "公厕锁门了找哪个", "河畔花园998栋旁边的公厕门锁起的 进不去"),
    (22, "绿化带能不能种菜", "安居苑998栋楼下有人在绿化带种菜"),
    (23, "绿化带可以种菜不", "阳光小区999栋门口的绿化带被挖了种菜"),
    (24, "电动车在哪点充电", "河畔花园999栋楼道里有人给电动车充电"),
    (25, "电视没信号咋个办", "安居苑999栋整栋楼电视都没信号了"),
])
def test_a_short_report_after_a_question_on_its_words_is_filed_not_answered_again(running: Stack, n: int,
                                                                                  question: str, report: str):
    caller = SENDERS[n]
    understood(say(running, caller, question))
    as_if_earlier(running, caller, 3)
    replies = _filed_apart(running, caller, report)
    assert len(tickets_of(running, caller)) == 1, replies


@pytest.mark.parametrize(("n", "question", "remark", "words"), [
    (26, "过年发的米和油咋个领", "就是每年过年发的那个米和油", "米"),  # B174
    (27, "绿化带能不能种菜", "就是楼下那种绿化带 能种不", "绿化"),
])
def test_a_remark_restating_the_question_is_still_answered_from_it(running: Stack, n: int, question: str,
                                                                    remark: str, words: str):
    caller = SENDERS[n]
    understood(say(running, caller, question))
    as_if_earlier(running, caller, 3)
    answer = understood(say(running, caller, remark))
    assert words in answer and "记下了" not in answer, answer
    assert tickets_of(running, caller) == []


# 4. bot/core/promise_asked.py: a time question about something else, with a promise open.
@pytest.mark.parametrize(("n", "ask"), [
    (30, "社区办公室几点开门"),
    (31, "社区服务站明天几点上班嘛"),
    (32, "体检几点开始"),
    (33, "医生明天几点来嘛"),
    (34, "投票好久截止"),
    (35, "发米的好久来发"),
    (37, "快递几点到嘛"),
])
def test_a_time_question_about_something_else_is_never_his_promise(running: Stack, n: int, ask: str):
    caller = SENDERS[n]
    number = file_report(running, caller, f"阳光小区99{n - 30}栋楼道墙皮掉了一大块")
    worker = assignee_phone(running, number)
    say(running, worker, f"{number} 下午过来看")
    as_if_earlier(running, caller, 5)
    replies = say(running, caller, ask)
    said = _said(replies)
    assert "下午过来看" not in said and "已转告" not in said, replies
    assert not any(ask in m for m in told(running, worker, number)), "a question about something else reached him"
    assert len(tickets_of(running, caller)) == 1, replies


def test_the_hour_of_his_promise_is_still_his_words(running: Stack):
    caller = SENDERS[36]
    number = file_report(running, caller, "河畔花园990栋楼道墙皮掉了一大块")
    worker = assignee_phone(running, number)
    say(running, worker, f"{number} 下午过来看")
    as_if_earlier(running, caller, 5)
    said = _said(say(running, caller, "师傅下午几点来嘛"))
    assert number in said and "下午过来看" in said, said


# 5. bot/core/scam_tricks.py: 点 of 哪点 and 链接 in ordinary talk are no trick.
@pytest.mark.parametrize(("n", "text"), [
    (40, "哪点可以交电费"),
    (41, "在哪点认证养老金"),
    (42, "养老金认证在哪点办 手机上点一下就行了吗"),
    (43, "社保卡在哪点激活 是不是点一下就行了"),
    (44, "低保资格复核 在哪点填表"),
    (45, "高龄补贴认证 社区发的链接点一下就行了吗"),
])
def test_where_and_a_tap_in_ordinary_questions_raise_no_scam_warning(running: Stack, n: int, text: str):
    answer = " ".join(say(running, SENDERS[n], text))
    assert not any(w in answer for w in SCAM), answer


@pytest.mark.parametrize(("n", "text"), [
    (46, "有人打电话说我养老金资格要取消 叫我点链接认证"),  # F10n
    (47, "收到短信说高龄补贴要停发 喊我点开链接填银行卡"),
    (48, "有个人发微信说社保要冻结 让我点进去认证"),
])
def test_a_link_pushed_to_stop_a_benefit_is_still_warned(running: Stack, n: int, text: str):
    answer = understood(say(running, SENDERS[n], text))
    assert "别点链接" in answer, answer
    assert tickets_of(running, SENDERS[n]) == []

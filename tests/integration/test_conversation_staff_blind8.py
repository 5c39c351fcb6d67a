"""What blind test 8 found when staff wrote in their own words, through the gateway, the real engine and the real
action server: the duty officer closes a false alarm or a junk ticket waiting for dispatch, a worker's plain words of
a finished job resolve it, 收到 for several tickets acknowledges each, a note naming another ticket reaches the
reporter whole, and a worker merges a duplicate by message.

Voices: residents of 河滨社区第4网格 (新华街, 236–240; 240 of 新华街3栋501) and its worker, passers-by not in
the registry (042–050), the duty officer (shared: what is asserted of them is about this module's tickets). Each
conversation runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import number_in, say
from tests.integration.test_conversation_staff import ZHOU_MING, notices, ticket

pytestmark = pytest.mark.engine
XH_RESIDENTS = [f"+86139{n:08d}" for n in range(236, 241)]  # 河滨社区第4网格 (新华街)
XH_WORKER = "+8613700000012"  # 河滨社区第4网格's grid worker
PASSERS_BY = [f"+86139999900{n:02d}" for n in range(42, 51)]  # not in the registry


@pytest.mark.parametrize(("sender", "alarm", "words", "what"), [
    (PASSERS_BY[0], "楼道里头冒黑烟 好呛人", "{n} 误报 是楼上在烧纸 关了", "误报"),
    (PASSERS_BY[1], "这里有人晕倒了 快来人", "{n} 这个是有人发错了 钓鱼的 关掉", "无效工单")])
def test_the_duty_officer_closes_a_false_alarm_waiting_for_dispatch(running: Stack, sender: str, alarm: str,
                                                                    words: str, what: str):
    # Blind test 8, #102 and #116: "T1043 误报 是T1014那个坑 关了" got "目前“待分派”，请回复派给…".
    number = number_in(say(running, sender, alarm))
    assert ticket(running, number)["status"] == "new"
    [answer] = say(running, DUTY_OFFICER, words.format(n=number))
    assert answer.startswith(f"好的，工单{number}已作{what}关闭") and "告诉反映人" in answer
    assert ticket(running, number)["status"] == "cancelled"
    told = notices(running, sender, number)
    assert "经核实" in told[-1] and "已关闭。原因：" in told[-1] and not any("评价" in n for n in told)


@pytest.mark.parametrize(("sender", "problem", "done"), [
    (XH_RESIDENTS[0], "新华街2栋门口的井盖翻起来了 晚上怕有人踩进去", "井盖已经盖好了 焊死了"),
    (XH_RESIDENTS[1], "新华街5栋厨房燃气管子漏气了 一股味道", "燃气公司来关了阀门 查出来是软管老化 已经换了")])
def test_a_workers_plain_words_of_a_finished_job_resolve_it(running: Stack, sender: str, problem: str, done: str):
    # Blind test 8, #67 and #126: these stayed 处理中.
    number = number_in(say(running, sender, problem))
    assert ticket(running, number)["assignee"] == XH_WORKER
    say(running, XH_WORKER, f"{number} 收到 马上过去")
    [answer] = say(running, XH_WORKER, f"{number} {done}")
    assert "已办结" in answer and ticket(running, number)["status"] == "resolved"
    assert "请评价" in notices(running, sender, number)[-1]


def test_acknowledging_several_tickets_acknowledges_each_and_a_note_naming_another_stays_whole(running: Stack):
    # Blind test 8, #110: "收到 T1035 T1036 T1037" acknowledged only T1035; #136: "跟 重复了".
    first = number_in(say(running, XH_RESIDENTS[2], "新华街4栋楼道灯不亮了 黑黢黢的"))
    second = number_in(say(running, XH_RESIDENTS[3], "新华街3栋门口的垃圾好几天没人收了"))
    [answer] = say(running, XH_WORKER, f"收到 {first} {second}")
    assert answer.startswith(f"好的，已接单：{first}、{second}")
    assert ticket(running, first)["status"] == ticket(running, second)["status"] == "acknowledged"
    say(running, XH_WORKER, f"{first} 跟{second}挨到的 师傅明天一起来弄")
    assert notices(running, XH_RESIDENTS[2], first)[-1] == f"工单{first}进展：跟{second}挨到的 师傅明天一起来弄"


def test_a_worker_merges_a_duplicate_and_its_reporter_hears_into_which(running: Stack):
    # Blind test 8, #136: the worker filed 屋顶漏雨 on a visit, the resident reported it again; "T1050 跟T1049重复了
    # 并到一起" was recorded as progress.
    older = number_in(say(running, XH_WORKER, "走访 新华街3栋501 反映 屋顶漏雨"))
    newer = number_in(say(running, XH_RESIDENTS[4], "我家屋顶漏水了 下雨天屋头要摆三个盆"))
    assert newer != older and ticket(running, newer)["merged_into"] is None
    [answer] = say(running, XH_WORKER, f"{newer} 跟{older}重复了 并到一起")
    assert answer.startswith(f"好的，工单{newer}已并入{older}")
    assert ticket(running, newer)["status"] == "merged" and ticket(running, older)["status"] == "assigned"
    assert f"已并入{older}" in notices(running, XH_RESIDENTS[4], newer)[-1]


def test_the_duty_officers_instruction_with_a_dispatch_reaches_the_new_holder(running: Stack):
    # Blind test 8, #105: "T1039 派给 杨艳 确认 市政那边我打过招呼了 你配合跟进" lost the instruction.
    number = number_in(say(running, PASSERS_BY[3], "楼道里头冒黑烟 好呛人"))
    [answer] = say(running, DUTY_OFFICER, f"{number} 派给 河滨社区第4网格 消防那边我打过招呼了 你配合跟进")
    assert "交代也转给了承办人" in answer and ticket(running, number)["assignee"] == XH_WORKER
    assert notices(running, XH_WORKER, number)[-1].endswith("交代：消防那边我打过招呼了 你配合跟进")


def test_a_returned_tickets_new_worker_hears_where_it_is_and_why_it_came(running: Stack):
    # Blind test 8, #62: 黄霞's notice had no community and no reason.
    number = number_in(say(running, PASSERS_BY[4], "新华街1栋后头的垃圾堆了一个星期了 莫得人收"))
    assert ticket(running, number)["assignee"] == XH_WORKER
    say(running, XH_WORKER, f"退单 {number} 后头那块地是河畔花园的 归河滨社区第1网格管")
    assert ticket(running, number)["assignee"] == ZHOU_MING
    notice = notices(running, ZHOU_MING, number)[-1]
    assert notice.startswith(f"工单{number}（河滨社区第1网格")
    assert "退单转来，转来原因：后头那块地是河畔花园的" in notice

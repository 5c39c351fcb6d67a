"""Blind test 29's staff commands and what residents are told (docs/usertests/2026-12-07-blind17.md, A24-3, A24-3c,
B81, B123, B80, B82, A29, A14-10, A14-10b, A30, A6-3), through the gateway, the real engine and the real action
server: a dispatch goes to the name right after 派给 though a longer name or a name that says something follows; a
job for this afternoon or only promised is progress, never 已办结; 更多 shows each ticket once though one closed in
between; a 退单 naming the returner's own estate and another goes to the other's grid; praise of a worker named by
surname, in a rating or not, reaches her; a second stranger's report of the same broken light is merged; someone at
the door as a grid worker, doubted, gets how to check.

Voices: +86139666660 … 699, in no other test (riders and passers-by); the duty officer and the grid workers (shared:
what is asserted of them is about this module's tickets). Each runs on SQLite and PostgreSQL."""

from __future__ import annotations

import re

import pytest

from tests.conftest import DUTY_OFFICER, WORKER
from tests.integration.stack import Stack
from tests.integration.talk import (
    assignee_phone,
    file_report,
    register,
    say,
    ticket_numbered,
    tickets_of,
    told,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+86139666{n:03d}" for n in range(660, 700)]
YANG_YAN = "+8613700000005"  # 杨艳, 安居社区第1网格 (安居苑)
HUANG_XIA = "+8613700000006"  # 黄霞, 安居社区第2网格
XU_JIANGUO = "+8613700000010"  # 徐建国, 河滨社区第2网格
ZHOU_MING = "+8613700000009"  # 周明, 河滨社区第1网格 (河畔花园)
ZHANG_TAO = "+8613700000002"  # 张涛, 幸福社区第2网格 (幸福家园)


def heard_since(running: Stack, phone: str, before: int) -> list[str]:
    return [m["text"] for m in running.outbox(phone)][before:]


def test_the_name_after_派给_gets_the_ticket_whatever_names_follow(running: Stack) -> None:
    # A24-3: "…已派给徐建国…"; A24-3c: "有几个可选：杨艳…、黄霞…".
    rider = register(running, SENDERS[0])
    number = file_report(running, rider, "河畔花园91栋门口的垃圾桶满了 好几天没人倒")
    [answer] = say(running, DUTY_OFFICER, f"{number} 派给 杨艳 徐建国那边人手不够 你先去看一下")
    assert answer.startswith(f"好的，工单{number}已派给杨艳"), answer
    assert assignee_phone(running, number) == YANG_YAN
    assert any("交代" in t and "徐建国那边人手不够" in t for t in told(running, YANG_YAN, number))
    assert not told(running, XU_JIANGUO, number)
    [answer] = say(running, DUTY_OFFICER, f"{number} 派给 黄霞 杨艳说她那边走不开")
    assert answer.startswith(f"好的，工单{number}已派给黄霞"), answer
    assert assignee_phone(running, number) == HUANG_XIA


@pytest.mark.parametrize(("at", "words"), [(1, "师傅已经在填坑了 下午弄完"), (2, "已经处理了 养鸡那家答应这周搬走")])
def test_a_job_for_later_or_only_promised_is_progress_never_closed(running: Stack, at: int, words: str) -> None:
    # B81: "工单T1092已办结，已请反映人评价。"; B123: closed as 已办结 though the chickens are only promised to go.
    rider = register(running, SENDERS[at])
    number = file_report(running, rider, f"阳光小区9{at}栋门口路上有个大坑 车子过不去")
    holder = assignee_phone(running, number)
    [answer] = say(running, holder, f"{number} {words}")
    assert "处理中" in answer and "办结" not in answer, answer
    assert ticket_numbered(running, number).status == "in_progress"
    heard = told(running, rider, number)
    assert any(words.split()[-1] in t for t in heard) and not any("评价" in t for t in heard), heard


def test_更多_shows_each_of_the_workers_tickets_once_though_one_closes_between_pages(running: Stack) -> None:
    # B80: page 1 showed 3 of 8, 更多 showed 4 with T1060 again (one closed in between shifted the list).
    riders = [register(running, sender) for sender in SENDERS[20:27]]
    for n, rider in enumerate(riders):
        file_report(running, rider, f"阳光小区6{n}栋楼下的路灯不亮了")
    [first] = say(running, WORKER, "我的工单")
    assert "更多" in first, first  # 7 and more do not fit one SMS part
    shown = re.findall(r"T\d{4}", first)
    say(running, WORKER, f"{shown[0]} 已办结 灯泡换好了")
    pages = [first]
    while "更多" in pages[-1] and len(pages) < 12:
        [page] = say(running, WORKER, "更多")
        pages.append(page)
    seen = [n for page in pages for n in re.findall(r"T\d{4}", page)]
    assert len(seen) == len(set(seen)), pages
    mine = [t.number for rider in riders for t in tickets_of(running, rider) if t.status not in ("resolved", "closed")]
    assert len(mine) >= 6 and set(mine) <= set(seen), (mine, pages)


def test_a_return_naming_another_estate_goes_to_its_grid(running: Stack) -> None:
    # B82: "工单T1043已退回，街道值班员会重新派单" — not rerouted to 幸福家园's grid.
    rider = register(running, SENDERS[4])
    number = file_report(running, rider, "阳光小区95栋门口堆了好多纸箱子 风一吹到处都是")
    assert assignee_phone(running, number) == WORKER
    say(running, WORKER, f"退单 {number} 纸箱子是隔壁阳光小区2栋的 不归我管 是幸福家园的")
    assert assignee_phone(running, number) == ZHANG_TAO
    assert told(running, ZHANG_TAO, number)


def test_praise_of_a_worker_by_surname_in_a_rating_reaches_her(running: Stack) -> None:
    # A29: "1 谢谢杨网格员 来得好快" → "感谢评价！工单T1049已完结。", praise not passed on.
    rider = register(running, SENDERS[5])
    number = file_report(running, rider, "安居苑96栋楼下的路灯不亮了")
    assert assignee_phone(running, number) == YANG_YAN
    say(running, YANG_YAN, f"{number} 已办结 灯泡换好了")
    thanked = " ".join(say(running, rider, "1 谢谢杨网格员 来得好快"))
    assert "表扬" in thanked, thanked
    assert any("表扬" in t and "来得好快" in t for t in told(running, YANG_YAN, number) + [
        m["text"] for m in running.outbox(YANG_YAN)])
    assert ticket_numbered(running, number).rating == 1


@pytest.mark.parametrize(("at", "text", "phone"), [
    (6, "谢谢 你们那个网格员小杨好耐心", YANG_YAN),
    (7, "表扬一下周网格员 帮我们把下水道弄好了", ZHOU_MING),
])
def test_a_strangers_praise_of_a_worker_by_surname_reaches_him(running: Stack, at: int, text: str,
                                                               phone: str) -> None:
    # A14-10: "不客气，有事随时找我们。"; A14-10b: "请问在哪点？…".
    before = len(running.outbox(phone))
    replies = say(running, SENDERS[at], text)
    assert any("表扬" in r for r in replies) and not any("在哪" in r for r in replies), replies
    assert any("表扬您" in t and text.split()[-1] in t for t in heard_since(running, phone, before))
    assert not tickets_of(running, SENDERS[at])


def test_a_second_strangers_report_of_the_same_broken_light_is_merged(running: Stack) -> None:
    # A30: two tickets for 周明, no 并单.
    first = file_report(running, SENDERS[8], "河畔花园97栋路灯坏了")
    replies = say(running, SENDERS[9], "河畔花园97栋门口路灯不亮")
    assert first in " ".join(replies), replies
    [second] = tickets_of(running, SENDERS[9])
    assert second.status == "merged" and second.merged_into_id == ticket_numbered(running, first).id


def test_someone_at_the_door_as_a_grid_worker_doubted_is_told_how_to_check(running: Stack) -> None:
    # A6-3: the anti-fraud answer only, nothing about checking a worker.
    sender = SENDERS[10]
    [answer] = say(running, sender, "有人上门说是网格员 要看我身份证 还要拍照 靠得住不")
    assert "姓名" in answer and "社区电话" in answer, answer
    assert not tickets_of(running, sender)

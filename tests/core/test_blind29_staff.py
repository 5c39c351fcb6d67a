"""Blind test 29's staff commands (docs/usertests/2026-12-07-blind17.md, A24-3, B81, B123, B80, B82), in the core:
a dispatch goes to the name right after 派给 though a longer name follows in her 交代; a job for later or only
promised is progress, never 已办结; 更多 shows each ticket once though one closed in between; a 退单 naming the
returner's own estate and another goes to the other's grid; the same light at a building and at its door is one."""

from __future__ import annotations

import re

from bot.common.clock import FakeClock
from bot.core import gates, staff_desk, staff_views
from bot.store.db import Database
from tests.conftest import DUTY_OFFICER, RESIDENT, RIDER, STRANGER, WORKER
from tests.core.helpers import RULES, kinds, make_report, messages_to, submit, submit_opened, ticket

YANG_YAN = "+8613700000005"  # 杨艳, 安居社区第1网格
XU_JIANGUO = "+8613700000010"  # 徐建国, 河滨社区第2网格
HUANG_XIA = "+8613700000006"  # 黄霞, 安居社区第2网格
ZHANG_TAO = "+8613700000002"  # 张涛, 幸福社区第2网格 (幸福家园)


def say(db: Database, clock: FakeClock, who: str, text: str) -> str:
    with db.session() as s:
        answer = staff_desk.answer(s, clock, RULES, who, text)
    assert answer is not None and all(len(p) <= 70 for p in staff_views.parts(answer)), answer
    return answer


def waiting(db: Database, clock: FakeClock) -> str:
    return submit(db, clock, make_report("小区门口的路灯不亮了", sender=STRANGER, category="roads"))


def test_the_name_after_派给_wins_over_a_longer_name_in_her_instructions(demo_db: Database, clock: FakeClock):
    number = waiting(demo_db, clock)
    answer = say(demo_db, clock, DUTY_OFFICER, f"{number} 派给 杨艳 徐建国那边人手不够 你先去看一下")
    assert answer.startswith(f"好的，工单{number}已派给杨艳"), answer
    assert ticket(demo_db, number).assignee.phone == YANG_YAN
    told = [m for m in messages_to(demo_db, YANG_YAN) if number in m and "交代" in m]
    assert told and "徐建国那边人手不够" in told[-1], told
    assert not [m for m in messages_to(demo_db, XU_JIANGUO) if number in m]


def test_a_name_saying_something_in_the_instructions_is_not_a_target(demo_db: Database, clock: FakeClock):
    number = waiting(demo_db, clock)
    answer = say(demo_db, clock, DUTY_OFFICER, f"{number} 派给 黄霞 杨艳说她那边走不开")
    assert answer.startswith(f"好的，工单{number}已派给黄霞"), answer
    assert ticket(demo_db, number).assignee.phone == HUANG_XIA


def test_a_job_for_this_afternoon_or_only_promised_is_progress_told_to_the_reporter(demo_db: Database,
                                                                                   clock: FakeClock):
    for words in ("师傅已经在填坑了 下午弄完", "已经处理了 养鸡那家答应这周搬走"):
        number = submit(demo_db, clock, make_report("阳光小区门口路上有个大坑"))
        answer = say(demo_db, clock, WORKER, f"{number} {words}")
        assert "处理中" in answer and "办结" not in answer, answer
        assert ticket(demo_db, number).status == "in_progress"
        assert "resolved" not in kinds(demo_db, number)
        to_reporter = [m for m in messages_to(demo_db, RESIDENT) if number in m]
        assert any(words.split()[-1] in m for m in to_reporter) and not any("评价" in m for m in to_reporter), \
            to_reporter


def test_a_job_done_this_afternoon_is_still_done(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report("阳光小区门口路上有个大坑"))
    assert "已办结" in say(demo_db, clock, WORKER, f"{number} 下午弄完了 坑填平了")
    assert ticket(demo_db, number).status == "resolved"


def _numbers(page: str) -> list[str]:
    return re.findall(r"T\d{4}", page)


def test_更多_shows_each_open_ticket_once_though_one_was_closed_between_pages(demo_db: Database, clock: FakeClock):
    numbers = [submit(demo_db, clock, make_report(f"阳光小区{n}栋门口的路灯不亮了")) for n in range(1, 9)]
    first = say(demo_db, clock, WORKER, "我的工单")
    assert "共8件" in first and "更多" in first, first
    shown = _numbers(first)
    say(demo_db, clock, WORKER, f"{shown[0]} 已办结 灯泡换好了")  # closed between the pages
    pages = [first]
    while "更多" in pages[-1] and len(pages) < 6:
        pages.append(say(demo_db, clock, WORKER, "更多"))
    seen = [n for page in pages for n in _numbers(page)]
    assert sorted(seen) == sorted(numbers), pages  # every ticket once: none twice, none missing
    assert pages[1].startswith("接上"), pages


def test_a_return_naming_his_own_estate_and_another_goes_to_the_others_grid(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report("阳光小区2栋门口堆了好多纸箱子", category="environment"))
    assert ticket(demo_db, number).assignee.phone == WORKER
    say(demo_db, clock, WORKER, f"退单 {number} 纸箱子是隔壁阳光小区2栋的 不归我管 是幸福家园的")
    row = ticket(demo_db, number)
    assert row.assignee is not None and row.assignee.phone == ZHANG_TAO, row.assignee
    assert "rerouted" in kinds(demo_db, number)
    assert any(number in m for m in messages_to(demo_db, ZHANG_TAO))


def test_the_same_light_reported_at_a_building_and_at_its_door_is_merged(demo_db: Database, clock: FakeClock):
    # A30: 河畔花园2栋路灯坏了 and 河畔花园2栋门口路灯不亮 a minute apart were two tickets for 周明.
    first = submit(demo_db, clock, make_report("河畔花园2栋路灯坏了", sender=STRANGER, place_text="河畔花园2栋"))
    with demo_db.session() as s:
        again = submit_opened(s, clock, make_report("河畔花园2栋门口路灯不亮", sender=RIDER,
                                                    place_text="河畔花园2栋门口"))
        assert again.merged_into is not None and again.merged_into.number == first
        other = submit_opened(s, clock, make_report("河畔花园3栋门口路灯不亮", sender=RESIDENT,
                                                    place_text="河畔花园3栋门口"))
        assert other.merged_into is None  # another building is another place


def test_a_spot_beside_a_place_is_that_place_and_never_another_gate():
    assert {"河畔花园2栋", "河畔花园2栋门口", "河畔花园2栋楼下"} <= set(gates.alike("河畔花园2栋门口"))
    assert "河畔花园2栋门口" in gates.alike("河畔花园2栋")
    assert "幸福家园北门" not in gates.alike("幸福家园东门")

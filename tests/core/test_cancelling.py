"""A staff member withdrawing by message a ticket they filed themselves (撤销 T1014), never someone else's."""

from __future__ import annotations

import pytest

from bot.common.clock import FakeClock
from bot.core import staff_desk
from bot.store.db import Database
from tests.conftest import RESIDENT, WORKER
from tests.core.helpers import RULES, make_report, messages_to, submit, ticket

OTHER_GRIDS_WORKER = "+8613700000002"  # 幸福社区第2网格 (幸福家园)


def say(db: Database, clock: FakeClock, who: str, text: str) -> str | None:
    with db.session() as s:
        answer = staff_desk.answer(s, clock, RULES, who, text)
    assert answer is None or len(answer) <= 70, answer
    return answer


@pytest.mark.parametrize("words", ["撤销 {n}", "{n} 撤销", "算了 {n} 是我发错了 撤销"])
def test_a_worker_withdraws_a_ticket_he_filed_and_its_holder_is_told(demo_db: Database, clock: FakeClock,
                                                                       words: str):
    # Blind test 7, #35: "算了 T1014 是我发错了 撤销" was recorded as a progress note.
    number = submit(demo_db, clock, make_report("幸福家园3栋门口井盖松了", sender=WORKER, place_text="幸福家园"))
    assert ticket(demo_db, number).assignee.phone == OTHER_GRIDS_WORKER
    answer = say(demo_db, clock, WORKER, words.format(n=number))
    assert answer == f"好的，工单{number}已撤销，已告诉承办人{ticket(demo_db, number).assignee.name}。"
    assert ticket(demo_db, number).status == "cancelled"
    assert messages_to(demo_db, OTHER_GRIDS_WORKER)[-1] == f"工单{number}已被反映人撤销，无需再处理。"
    assert not any("撤销" in m for m in messages_to(demo_db, WORKER))  # he hears it once, in the reply


def test_a_worker_cannot_withdraw_a_residents_report_and_is_told_what_to_do_instead(demo_db: Database,
                                                                                    clock: FakeClock):
    number = submit(demo_db, clock)  # the resident's, held by WORKER
    told_before = messages_to(demo_db, RESIDENT)
    answer = say(demo_db, clock, WORKER, f"{number} 撤销")
    assert answer.startswith(f"工单{number}不是您报的，不能撤销") and f"退单 {number}" in answer \
        and f"{number} 已办结" in answer
    assert ticket(demo_db, number).status == "assigned" and messages_to(demo_db, RESIDENT) == told_before


def test_a_worker_withdrawing_a_ticket_he_filed_and_holds_hears_it_once_and_a_closed_one_stays(
        demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report("阳光小区2栋门口路灯不亮", sender=WORKER, place_text="阳光小区"))
    assert ticket(demo_db, number).assignee.phone == WORKER
    before = messages_to(demo_db, WORKER)
    assert say(demo_db, clock, WORKER, f"{number} 弄错了 作废") == f"好的，工单{number}已撤销。"
    assert messages_to(demo_db, WORKER) == before  # no notice to himself
    assert say(demo_db, clock, WORKER, f"撤销 {number}") == f"工单{number}目前“已撤销”，不能撤销了。"


@pytest.mark.parametrize("words", ["{n} 填错户了 撤销", "撤销 {n} 搞错了", "{n} 户号填错了 撤回"])
def test_a_worker_withdraws_a_report_he_filed_on_a_visit_and_the_household_is_told(demo_db: Database, december,
                                                                                   words: str):
    # Blind test 25, A54: "T1034 填错户了 撤销" on his own 走访 反映 got "工单T1034不是您报的，不能撤销".
    filed = say(demo_db, december, WORKER, "走访 阳光小区1栋101 反映 阳台的雨棚漏水")
    number = filed.split("工单")[1][:5]
    assert ticket(demo_db, number).reporter_address == RESIDENT  # in the household's name
    answer = say(demo_db, december, WORKER, words.format(n=number))
    assert answer == f"好的，工单{number}已撤销。"
    assert ticket(demo_db, number).status == "cancelled"
    last = messages_to(demo_db, RESIDENT)[-1]
    assert number in last and "误登记" in last and "已删除" in last, last


def test_another_workers_visit_report_is_still_not_his_to_withdraw(demo_db: Database, december):
    filed = say(demo_db, december, WORKER, "走访 阳光小区1栋101 反映 阳台的雨棚漏水")
    number = filed.split("工单")[1][:5]
    answer = say(demo_db, december, OTHER_GRIDS_WORKER, f"{number} 填错了 撤销")
    assert answer is not None and answer.startswith(f"工单{number}不是您报的")
    assert ticket(demo_db, number).status != "cancelled"

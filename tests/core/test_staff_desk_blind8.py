"""Blind test 8's staff failures at the staff desk: the duty officer closes a junk or false-alarm ticket waiting for
dispatch, 收到 for several tickets, a worker merging a duplicate, a dispatch's instruction, a rerouted ticket's
reason, a building head's observation and a visit's 加个标签."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import points, staff_desk
from bot.store.db import Database
from bot.store.models import Household
from tests.conftest import DUTY_OFFICER, RESIDENT, STRANGER, WORKER
from tests.core.helpers import COMMUNITY_SECRETARY, RULES, kinds, make_report, messages_to, submit, ticket

NEIGHBOUR = "+8613900000002"  # 幸福社区第1网格, like RESIDENT
BUILDING_HEAD = "+8613700000201"  # 幸福社区第1网格's building, where RESIDENT lives
ANJU_WORKER = "+8613700000005"  # 杨艳, 安居社区第1网格


def say(db: Database, clock: FakeClock, who: str, text: str) -> str:
    with db.session() as s:
        answer = staff_desk.answer(s, clock, RULES, who, text)
    assert answer is not None and len(answer) <= 70, answer
    return answer


def waiting(db: Database, clock: FakeClock, sender: str = STRANGER) -> str:
    number = submit(db, clock, make_report("老王 明天早上去钓鱼不 带两根杆杆", sender=sender, category="other"))
    assert ticket(db, number).status == "new"
    return number


@pytest.mark.parametrize("words", ["{n} 这个是有人发错了 钓鱼的 关掉", "{n} 已办结 无效工单"])
def test_the_duty_officer_closes_a_junk_ticket_waiting_for_dispatch(demo_db: Database, clock: FakeClock, words: str):
    # Blind test 8, #102: both got "目前“待分派”，请回复派给…".
    number = waiting(demo_db, clock)
    answer = say(demo_db, clock, DUTY_OFFICER, words.format(n=number))
    assert answer.startswith(f"好的，工单{number}已作无效工单关闭") and "告诉反映人" in answer
    assert ticket(demo_db, number).status == "cancelled" and kinds(demo_db, number)[-1] == "invalid"
    told = [m for m in messages_to(demo_db, STRANGER) if number in m]
    assert "经核实不需要办理，已关闭" in told[-1] and len(told[-1]) <= 70
    # The reason when one was given; the bare label 无效工单 never (blind test 33, B152).
    assert ("原因：" in told[-1]) == ("发错了" in words) and "无效" not in told[-1], told[-1]
    assert not any("评价" in m for m in told)


def test_a_false_alarm_is_closed_with_its_reason_and_the_reporter_keeps_no_points(demo_db: Database,
                                                                                  clock: FakeClock):
    # Blind test 8, #116: "T1043 误报 是T1014那个坑 关了".
    before = _balance(demo_db, RESIDENT)
    number = submit(demo_db, clock, make_report("坑又变大了 今天又有人摔了", category="roads"))
    assert _balance(demo_db, RESIDENT) > before  # 反映问题 credited
    say(demo_db, clock, WORKER, f"退单 {number} 不晓得是哪里的坑")
    assert ticket(demo_db, number).status == "returned"
    answer = say(demo_db, clock, DUTY_OFFICER, f"{number} 误报 是T1014那个坑 关了")
    assert answer.startswith(f"好的，工单{number}已作误报关闭")
    told = messages_to(demo_db, RESIDENT)[-1]
    assert told.endswith("属于误报，已关闭。原因：误报 是T1014那个坑。有事请随时告诉我们。")
    assert _balance(demo_db, RESIDENT) == before


@pytest.mark.parametrize(("closer", "label"), [(DUTY_OFFICER, "街道值班员"), (COMMUNITY_SECRETARY, "社区书记")])
def test_the_worker_who_returned_it_is_told_when_it_is_closed(demo_db: Database, clock: FakeClock, closer: str,
                                                              label: str):
    # The secretary of 幸福社区, where the returned ticket still lies, may close it as the duty officer may.
    number = submit(demo_db, clock, make_report("阳光小区门口有人发广告传单", category="other"))
    assert "请说明" not in say(demo_db, clock, WORKER, f"退单 {number} 不归我们管 说不清是哪里的")
    assert ticket(demo_db, number).status == "returned"
    answer = say(demo_db, clock, closer, f"{number} 无效工单 关了")
    assert "告诉反映人和李磊" in answer and ticket(demo_db, number).status == "cancelled"
    assert messages_to(demo_db, WORKER)[-1].startswith(f"工单{number}经{label}{_name(demo_db, closer)}核实不需要办理")


def test_closing_needs_a_reason_and_is_the_dispatchers(demo_db: Database, clock: FakeClock):
    number = waiting(demo_db, clock)
    assert say(demo_db, clock, DUTY_OFFICER, f"{number} 关掉").startswith("请写明关闭理由")
    assert "街道值班员或社区书记" in say(demo_db, clock, WORKER, f"{number} 无效工单 关掉")
    assert ticket(demo_db, number).status == "new"


def test_a_secretary_closes_one_of_her_community_only(demo_db: Database, clock: FakeClock):
    number = waiting(demo_db, clock)  # no place: the street's, not hers
    assert "不在您的辖区" in say(demo_db, clock, COMMUNITY_SECRETARY, f"{number} 无效工单 关掉")
    assert ticket(demo_db, number).status == "new"


def test_acknowledging_several_tickets_acknowledges_each(demo_db: Database, clock: FakeClock):
    # Blind test 8, #110: "收到 T1035 T1036 T1037" acknowledged only T1035.
    first, second = (submit(demo_db, clock, make_report(t, category=c)) for t, c in
                     (("阳光小区4栋后面化粪池满了", "sanitation"), ("阳光小区楼道灯不亮", "roads")))
    other = submit(demo_db, clock, make_report("安居苑门口下水道堵了", sender=STRANGER, category="sanitation"))
    answer = say(demo_db, clock, WORKER, f"收到 {first} {second} {other}")
    assert ticket(demo_db, first).status == ticket(demo_db, second).status == "acknowledged"
    assert f"已接单：{first}、{second}" in answer and other in answer


def test_an_acknowledgement_with_what_the_worker_found_tells_the_reporter(demo_db: Database, clock: FakeClock):
    # Blind test 8, #126: "T1044 收到 到了 是有人在楼梯间烧纸 已经灭了" acknowledged it and lost the words.
    number = submit(demo_db, clock, make_report("楼道里头冒黑烟 好呛人", category="fire_safety"))
    answer = say(demo_db, clock, WORKER, f"{number} 收到 到了 是有人在楼梯间烧纸 已经灭了")
    assert answer.startswith(f"好的，工单{number}已接单，您说的情况已告诉反映人")
    # Blind test 10, #69: one notice, the acknowledgement with the words whole (was "工单…进展：…").
    assert messages_to(demo_db, RESIDENT)[-1] == f"工单{number}网格员李磊已收到：到了 是有人在楼梯间烧纸 已经灭了"
    other = submit(demo_db, clock, make_report("阳光小区门口路灯坏了", sender=NEIGHBOUR))
    assert say(demo_db, clock, WORKER, f"{other} 收到 马上过去").startswith(f"好的，工单{other}已接单。")
    assert ticket(demo_db, other).status == "acknowledged"


def test_a_worker_merges_a_duplicate_and_its_reporter_is_told(demo_db: Database, clock: FakeClock):
    # Blind test 8, #136: "T1050 跟T1049重复了 并到一起" was progress, the reporter read "跟 重复了 并到一起".
    older = submit(demo_db, clock, make_report("阳光小区3栋下水道堵了", category="sanitation"))
    newer = submit(demo_db, clock, make_report("3栋楼下污水冒出来了", category="housing_utilities"))
    assert ticket(demo_db, newer).status != "merged"
    answer = say(demo_db, clock, WORKER, f"{newer} 跟{older}重复了 并到一起")
    assert answer.startswith(f"好的，工单{newer}已并入{older}")
    assert ticket(demo_db, newer).status == "merged" and ticket(demo_db, older).status == "assigned"
    assert f"已并入{older}" in messages_to(demo_db, RESIDENT)[-1]


def test_two_matters_of_different_reporters_and_categories_are_not_merged(demo_db: Database, clock: FakeClock):
    older = submit(demo_db, clock, make_report("阳光小区3栋下水道堵了", category="sanitation"))
    newer = submit(demo_db, clock, make_report("阳光小区路灯坏了", sender=NEIGHBOUR, category="roads"))
    assert "不能并单" in say(demo_db, clock, WORKER, f"{newer} 跟{older}重复了 并到一起")
    assert ticket(demo_db, newer).status == "assigned"


def test_a_dispatchs_instruction_reaches_the_new_holder(demo_db: Database, clock: FakeClock):
    # Blind test 8, #105: "T1039 派给 杨艳 确认 市政那边我打过招呼了 你配合跟进" lost its instruction.
    number = waiting(demo_db, clock)
    answer = say(demo_db, clock, DUTY_OFFICER, f"{number} 派给 杨艳 确认 市政那边我打过招呼了 你配合跟进")
    assert "交代也转给了承办人" in answer and ticket(demo_db, number).status == "assigned"
    said = f"工单{number}，街道值班员赵建华交代：市政那边我打过招呼了 你配合跟进"
    assert messages_to(demo_db, ANJU_WORKER)[-1] == said
    plain = waiting(demo_db, clock)
    assert "交代" not in say(demo_db, clock, DUTY_OFFICER, f"{plain} 派给 杨艳")


def test_a_rerouted_tickets_new_worker_hears_where_and_why(demo_db: Database, clock: FakeClock):
    # Blind test 8, #62: the new worker's notice had no community and no reason.
    number = submit(demo_db, clock, make_report("还有2栋后头的垃圾堆了一个星期了 莫得人收", category="sanitation"))
    say(demo_db, clock, WORKER, f"退单 {number} 2栋后头那块地是安居社区第1网格管的")
    held = ticket(demo_db, number)
    assert held.status == "assigned" and held.assignee.phone == ANJU_WORKER
    notice = messages_to(demo_db, ANJU_WORKER)[-1]
    assert notice.startswith(f"工单{number}（安居社区第1网格") and "李磊退单转来，转来原因：2栋后头" in notice


def test_a_building_heads_observation_reaches_the_holder(demo_db: Database, clock: FakeClock):
    # Blind test 8, #46: "T1004 我去看了 水还在滴" got 办理由承办人操作.
    number = submit(demo_db, clock, make_report("楼上漏水 滴到我家了", category="housing_utilities"))
    heard = messages_to(demo_db, RESIDENT)
    answer = say(demo_db, clock, BUILDING_HEAD, f"{number} 我去看了 水还在滴")
    assert answer == "已把您说的情况转给承办人李磊，谢谢您！"
    head = _name(demo_db, BUILDING_HEAD)
    assert messages_to(demo_db, WORKER)[-1].endswith(f"楼栋长{head}反映：我去看了 水还在滴")
    assert messages_to(demo_db, RESIDENT) == heard and ticket(demo_db, number).status == "assigned"


def test_a_visit_asking_for_a_tag_adds_the_one_it_describes_or_asks_which(demo_db: Database, december: FakeClock):
    # Blind test 8, #48: "H0003走访了 家里娃儿留守 加个标签" silently added nothing.
    answer = say(demo_db, december, WORKER, "H0003走访了 家里娃儿留守 加个标签")
    assert "已加标签留守儿童" in answer and "留守儿童" in _tags(demo_db, "H0003")
    asked = say(demo_db, december, WORKER, "H0005走访了 家里情况有点特殊 加个标签")
    assert asked.startswith("已记录H0005走访。要加哪个标签") and "H0005 加标签" in asked


def _balance(db: Database, address: str) -> int:
    from bot.core import registry

    with db.session() as s:
        person = registry.person_by_address(s, address)
        return points.balance(s, person.id)


def _name(db: Database, address: str) -> str:
    from bot.core import registry

    with db.session() as s:
        return registry.person_by_address(s, address).name


def _tags(db: Database, code: str) -> list[str]:
    with db.session() as s:
        return list(s.scalar(select(Household.tags).where(Household.code == code)) or [])


def test_a_false_alarm_said_to_be_another_tickets_matter_is_closed_when_no_merge_may_be(demo_db: Database,
                                                                                       clock: FakeClock):
    # Blind test 23, N18b: "T1029 误报 跟T1028一回事 关了" got "没有并入T1028…不能并单" and nothing was done.
    older = submit(demo_db, clock, make_report("安居苑二期燃气味道好大", sender=NEIGHBOUR, category="safety",
                                               place_text="安居苑二期"))
    number = waiting(demo_db, clock)
    answer = say(demo_db, clock, DUTY_OFFICER, f"{number} 误报 是报燃气那个人问打火机 跟{older}一回事 关了")
    assert ticket(demo_db, number).status == "cancelled", answer  # another reporter and category: no merge
    assert answer.startswith(f"好的，工单{number}已作误报关闭"), answer


def test_a_merge_refused_without_false_alarm_words_still_closes_nothing(demo_db: Database, clock: FakeClock):
    older = submit(demo_db, clock, make_report("阳光小区3栋下水道堵了", category="sanitation"))
    newer = submit(demo_db, clock, make_report("阳光小区路灯坏了", sender=NEIGHBOUR, category="roads"))
    assert "不能并单" in say(demo_db, clock, WORKER, f"{newer} 跟{older}重复了 关了")
    assert ticket(demo_db, newer).status == "assigned"

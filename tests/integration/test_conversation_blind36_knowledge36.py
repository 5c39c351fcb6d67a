"""Knowledge entries a question met by a word that says nothing of its topic (round 36), and blind test 34's
(docs/usertests/2026-12-07-blind22.md, failure 1) answers still wrong, through the gateway, the real engine and the
real action server:

- 我屋头老汉80几了 一个人在屋头: an old man alone at home, never the riders' battery rule (在屋 of 在屋头充电);
- 门口来了个人说是社区的要进屋看: a door-step stranger (先别开门，核实), never the battery rule (进屋 of 进屋充);
- 电梯又停了, then 现在里头关了个人: someone shut in, never the service station's hours (礼拜 of 礼拜天);
- 隔壁王老汉一个人在屋头 两天没得人送饭了: a visit for the grid worker (a ticket), never the battery rule;
- 河畔花园门口的公共厕所锁起了 (E10): the public toilet's answer (环卫, the worker passes it on), never the riders'
  驿站;
- 是教老年人用手机 不是娃娃 after the 手机课 answer (B3): never the free check-up (老年 of 老年人体检).

Senders: +86139555756000 … +86139555757099, in no other test; places 安居苑 / 河畔花园 buildings 890–899. Each runs
on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import as_if_earlier, say, tickets_of

pytestmark = pytest.mark.engine
SENDERS = [f"+861395557560{n:02d}" for n in range(100)]


@pytest.mark.parametrize(("n", "text"), [
    (0, "我屋头老汉80几了 一个人在屋头"),
    (1, "我妈七十几了 一个人在屋头住 没人照顾"),
    (2, "屋头就老汉一个人 儿女都在外地"),
])
def test_an_old_man_alone_at_home_hears_of_visits_never_the_battery_rule(running: Stack, n: int, text: str):
    replies = say(running, SENDERS[n], text)
    said = " ".join(replies)
    assert "电池" not in said and "充电" not in said, replies


def test_a_neighbour_left_alone_without_food_is_a_visit_for_the_grid_worker(running: Stack):
    caller = SENDERS[3]
    replies = say(running, caller, "隔壁王老汉一个人在屋头 两天没得人送饭了")
    replies += say(running, caller, "安居苑890栋")
    said = " ".join(replies)
    assert "电池" not in said, replies
    assert len(tickets_of(running, caller)) == 1, replies


@pytest.mark.parametrize(("n", "text"), [
    (10, "门口来了个人说是社区的要进屋看"),
    (11, "有个人说是社区的 要进屋检查"),
    (12, "门口有人说是网格员 要进屋头看看"),
])
def test_a_stranger_at_the_door_who_wants_in_is_never_the_battery_rule(running: Stack, n: int, text: str):
    replies = say(running, SENDERS[n], text)
    said = " ".join(replies)
    assert "电池" not in said and "充电" not in said, replies


@pytest.mark.parametrize(("n", "first", "then"), [
    (20, "安居苑890栋电梯又停了", "现在里头关了个人"),
    (21, "河畔花园891栋上礼拜修过的电梯又停了", "里头还关了个人"),
])
def test_someone_shut_in_the_lift_is_never_the_service_stations_hours(running: Stack, n: int, first: str,
                                                                     then: str):
    caller = SENDERS[n]
    replies = say(running, caller, first)
    as_if_earlier(running, caller, 2)
    replies += say(running, caller, then)
    said = " ".join(replies)
    assert "9点到17点" not in said and "便民服务站" not in said, replies
    assert tickets_of(running, caller), replies


@pytest.mark.parametrize(("n", "text"), [
    (30, "河畔花园门口的公共厕所锁起了 老年人要上厕所咋个办"),  # E10
    (31, "安居苑892栋旁边的公厕锁起了 好几天都没开"),
])
def test_a_locked_public_toilet_is_passed_on_never_the_riders_station(running: Stack, n: int, text: str):
    replies = say(running, SENDERS[n], text)
    said = " ".join(replies)
    assert "歇脚" not in said and "热水" not in said, replies
    assert "环卫" in said or tickets_of(running, SENDERS[n]), replies


def test_teaching_old_people_the_phone_is_never_the_free_check_up(running: Stack):
    resident = SENDERS[40]  # B3
    first = " ".join(say(running, resident, "社区能不能教老年人用智能手机 我们都不会"))
    assert "手机" in first, first
    as_if_earlier(running, resident, 8)
    second = " ".join(say(running, resident, "是教老年人用手机 不是娃娃"))
    assert "体检" not in second, second

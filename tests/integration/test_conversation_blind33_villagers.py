"""Blind test 33 (docs/usertests/2026-12-07-blind21.md): residents and villagers coming back, and thanks as ratings,
through the gateway, the real engine and the real action server.

- S3, B27: thanks naming the worker right after the rating request (要得 谢谢李网格员, 谢谢周网格员帮忙调解) are 满意,
  the praise passed on to the worker.
- S2: 建渣是拉走了 但是地上还有一层灰 2 is a 2 with its reason: reopened for the same worker with those words.
- A59: 杨网格员回我电话了 谢谢 after the unreachable-worker reply is acknowledged, never the grid's answer again.
- L11, B127: 我妈那票算上没得 after a proxy ballot the mother replaced with her own, and 我女儿是不是帮我投过票.

Senders: +86139555620000 … 099, registered here and in no other test; places: buildings 721–739 of 安居苑 / 河畔花园.
Each runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration import households
from tests.integration.households import joined
from tests.integration.stack import Stack
from tests.integration.talk import (
    as_if_earlier,
    assignee_phone,
    file_report,
    register,
    say,
    ticket_numbered,
    tickets_of,
    told,
)
from tests.integration.test_conversation_votes import ballots

pytestmark = pytest.mark.engine
SENDERS = [f"+861395556200{n:02d}" for n in range(100)]
ADDRESS = "石桥村十一组"
MOTHER = "李明秀"


def household(stack: Stack, first: int) -> tuple[str, str]:
    """Senders `first` (the mother) and `first + 1` (her daughter), one household."""
    return households.household(stack, (SENDERS[first], SENDERS[first + 1]), (MOTHER, "王小丽"), ADDRESS)


def test_thanks_naming_the_worker_after_the_rating_request_are_a_satisfied_rating(running: Stack) -> None:
    # S3: "要得 谢谢李网格员" 7 min after 办结 → "不客气" (no rating, praise not passed on); B27 likewise.
    for n, (place, said) in enumerate((("安居苑721栋门口路灯不亮了", "要得 谢谢李网格员"),
                                       ("河畔花园722栋楼上楼下两家吵起来了 推推搡搡的", "谢谢周网格员帮忙调解"))):
        rider = register(running, SENDERS[n])
        number = file_report(running, rider, place)
        holder = assignee_phone(running, number)
        say(running, holder, f"{number} 已办结 处理好了")
        as_if_earlier(running, rider, 7)
        answer = joined(say(running, rider, said))
        assert "不客气" not in answer and ("表扬" in answer or "感谢评价" in answer), answer
        ticket = ticket_numbered(running, number)
        assert ticket.rating == 1 and ticket.status == "closed", (ticket.rating, ticket.status)
        assert any(said[-6:] in t for t in told(running, holder, number)), told(running, holder, number)


def test_a_two_with_its_reason_in_front_reopens_the_job_for_its_worker(running: Stack) -> None:
    # S2: "建渣是拉走了 但是地上还有一层灰 2" → "没太看懂".
    rider = register(running, SENDERS[2])
    number = file_report(running, rider, "安居苑723栋楼下堆了一大堆建渣 好几天了")
    holder = assignee_phone(running, number)
    say(running, holder, f"{number} 已办结 建渣拉走了")
    as_if_earlier(running, rider, 7)
    answer = joined(say(running, rider, "建渣是拉走了 但是地上还有一层灰 2"))
    assert "没太看懂" not in answer, answer
    assert ticket_numbered(running, number).status == "reopened"
    assert any("一层灰" in t for t in told(running, holder, number))


def test_thanks_after_the_worker_called_back_are_acknowledged(running: Stack) -> None:
    # A59: "杨网格员回我电话了 谢谢" → "安居苑属于安居社区第1网格，网格员是杨艳…".
    stranger = SENDERS[3]
    first = joined(say(running, stranger, "安居苑的网格员电话打了好几遍都没人接"))
    assert "杨艳" in first, first
    as_if_earlier(running, stranger, 7)
    answer = joined(say(running, stranger, "杨网格员回我电话了 谢谢"))
    assert "网格员是" not in answer and "没太看懂" not in answer, answer


def test_the_proxy_ballot_the_mother_replaced_is_said_replaced(running: Stack) -> None:
    # L11: "帮我妈投按户", she votes 按人头 herself, (35 min) "我妈那票算上没得" → "没太看懂".
    mother, daughter = household(running, 10)
    with households.topics(running, (mother, daughter), "垃圾清运费按人头还是按户收 blind33l",
                           "是否在村口修一个停车场 blind33l") as (fee, _):
        say(running, daughter, "帮我妈投按户")
        say(running, mother, "垃圾费那个 我投按人头")
        assert ballots(running, fee)[(fee, mother)][0] == 1
        as_if_earlier(running, daughter, 35)
        said = joined(say(running, daughter, "我妈那票算上没得"))
        assert "改投按人头" in said and "本人" in said and "没太看懂" not in said, said


def test_whether_the_daughter_voted_for_her_mother_is_answered(running: Stack) -> None:
    # B127: "我女儿是不是帮我投过票" → "这个我帮不上忙。…".
    mother, daughter = household(running, 12)
    with households.topics(running, (mother, daughter), "垃圾清运费按人头还是按户收 blind33b",
                           "是否在村口修一个停车场 blind33b"):
        said = joined(say(running, mother, "我女儿是不是帮我投过票"))
        assert "没人替您投" in said and "帮不上" not in said, said
        say(running, daughter, "帮我妈投按户")
        said = joined(say(running, mother, "我女儿是不是帮我投过票"))
        assert "王小丽" in said and "按户" in said and "帮不上" not in said, said


def test_whether_a_report_was_sent_on_is_its_status(running: Stack) -> None:
    # L21: "桥栏杆那个报上去没得" 35 minutes after reporting the bridge railing → "没太看懂".
    villager = register(running, SENDERS[20])
    number = file_report(running, villager, "河畔花园724栋旁边那个小桥的栏杆断了一截")
    replies = say(running, villager, "娃娃些放学要从那点过")
    if any("新问题" in r for r in replies):
        say(running, villager, "1")
    as_if_earlier(running, villager, 35)
    answer = joined(say(running, villager, "桥栏杆那个报上去没得"))
    assert number in answer and "没太看懂" not in answer, answer
    assert [t.number for t in tickets_of(running, villager)] == [number]

"""Blind test 34 (docs/usertests/2026-12-07-blind22.md, failures 5 and 7): ratings, thanks and praise in words, and
staff wording, through the gateway, the real engine and the real action server:

- after 办结 and the rating request, 垃圾收走了 好了 / 看到了 谢谢 / 菜是拔了 要得 谢谢杨网格员 / 谢谢周网格员 are 满意
  (S5, B146, W14, B27), the thanks naming the worker reaching her,
  never a goodbye, a bare 不客气 or a placeless ticket; 马马虎虎 填得不平 passes the complaint on (RT5);
- 你们那个小周网格员人真好 reaches 周明 (RT10); 现在好多了 谢谢 on a job in progress is more than 不客气 (W21);
- 燃气公司修好了 谢谢 35 minutes after a gas alert reaches the staff alerted (N9);
- 去看了 是楼上烧纸 没得事 and 跟馆子老板说了 装了油烟净化器 are finished words (W9, W21); a reopened job's status
  never quotes the old 办结 words as its latest progress (RT3).

Senders: +86139555730000 … 099, in no other test; places 安居苑 / 河畔花园 buildings 841–849. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from tests.conftest import DUTY_OFFICER
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

pytestmark = pytest.mark.engine
SENDERS = [f"+861395557300{n:02d}" for n in range(0, 100)]
ZHOU_MING = "+8613700000009"  # 周明, 河滨社区第1网格 (河畔花园)


def _done(stack: Stack, sender: str, place: str, words: str) -> tuple[str, str]:
    """`place` reported by `sender`, its worker's 办结 with `words`, 7 minutes ago: (number, worker's phone)."""
    number = file_report(stack, sender, place)
    holder = assignee_phone(stack, number)
    say(stack, holder, f"{number} 已办结 {words}")
    as_if_earlier(stack, sender, 7)
    return number, holder


@pytest.mark.parametrize(("n", "place", "words", "said"), [
    (0, "安居苑841栋垃圾好几天没收了", "垃圾已经收走了", "垃圾收走了 好了"),  # S5
    (1, "河畔花园841栋垃圾桶盖子烂了", "新垃圾桶盖子已经装上了", "看到了 谢谢"),  # B146
    (2, "安居苑842栋有人在绿化带里种菜", "种菜的已经劝了 菜也拔了", "菜是拔了 要得 谢谢杨网格员"),  # W14
    (3, "河畔花园849栋两家人吵架 推推搡搡的", "两家人调解好了", "谢谢周网格员"),  # B27
])
def test_plain_thanks_after_the_rating_request_are_a_satisfied_rating(
        running: Stack, n: int, place: str, words: str, said: str) -> None:
    rider = register(running, SENDERS[n])
    number, holder = _done(running, rider, place, words)
    answer = " ".join(say(running, rider, said))
    if "网格员" in said:  # the thanks naming her reach her
        assert any(said in t for t in told(running, holder, number)), told(running, holder, number)
    assert "再见" not in answer and not answer.startswith("不客气") and "请问在哪" not in answer, answer
    assert len(tickets_of(running, rider)) == 1, answer
    ticket = ticket_numbered(running, number)
    assert ticket.rating == 1 and ticket.status == "closed", (ticket.rating, ticket.status, answer)


def test_so_so_with_a_fault_passes_the_fault_on(running: Stack) -> None:
    # RT5: "马马虎虎 填得不平" → "感谢评价！工单T1091已完结。" (the complaint dropped).
    rider = register(running, SENDERS[10])
    number, holder = _done(running, rider, "安居苑843栋门口有个大坑", "坑填平了")
    answer = " ".join(say(running, rider, "马马虎虎 填得不平"))
    assert any("填得不平" in t for t in told(running, holder, number)), (answer, told(running, holder, number))
    ticket = ticket_numbered(running, number)
    assert ticket.status == "reopened" or ticket.rating == 2, (ticket.status, ticket.rating, answer)


def test_praise_of_the_grid_worker_by_nickname_reaches_him(running: Stack) -> None:
    # RT10: "你们那个小周网格员人真好 河畔花园的" → the greeting menu.
    before = len(running.outbox(ZHOU_MING))
    answer = " ".join(say(running, SENDERS[20], "你们那个小周网格员人真好 河畔花园的"))
    assert "周明" in answer or "转告" in answer, answer
    assert any("人真好" in m["text"] for m in running.outbox(ZHOU_MING)[before:]), answer


@pytest.mark.parametrize(("n", "place", "note"), [
    (30, "河畔花园844栋楼下馆子油烟好大 熏得窗子都打不开", "跟馆子老板说了 装了油烟净化器"),  # W21
    (40, "安居苑846栋楼道里好大一股烟味 不晓得哪里着火了", "去看了 是楼上烧纸 没得事"),  # W9
])
def test_a_device_fitted_or_nothing_wrong_found_closes_the_job(running: Stack, n: int, place: str, note: str) -> None:
    # W21, W9: "T1063 跟馆子老板说了 装了油烟净化器", "T1078 去看了 是楼上烧纸 没得事" → 处理中.
    rider = register(running, SENDERS[n])
    number = file_report(running, rider, place)
    answer = " ".join(say(running, assignee_phone(running, number), f"{number} {note}"))
    assert "办结" in answer, answer
    assert ticket_numbered(running, number).status == "resolved"


def test_thanks_on_a_job_in_progress_are_noted(running: Stack) -> None:
    # W21: "现在好多了 谢谢" with the ticket 处理中 → "不客气" only.
    rider = register(running, SENDERS[31])
    number = file_report(running, rider, "河畔花园845栋楼下馆子油烟好大 熏得窗子都打不开")
    holder = assignee_phone(running, number)
    say(running, holder, f"{number} 进度 明天去跟老板说")
    as_if_earlier(running, rider, 5)
    answer = " ".join(say(running, rider, "现在好多了 谢谢"))
    assert number in answer, answer
    assert any("好多了" in t for t in told(running, holder, number)), told(running, holder, number)


def test_gas_fixed_after_the_alert_reaches_the_staff_alerted(running: Stack) -> None:
    # N9: (35 min) "燃气公司修好了 谢谢" → "不客气，有事随时找我们。"
    stranger = SENDERS[50]
    say(running, stranger, "河畔花园847栋天然气表在漏气 嘶嘶响")
    [ticket] = tickets_of(running, stranger)
    as_if_earlier(running, stranger, 35)
    before = len(running.outbox(DUTY_OFFICER))
    answer = " ".join(say(running, stranger, "燃气公司修好了 谢谢"))
    assert "请问在哪" not in answer, answer
    notes = [m["text"] for m in running.outbox(DUTY_OFFICER)[before:]]
    assert any("修好了" in t for t in notes) or any("修好了" in t for t in told(
        running, assignee_phone(running, ticket.number), ticket.number)), (answer, notes)


def test_a_reopened_jobs_status_does_not_quote_the_old_done_words(running: Stack) -> None:
    # RT3: 35 min "灯还是没亮 有人来看没得" → "现在重新办理，由李磊负责。最新进展：灯换好了".
    rider = register(running, SENDERS[60])
    number, _ = _done(running, rider, "河畔花园848栋楼道灯不亮", "灯换好了")
    say(running, rider, "不满意 根本没修好 还是黑的")
    assert ticket_numbered(running, number).status == "reopened"
    as_if_earlier(running, rider, 30)
    answer = " ".join(say(running, rider, "灯还是没亮 有人来看没得"))
    assert number in answer and "灯换好了" not in answer, answer

"""Blind test 32 (2026-12-07, docs/usertests/2026-12-07-blind20.md): small questions answered wrong or not at all —
what a grid worker does, sorting rubbish, a rider's benefits and the call back a minute after 答不上, the gas bill, an
only-child certificate, free haircuts, divorce, a migrant worker's child at school, the police station's hours and
number, papers done at home, help beside a hospital bill, whether the service is any good, a registered name written
wrong — through the gateway, the real engine and the real action server.

Senders: numbers +8613955556000 … 099, in no other test; no places."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import as_if_earlier, live_at, register, say, tickets_of, understood

pytestmark = pytest.mark.engine
SENDERS = [f"+86139555560{n:02d}" for n in range(100)]
MENU = "1 反映问题"


@pytest.mark.parametrize(("n", "words"), [(1, "网格员是干啥子的"), (2, "网格员到底是做什么的嘛")])  # B127: the menu
def test_what_a_grid_worker_does_is_answered_never_the_menu(running: Stack, n: int, words: str) -> None:
    answer = understood(say(running, SENDERS[n], words))
    assert "上门走访" in answer and MENU not in answer, answer
    assert tickets_of(running, SENDERS[n]) == []


def test_a_resident_asking_what_a_grid_worker_does_hears_of_their_own(running: Stack) -> None:
    sender = live_at(running, SENDERS[3], "幸福社区第1网格", "阳光小区1栋601")
    answer = understood(say(running, sender, "网格员管些啥子哦"))
    assert "上门走访" in answer and "李磊13700000001" in answer.replace("，电话", ""), answer


@pytest.mark.parametrize(("n", "words"), [(4, "垃圾分类咋个分哦 搞不懂"), (5, "干垃圾湿垃圾咋个分 分不来")])  # B42
def test_sorting_rubbish_names_the_four_bins_never_the_menu(running: Stack, n: int, words: str) -> None:
    answer = understood(say(running, SENDERS[n], words))
    assert all(bin_ in answer for bin_ in ("可回收物", "有害垃圾", "厨余垃圾", "其他垃圾")), answer
    assert "电池" in answer and MENU not in answer and len(answer) <= 70, answer


def test_a_riders_question_on_benefits_is_answered(running: Stack) -> None:
    rider = register(running, SENDERS[6], "rider")
    answer = understood(say(running, rider, "骑手有没得啥子补贴"))  # B69: 答不上
    assert "驿站" in answer and "工会" in answer, answer  # 骑手可到驿站充电歇脚、入工会 (职业伤害保障 since round 38)


def test_a_1_a_minute_after_an_unanswered_question_is_the_call_back(running: Stack) -> None:
    rider = register(running, SENDERS[7], "rider")
    first = " ".join(say(running, rider, "社区有没得舞蹈队"))
    assert "回复1" in first, first
    as_if_earlier(running, rider, 1)
    then = understood(say(running, rider, "1"))  # B69: "您回复的“1”是选哪一项？"
    assert "回电" in then and "选哪一项" not in then, then
    [ticket] = tickets_of(running, rider)
    assert ticket.category == "other", ticket.category


@pytest.mark.parametrize(("n", "words", "said"), [
    (10, "我屋头的燃气费咋个交", "营业厅"),  # B126: 答不上
    (11, "天然气费在哪点交嘛", "代扣"),
    (12, "想办个独生子女证 要啥子", "结婚证"),  # B120: 答不上
    (13, "社区有没得免费理发的", "理发"),  # B107: 答不上
    (14, "我想咨询下 离婚要去哪里办", "婚姻登记处"),  # B106: the lawyer answer
    (15, "我是外地来打工的 孩子能在这边读书不", "居住证"),  # B99: the transfer answer
    (16, "派出所几点上班", "9点到17点"),  # A79: no hours
    (17, "社区在哪里办老年证 我腿脚不好 能不能上门办", "代办"),  # B86: nothing on 上门办
    (18, "我妈住院了 有啥子补助能申请", "医疗救助"),  # A85: the reimbursement rates
    (19, "派出所电话多少", "110"),  # A47: 这个电话不便提供
    (20, "青山派出所的电话是好多", "110"),  # A107
])
def test_a_small_question_gets_its_own_answer_and_is_never_filed(running: Stack, n: int, words: str,
                                                                  said: str) -> None:
    answer = understood(say(running, SENDERS[n], words))
    assert said in answer and "答不上" not in answer and "不便提供" not in answer, answer
    assert tickets_of(running, SENDERS[n]) == []


@pytest.mark.parametrize(("n", "words"), [(21, "你们这个好用不哦"), (22, "这个东西管不管用")])  # B50: 帮不上忙
def test_asking_whether_the_service_is_any_good_is_answered_warmly(running: Stack, n: int, words: str) -> None:
    answer = understood(say(running, SENDERS[n], words))
    assert "网格员" in answer and "帮不上" not in answer, answer


@pytest.mark.parametrize(("n", "words"), [(23, "我要改个名字 登记的名字写错了"), (24, "我的身份证号登记错了 咋个改")])
def test_a_registered_detail_written_wrong_goes_to_the_grid_worker_never_a_number_change(running: Stack, n: int,
                                                                                         words: str) -> None:
    sender = live_at(running, SENDERS[n], "幸福社区第1网格", "阳光小区1栋602")
    answer = understood(say(running, sender, words))  # B152: "换了号码请告诉网格员…"
    assert "核实后帮您改正" in answer and "13700000001" in answer and "号码" not in answer, answer
    assert tickets_of(running, sender) == []

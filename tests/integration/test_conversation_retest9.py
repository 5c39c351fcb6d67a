"""What the blind retest 9 found when staff reassigned or closed tickets already assigned, through the gateway, the
real engine and the real action server: a reassignment's instruction reaches the new holder (never the one just
told 您无需再办), and an assigned emergency's false alarm, said by the duty officer or its holder, closes it with the
reason, no rating asked, the reporter told politely.

Voices: passers-by not in the registry (+8613999990062–068), the duty officer (shared: what is asserted of her is
about this module's tickets), the workers of 河滨社区第4网格 (新华街) and 第1网格 (河畔花园). Each conversation runs
on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import number_in, say
from tests.integration.test_conversation_staff import ZHOU_MING, notices, ticket

pytestmark = pytest.mark.engine
PASSERS_BY = [f"+86139999900{n}" for n in range(62, 69)]  # not in the registry
XH_WORKER = "+8613700000012"  # 河滨社区第4网格's grid worker


@pytest.mark.parametrize(("sender", "words"), [
    (PASSERS_BY[0], "{n} 派给河滨社区第1网格 那段路是你们的"),
    (PASSERS_BY[1], "{n} 转给 周明 坑在你们那段 你去看一下")])
def test_a_reassignments_instruction_reaches_the_new_holder_not_the_old(running: Stack, sender: str, words: str):
    # Blind test 9, #37 and #48: 李磊 got the instruction just after "您无需再办"; 张涛 never did.
    number = number_in(say(running, sender, "新华街1栋门口路中间有个大坑 差点摔了"))
    assert ticket(running, number)["assignee"] == XH_WORKER
    [answer] = say(running, DUTY_OFFICER, words.format(n=number))
    assert "交代也转给了承办人" in answer and ticket(running, number)["assignee"] == ZHOU_MING
    said = words.format(n=number).split()[-1]
    assert notices(running, ZHOU_MING, number)[-1].endswith(said)
    old = notices(running, XH_WORKER, number)
    assert old[-1].endswith("您无需再办。") and not any("交代" in n for n in old)


@pytest.mark.parametrize(("sender", "closer", "words"), [
    (PASSERS_BY[2], DUTY_OFFICER, "{n} 误报 是熏腊肉 关了"),
    (PASSERS_BY[3], ZHOU_MING, "{n} 误报 关了 是熏腊肉")])
def test_an_assigned_emergencys_false_alarm_is_closed_with_its_reason(running: Stack, sender: str, closer: str,
                                                                      words: str):
    # Blind test 9, #64 and #65: the duty officer's words became a 留言, the holder's progress (处理中).
    number = number_in(say(running, sender, "救命 楼道头冒烟子了 好呛"))
    say(running, sender, "河畔花园3栋1单元楼道")
    assert ticket(running, number)["assignee"] == ZHOU_MING
    [answer] = say(running, closer, words.format(n=number))
    assert answer.startswith(f"好的，工单{number}已作误报关闭"), answer
    assert ticket(running, number)["status"] == "cancelled"
    told = notices(running, sender, number)
    assert "经核实属于误报" in told[-1] and "熏腊肉" in told[-1] and not any("评价" in n for n in told)
    if closer == DUTY_OFFICER:
        assert "您无需处理" in notices(running, ZHOU_MING, number)[-1]

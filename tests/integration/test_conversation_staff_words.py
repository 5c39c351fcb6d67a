"""What blind test 7 found when staff wrote in their own words, through the gateway, the real engine and the
real action server: the duty officer's or a secretary's words on a ticket a grid worker holds reach the
worker (a 留言 naming who sent it), never the reporter, while the worker's own words are progress the
reporter hears; a worker withdraws a ticket he filed by mistake (撤销 T1014), its holder told, but never a
resident's report.

Voices: residents of 河滨社区第1网格 (河畔花园, 161–175), its worker 周明, 河滨社区's secretary and the duty
officer (shared: what is asserted of them is about this module's tickets). Each conversation runs on SQLite
and on PostgreSQL."""

from __future__ import annotations

import pytest

from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import number_in, say
from tests.integration.test_conversation_staff import HB_SECRETARY, ZHOU_MING, notices, ticket

pytestmark = pytest.mark.engine
HB_RESIDENTS = [f"+86139{n:08d}" for n in range(161, 176)]  # 河滨社区第1网格, 周明's
SUN_LI = "+8613700000011"  # 孙丽, 河滨社区第3网格 (锦绣小区)


def test_the_duty_officers_and_a_secretarys_words_reach_the_holder_and_the_holders_reach_the_reporter(
        running: Stack):
    resident = HB_RESIDENTS[0]
    number = number_in(say(running, resident, "河畔花园4栋背后那根路灯杆杆歪起了 晚上灯也不亮"))
    assert ticket(running, number)["assignee"] == ZHOU_MING
    heard = notices(running, resident, number)
    # Blind test 7, #47: the duty officer's words went to the reporter as progress (正在 read as 处理中).
    [answer] = say(running, DUTY_OFFICER, f"{number} 电力公司的人已经到了 正在换灯泡")
    assert answer.startswith("已把您的话转给承办人周明") and f"{number} 进度" in answer
    assert any("街道值班员" in n and n.endswith("留言：电力公司的人已经到了 正在换灯泡")
               for n in notices(running, ZHOU_MING, number))
    [answer] = say(running, HB_SECRETARY, f"{number} 已安排物业配合 你去看一下")
    assert "转给承办人周明" in answer
    assert any(n.endswith("留言：已安排物业配合 你去看一下") and "社区书记" in n
               for n in notices(running, ZHOU_MING, number))
    assert notices(running, resident, number) == heard
    # The holder's own words are still progress for the reporter.
    say(running, ZHOU_MING, f"{number} 电工师傅说明天上午来换灯泡")
    assert notices(running, resident, number)[-1] == f"工单{number}进展：电工师傅说明天上午来换灯泡"


@pytest.mark.parametrize("words", ["算了 {n} 是我发错了 撤销", "撤销 {n}", "{n} 撤销"])
def test_a_worker_withdraws_a_ticket_he_filed_by_mistake_and_its_holder_is_told(running: Stack, words: str):
    # Blind test 7, #35: "算了 T1014 是我发错了 撤销" was recorded as a progress note.
    number = number_in(say(running, ZHOU_MING, "锦绣小区5栋门口的井盖松了 车子压起哐哐响"))
    assert ticket(running, number)["assignee"] == SUN_LI
    [answer] = say(running, ZHOU_MING, words.format(n=number))
    assert answer == f"好的，工单{number}已撤销，已告诉承办人孙丽。"
    assert ticket(running, number)["status"] == "cancelled"
    assert f"工单{number}已被反映人撤销，无需再处理。" in notices(running, SUN_LI, number)


def test_a_worker_cannot_withdraw_a_residents_report_and_is_told_how_to_return_or_close_it(running: Stack):
    resident = HB_RESIDENTS[1]
    number = number_in(say(running, resident, "河畔花园2栋楼道里的垃圾好几天没人收了 臭得很"))
    assert ticket(running, number)["assignee"] == ZHOU_MING
    heard = notices(running, resident, number)
    [answer] = say(running, ZHOU_MING, f"{number} 撤销")
    assert answer.startswith(f"工单{number}不是您报的，不能撤销") and f"退单 {number}" in answer
    assert ticket(running, number)["status"] == "assigned" and notices(running, resident, number) == heard

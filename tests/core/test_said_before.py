"""A question whose answer was just given, asked again (blind test 33, B87, L17, B7, B25): never the same words; the
answer again in other words when it says what is asked, else who knows the rest."""

from __future__ import annotations

import pytest

from bot.core import said_before

CANTEEN = "社区老年食堂中午开饭，60岁以上老人优惠价，行动不便的可申请送餐上门。"
CARD = "社保卡丢了先打12333挂失，再带身份证到银行补办，即时制卡当场拿，不然约15个工作日。"
DISABILITY = "残疾证：带身份证、户口本、2寸照片到便民服务站申请，再去指定医院评定；有证可领两项补贴。"
RELOCATION = "搬迁补助按批次打到户主的社保卡或一卡通，批次和名单在社区公告栏公布。"
GIFTS = "过年过节社区给困难户、低保户、高龄老人送米油等慰问品，名单和时间问网格员。"
ACTIVITIES = "老年大学区里开办，春秋报名；社区活动室常办手机课、跳舞等活动，时间问网格员报名。"
COLLEGE = "恭喜！考上大学的助学金问教育局、民政局，家里困难可办生源地助学贷款，开学前申请。"


@pytest.mark.parametrize(("text", "answer", "asked"), [
    ("一顿好多钱嘛", CANTEEN, "具体价钱"),  # B87
    ("我们这批好久发嘛", RELOCATION, "具体哪天"),  # B7
])
def test_what_the_answer_does_not_say_is_for_whoever_knows_with_their_number(text: str, answer: str, asked: str):
    said = said_before.again_reply(text, answer, "网格员杨艳", "13700000005")
    assert asked in said and "网格员杨艳13700000005" in said and answer not in said, said
    assert len(said) <= 70


@pytest.mark.parametrize(("text", "answer"), [
    ("社保卡补办要好久才拿得到", CARD),  # L17: the answer says how long
    ("要带啥子材料", DISABILITY),  # B25: the answer says what to bring
    ("就是过年发的米和油 好久发", GIFTS),  # B174: the answer says whom to ask when
    ("社区有没得跳舞的活动", ACTIVITIES),  # B169: asked otherwise, nothing specific
    ("孙子考了600多分", COLLEGE),  # B16: told, not asked
])
def test_an_answer_that_says_what_is_asked_goes_again_in_other_words(text: str, answer: str):
    said = said_before.again_reply(text, answer, "便民服务中心", "0874-3112345")
    assert said == answer + "具体再问便民服务中心0874-3112345。"
    assert len(said) <= 70 and "有疑问找" not in said  # not the words of the answer before


def test_a_price_said_in_the_answer_is_not_called_unknown():
    said = said_before.again_reply("好多钱", "每人每年3600元。", "便民服务中心", "0874-3112345")
    assert "说不准" not in said and "3600元" in said


def test_what_the_answer_cannot_settle_names_the_matter_it_is_about() -> None:
    # 搬迁补助到底好久发得下来 twice: the asker sees 搬迁补助, never a reply about nothing in particular
    answer = "搬迁补助按批次打到户主的社保卡或一卡通，批次和名单在社区公告栏公布。"
    said = said_before.again_reply("搬迁补助到底好久发得下来 都等了半年了", answer, "网格员杨艳", "13700000005",
                                   "搬迁补助发放")
    assert said.startswith("搬迁补助发放：") and "13700000005" in said and len(said) <= 70, said
    long_title = said_before.again_reply("好多钱", "社区食堂就在党群服务中心。", "网格员杨艳", "13700000005",
                                         "社区老年食堂、助餐点（价钱）")
    assert long_title.startswith("社区老年食堂：") and len(long_title) <= 70, long_title

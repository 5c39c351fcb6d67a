"""The information step: what people ask about the service itself, and words that are no report (an insult, an
opener with no problem yet), answered before the engine; a report goes on to it."""

from bot.app.information_requests import InformationRequests
from bot.common.settings import Settings
from bot.core import triage
from bot.core.knowledge import load_knowledge
from bot.messaging.ports import Claimed
from bot.store.db import Database
from tests.app.helpers import message
from tests.conftest import RESIDENT


def requests(db: Database) -> InformationRequests:
    return InformationRequests(db, load_knowledge(Settings(_env_file=None).knowledge_dir).contact)


async def test_questions_about_the_service_are_answered_before_the_engine_and_never_filed(demo_db: Database):

    step = requests(demo_db)
    [contact] = await step(message(RESIDENT, "我滴网格员电话多少哦"))
    assert contact["text"] == "您的网格员是李磊，电话13700000001，有事可以直接打。"
    [vote] = await step(message(RESIDENT, "咋个投票"))
    [photo] = await step(message(RESIDENT, "咋个发照片嘛"))
    assert "赞成" in vote["text"] and "照片" in photo["text"]
    report = message(RESIDENT, "我家楼下路灯坏了 网格员电话多少")  # a problem: the engine's
    assert await step(report) is report


async def test_an_insult_alone_gets_a_calm_word_and_an_insult_with_a_problem_goes_on(demo_db: Database):

    step = requests(demo_db)
    for insult in ("你们这些当官的一天到晚不做事 傻逼", "滚"):  # blind test 6, #58: they got 没太看懂 + menu
        assert await step(message(RESIDENT, insult)) == [{"text": triage.CALM_REPLY}]
    report = message(RESIDENT, "滚 路灯坏了好几天了")
    assert await step(report) is report


async def test_an_opener_and_a_fragment_with_no_problem_are_asked_what_the_problem_is_before_the_engine(
        demo_db: Database):

    step = requests(demo_db)
    listening = "您说，我听着。请说说是什么问题、在哪里，比如“3栋门口路灯坏了”。"
    asking = "好的，请说说是什么问题、在哪里，比如“3栋门口路灯坏了”。"
    # blind test 7, #42: 我跟你说嘛 was told 帮不上忙; blind test 5, #62: 我们屋头那个 became an empty ticket
    for text, reply in (("我要反应个事", listening), ("我跟你说嘛", listening), ("我们屋头那个", asking)):
        [asked] = await step(message(RESIDENT, text))
        assert asked["text"] == reply
    gas = message(RESIDENT, "天然气管子好像漏气了")
    assert await step(gas) is gas
    photo = Claimed(id=2, channel="simulator", sender=RESIDENT, text="这个", payload={"photos": ["p.png"]}, attempts=0)
    assert await step(photo) is photo  # a photo's caption: the dialogue step holds it

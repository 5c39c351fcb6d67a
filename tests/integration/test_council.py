"""议事小院 through the real engine, action server and gateway: propose → approve → open → ballots →
refusals → close → tally → notice, with the cadre steps run by the real `bin/bot` command line."""

from __future__ import annotations

import re
import subprocess

import pytest
from sqlalchemy import select

from bot.common.settings import ROOT
from bot.store.council_models import Ballot, Topic
from bot.store.db import Database
from tests.integration.stack import Stack

pytestmark = pytest.mark.engine
GROUP1 = ["+8613500000001", "+8613500000002", "+8613500000003", "+8613500000004"]
OUTSIDER = "+8613500000005"  # 石桥村二组
SECRETARY = "+8613800000401"


def bot(stack: Stack, *args: str) -> str:
    done = subprocess.run([str(ROOT / "bin" / "bot"), *args], env=stack.env(), capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout


def reply(stack: Stack, sender: str, text: str) -> str:
    response = stack.say(sender, text)
    assert response.status_code == 200, response.text
    replies = response.json()["replies"]
    assert replies, f"no reply to {text!r}"
    return "\n".join(replies)


def notifications(stack: Stack, to: str) -> list[str]:
    return [m["text"] for m in stack.outbox(to) if m["kind"] == "notification"]


def test_a_proposal_is_approved_voted_on_closed_and_published(stack: Stack) -> None:
    # A villager proposes by message; the form gathers a title and a description and confirms.
    assert "想议什么事" in reply(stack, GROUP1[0], "我想提个议题")
    assert "说明" in reply(stack, GROUP1[0], "修组里的机耕路")
    confirm = reply(stack, GROUP1[0], "每户出工两天，村里出水泥")
    assert "修组里的机耕路" in confirm and "回复“是”或“不”" in confirm
    submitted = reply(stack, GROUP1[0], "是")
    topic_id = int(re.search(r"议题编号(\d+)", submitted).group(1))
    assert any(f"新议题{topic_id}待审" in text for text in notifications(stack, SECRETARY))

    # The secretary approves and opens it with the real command line; the proposer hears it.
    bot(stack, "topics", "approve", str(topic_id))
    assert any("已通过审核" in text for text in notifications(stack, GROUP1[0]))
    bot(stack, "topics", "open", str(topic_id), "--closes-in", "2h")
    for phone in GROUP1:
        assert any("回复 1 赞成 2 反对 3 弃权" in text and len(text) <= 70 for text in notifications(stack, phone))
    assert not any("机耕路" in text for text in notifications(stack, OUTSIDER))

    # Ballots from numbers, words, full-width digits and dialect, and a change of mind.
    assert "您投赞成" in reply(stack, GROUP1[0], "１")  # a bare full-width digit
    assert "您投赞成" in reply(stack, GROUP1[1], "修路那个我赞成噶")
    assert "您投反对" in reply(stack, GROUP1[2], "我反对")
    assert "您投反对" in reply(stack, GROUP1[3], "投第二个")
    changed = reply(stack, GROUP1[3], "我同意嘛")
    assert "改投赞成" in changed and "原来是反对" in changed

    # Someone outside the electorate is refused politely; nothing is counted.
    refused = reply(stack, OUTSIDER, "我赞成")
    assert "只由石桥村一组投票" in refused and "没有计票" in refused

    # The cadre closes it; the result goes to the electorate.
    printed = bot(stack, "topics", "close", str(topic_id))
    assert "赞成3 反对1 弃权0" in printed and "投票4/4人(100%)" in printed and "通过" in printed
    for phone in GROUP1:
        assert any(text.startswith("【村口黑板】") and "赞成3" in text for text in notifications(stack, phone))
    assert not any("村口黑板" in text for text in notifications(stack, OUTSIDER))

    # After closing, a ballot is refused and nothing changes.
    late = reply(stack, GROUP1[2], "我赞成")
    assert "已截止" in late and "没有计票" in late

    db = Database(stack.settings.resolved_database_url)
    try:
        with db.session() as s:
            assert s.get(Topic, topic_id).status == "published"
            options = sorted(s.scalars(select(Ballot.option).where(Ballot.topic_id == topic_id)))
            assert options == [1, 1, 1, 2]
    finally:
        db.dispose()

    # The board and the points answer on request.
    assert "赞成3" in reply(stack, GROUP1[0], "修路那个投票结果咋样")
    assert "您的积分：2分" in reply(stack, GROUP1[0], "我的积分有多少")

"""A villager reached by template SMS (Aliyun, faked on loopback), through the real engine and action server:
the vote notice goes out as its approved template with the numbered options, the villager's SMS reply "1"
(pushed by Aliyun twice) is one ballot for the first option, and the confirmation goes back by template.
The topic is closed again at the end, so other tests see no open topic of this one's."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import select

from bot.common.settings import ROOT
from bot.store.council_models import Ballot
from bot.store.db import Database
from bot.store.models import Person
from tests.fakes.aliyun_sms import ACCESS_KEY_ID, ACCESS_KEY_SECRET, CODES, SIGN_NAME, FakeAliyunSms
from tests.integration.stack import Stack
from tests.waiting import eventually_sync

pytestmark = pytest.mark.engine
VILLAGER = "+8613500000004"  # 石桥村一组
CALLBACK = "callback-token-for-integration"


@pytest.fixture
def sms_stack(stack: Stack) -> Iterator[tuple[Stack, FakeAliyunSms]]:
    aliyun = FakeAliyunSms().start()
    env = {"ALIYUN_SMS_ACCESS_KEY_ID": ACCESS_KEY_ID, "ALIYUN_SMS_ACCESS_KEY_SECRET": ACCESS_KEY_SECRET,
           "ALIYUN_SMS_SIGN_NAME": SIGN_NAME, "ALIYUN_SMS_TEMPLATES": json.dumps(CODES),
           "ALIYUN_SMS_CALLBACK_TOKEN": CALLBACK, "ALIYUN_SMS_ENDPOINT": aliyun.endpoint}
    try:
        with stack.gateway_with(env):
            yield stack, aliyun
    finally:
        aliyun.stop()


def bot(stack: Stack, *args: str) -> str:
    done = subprocess.run([str(ROOT / "bin" / "bot"), *args], env=stack.env(), capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_an_sms_reply_1_to_a_vote_notice_is_a_ballot(sms_stack):
    stack, aliyun = sms_stack
    db = Database(stack.settings.resolved_database_url)
    try:
        with db.session() as s:
            villager = s.scalar(select(Person).where(Person.phone == VILLAGER))
            villager.preferred_channel = "aliyun_sms"
            villager_id = villager.id
        printed = bot(stack, "topics", "create", "--title", "是否修村口路灯", "--group", "1", "--closes-in", "2h",
                      "--open")
        topic_id = int(printed.strip().splitlines()[-1])
        try:
            notice = eventually_sync(lambda: [m for m in aliyun.sent if m["TemplateCode"] == CODES["vote_open"]],
                                     timeout=60, interval=0.2)[0]
            assert notice["PhoneNumbers"] == VILLAGER[3:]
            assert re.search(r"回复 1 赞成 2 反对", notice["TemplateParam"]["options"])
            item = {"phone_number": VILLAGER[3:], "content": "1", "sign_name": SIGN_NAME,
                    "send_time": "2026-12-05 10:00:00", "sequence_id": 777001}
            for _ in range(2):
                response = httpx.post(f"{stack.gateway_url}/channels/aliyun_sms/reply?token={CALLBACK}", json=[item],
                                      timeout=15)
                assert response.json()["code"] == 0

            def ballot() -> Ballot | None:
                with db.session() as s:
                    return s.scalar(select(Ballot).where(Ballot.topic_id == topic_id, Ballot.person_id == villager_id))

            assert eventually_sync(ballot, timeout=60, interval=0.2).option == 1
            confirmed = eventually_sync(lambda: [m for m in aliyun.sent
                                                 if m["TemplateCode"] == CODES["vote_recorded"]], timeout=60,
                                        interval=0.2)
            assert confirmed[0]["TemplateParam"]["option"] == "赞成" and len(confirmed) == 1
        finally:
            bot(stack, "topics", "close", str(topic_id))
    finally:
        with db.session() as s:  # reached by the simulator again, for the tests that follow
            s.scalar(select(Person).where(Person.phone == VILLAGER)).preferred_channel = "simulator"
        db.dispose()

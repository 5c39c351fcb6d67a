import json
import re

import httpx
import pytest

from bot.engine.client import EngineClient
from bot.messaging.ports import EngineUnavailable


class Engine:
    """Rasa's status, REST channel and tracker endpoint and the action server's health, at the HTTP boundary."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.requests: list[httpx.Request] = []
        self.up = True
        self.events: list[dict] = []  # the tracker's
        self.unreachable = False

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.asked.append(request.url.path)
        self.requests.append(request)
        if self.unreachable:
            raise httpx.ConnectError("connection refused", request=request)
        if not self.up:
            return httpx.Response(503)
        if request.url.path == "/status":
            return httpx.Response(200, json={"model_file": "models/test.tar.gz"})
        if request.url.path.endswith("/tracker"):
            return httpx.Response(200, json={"sender_id": "+8613900000001", "events": self.events})
        return httpx.Response(200, json={"status": "ok"} if request.url.path == "/health" else [])


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def engine() -> Engine:
    return Engine()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def client(engine: Engine, clock: Clock):
    built = EngineClient("http://engine", "http://actions", transport=httpx.MockTransport(engine.handler),
                         ready_seconds=0.5, monotonic=clock, auth_token="t0ken")
    yield built
    await built.aclose()


async def test_it_trusts_a_positive_readiness_check_for_a_moment(client, engine, clock):
    assert await client.ready()
    assert engine.asked == ["/status", "/health"]
    clock.now += 0.4
    assert await client.ready()
    assert engine.asked == ["/status", "/health"]  # not asked again
    clock.now += 0.2
    assert await client.ready()
    assert engine.asked == ["/status", "/health"] * 2


async def test_it_never_keeps_a_negative_answer(client, engine):
    engine.up = False
    assert not await client.ready()
    engine.up = True
    assert await client.ready()
    assert engine.asked == ["/status", "/status", "/health"]


async def test_a_failed_turn_makes_it_ask_again(client, engine):
    assert await client.ready()
    engine.up = False
    with pytest.raises(EngineUnavailable):
        await client.converse("+8613900000001", "你好", {})
    assert not await client.ready()
    assert engine.asked[-1] == "/status"



# A turn as Rasa 3.6 keeps it (`UserUttered.as_dict`, `BotUttered.as_dict` of `create_bot_utterance`), and
# what its REST channel answered for it (CollectingOutputChannel), both printed by Rasa 3.6.21 itself.
TURN_EVENTS = [
    {"event": "user", "timestamp": 1.0, "metadata": {"inbox_id": 7, "channel": "sms"}, "text": "路灯坏了",
     "parse_data": {"intent": {}, "entities": [], "text": "路灯坏了", "message_id": None,
                    "metadata": {"inbox_id": 7, "channel": "sms"}}, "input_channel": None, "message_id": None},
    {"event": "action", "timestamp": 1.1, "name": "utter_report"},
    {"event": "bot", "timestamp": 1.2, "text": "好的\n\n第二段", "metadata": {},
     "data": {"elements": None, "quick_replies": None, "buttons": None, "attachment": None, "image": None,
              "custom": None}},
    {"event": "bot", "timestamp": 1.3, "text": "选一个", "metadata": {},
     "data": {"elements": None, "quick_replies": None, "buttons": [{"title": "是", "payload": "/affirm"}],
              "attachment": None, "image": None, "custom": None}},
    {"event": "bot", "timestamp": 1.4, "text": None, "metadata": {},
     "data": {"elements": None, "quick_replies": None, "buttons": None, "attachment": None, "image": None,
              "custom": {"kind": "card"}}},
    {"event": "bot", "timestamp": 1.5, "text": "看图", "metadata": {},
     "data": {"elements": None, "quick_replies": None, "buttons": None, "attachment": "https://x/y.png",
              "image": "https://x/y.png", "custom": None}},
    {"event": "action", "timestamp": 1.6, "name": "action_listen"},
]
ANSWERED = [{"recipient_id": "+8613900000001", "text": "好的"}, {"recipient_id": "+8613900000001", "text": "第二段"},
            {"recipient_id": "+8613900000001", "text": "选一个", "buttons": [{"title": "是", "payload": "/affirm"}]},
            {"recipient_id": "+8613900000001", "custom": {"kind": "card"}},
            {"recipient_id": "+8613900000001", "text": "看图"},
            {"recipient_id": "+8613900000001", "image": "https://x/y.png"}]
LATER_TURN = [
    {"event": "user", "timestamp": 2.0, "metadata": {"inbox_id": 8}, "text": "谢谢"},
    {"event": "bot", "timestamp": 2.1, "text": "不客气", "metadata": {}, "data": {}},
]


async def test_a_turn_the_engine_took_is_read_back_as_its_rest_channel_answered_it(client, engine):
    engine.events = [*TURN_EVENTS, *LATER_TURN]
    assert await client.turn_taken("+8613900000001", 7) == ANSWERED
    assert await client.turn_taken("+8613900000001", 8) == [{"recipient_id": "+8613900000001", "text": "不客气"}]


async def test_a_turn_the_engine_never_took_is_none(client, engine):
    engine.events = [*LATER_TURN]
    assert await client.turn_taken("+8613900000001", 7) is None
    engine.events = []
    assert await client.turn_taken("+8613900000001", 7) is None


async def test_the_tracker_is_asked_for_by_the_senders_conversation_id_undecoded_with_the_token(client, engine):
    await client.turn_taken("+8613900000001", 7)
    await client.turn_taken("tg:42", 7)
    first, second = engine.requests
    # Rasa's server (Sanic) does not decode the path: the id must need no quoting (base64url does not).
    paths = [request.url.raw_path.split(b"?")[0].decode() for request in (first, second)]
    assert paths == [f"/conversations/{client.conversation_id(s)}/tracker" for s in ("+8613900000001", "tg:42")]
    assert re.fullmatch(r"[A-Za-z0-9_.-]+", client.conversation_id("+8613900000001"))
    assert dict(first.url.params) == {"token": "t0ken", "include_events": "AFTER_RESTART"}


async def test_the_engine_knows_a_conversation_by_an_opaque_stable_id_and_never_by_the_number(engine):
    turns: list[dict] = []

    def handler(request: httpx.Request) -> httpx.Response:
        turns.append(json.loads(request.content))
        return httpx.Response(200, json=[{"recipient_id": turns[-1]["sender"], "text": "好的"}])

    client = EngineClient("http://engine", "http://actions", transport=httpx.MockTransport(handler),
                          conversation_key="key-one")
    replies = await client.converse("+8613900000001", "路灯坏了", {"inbox_id": 1})
    await client.converse("+8613900000001", "在3号楼", {"inbox_id": 2})
    await client.converse("+8613900000002", "你好", {})
    ids = [turn["sender"] for turn in turns]
    assert ids[0] == ids[1] != ids[2]  # stable per sender, distinct between senders
    assert not any(digits in turn_id for turn_id in ids for digits in ("13900000001", "13900000002"))
    assert replies == [{"recipient_id": "+8613900000001", "text": "好的"}]  # addressed to the sender again
    assert client.conversations.open(ids[0]) == "+8613900000001"
    other = EngineClient("http://engine", "http://actions", conversation_key="key-two")
    assert other.conversation_id("+8613900000001") != ids[0]  # the id depends on the key
    await client.aclose()
    await other.aclose()


@pytest.mark.parametrize("failure", ["refused", "503"])
async def test_a_tracker_that_cannot_be_read_is_no_answer(client, engine, failure):
    engine.unreachable, engine.up = failure == "refused", failure != "503"
    with pytest.raises(EngineUnavailable):
        await client.turn_taken("+8613900000001", 7)

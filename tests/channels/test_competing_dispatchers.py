import asyncio

from sqlalchemy import select

from bot.messaging.dispatcher import OutboxDispatcher
from bot.messaging.worker import InboundWorker
from bot.store.message_models import OutboxMessage
from tests.channels.conftest import post_sms, sms_params


async def test_two_gateways_workers_and_dispatchers_process_and_send_each_message_once(
        gateway, services, fake_twilio, fake_engine):
    senders = [f"+86139{n:08d}" for n in range(30)]
    for n, sender in enumerate(senders):
        for k in range(2):
            assert (await post_sms(gateway, sms_params(f"SM{n}-{k}", sender, f"第{k}条"))).status_code == 200
    kit = services.kit
    workers = [InboundWorker(services.inbox, services.engine, steps=kit.steps, name=f"gw{i}", batch=4)
               for i in range(2)]
    dispatchers = [OutboxDispatcher(services.outbox, services.channels, policies=kit.policies, limiter=kit.limiter,
                                    name=f"gw{i}") for i in range(2)]

    async def drain(worker: InboundWorker, dispatcher: OutboxDispatcher) -> None:
        idle = 0
        while idle < 3:
            done = await worker.run_once() + await dispatcher.run_once()
            idle = 0 if done else idle + 1
            await asyncio.sleep(0)

    await asyncio.gather(*(drain(w, d) for w, d in zip(workers, dispatchers, strict=True)))
    assert len(fake_engine.turns) == 60
    assert sorted((t["sender"], t["message"]) for t in fake_engine.turns) == sorted(
        (s, f"第{k}条") for s in senders for k in range(2))
    for sender in senders:  # in order per sender, each once
        assert [t["message"] for t in fake_engine.turns if t["sender"] == sender] == ["第0条", "第1条"]
        assert fake_twilio.bodies_to(sender) == ["收到：第0条", "收到：第1条"]
    with services.db.session() as s:
        assert set(s.scalars(select(OutboxMessage.status))) == {"sent"}

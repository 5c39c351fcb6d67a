"""A resident's voice message on the workbench: listened to on the ticket's page, served only in scope."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.common.clock import Clock
from bot.core.routing_rules import load_rules
from bot.core.voice import Voice, take_voice
from bot.store.audio import AudioStore
from bot.store.models import Ticket
from tests.conftest import DUTY_OFFICER
from tests.core.workbench_factories import in_grid_1, in_hb_grid_2
from tests.web.conftest import signed_in

AMR = b"#!AMR\n" + b"\x3c\x55" * 40


def recorded(http, clock: Clock, number: str) -> str:
    """A recording sent by the ticket's reporter just after their report (it joins the ticket)."""
    audio_id = AudioStore(http.services.settings.var_dir / "audio").save(AMR)
    with http.services.db.session() as s:
        sender = s.scalar(select(Ticket.reporter_address).where(Ticket.number == number))
        joined = take_voice(s, clock, load_rules(http.services.settings.routing_config),
                            Voice(audio_id, "audio/amr", "wechat", sender, None), timedelta(minutes=30))
    assert joined == number
    return audio_id


async def test_a_recording_is_played_from_its_ticket_page_in_scope_and_is_not_found_outside_it(http, clock):
    theirs = in_hb_grid_2(http.services.db, clock)
    audio_id = recorded(http, clock, theirs)
    mine = in_grid_1(http.services.db, clock)
    await signed_in(http)
    assert (await http.get(f"/staff/audio/{audio_id}")).status_code == 404
    assert "/staff/audio/" not in (await http.get(f"/staff/tickets/{mine}")).text
    http.cookies.clear()
    await signed_in(http, phone=DUTY_OFFICER)
    page = (await http.get(f"/staff/tickets/{theirs}")).text
    assert f'src="/staff/audio/{audio_id}"' in page and "语音留言1" in page
    served = await http.get(f"/staff/audio/{audio_id}")
    assert served.status_code == 200 and served.headers["content-type"] == "audio/amr"
    assert served.content == AMR and served.headers["x-content-type-options"] == "nosniff"
    assert (await http.get("/staff/audio/" + "0" * 64)).status_code == 404

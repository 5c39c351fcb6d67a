import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bot.common.settings import ROOT
from bot.messaging.ports import Inbound
from bot.messaging.spool import REJECTED, Spool, SpoolFull
from tests.conftest import RESIDENT


def sms(n: int, text: str = "") -> Inbound:
    return Inbound(channel="sms", external_id=f"SM{n:032d}", sender=RESIDENT, text=text or f"第{n}条：路灯坏了\n两天了",
                   payload={"media": [{"url": f"https://media.example/{n}", "content_type": "image/jpeg"}]})


def replay_all(spool: Spool) -> list[Inbound]:
    """What a replay would store, deleting each segment as if it were committed."""
    messages = []
    for path in spool.seal():
        segment = spool.claim(path)
        assert segment is not None
        messages += segment.messages
        spool.done(segment)
    return messages


def segments(folder: Path) -> list[Path]:
    return sorted(folder.glob("seg-*.jsonl"))


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)


def test_appended_messages_survive_a_reopen_in_the_order_they_came(tmp_path: Path):
    spool = Spool(tmp_path / "spool", max_bytes=1 << 20)
    spool.append([sms(1), sms(2)])
    spool.append([sms(3)])
    assert spool.depth == 3
    spool.close()

    reopened = Spool(tmp_path / "spool", max_bytes=1 << 20)
    assert reopened.depth == 3
    assert replay_all(reopened) == [sms(1), sms(2), sms(3)]
    assert reopened.depth == 0
    assert segments(tmp_path / "spool") == []


def test_the_spool_keeps_message_texts_private_to_the_gateway(tmp_path: Path):
    folder = tmp_path / "spool"
    folder.mkdir(mode=0o755)
    old = os.umask(0)
    try:
        spool = Spool(folder, max_bytes=1 << 20)
        spool.append([sms(1)])
        spool.reject(sms(2))
    finally:
        os.umask(old)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = list(folder.iterdir())
    assert files and all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in files)
    spool.close()


def test_beyond_its_bound_the_spool_refuses_and_keeps_what_it_had(tmp_path: Path):
    spool = Spool(tmp_path / "spool", max_bytes=600)
    spool.append([sms(1)])
    with pytest.raises(SpoolFull):
        spool.append([sms(n) for n in range(2, 10)])
    assert spool.depth == 1
    assert spool.size <= 600
    assert replay_all(spool) == [sms(1)]
    spool.append([sms(2)])  # room again once replayed
    assert spool.depth == 1
    spool.close()


def test_a_line_torn_by_a_crash_mid_write_is_skipped_and_the_rest_is_replayed(tmp_path: Path):
    spool = Spool(tmp_path / "spool", max_bytes=1 << 20)
    spool.append([sms(1), sms(2)])
    spool.close()
    [path] = segments(tmp_path / "spool")
    whole = json.dumps({"channel": "sms", "external_id": "SM3", "sender": RESIDENT, "text": "半截"}).encode()
    with path.open("ab") as file:  # a write the crash cut off: never fsync'd, never acknowledged
        file.write(whole[: len(whole) // 2])

    reopened = Spool(tmp_path / "spool", max_bytes=1 << 20)
    assert reopened.depth == 2
    [sealed] = reopened.seal()
    segment = reopened.claim(sealed)
    assert segment is not None
    assert segment.messages == [sms(1), sms(2)]
    assert segment.torn and segment.damaged == 0
    reopened.done(segment)
    assert list((tmp_path / "spool").iterdir()) == []


def test_a_segment_another_live_gateway_writes_to_is_left_to_it(tmp_path: Path):
    mine, theirs = Spool(tmp_path / "spool", max_bytes=1 << 20), Spool(tmp_path / "spool", max_bytes=1 << 20)
    theirs.append([sms(1)])
    mine.scan()
    assert mine.depth == 0
    assert mine.seal() == []
    theirs.close()  # sealed: whoever replays first takes it
    mine.scan()
    assert mine.depth == 1
    assert replay_all(mine) == [sms(1)]


def test_a_segment_left_by_a_killed_gateway_is_replayed_by_the_next(tmp_path: Path):
    folder = tmp_path / "spool"
    killed = run_python(f"""
        import os, signal
        from pathlib import Path
        from bot.messaging.ports import Inbound
        from bot.messaging.spool import Spool
        spool = Spool(Path({str(folder)!r}), max_bytes=1 << 20)
        spool.append([Inbound(channel="sms", external_id="SMkilled", sender="{RESIDENT}", text="还在吗")])
        os.kill(os.getpid(), signal.SIGKILL)  # no close: its lock goes with the process
    """)
    assert killed.returncode == -9, killed.stderr
    spool = Spool(folder, max_bytes=1 << 20)
    assert spool.depth == 1
    assert replay_all(spool) == [Inbound(channel="sms", external_id="SMkilled", sender=RESIDENT, text="还在吗")]


def test_a_failed_append_leaves_no_partial_line_for_the_next_one_to_run_into(tmp_path: Path):
    """A write the disk cannot finish (here the file size limit; ENOSPC alike) raises, and is cut off:
    the next append starts on a line of its own."""
    folder = tmp_path / "spool"
    done = run_python(f"""
        import resource, signal
        from pathlib import Path
        from bot.messaging.ports import Inbound
        from bot.messaging.spool import Spool
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
        spool = Spool(Path({str(folder)!r}), max_bytes=1 << 20)
        spool.append([Inbound(channel="sms", external_id="SM1", sender="{RESIDENT}", text="一")])
        soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, (spool.size + 100, hard))
        try:
            spool.append([Inbound(channel="sms", external_id="SM2", sender="{RESIDENT}", text="长" * 1000)])
        except OSError:
            print("refused")
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        spool.append([Inbound(channel="sms", external_id="SM3", sender="{RESIDENT}", text="三")])
        print(spool.depth)
        spool.close()
    """)
    assert done.stdout.split() == ["refused", "2"], done.stderr
    spool = Spool(folder, max_bytes=1 << 20)
    [path] = spool.seal()
    segment = spool.claim(path)
    assert segment is not None
    assert [m.external_id for m in segment.messages] == ["SM1", "SM3"]
    assert (segment.torn, segment.damaged) == (False, 0)


def test_a_rejected_message_is_kept_aside_and_not_counted(tmp_path: Path):
    spool = Spool(tmp_path / "spool", max_bytes=1 << 20)
    spool.reject(sms(1))
    spool.scan()
    assert spool.depth == 0
    line = (tmp_path / "spool" / REJECTED).read_text(encoding="utf-8")
    assert json.loads(line)["external_id"] == sms(1).external_id

"""The gateway's spool: inbound messages it could not store because the database was unreachable,
kept on the gateway's own disk until they can be (RapidPro's courier does the same). Twilio does not
retry an SMS webhook, so a message refused while the database is down would be gone.

Append-only JSON lines in segment files under `SPOOL_DIR` (the folder 0700, the files 0600: they hold
message texts). Each append is one write() followed by fsync before the provider is answered; a crash
mid-write leaves a torn last line, which belongs to a request that was never answered and is skipped
when read. Bounded by `max_bytes`: beyond it `append` refuses (SpoolFull) and the request fails as it
would without a spool, rather than fill the disk.

A process appends to a segment of its own, held under an exclusive flock, and starts a new one past
SEGMENT_BYTES or when it seals the one it has for replay. Replay (`Intake.replay`) claims sealed
segments one at a time under the same lock, stores their messages (the inbox dedupes by channel and
external id: replaying twice stores once) and deletes a segment only after its messages are committed.
A dead process's locks are gone, so the segments it left are replayed by the next gateway.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.messaging.ports import Inbound

log = logging.getLogger(__name__)

SEGMENT_BYTES = 1024 * 1024
SEGMENT_GLOB = "seg-*.jsonl"
REJECTED = "rejected.jsonl"  # spooled messages the database refused (not an outage), kept for staff
DAMAGED_PREFIX = "damaged-"  # a segment with unreadable lines besides a torn last one, kept for staff


class SpoolFull(Exception):
    """The spool is at its bound; the message was not kept."""


@dataclass
class Segment:
    """A sealed segment claimed for replay: its lock is held until `done` or `release`."""

    path: Path
    fd: int
    messages: list[Inbound]
    torn: bool  # the last line was cut off by a crash mid-write (never acknowledged)
    damaged: int  # other lines that could not be read


@dataclass
class _Active:
    path: Path
    fd: int
    size: int = 0
    count: int = 0


class Spool:
    def __init__(self, folder: Path, *, max_bytes: int) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self._lock = threading.Lock()  # appends (the intake) and replay run in pool threads
        self._active: _Active | None = None
        self._sealed: dict[Path, tuple[int, int]] = {}  # segments this process may replay: bytes, messages
        self._depth = self._size = 0  # kept up to date under the lock, read without it (the intake's check)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(folder, 0o700)
        self.scan()

    @property
    def depth(self) -> int:
        """Messages waiting: in this process's segment and in the sealed segments it found."""
        return self._depth

    @property
    def size(self) -> int:
        return self._size

    def append(self, messages: Sequence[Inbound]) -> None:
        """Keep these messages durably (written and fsync'd when this returns), or raise SpoolFull or
        OSError having kept none of them."""
        data = b"".join(_encode(message) for message in messages)
        with self._lock:
            if self.size + len(data) > self.max_bytes:
                raise SpoolFull(f"the spool holds {self.size} bytes of at most {self.max_bytes}")
            if self._active is None or self._active.size >= SEGMENT_BYTES:
                self._seal_active()
                self._active = self._new_segment()
            active = self._active
            try:
                _write_all(active.fd, data)
                os.fsync(active.fd)
            except OSError:
                # A partial line would run into the next append's first: cut it off, or leave the segment.
                try:
                    os.ftruncate(active.fd, active.size)
                except OSError:
                    self._seal_active()
                raise
            active.size += len(data)
            active.count += len(messages)
            self._recount()

    def scan(self) -> None:
        """Find the segments this process may replay: its own sealed ones and any another process
        left unlocked (a crashed gateway's). Another live process's open segment is not counted."""
        with self._lock:
            own = self._active.path if self._active is not None else None
            found: dict[Path, tuple[int, int]] = {}
            for path in sorted(self.folder.glob(SEGMENT_GLOB)):
                if path == own:
                    continue
                if path in self._sealed:
                    found[path] = self._sealed[path]
                    continue
                counted = _count_unlocked(path)
                if counted is not None:
                    found[path] = counted
            self._sealed = found
            self._recount()

    def seal(self) -> list[Path]:
        """Close this process's segment (later appends start a new one); every segment to replay,
        oldest first."""
        with self._lock:
            self._seal_active()
        self.scan()
        return sorted(self._sealed)

    def claim(self, path: Path) -> Segment | None:
        """The segment's messages under its lock; None if another process holds it or it is gone."""
        try:
            fd = os.open(path, os.O_RDWR | os.O_CLOEXEC)
        except FileNotFoundError:
            self._forget(path)
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.fstat(fd).st_nlink == 0:  # replayed and deleted by another process meanwhile
                raise FileNotFoundError(path)
            data = _read_all(fd)
        except BlockingIOError:  # another process replays it (or counts it): the next scan knows
            os.close(fd)
            return None
        except OSError:
            os.close(fd)
            self._forget(path)
            return None
        messages, torn, damaged = _decode(data)
        return Segment(path, fd, messages, torn, damaged)

    def done(self, segment: Segment) -> None:
        """Its messages are committed to the inbox: delete it (or keep it aside if it had damage)."""
        try:
            if segment.damaged:
                log.warning("spool segment %s had %d unreadable lines; kept as %s%s", segment.path.name,
                            segment.damaged, DAMAGED_PREFIX, segment.path.name)
                segment.path.rename(segment.path.with_name(DAMAGED_PREFIX + segment.path.name))
            else:
                segment.path.unlink(missing_ok=True)
            _fsync_dir(self.folder)
        finally:
            os.close(segment.fd)
            self._forget(segment.path)

    def release(self, segment: Segment) -> None:
        """Replay failed: leave it for the next try."""
        os.close(segment.fd)

    def reject(self, message: Inbound) -> None:
        """Keep a message the database refused outright (not an outage) out of the way, for staff."""
        fd = os.open(self.folder / REJECTED, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o600)
        try:
            _write_all(fd, _encode(message))
            os.fsync(fd)
        finally:
            os.close(fd)

    def close(self) -> None:
        """Close this process's segment; what it holds is replayed by the next gateway."""
        with self._lock:
            self._seal_active()

    def _forget(self, path: Path) -> None:
        with self._lock:
            self._sealed.pop(path, None)
            self._recount()

    def _recount(self) -> None:
        active = self._active
        self._depth = (active.count if active else 0) + sum(count for _, count in self._sealed.values())
        self._size = (active.size if active else 0) + sum(size for size, _ in self._sealed.values())

    def _new_segment(self) -> _Active:
        # Created under a name replay does not look at, locked, then renamed: nobody can claim (and
        # delete) a segment before its writer holds the lock.
        name = f"seg-{time.time_ns():020d}-{os.getpid()}.jsonl"
        hidden = self.folder / f".new-{name}"
        fd = os.open(hidden, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.rename(hidden, self.folder / name)
            _fsync_dir(self.folder)
        except OSError:
            os.close(fd)
            hidden.unlink(missing_ok=True)
            raise
        return _Active(self.folder / name, fd)

    def _seal_active(self) -> None:
        active, self._active = self._active, None
        if active is None:
            return
        if active.count:
            self._sealed[active.path] = (active.size, active.count)
        else:
            active.path.unlink(missing_ok=True)
        os.close(active.fd)  # releases the lock: the segment may be replayed now
        self._recount()


def _encode(message: Inbound) -> bytes:
    return (json.dumps({"channel": message.channel, "external_id": message.external_id, "sender": message.sender,
                        "text": message.text, "payload": message.payload},
                       ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _decode(data: bytes) -> tuple[list[Inbound], bool, int]:
    """The messages of complete lines; whether the last line was torn; how many others were unreadable."""
    lines = data.split(b"\n")
    torn = lines.pop() != b""  # after the last newline: empty, or what a crash cut off
    messages: list[Inbound] = []
    damaged = 0
    for line in lines:
        try:
            fields = json.loads(line)
            messages.append(Inbound(channel=str(fields["channel"]), external_id=str(fields["external_id"]),
                                    sender=str(fields["sender"]), text=str(fields.get("text") or ""),
                                    payload=dict(fields.get("payload") or {})))
        except (ValueError, KeyError, TypeError):
            damaged += 1
    return messages, torn, damaged


def _count_unlocked(path: Path) -> tuple[int, int] | None:
    """(bytes, complete lines) of a segment nobody holds; None if another process holds it."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        data = _read_all(fd)
    except OSError:
        return None
    finally:
        os.close(fd)
    return len(data), data.count(b"\n")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read_all(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while chunk := os.read(fd, 1024 * 1024):
        chunks.append(chunk)
    return b"".join(chunks)


def _fsync_dir(folder: Path) -> None:
    """Make a created, renamed or deleted file's name durable too."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

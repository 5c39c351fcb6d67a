"""Just enough AMQP 0-9-1 to read a RabbitMQ queue in a test: connect (PLAIN), `basic.get` every message, delete the
queue. The app's environment has no AMQP client (Rasa's pika broker lives in the engine's), and one test does not
justify a dependency."""

from __future__ import annotations

import socket
import struct

FRAME_METHOD, FRAME_HEADER, FRAME_BODY, FRAME_HEARTBEAT, FRAME_END = 1, 2, 3, 8, b"\xce"


def shortstr(value: str) -> bytes:
    raw = value.encode()
    return struct.pack("B", len(raw)) + raw


def longstr(raw: bytes) -> bytes:
    return struct.pack(">I", len(raw)) + raw


class AmqpQueue:
    def __init__(self, host: str = "127.0.0.1", port: int = 5672, user: str = "guest", password: str = "guest",
                 vhost: str = "/", timeout: float = 10.0) -> None:
        self._sock = socket.create_connection((host, port), timeout=timeout)
        self._sock.sendall(b"AMQP\x00\x00\x09\x01")
        self._expect(0, 10, 10)  # connection.start
        self._method(0, 10, 11, b"\x00\x00\x00\x00" + shortstr("PLAIN") + longstr(f"\0{user}\0{password}".encode())
                     + shortstr("en_US"))
        tune = self._expect(0, 10, 30)
        channel_max, frame_max, _heartbeat = struct.unpack(">HIH", tune[:8])
        self._method(0, 10, 31, struct.pack(">HIH", channel_max, frame_max, 0))  # tune-ok, no heartbeats
        self._method(0, 10, 40, shortstr(vhost) + shortstr("") + b"\x00")  # connection.open
        self._expect(0, 10, 41)
        self._method(1, 20, 10, shortstr(""))  # channel.open
        self._expect(1, 20, 11)

    def _read(self, size: int) -> bytes:
        data = b""
        while len(data) < size:
            chunk = self._sock.recv(size - len(data))
            if not chunk:
                raise ConnectionError("RabbitMQ closed the connection")
            data += chunk
        return data

    def _frame(self) -> tuple[int, int, bytes]:
        while True:
            kind, channel, size = struct.unpack(">BHI", self._read(7))
            payload = self._read(size)
            if self._read(1) != FRAME_END:
                raise ConnectionError("malformed AMQP frame")
            if kind != FRAME_HEARTBEAT:
                return kind, channel, payload

    def _method(self, channel: int, class_id: int, method_id: int, arguments: bytes) -> None:
        payload = struct.pack(">HH", class_id, method_id) + arguments
        self._sock.sendall(struct.pack(">BHI", FRAME_METHOD, channel, len(payload)) + payload + FRAME_END)

    def _expect(self, channel: int, class_id: int, *method_ids: int) -> bytes:
        kind, got_channel, payload = self._frame()
        ids = struct.unpack(">HH", payload[:4])
        if kind != FRAME_METHOD or got_channel != channel or ids[0] != class_id or ids[1] not in method_ids:
            raise ConnectionError(f"unexpected AMQP frame {kind} {ids} on channel {got_channel}: {payload[4:80]!r}")
        return payload[2:] if len(method_ids) > 1 else payload[4:]

    def get(self, queue: str) -> bytes | None:
        """The next message's body (acknowledged on delivery), or None when the queue is empty."""
        self._method(1, 60, 70, struct.pack(">H", 0) + shortstr(queue) + b"\x01")  # basic.get, no-ack
        answer = self._expect(1, 60, 71, 72)
        if struct.unpack(">H", answer[:2])[0] == 72:  # get-empty
            return None
        kind, _, header = self._frame()
        assert kind == FRAME_HEADER
        size = struct.unpack(">Q", header[4:12])[0]
        body = b""
        while len(body) < size:
            kind, _, chunk = self._frame()
            assert kind == FRAME_BODY
            body += chunk
        return body

    def drain(self, queue: str) -> list[bytes]:
        bodies = []
        while (body := self.get(queue)) is not None:
            bodies.append(body)
        return bodies

    def delete(self, queue: str) -> None:
        self._method(1, 50, 40, struct.pack(">H", 0) + shortstr(queue) + b"\x00")  # queue.delete
        self._expect(1, 50, 41)

    def close(self) -> None:
        try:
            self._method(0, 10, 50, struct.pack(">H", 200) + shortstr("bye") + struct.pack(">HH", 0, 0))
            self._expect(0, 10, 51)
        finally:
            self._sock.close()


def rabbitmq_unavailable(host: str = "127.0.0.1", port: int = 5672) -> str | None:
    try:
        AmqpQueue(host, port, timeout=3).close()
        return None
    except (OSError, ConnectionError) as exc:
        return f"RabbitMQ is not answering on {host}:{port} ({exc})"

"""Keep the bot token out of every log line. Telegram's URLs carry it (`/bot<token>/method`,
file URLs), and httpx logs each request URL at INFO; PTB logs file paths at DEBUG."""

from __future__ import annotations

import logging

_installed: set[str] = set()
MASK = "<telegram-token>"


def redact_token_in_logs(token: str) -> None:
    if not token or token in _installed:
        return
    _installed.add(token)
    previous = logging.getLogRecordFactory()

    def factory(*args: object, **kwargs: object) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is the logging module's business
            return record
        if token in message:
            record.msg, record.args = message.replace(token, MASK), None
        return record

    logging.setLogRecordFactory(factory)

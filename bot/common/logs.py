"""Logging set-up, with a filter that keeps secrets out of the logs."""

from __future__ import annotations

import logging
import re

# Telegram file and API URLs carry the bot token: /bot<token>/ or /file/bot<token>/.
_TOKEN_URL = re.compile(r"bot\d+:[A-Za-z0-9_-]{20,}")
# WeChat's and WeCom's API URLs carry the access token (and the token request the app's secret).
_QUERY_SECRET = re.compile(r"((?:access_token|secret|corpsecret)=)[^&\s'\"]+")


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _TOKEN_URL.search(message) or _QUERY_SECRET.search(message):
            record.msg = _QUERY_SECRET.sub(r"\1<redacted>", _TOKEN_URL.sub("bot<redacted>", message))
            record.args = ()
        return True


def setup_logging(level: str = "INFO") -> None:
    logging.basicConfig(level=level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactSecrets())
    logging.getLogger("httpx").setLevel(logging.WARNING)

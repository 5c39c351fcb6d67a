"""gridbot's log lines never carry a Telegram bot token, whichever way it reaches them."""

from __future__ import annotations

import logging

import pytest

from bot.channels.telegram import redact
from bot.channels.telegram.redact import MASK, redact_token_in_logs
from bot.common.logs import RedactSecrets

TOKEN = "123456789:AAHk-some_Secret-Token-Value_xyz"


@pytest.fixture
def record_factory():
    """Logging's record factory as it was: `redact_token_in_logs` installs one for the process."""
    previous = logging.getLogRecordFactory()
    yield
    logging.setLogRecordFactory(previous)
    redact._installed.discard(TOKEN)


def test_the_root_handlers_filter_masks_a_token_in_an_api_or_file_url(caplog):
    logger = logging.getLogger("test.logs.filter")
    caplog.handler.addFilter(RedactSecrets())
    with caplog.at_level(logging.INFO):
        logger.info("HTTP Request: POST %s", f"https://api.telegram.org/bot{TOKEN}/sendMessage")
        logger.warning("download failed: https://api.telegram.org/file/bot%s/photos/file_1.jpg", TOKEN)
    assert TOKEN not in caplog.text and TOKEN.split(":")[1] not in caplog.text
    assert caplog.text.count("bot<redacted>") == 2


def test_a_configured_token_is_masked_wherever_it_appears_even_without_a_url(caplog, record_factory):
    redact_token_in_logs(TOKEN)
    logger = logging.getLogger("test.logs.factory")
    with caplog.at_level(logging.DEBUG):
        logger.debug("file path %s", f"photos/{TOKEN}/file_2.jpg")
        logger.error("token was %s", TOKEN)
    assert TOKEN not in caplog.text
    assert caplog.text.count(MASK) == 2

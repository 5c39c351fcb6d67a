"""Telegram over python-telegram-bot: sending, update parsing and storing, the inbound steps,
the webhook route and long polling."""

from bot.channels.telegram.channel import TelegramChannel, make_bot
from bot.channels.telegram.polling import poll_updates
from bot.channels.telegram.routes import router
from bot.channels.telegram.steps import TelegramSteps
from bot.channels.telegram.updates import store_update

__all__ = ["TelegramChannel", "TelegramSteps", "make_bot", "poll_updates", "router", "store_update"]

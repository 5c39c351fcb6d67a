"""Which channels a process has, built from the settings: a channel exists only when its
credentials are set; the simulator always. Also the inbound steps, outbound policies and rate
limits that go with them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter

from bot.channels.base import Channel
from bot.channels.simulator import SimulatorChannel
from bot.common.clock import Clock
from bot.common.settings import Settings
from bot.messaging.dispatcher import Policy
from bot.messaging.keywords import RememberChannel, SmsKeywords, Step
from bot.messaging.optout import OptOuts
from bot.messaging.ratelimit import RateLimit, RateLimiter
from bot.messaging.sms_policy import SmsPolicy
from bot.store.db import Database
from bot.store.photos import PhotoStore


@dataclass
class ChannelKit:
    channels: dict[str, Channel] = field(default_factory=dict)
    steps: dict[str, list[Step]] = field(default_factory=dict)
    policies: dict[str, Policy] = field(default_factory=dict)
    limiter: RateLimiter = field(default_factory=lambda: RateLimiter({}))
    telegram_bot: Any = None  # telegram.Bot when Telegram is configured
    closers: list[Any] = field(default_factory=list)

    def routers(self, services: Any) -> list[APIRouter]:
        routers: list[APIRouter] = []
        if "sms" in self.channels:
            from bot.channels import twilio

            routers.append(twilio.router(services))
        if self.telegram_bot is not None and services.settings.public_base_url:
            from bot.channels import telegram

            routers.append(telegram.router(services, self.telegram_bot))
        return routers

    def telegram_polls(self, settings: Settings) -> bool:
        """Without a public URL Telegram cannot call us: poll instead."""
        return self.telegram_bot is not None and not settings.public_base_url

    async def aclose(self) -> None:
        for closer in self.closers:
            await closer.aclose()


def build_channels(settings: Settings, db: Database, clock: Clock, photos: PhotoStore) -> ChannelKit:
    kit = ChannelKit(channels={"simulator": SimulatorChannel()})
    limits: dict[str, RateLimit] = {}
    token = settings.twilio_auth_token.get_secret_value()
    if settings.twilio_account_sid and token and settings.twilio_from_number:
        from bot.channels.twilio import TwilioChannel, TwilioMedia
        from bot.channels.twilio.routes import STATUS_PATH

        callback = settings.public_base_url.rstrip("/") + STATUS_PATH if settings.public_base_url else None
        kit.channels["sms"] = TwilioChannel(settings.twilio_account_sid, token, settings.twilio_from_number,
                                            status_callback=callback, api_base_url=settings.twilio_api_base_url)
        optouts = OptOuts(db, clock)
        media = TwilioMedia(db, photos, settings.twilio_account_sid, token, max_bytes=settings.media_max_bytes)
        kit.closers.append(media)
        kit.steps["sms"] = [SmsKeywords(db, optouts), RememberChannel(db), media]
        kit.policies["sms"] = SmsPolicy(db, clock, max_parts=settings.sms_max_parts,
                                        daily_parts=settings.sms_daily_parts)
        limits["sms"] = RateLimit(settings.sms_rate_per_second)
    bot_token = settings.telegram_bot_token.get_secret_value()
    if bot_token:
        from telegram import Bot

        from bot.channels.telegram import TelegramChannel, TelegramSteps
        from bot.channels.telegram.redact import redact_token_in_logs

        redact_token_in_logs(bot_token)
        bot = Bot(bot_token, base_url=settings.telegram_api_base_url,
                  base_file_url=settings.telegram_file_base_url)
        kit.telegram_bot = bot
        kit.channels["telegram"] = TelegramChannel(bot, db)
        kit.steps["telegram"] = [TelegramSteps(bot, db, photos, clock, max_bytes=settings.media_max_bytes,
                                               region=settings.default_region), RememberChannel(db)]
        limits["telegram"] = RateLimit(settings.telegram_rate_per_second, settings.telegram_chat_interval_seconds)
    kit.limiter = RateLimiter(limits)
    return kit

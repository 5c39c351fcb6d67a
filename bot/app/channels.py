"""Which channels a process has, built from the settings: a channel exists only when its
credentials are set; the simulator always. Also the inbound steps, outbound policies and rate
limits that go with them, and the channels' webhook routes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from fastapi import APIRouter

from bot.app.steps import EmergencyPlace, InformationRequests, RememberChannel, StaffDesk
from bot.channels import simulator
from bot.common.clock import Clock
from bot.common.settings import Settings
from bot.core.knowledge import load_knowledge
from bot.core.routing_rules import load_rules
from bot.messaging.dispatcher import Policy
from bot.messaging.intake import Intake
from bot.messaging.keywords import SmsKeywords
from bot.messaging.optout import OptOuts
from bot.messaging.outbox import Outbox
from bot.messaging.ports import Channel, Step
from bot.messaging.ratelimit import RateLimit, RateLimiter
from bot.messaging.sms_policy import SmsPolicy
from bot.store.db import Database
from bot.store.photos import PhotoStore

if TYPE_CHECKING:  # imported when Telegram is configured: its SDK is not loaded otherwise
    from bot.channels.telegram import TelegramChannel


class Closable(Protocol):
    async def aclose(self) -> None: ...


@dataclass
class ChannelKit:
    channels: dict[str, Channel]
    steps: dict[str, list[Step]] = field(default_factory=dict)
    policies: dict[str, Policy] = field(default_factory=dict)
    limiter: RateLimiter = field(default_factory=lambda: RateLimiter({}))
    telegram: TelegramChannel | None = None  # its Bot serves the webhook and the polling too
    closers: list[Closable] = field(default_factory=list)  # steps with connections of their own

    def routers(self, settings: Settings, db: Database, clock: Clock, intake: Intake,
                outbox: Outbox) -> list[APIRouter]:
        """The webhook routes of the configured channels (the simulator's and Open311's are the gateway's)."""
        routers: list[APIRouter] = []
        if "sms" in self.channels:
            from bot.channels import twilio

            routers.append(twilio.router(settings, intake, db, clock, outbox.record_delivery))
        if self.telegram is not None and settings.public_base_url:
            from bot.channels import telegram

            routers.append(telegram.router(settings.telegram_webhook_secret.get_secret_value(), intake,
                                           self.telegram.bot))
        return routers

    def telegram_polls(self, settings: Settings) -> bool:
        """Without a public URL Telegram cannot call us: poll instead."""
        return self.telegram is not None and not settings.public_base_url

    async def aclose(self) -> None:
        for channel in self.channels.values():
            await channel.aclose()
        for closer in self.closers:
            await closer.aclose()


def build_channels(settings: Settings, db: Database, clock: Clock, photos: PhotoStore,
                   parse: Callable[[str], Awaitable[dict[str, Any]]] | None = None) -> ChannelKit:
    """`parse`: the engine's, for the staff desk to tell a staff member's unplaceable message (the
    staff menu) from one for the resident flows; without it those go to the engine."""
    rules = load_rules(settings.routing_config)

    contact = load_knowledge(settings.knowledge_dir).contact

    def before_the_classifier() -> list[Step]:  # who is speaking, then what is only asked: both before the classifier
        return [StaffDesk(db, clock, rules, parse), InformationRequests(db, contact)]

    kit = ChannelKit(channels={"simulator": simulator.SimulatorChannel()},
                     steps={"simulator": [EmergencyPlace(db, clock), *before_the_classifier()]})
    limits: dict[str, RateLimit] = {}
    token = settings.twilio_auth_token.get_secret_value()
    if settings.twilio_account_sid and token and settings.twilio_from_number:
        from bot.channels.twilio import TwilioChannel, TwilioMedia
        from bot.channels.twilio.routes import STATUS_PATH

        callback = settings.public_base_url.rstrip("/") + STATUS_PATH if settings.public_base_url else None
        kit.channels["sms"] = TwilioChannel(settings.twilio_account_sid, token, settings.twilio_from_number,
                                            status_callback=callback, api_base_url=settings.twilio_api_base_url)
        media = TwilioMedia(db, photos, settings.twilio_account_sid, token, max_bytes=settings.media_max_bytes)
        kit.closers.append(media)
        kit.steps["sms"] = [SmsKeywords(db, OptOuts(db, clock)), RememberChannel(db), media, EmergencyPlace(db, clock),
                            *before_the_classifier()]
        kit.policies["sms"] = SmsPolicy(db, clock, max_parts=settings.sms_max_parts,
                                        daily_parts=settings.sms_daily_parts)
        limits["sms"] = RateLimit(settings.sms_rate_per_second)
    bot_token = settings.telegram_bot_token.get_secret_value()
    if bot_token:
        from bot.channels.telegram import TelegramChannel, TelegramSteps, make_bot

        bot = make_bot(bot_token, api_base_url=settings.telegram_api_base_url,
                       file_base_url=settings.telegram_file_base_url)
        kit.telegram = kit.channels["telegram"] = TelegramChannel(bot, db)
        kit.steps["telegram"] = [TelegramSteps(bot, db, photos, clock, max_bytes=settings.media_max_bytes,
                                               region=settings.default_region), RememberChannel(db),
                                  EmergencyPlace(db, clock), *before_the_classifier()]
        limits["telegram"] = RateLimit(settings.telegram_rate_per_second, settings.telegram_chat_interval_seconds)
    kit.limiter = RateLimiter(limits)
    return kit

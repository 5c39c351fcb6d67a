"""Which channels a process has, built from the settings: a channel exists only when its
credentials are set; the simulator always. Also the inbound steps, outbound policies and rate
limits that go with them, and the channels' webhook routes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Protocol

from fastapi import APIRouter

from bot.app.council_step import CouncilTurn
from bot.app.dialogue import Classify, DialogueContext
from bot.app.emergency_place import EmergencyPlace
from bot.app.information_requests import InformationRequests
from bot.app.rerouting import Rerouter
from bot.app.steps import AboutTheirTickets, RememberChannel, StaffDesk
from bot.channels import simulator
from bot.common.clock import Clock
from bot.common.settings import Settings
from bot.core import fraud_calls
from bot.core.knowledge import load_knowledge
from bot.core.points import PointRules
from bot.core.routing_rules import RoutingRules, load_rules
from bot.messaging.dispatcher import Policy
from bot.messaging.intake import Intake
from bot.messaging.keywords import OptOutWords, SmsKeywords
from bot.messaging.optout import OptOuts
from bot.messaging.outbox import Outbox
from bot.messaging.ports import Channel, Step
from bot.messaging.ratelimit import RateLimit, RateLimiter
from bot.messaging.sms_policy import SmsPolicy
from bot.store.db import Database
from bot.store.photos import PhotoStore

if TYPE_CHECKING:  # imported when Telegram is configured: its SDK is not loaded otherwise
    from bot.channels.telegram import TelegramChannel


SMS_TEMPLATE_CHANNELS = ("aliyun_sms", "tencent_sms")  # template SMS, built before WeChat (its fallback)
# Channels whose own step holds a photo or location sent alone (Telegram, WeChat), or whose senders are staff
# (WeCom): the dialogue step does not hold media for them.
HOLD_THEIR_OWN_MEDIA = frozenset({"telegram", "wechat", "wecom"})


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
    reroute: Rerouter | None = None  # a person's message on to their next channel

    def routers(self, settings: Settings, db: Database, clock: Clock, intake: Intake,
                outbox: Outbox) -> list[APIRouter]:
        """The webhook routes of the configured channels (the simulator's and Open311's are the gateway's)."""
        routers: list[APIRouter] = []
        if "sms" in self.channels:
            from bot.channels import twilio

            routers.append(twilio.router(settings, intake, db, clock, outbox.record_delivery))
        if "aliyun_sms" in self.channels:
            from bot.channels import aliyun_sms

            routers.append(aliyun_sms.router(settings.aliyun_sms_callback_token.get_secret_value(), intake,
                                             outbox.record_delivery))
        if "tencent_sms" in self.channels:
            from bot.channels import tencent_sms

            routers.append(tencent_sms.router(settings.tencent_sms_callback_token.get_secret_value(), intake,
                                              outbox.record_delivery))
        if "wecom" in self.channels:
            from bot.channels import wecom

            routers.append(wecom.router(settings.wecom_token.get_secret_value(),
                                        settings.wecom_encoding_aes_key.get_secret_value(), settings.wecom_corp_id,
                                        intake, clock))
        if "wechat" in self.channels:
            from bot.channels import wechat

            routers.append(wechat.router(settings.wechat_token.get_secret_value(),
                                         settings.wechat_encoding_aes_key.get_secret_value(), settings.wechat_app_id,
                                         intake, clock))
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


def build_channels(settings: Settings, db: Database, clock: Clock, photos: PhotoStore, *,
                   rules: RoutingRules | None = None, classify: Classify | None = None) -> ChannelKit:
    """`classify`: the engine's parse, with which the staff desk tells a staff member's unplaceable message
    (the staff menu) from one for the resident flows, and the dialogue step a detail from a new report.
    Before the classifier, in order: who is speaking (staff commands), what is only asked (never filed),
    the council's vote answers, then the dialogue's context for what is left."""
    rules = rules or load_rules(settings.routing_config)
    knowledge = load_knowledge(settings.knowledge_dir)
    contact, fraud_warning = knowledge.contact, fraud_calls.warning(knowledge)
    council = CouncilTurn(db, clock, window=timedelta(minutes=settings.council_question_minutes),
                          rules=PointRules.from_settings(settings))

    def dialogue(*, hold_media: bool = True) -> DialogueContext:
        return DialogueContext(db, clock, rules, classify=classify, hold_media=hold_media,
                               followup_window=timedelta(minutes=settings.followup_window_minutes),
                               answer_window=timedelta(minutes=settings.numbered_answer_minutes),
                               photo_hold=timedelta(minutes=settings.photo_hold_minutes))

    def before_the_classifier(*, hold_media: bool = True) -> list[Step]:
        return [StaffDesk(db, clock, rules, classify), InformationRequests(db, contact, clock=clock, rules=rules,
                                                                      fraud_warning=fraud_warning,
                                                                      knowledge=knowledge),
                council, AboutTheirTickets(db, clock, timedelta(minutes=settings.followup_window_minutes), rules),
                dialogue(hold_media=hold_media)]

    kit = ChannelKit(channels={"simulator": simulator.SimulatorChannel()}, steps={"simulator": []},
                     reroute=Rerouter(db, clock))
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
        kit.steps["sms"] = [SmsKeywords(db, OptOuts(db, clock)), RememberChannel(db), media]
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
                                               region=settings.default_region), RememberChannel(db)]
        limits["telegram"] = RateLimit(settings.telegram_rate_per_second, settings.telegram_chat_interval_seconds)
    if settings.aliyun_sms_access_key_id and settings.aliyun_sms_access_key_secret.get_secret_value() and \
            settings.aliyun_sms_sign_name:
        limits["aliyun_sms"] = RateLimit(settings.aliyun_sms_rate_per_second)
        add_aliyun_sms(kit, settings, db, clock)
    elif settings.tencent_sms_secret_id and settings.tencent_sms_secret_key.get_secret_value() and \
            settings.tencent_sms_app_id and settings.tencent_sms_sign_name:
        limits["tencent_sms"] = RateLimit(settings.aliyun_sms_rate_per_second)
        add_tencent_sms(kit, settings, db, clock)
    if settings.wechat_app_id and settings.wechat_app_secret.get_secret_value() and \
            settings.wechat_token.get_secret_value():
        limits["wechat"] = RateLimit(settings.wechat_rate_per_second)
        add_wechat(kit, settings, db, clock, photos)
    if settings.wecom_corp_id and settings.wecom_agent_id and settings.wecom_secret.get_secret_value() and \
            settings.wecom_token.get_secret_value() and settings.wecom_encoding_aes_key.get_secret_value():
        limits["wecom"] = RateLimit(settings.wecom_rate_per_second)
        add_wecom(kit, settings, db, clock)
    # Every channel, after its own steps: 退订/订阅 (also in a sentence), the place of a pending emergency, then who
    # is speaking, what is only asked, the council's vote answers and the dialogue's context. Added here once, so no
    # channel misses them.
    for name, steps in kit.steps.items():
        steps += [OptOutWords(OptOuts(db, clock), sms=any(isinstance(step, SmsKeywords) for step in steps)),
                  EmergencyPlace(db, clock, classify, rules=rules,
                                 window=timedelta(minutes=settings.followup_window_minutes)),
                  *before_the_classifier(hold_media=name not in HOLD_THEIR_OWN_MEDIA)]
    kit.limiter = RateLimiter(limits)
    return kit


def add_tencent_sms(kit: ChannelKit, settings: Settings, db: Database, clock: Clock) -> None:
    """Template SMS through Tencent Cloud: the same templates, limits and reply steps as Aliyun's."""
    from bot.channels.tencent_sms import TencentSmsChannel
    from bot.messaging.template_sms_policy import TemplateSmsPolicy

    kit.channels["tencent_sms"] = TencentSmsChannel(
        settings.tencent_sms_secret_id, settings.tencent_sms_secret_key.get_secret_value(), settings.tencent_sms_app_id,
        settings.tencent_sms_sign_name, settings.tencent_sms_templates, region=settings.tencent_sms_region,
        endpoint=settings.tencent_sms_endpoint)
    kit.policies["tencent_sms"] = TemplateSmsPolicy(db, clock, per_hour=settings.aliyun_sms_per_hour,
                                                    per_day=settings.aliyun_sms_per_day)
    kit.steps["tencent_sms"] = [SmsKeywords(db, OptOuts(db, clock), channel="tencent_sms"), RememberChannel(db)]


def add_wecom(kit: ChannelKit, settings: Settings, db: Database, clock: Clock) -> None:
    """WeCom for staff: the channel (text cards for tickets), its per-member limits, and its step."""
    from datetime import timedelta

    from bot.channels.wecom import WeComApi, WeComChannel, WeComSteps
    from bot.messaging.recipient_limits import RecipientLimits

    api = WeComApi(db, clock, settings.wecom_corp_id, settings.wecom_agent_id, settings.wecom_secret.get_secret_value(),
                   base_url=settings.wecom_api_base_url, early_refresh_seconds=settings.wechat_token_refresh_seconds)
    kit.channels["wecom"] = WeComChannel(api, db, ticket_url=settings.wecom_ticket_url)
    kit.policies["wecom"] = RecipientLimits(db, clock, [(timedelta(minutes=1), settings.wecom_member_per_minute),
                                                        (timedelta(hours=1), settings.wecom_member_per_hour)],
                                               digest_after=3)
    kit.steps["wecom"] = [WeComSteps(api, db, clock), RememberChannel(db)]


def add_aliyun_sms(kit: ChannelKit, settings: Settings, db: Database, clock: Clock) -> None:
    """Template SMS through Aliyun: the channel, its per-number limits, and the steps of its replies."""
    from bot.channels.aliyun_sms import AliyunSmsChannel
    from bot.messaging.template_sms_policy import TemplateSmsPolicy

    kit.channels["aliyun_sms"] = AliyunSmsChannel(
        settings.aliyun_sms_access_key_id, settings.aliyun_sms_access_key_secret.get_secret_value(),
        settings.aliyun_sms_sign_name, settings.aliyun_sms_templates, clock, endpoint=settings.aliyun_sms_endpoint)
    kit.policies["aliyun_sms"] = TemplateSmsPolicy(db, clock, per_hour=settings.aliyun_sms_per_hour,
                                                   per_day=settings.aliyun_sms_per_day)
    kit.steps["aliyun_sms"] = [SmsKeywords(db, OptOuts(db, clock), channel="aliyun_sms"), RememberChannel(db)]


def add_wechat(kit: ChannelKit, settings: Settings, db: Database, clock: Clock, photos: PhotoStore) -> None:
    """The Official Account: its channel (with the fallback outside WeChat's reply window) and steps."""
    from bot.app.fallbacks import WeChatFallback
    from bot.channels.wechat import WeChatApi, WeChatChannel, WeChatLink, WeChatSteps, WindowTracker
    from bot.core.routing_rules import load_rules

    api = WeChatApi(db, clock, settings.wechat_app_id, settings.wechat_app_secret.get_secret_value(),
                    base_url=settings.wechat_api_base_url, early_refresh_seconds=settings.wechat_token_refresh_seconds)
    from bot.channels.wechat.voice import VoiceMessages
    from bot.store.audio import AudioStore

    sms = next((name for name in SMS_TEMPLATE_CHANNELS if name in kit.channels), None)
    rules = load_rules(settings.routing_config)
    fallback = WeChatFallback(db, clock, rules, sms_channel=sms)
    voices = VoiceMessages(api, db, AudioStore(settings.var_dir / "audio"), clock, rules,
                           max_bytes=settings.media_max_bytes, within=timedelta(minutes=30))
    from bot.channels.wechat.subscribe import SubscribeNotices

    kit.channels["wechat"] = WeChatChannel(api, WindowTracker(db, clock), fallback,
                                           subscriptions=SubscribeNotices(api, settings.wechat_subscribe_templates))
    kit.steps["wechat"] = [WeChatLink(db, clock, sms_channel=sms, region=settings.default_region),
                           WeChatSteps(api, db, photos, clock, max_bytes=settings.media_max_bytes, voices=voices),
                           RememberChannel(db)]

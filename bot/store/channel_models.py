"""Tables the channels keep: opt-outs, media of inbound messages, delivery statuses, SMS
continuations ("回复 更多") and Telegram button choices."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.common.clock import utcnow
from bot.store.base import Base, IdType
from bot.store.types import SealedAddress, UTCDateTime


class OptOut(Base):
    """An address that said STOP/退订/TD. Deleted rows are never needed: `active` flips back on START."""

    __tablename__ = "channel_opt_outs"
    __table_args__ = (UniqueConstraint("channel", "address"),)
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    address: Mapped[str] = mapped_column(SealedAddress())
    active: Mapped[bool] = mapped_column(default=True)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class InboundMedia(Base):
    """A photo that came with an inbound message, stored in the PhotoStore under `photo_id`."""

    __tablename__ = "inbound_media"
    __table_args__ = (UniqueConstraint("channel", "source_key"),)
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    inbox_message_id: Mapped[int] = mapped_column(ForeignKey("inbox_messages.id"), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    # Twilio: the media URL's sid path; Telegram: file_unique_id. One download per source.
    source_key: Mapped[str] = mapped_column(String(256))
    photo_id: Mapped[str] = mapped_column(String(64))
    content_type: Mapped[str] = mapped_column(String(64), default="")
    size: Mapped[int] = mapped_column(default=0)
    stored_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DeliveryStatus(Base):
    """Every status callback a provider sent for an outbound message (queued, sent, delivered, failed…)."""

    __tablename__ = "delivery_statuses"
    __table_args__ = (Index("ix_delivery_provider", "provider_id", "id"),)
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    provider_id: Mapped[str] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(32))
    error_code: Mapped[str | None] = mapped_column(String(16))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SmsContinuation(Base):
    """The rest of a reply cut to fit the SMS budget; "更多" sends the next part."""

    __tablename__ = "sms_continuations"
    __table_args__ = (UniqueConstraint("channel", "recipient"),)
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    recipient: Mapped[str] = mapped_column(SealedAddress())
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ButtonChoice(Base):
    """A Telegram inline button whose payload is longer than callback_data allows: the button carries `c:<id>`."""

    __tablename__ = "telegram_button_choices"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TelegramLocation(Base):
    """The last location a Telegram user shared; a report sent soon after carries it."""

    __tablename__ = "telegram_locations"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    sender: Mapped[str] = mapped_column(SealedAddress(), unique=True)
    lat: Mapped[float] = mapped_column()
    lon: Mapped[float] = mapped_column()
    shared_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WeChatToken(Base):
    """An access token of a WeChat API (the Official Account's, WeCom's), shared by every process: a new
    one invalidates the old, and the account may fetch only so many a day. Refreshed under the row's lock."""

    __tablename__ = "wechat_access_tokens"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    key: Mapped[str] = mapped_column(String(128), unique=True)  # e.g. oa:<appid>, wecom:<corpid>:<agentid>
    token: Mapped[str] = mapped_column(Text, default="")
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WeChatLocation(Base):
    """The last location a WeChat user sent; the report that follows soon after carries it."""

    __tablename__ = "wechat_locations"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    sender: Mapped[str] = mapped_column(SealedAddress(), unique=True)
    lat: Mapped[float] = mapped_column()
    lon: Mapped[float] = mapped_column()
    label: Mapped[str] = mapped_column(String(256), default="")
    shared_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WeChatIdentity(Base):
    """An Official Account follower (wx:<openid>) and the registry phone number they proved is theirs,
    used when WeChat's reply window is closed (a template SMS, or a call from their grid worker)."""

    __tablename__ = "wechat_identities"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    address: Mapped[str] = mapped_column(SealedAddress(), unique=True)
    phone: Mapped[str | None] = mapped_column(SealedAddress())
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WeComMember(Base):
    """A WeCom (企业微信) member and the registry phone number of the staff member they are."""

    __tablename__ = "wecom_members"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    userid: Mapped[str] = mapped_column(String(64), unique=True)
    phone: Mapped[str] = mapped_column(SealedAddress(), unique=True)
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WeChatLinkCode(Base):
    """A one-time code sent by template SMS to the number a follower asked to link (one pending per
    follower); kept as a hash, with the wrong tries counted."""

    __tablename__ = "wechat_link_codes"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    address: Mapped[str] = mapped_column(SealedAddress(), unique=True)
    phone: Mapped[str] = mapped_column(SealedAddress())
    code_hash: Mapped[str] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(default=0)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)

"""Template SMS in mainland China through Aliyun (alibabacloud-dysmsapi20170525): sending by template,
and the receipts and replies Aliyun pushes."""

from bot.channels.aliyun_sms.channel import CHANNEL, AliyunSmsChannel
from bot.channels.aliyun_sms.routes import router

__all__ = ["CHANNEL", "AliyunSmsChannel", "router"]

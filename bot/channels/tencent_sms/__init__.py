"""Template SMS in mainland China through Tencent Cloud (tencentcloud-sdk-python-sms), behind the same
templates as Aliyun: sending, and the replies and receipts Tencent pushes."""

from bot.channels.tencent_sms.channel import CHANNEL, TencentSmsChannel
from bot.channels.tencent_sms.routes import router

__all__ = ["CHANNEL", "TencentSmsChannel", "router"]

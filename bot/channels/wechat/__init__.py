"""The WeChat Official Account (服务号) over wechatpy: callbacks checked, decrypted and stored, the
inbound steps (greeting, photos, locations, voice), sending by the customer-service API inside the
follower's window with a fallback outside it, and the shared access token."""

from bot.channels.wechat.channel import Fallback, WeChatChannel
from bot.channels.wechat.client import WeChatApi
from bot.channels.wechat.linking import WeChatLink
from bot.channels.wechat.routes import router
from bot.channels.wechat.steps import WeChatSteps
from bot.channels.wechat.window import WindowTracker

__all__ = ["Fallback", "WeChatApi", "WeChatChannel", "WeChatLink", "WeChatSteps", "WindowTracker", "router"]

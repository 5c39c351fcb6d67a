"""WeCom (企业微信) for staff, over wechatpy's enterprise module: encrypted callbacks stored, a member's
message acting as the staff member they are (the same commands as by SMS), ticket notices as text cards."""

from bot.channels.wecom.channel import WeComChannel
from bot.channels.wecom.client import WeComApi
from bot.channels.wecom.routes import router
from bot.channels.wecom.steps import WeComSteps

__all__ = ["WeComApi", "WeComChannel", "WeComSteps", "router"]

"""A question whether we pass the sender's number or details on (你们会不会把我电话号码给别人哦): answered, never a
registration or a number change (blind test 26: it became a number-change verification task)."""

from __future__ import annotations

import re
import unicodedata

_MINE = r"(?:我的?|我们的?|我屋的?|自己的?)?(?:电话号码|电话|号码|手机号码?|手机|信息|资料|住址|地址|名字|身份证)"
_PASSED_ON = (r"(?:给别人|给外人|给其他人|告诉别人|告诉外人|透露|泄露|泄漏|漏出去|传出去|外传|外泄|卖给?|公开|公布|"
              r"给人家)")
_ASKS = re.compile(rf"{_MINE}.{{0,8}}{_PASSED_ON}|{_PASSED_ON}.{{0,6}}{_MINE}|"
                   rf"{_MINE}.{{0,6}}(?:保密|安全不|安不安全|别人看得到|哪些人能?看|谁能看|哪个看得到)")

REPLY = "请放心，您的号码和信息不会给别人，工作人员只在办理您反映的事时才看得到。"


def asks_about_privacy(text: str) -> bool:
    """Whether the message asks if the sender's number or details are given to others or kept private."""
    return _ASKS.search(unicodedata.normalize("NFKC", text or "")) is not None

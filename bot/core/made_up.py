"""A report its sender says is made up ("哈哈哈哈 测试一下 … 报个假的 火星上着火了", "开个玩笑哈 月亮上着火了": blind
test 25, B17 got 119, "在哪里？" and 没太看懂): no emergency and nothing filed, a friendly word back. Saying it is no
joke ("不开玩笑 楼道里真的着火了", "别开玩笑了") is still a report."""

from __future__ import annotations

import re

from bot.common.plain_text import plain

# 报个假的, 开个玩笑, 逗你玩的, a fire on Mars or the moon; never 不是开玩笑, 不开玩笑, 没有开玩笑, 别开玩笑.
_JOKE = re.compile(r"报个?假的|(?<!不是)(?<!没有)(?<![不没别])开(?:个)?玩笑|逗你(?:玩)?的?|(?:火星|月亮|月球|太阳)上")
MADE_UP_REPLY = "好的，知道是测试，这条不登记。真遇到事随时发消息，我们都在。"


def made_up(text: str) -> bool:
    """Whether the sender says the message is a joke or a test."""
    return _JOKE.search(plain(text)) is not None

"""Subscription notices (订阅通知, `message/subscribe/bizsend`): how an Official Account reaches a follower
outside the customer-service window, for the kinds of message a template is configured for.

A subscription template has fixed fields chosen in the WeChat console (thing1, character_string2, …),
and only a follower who accepted it (or a long-term one, open to government and livelihood accounts)
gets it. The kind of a message and its variables are read as for template SMS (the same registry,
`bot.channels.sms_template.templates`); WECHAT_SUBSCRIBE_TEMPLATES maps a kind to its template id and
each variable to the field it fills: {"ticket_resolved": {"template_id": "…", "number":
"character_string1", "text": "thing2"}}. WeChat caps a `thing` field at 20 characters and a
`character_string` at 32: longer values are cut.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from wechatpy.exceptions import WeChatClientException

from bot.channels.sms_template.templates import TemplateError, for_message
from bot.channels.wechat.client import WeChatApi

log = logging.getLogger(__name__)
REFUSED = 43101  # the follower has not accepted (or has turned off) this subscription
FIELD_CAPS = {"thing": 20, "character_string": 32, "phrase": 5, "name": 10, "phone_number": 17}


def _cut(field: str, value: str) -> str:
    cap = next((n for prefix, n in FIELD_CAPS.items() if field.startswith(prefix)), 20)
    return value if len(value) <= cap else value[:cap - 1] + "…"


class SubscribeNotices:
    def __init__(self, api: WeChatApi, templates: dict[str, dict[str, str]]) -> None:
        self.api = api
        self.templates = templates

    def notice_for(self, text: str, payload: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
        """(template id, data) for this message, or None when no subscription template carries its kind."""
        try:
            entry, values, _shown = for_message(text, payload)
        except TemplateError:
            return None
        configured = self.templates.get(entry.kind)
        if not configured or not configured.get("template_id"):
            return None
        data = {field: {"value": _cut(field, values[var])} for var, field in configured.items()
                if var != "template_id" and var in values}
        return configured["template_id"], data

    async def send(self, openid: str, text: str, payload: dict[str, Any]) -> tuple[bool, str]:
        """(sent, what happened). Not sent when no template carries the message or WeChat refused it
        (43101: the follower did not accept it; any other errcode likewise: the next fallback goes on)."""
        notice = self.notice_for(text, payload)
        if notice is None:
            return False, "no subscription template for this message"
        template_id, data = notice
        try:
            result = await asyncio.to_thread(self.api.send_subscribe, openid, template_id, data)
        except WeChatClientException as exc:
            why = "refused by the follower" if exc.errcode == REFUSED else "refused"
            return False, f"subscription notice {why} (errcode {exc.errcode})"
        msgid = result.get("msgid")
        return True, f"subscription notice sent{f' (msgid {msgid})' if msgid else ''}"

"""Template SMS (mainland China): every SMS is a pre-approved template with typed variables, signed
【签名】; free text cannot be sent.

One entry per kind of message gridbot sends by SMS. Each has the body submitted for approval (with
`${var}` placeholders, as Aliyun's and Tencent's consoles take them), typed variables with length caps
(Aliyun: at most 35 characters a variable, codes 4-6 digits), and a pattern that reads the variables
out of the text the bot would otherwise send (the core's and the dialogue's words, which this module
does not change): an outbox message with no `template` in its payload is matched against them. The
approved template codes are settings (ALIYUN_SMS_TEMPLATES, kind → code).

A rendered message, with its signature, must fit one SMS (70 characters): a free-text variable is cut
to fit, anything else that does not fit is an error, never a two-part SMS.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

SINGLE_SMS = 70
VARIABLE_MAX = 35


class TemplateError(ValueError):
    """A message no template can carry, or variables that do not fit their types."""


@dataclass(frozen=True)
class Var:
    name: str
    kind: str  # ticket (T1023) / name / phone / code (4-6 digits) / count / text (cut to fit)
    max_len: int = VARIABLE_MAX

    def check(self, value: Any) -> str:
        text = str(value if value is not None else "").strip()
        shape = _SHAPES.get(self.kind)
        if not text or (shape is not None and not shape.fullmatch(text)):
            raise TemplateError(f"{self.name}: not a {self.kind}")
        if re.search(r"https?://|www\.", text, re.IGNORECASE):
            raise TemplateError(f"{self.name}: links are not allowed in a template variable")
        if len(text) > self.max_len:
            if self.kind != "text":
                raise TemplateError(f"{self.name}: longer than {self.max_len}")
            text = text[:self.max_len - 1] + "…"
        return text


_SHAPES = {"ticket": re.compile(r"T\d{3,10}"), "phone": re.compile(r"\+?\d{3,15}"),
           "code": re.compile(r"\d{4,6}"), "count": re.compile(r"\d{1,6}"),
           "name": re.compile(r"[^\s\d]{1,12}")}


@dataclass(frozen=True)
class Template:
    kind: str
    body: str
    vars: tuple[Var, ...]
    pattern: re.Pattern[str] | None = None  # reads the variables out of the bot's own text
    defaults: dict[str, str] | None = None  # for a variable the bot's text may leave out

    def render(self, params: dict[str, Any], sign_name: str = "") -> str:
        """The SMS as the phone shows it, after the signature; TemplateError when it cannot be one part."""
        return self.fill(params, sign_name)[1]

    def fill(self, params: dict[str, Any], sign_name: str = "") -> tuple[dict[str, str], str]:
        """(the variables as they go to the provider, the text they make), checked and cut to one SMS."""
        defaults = self.defaults or {}
        values = {var.name: var.check(params.get(var.name) or defaults.get(var.name)) for var in self.vars}
        room = SINGLE_SMS - len(signature(sign_name))
        text = _fill(self.body, values)
        for var in self.vars:  # a free-text variable gives way until it fits
            over = len(text) - room
            if over > 0 and var.kind == "text" and len(values[var.name]) > over + 1:
                values[var.name] = values[var.name][:len(values[var.name]) - over - 1] + "…"
                text = _fill(self.body, values)
        if len(text) > room:
            raise TemplateError(f"{self.kind}: {len(text)} characters with the signature is more than one SMS")
        return values, text


def signature(sign_name: str) -> str:
    return f"【{sign_name}】" if sign_name else ""


def _fill(body: str, values: dict[str, str]) -> str:
    return re.sub(r"\$\{(\w+)\}", lambda m: values[m.group(1)], body)


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.DOTALL)


T, NAME, TEXT = Var("number", "ticket"), Var("name", "name"), Var("text", "text")
TEMPLATES: dict[str, Template] = {t.kind: t for t in [
    Template("ticket_received", "您反映的问题已受理，工单${number}，由${name}办理，进展会短信告诉您。", (T, NAME),
             _p(r"^收到，工单(?P<number>T\d+)已派给网格员(?P<name>[^，]+)，")),
    Template("ticket_registered", "您反映的问题已受理，工单${number}，街道会尽快派人处理。", (T,),
             _p(r"^收到，(?:这个问题已有人反映，已并入|)工单(?P<number>T\d+)")),
    Template("ticket_assigned", "您反映的问题${number}已由${name}接单，正在安排处理。", (T, NAME),
             _p(r"^您反映的问题（(?P<number>T\d+)）(?P<name>.+?)已接单")),
    Template("ticket_progress", "您反映的问题${number}正在处理：${text}", (T, TEXT),
             # An acknowledgement with the worker's words ("工单T1007网格员李磊已收到：我马上过去") is progress too.
             _p(r"^工单(?P<number>T\d+)(?:进展|[^：，。]{0,16}已收到)：(?P<text>.+)$")),
    Template("ticket_resolved", "工单${number}已办结：${text}。请评价：回复1满意 2基本满意 3不满意", (T, TEXT),
             _p(r"^工单(?P<number>T\d+)已办结(?:：(?P<text>.*?)。|，)请评价"), {"text": "问题已处理"}),
    Template("urge_escalated", "已催办工单${number}，承办人会尽快处理。", (T,),
             _p(r"^已催办工单(?P<number>T\d+)")),
    Template("vote_open", "议事投票：${text}。${options}", (TEXT, Var("options", "text")),
             _p(r"^【议事】(?P<text>.+?)。?(?P<options>回复 .+)$")),
    Template("vote_recorded", "已记下您对“${title}”的投票：${option}。截止前可再回复改票。",
             (Var("title", "text", 20), Var("option", "text", 10)),
             _p(r"^已(?:记下|改好)：“(?P<title>.+?)”您(?:改)?投(?P<option>[^（。]+)")),
    Template("vote_result", "议事结果：${text}", (TEXT,), _p(r"^【村口黑板】“.+?”结果：(?P<text>.+?)。?$")),
    Template("notice", "村口黑板：${text}", (TEXT,), _p(r"^【村口黑板】(?P<text>.+)$")),
    # The answers to 退订 / 订阅 / 帮助 (bot/messaging/optout.py), word for word.
    Template("optout_confirmed", "已退订网格通短信，不再发送。回复 订阅 可恢复。", (), _p(r"^已退订网格通短信")),
    Template("optin_confirmed", "已恢复网格通短信。回复 退订 可停止。", (), _p(r"^已恢复网格通短信")),
    Template("sms_help", "网格通：向社区网格员反映问题、查进度。直接发送问题即可。回复 退订 停止接收。", (),
             _p(r"^网格通：向社区网格员反映问题")),
    Template("one_time_code", "您的验证码${code}，10分钟内有效，请勿告诉他人。", (Var("code", "code"),)),
    Template("contact_grid_worker", "您有一条网格通消息未能送达，请联系网格员${name}，电话${phone}。",
             (NAME, Var("phone", "phone", 15))),
]}


def render(kind: str, params: dict[str, Any], sign_name: str = "") -> str:
    return template(kind).render(params, sign_name)


def template(kind: str) -> Template:
    try:
        return TEMPLATES[kind]
    except KeyError:
        raise TemplateError(f"no template for {kind}") from None


def match(text: str) -> tuple[str, dict[str, str]] | None:
    """The template that carries this text of the bot's, with its variables; None when none does."""
    for entry in TEMPLATES.values():
        found = entry.pattern.search(text.strip()) if entry.pattern is not None else None
        if found:
            return entry.kind, {k: v for k, v in found.groupdict().items() if v is not None}
    return None


def for_message(text: str, payload: dict[str, Any], sign_name: str = "") -> tuple[Template, dict[str, str], str]:
    """(template, variables, the text the phone shows) an outbox message goes out as; TemplateError when
    no template carries it."""
    if payload.get("template"):
        entry, params = template(str(payload["template"])), dict(payload.get("params") or {})
    else:
        found = match(text)
        if found is None:
            raise TemplateError("no approved template carries this message (free text cannot go by template SMS)")
        entry, params = template(found[0]), found[1]
    values, shown = entry.fill(params, sign_name)
    return entry, values, shown


def idempotency_key(recipient: str, text: str) -> str:
    """The key a provider keeps with a message and echoes in receipts (Aliyun's OutId, Tencent's
    SessionContext): from the number and the text, so the same message tried again keeps it."""
    return "gb" + hashlib.sha256(f"{recipient}\n{text}".encode()).hexdigest()[:30]


def is_mainland_mobile(recipient: str) -> bool:
    return recipient.startswith("+861") and recipient[3:].isdigit() and len(recipient) == 14

"""Rendering the workbench's pages: the jinja2 templates, their filters (China time, names of statuses,
categories and events), and the headers every page carries (no caching of personal data, a strict
content policy: nothing is loaded from anywhere but this server)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from bot.common.clock import BEIJING as CHINA
from bot.common.phones import mask, national
from bot.core.lifecycle import STATUS_NAMES
from bot.core.ticket_queue import CHANNELS, COLOURS, FOLDERS
from bot.core.tickets import CATEGORY_NAMES
from bot.web.map_svg import ticket_map

HERE = Path(__file__).resolve().parent
EVENT_NAMES = {
    "created": "受理", "assigned": "指派", "acknowledged": "接单", "in_progress": "开始处理", "progress": "进度",
    "resolved": "办结", "returned": "退单", "rerouted": "改派网格", "rated": "评价", "closed": "结单",
    "reopened": "重新办理", "cancelled": "撤销", "urged": "催办", "escalated": "升级督办",
    "escalation_capped": "督办已到上限", "merged": "并单", "linked": "并入重复反映", "emergency_alert": "紧急通知",
    "photos_added": "补充照片", "dispatched": "分派", "note": "内部备注", "replied": "回复反映人",
    "place_given": "补充地点", "reminded": "提醒", "backup_assigned": "转备岗", "overdue": "超时",
    "number_moved": "号码变更", "reporter_update": "报告人更新", "split": "拆分（撤销并单）", "unlinked": "拆出并单",
    "detail_added": "补充情况", "voice_added": "补充语音", "point_added": "补充位置", "taken_over": "接手办理",
    "praised": "表扬", "rerated": "改评价", "invalid": "核实无效关闭", "downgraded": "改为普通工单",
    "place_corrected": "更正地点", "raised": "升为紧急", "detail_taken_back": "撤回补充另报",
}
AUDIT_ACTIONS = {
    "staff.signed_in": "登录", "staff.signed_out": "退出", "staff.sign_in_failed": "登录失败",
    "staff.sign_in_refused": "锁定中拒绝登录", "staff.locked": "账号锁定", "staff.password_set": "设置密码",
    "ticket.viewed": "查看工单", "ticket.acknowledged": "接单", "ticket.in_progress": "开始处理",
    "ticket.progress": "记录进度",
    "ticket.resolved": "办结", "ticket.returned": "退单", "ticket.dispatched": "分派", "ticket.note": "内部备注",
    "ticket.replied": "回复反映人", "audit.viewed": "查看审计记录", "person.export": "导出个人信息",
    "person.erase": "删除个人信息", "purge": "清理过期数据", "tickets.export": "导出工单（含个人信息）",
    "broadcast.sent": "发送宣传通知", "reply_template.created": "添加常用回复",
    "reply_template.updated": "修改常用回复", "reply_template.archived": "删除常用回复",
    "ticket.merged": "并单", "ticket.split": "拆分并单", "month_report.export": "导出月报",
    "household.viewed": "查看住户", "household.changed": "修改住户三色/标签", "households.exported": "导出住户",
    "custom_tag.added": "添加自定义标签", "custom_tag.removed": "删除自定义标签",
}
PRIORITY_NAMES = {"immediate": "紧急", "high": "高", "medium": "中", "normal": "普通"}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; media-src 'self'; "
                               "script-src 'self'; "
                               "connect-src 'self'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}


def local_time(value: datetime | None, fmt: str = "%m-%d %H:%M") -> str:
    return value.astimezone(CHINA).strftime(fmt) if value else ""


def remaining(due: datetime | None, now: datetime) -> str:
    """'剩 5小时' or '超时 2天3小时'."""
    if due is None:
        return ""
    seconds = (due - now).total_seconds()
    days, rest = divmod(int(abs(seconds)) // 3600, 24)
    span = f"{days}天{rest}小时" if days else f"{rest}小时" if rest else "不到1小时"
    return f"剩{span}" if seconds >= 0 else f"超时{span}"


def templates() -> Jinja2Templates:
    # Everything a person wrote is escaped; a misspelt name in a template fails loudly, never renders empty.
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined)
    found = Jinja2Templates(env=env)
    found.env.filters.update(local=local_time, mask=mask, national=national)
    found.env.globals.update(STATUS_NAMES=STATUS_NAMES, CATEGORY_NAMES=CATEGORY_NAMES, EVENT_NAMES=EVENT_NAMES,
                             PRIORITY_NAMES=PRIORITY_NAMES, AUDIT_ACTIONS=AUDIT_ACTIONS,
                             FOLDERS=FOLDERS, CHANNELS=CHANNELS, COLOURS=COLOURS,
                             remaining=remaining, ticket_map=ticket_map)
    return found


def page(pages: Jinja2Templates, request: Request, name: str, context: dict[str, Any],
         status_code: int = 200) -> HTMLResponse:
    response = pages.TemplateResponse(request, name, context, status_code=status_code)
    response.headers.update(SECURITY_HEADERS)
    return response

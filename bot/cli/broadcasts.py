"""`bin/bot broadcast preview|send|status`: 宣传知识送到家 from the command line, for staff on the
server before (and besides) the workbench. The command line sees the whole subdistrict; what is sent
is recorded under the operating system's user (`cli:<user>`).

`send` prints the broadcast's id alone on the last line of stdout."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy import select

from bot.cli.topics import resolve_groups
from bot.common.clock import BEIJING, Clock
from bot.common.settings import load_settings
from bot.core import audit, broadcasts
from bot.core.broadcasts import Audience, BroadcastError, Limits
from bot.core.ticket_filter import GridScope
from bot.store.db import Database
from bot.store.models import OrgUnit

broadcast_app = typer.Typer(help="宣传知识送到家: notices to residents by grid, community, group, colour or tag.",
                            no_args_is_help=True)
console = Console(stderr=True)

PROBLEMS = {"empty": "内容为空", "too_long": "超过短信条数上限", "no_recipients": "没有可送达的居民",
            "over_budget": "超过今日群发短信额度", "not_allowed": "不在辖区内", "unknown_unit": "没有这个单位",
            "duplicate": "30分钟内已向同一对象发过同样内容"}

UnitOption = Annotated[str | None, typer.Option("--unit", "--grid", "--community",
                                                help="grid, community or village: code (XF-G1) or name")]
GroupOption = Annotated[int | None, typer.Option("--group", help="villager group number of the village (1 = 一组)")]
ColourOption = Annotated[str | None, typer.Option("--colour", "--color", help="household colour: red, yellow, green")]
TagOption = Annotated[str | None, typer.Option("--tag", help="household tag, e.g. 留守儿童")]
TextOption = Annotated[str, typer.Option("--text", help="the notice, as residents will read it")]


def _audience(db: Database, unit: str | None, group: int | None, colour: str | None, tag: str | None) -> Audience:
    unit_id = None
    with db.session() as s:
        if group is not None:
            unit_id = resolve_groups(s, [group])[0]
        elif unit:
            unit_id = s.scalar(select(OrgUnit.id).where((OrgUnit.code == unit) | (OrgUnit.name == unit)))
            if unit_id is None:
                raise typer.BadParameter(f"no unit {unit}")
    if colour is not None and colour not in broadcasts.COLOUR_NAMES:
        raise typer.BadParameter("colour is red, yellow or green")
    return Audience(unit_id=unit_id, colour=colour, tag=tag)


def _show(seen: broadcasts.Preview) -> None:
    channels = "，".join(f"{name} {count}" for name, count in sorted(seen.by_channel.items())) or "无"
    console.print(f"对象：{seen.audience_label}；送达 {seen.count} 人（{channels}）；已退订 {seen.opted_out} 人，"
                  f"无联系方式 {seen.unreachable} 人", markup=False, highlight=False)
    console.print(f"{seen.chars} 字，每条短信 {seen.sms_parts} 段，共 {seen.sms_total} 段；"
                  f"今日群发额度剩 {seen.budget_left} 段", markup=False, highlight=False)
    if seen.over_daily_parts:
        console.print(f"{seen.over_daily_parts} 人今日短信已满额，将顺延发送", markup=False, highlight=False)
    for problem in seen.problems:
        console.print(f"不能发送：{PROBLEMS.get(problem, problem)}", style="red", markup=False, highlight=False)


@broadcast_app.command("preview")
def preview(text: TextOption, unit: UnitOption = None, group: GroupOption = None, colour: ColourOption = None,
            tag: TagOption = None) -> None:
    """Who it would reach, on which channel, and how many SMS parts it takes."""
    settings = load_settings()
    db = Database(settings.resolved_database_url)
    try:
        with db.session() as s:
            seen = broadcasts.preview(s, Clock(), GridScope.all(), _audience(db, unit, group, colour, tag), text,
                                      Limits.from_settings(settings))
    except BroadcastError as exc:
        console.print(f"不能发送：{PROBLEMS.get(exc.reason, exc.reason)}", style="red", markup=False)
        raise typer.Exit(1) from None
    finally:
        db.dispose()
    _show(seen)
    raise typer.Exit(1 if seen.problems else 0)


@broadcast_app.command("send")
def send(text: TextOption, unit: UnitOption = None, group: GroupOption = None, colour: ColourOption = None,
         tag: TagOption = None,
         topic: Annotated[str, typer.Option(help="anti_fraud, traffic_safety, policy or other")] = "other",
         title: Annotated[str, typer.Option(help="a short title for the list")] = "") -> None:
    """Queue the notice to everyone the preview reaches; prints its id on the last line."""
    if topic not in broadcasts.TOPICS:
        raise typer.BadParameter(f"topic is one of {', '.join(broadcasts.TOPICS)}")
    settings = load_settings()
    db = Database(settings.resolved_database_url)
    try:
        with db.session() as s:
            sent = broadcasts.send(s, Clock(), GridScope.all(), _audience(db, unit, group, colour, tag), text,
                                   actor=audit.cli_actor(), topic=topic, title=title,
                                   limits=Limits.from_settings(settings))
            console.print(f"已排队：{sent.audience_label} {sent.recipients} 人，短信共 {sent.sms_total} 段",
                          markup=False, highlight=False)
            print(sent.id)
    except BroadcastError as exc:
        console.print(f"未发送：{PROBLEMS.get(exc.reason, exc.reason)}", style="red", markup=False)
        raise typer.Exit(1) from None
    finally:
        db.dispose()


@broadcast_app.command("status")
def status(limit: Annotated[int, typer.Option(help="how many of the newest")] = 10) -> None:
    """The newest broadcasts with their delivery counts (sent, failed, pending, held back)."""
    db = Database(load_settings().resolved_database_url)
    try:
        with db.session() as s:
            listed = broadcasts.recent(s, GridScope.all(), limit)
            counts = broadcasts.deliveries(s, [b.id for b in listed])
    finally:
        db.dispose()
    table = Table("id", "时间", "对象", "标题", "人数", "已发", "失败", "待发", "拦下")
    for b in listed:
        c = counts[b.id]
        table.add_row(str(b.id), b.created_at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M"), b.audience_label, b.title,
                      str(b.recipients), str(c.sent), str(c.failed), str(c.pending), str(c.held_back))
    Console().print(table)

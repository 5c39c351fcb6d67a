"""`bin/bot wechat …`: the Official Account's menu, and a follower's number linked once staff verified it."""

from __future__ import annotations

import typer
from rich.console import Console

from bot.common.clock import Clock
from bot.common.phones import InvalidPhone, mask, to_e164
from bot.common.settings import load_settings
from bot.store.db import Database

wechat_app = typer.Typer(help="The WeChat Official Account: its menu, followers' numbers.", no_args_is_help=True)
console = Console(stderr=True)


@wechat_app.command("menu")
def set_menu() -> None:
    """Set the account's menu: 反映问题 / 查询进度 / 议事投票 / 我的积分 (clicks read as those words)."""
    from bot.channels.wechat import WeChatApi
    from bot.channels.wechat.callback import menu

    settings = load_settings()
    if not (settings.wechat_app_id and settings.wechat_app_secret.get_secret_value()):
        console.print("WECHAT_APP_ID and WECHAT_APP_SECRET are not set")
        raise typer.Exit(2)
    db = Database(settings.resolved_database_url)
    try:
        api = WeChatApi(db, Clock(), settings.wechat_app_id, settings.wechat_app_secret.get_secret_value(),
                        base_url=settings.wechat_api_base_url)
        api.create_menu(menu())
    finally:
        db.dispose()
    console.print("menu set")


@wechat_app.command("link")
def link(openid: str = typer.Option(..., help="the follower's openid (wx:… in the inbox, without wx:)"),
         phone: str = typer.Option(..., help="the number their grid worker verified by calling it")) -> None:
    """Link a follower to their number, after their grid worker verified it: what WeChat cannot deliver
    (outside its 48-hour window) then reaches them by template SMS or a call."""
    from sqlalchemy import select

    from bot.store.channel_models import WeChatIdentity

    try:
        number = to_e164(phone, load_settings().default_region)
    except InvalidPhone:
        console.print("not a phone number")
        raise typer.Exit(2) from None
    address = "wx:" + openid.removeprefix("wx:")
    db = Database(load_settings().resolved_database_url)
    try:
        with db.session() as s:
            row = s.scalar(select(WeChatIdentity).where(WeChatIdentity.address == address))
            if row is None:
                s.add(WeChatIdentity(address=address, phone=number, linked_at=Clock().now()))
            else:
                row.phone, row.linked_at = number, Clock().now()
    finally:
        db.dispose()
    console.print(f"{address[:7]}… linked to {mask(number)}")

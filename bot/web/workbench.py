"""The workbench's context (settings, database, clock, rules, cookies, templates) and who is signed in:
every page but the sign-in form needs someone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from fastapi import Request
from fastapi.templating import Jinja2Templates

from bot.common.clock import Clock
from bot.common.settings import Settings
from bot.core.reply_templates import editable_units
from bot.core.routing_rules import RoutingRules
from bot.core.scopes import Scope, scope_of
from bot.core.staff_accounts import SignInPolicy, session_for
from bot.store.db import Database
from bot.store.photos import PhotoStore
from bot.web.cookies import SESSION_COOKIE, Cookies
from bot.web.render import templates


@dataclass(frozen=True)
class Staff:
    """The signed-in staff member of a request."""

    person_id: int
    name: str
    phone: str
    scope: Scope
    csrf: str
    token: str
    template_units: frozenset[int] = frozenset()  # the units whose 常用回复 they keep (reply_templates)


class NotSignedIn(Exception):
    pass


@dataclass
class Workbench:
    settings: Settings
    db: Database
    clock: Clock
    rules: RoutingRules
    photos: PhotoStore
    policy: SignInPolicy
    cookies: Cookies
    pages: Jinja2Templates

    def staff(self, request: Request) -> Staff:
        """The signed-in staff member (a FastAPI dependency); NotSignedIn sends the browser to sign in."""
        token = self.cookies.session_token(request.cookies.get(SESSION_COOKIE))
        found = None
        if token is not None:
            with self.db.session() as s:
                opened = session_for(s, self.clock, token)
                if opened is not None:
                    person = opened.person
                    found = Staff(person.id, person.name, person.phone or "", scope_of(s, person), opened.csrf_token,
                                  token, editable_units(s, person.id))
        if found is None:
            raise NotSignedIn
        return found


def build(settings: Settings, db: Database, clock: Clock, rules: RoutingRules, photos: PhotoStore) -> Workbench:
    hours = settings.staff_session_hours
    policy = SignInPolicy(max_attempts=settings.staff_lockout_attempts,
                          lockout=timedelta(minutes=settings.staff_lockout_minutes),
                          session_lifetime=timedelta(hours=hours))
    cookies = Cookies(settings.staff_session_secret.get_secret_value(),
                      secure=settings.public_base_url.lower().startswith("https://"), session_seconds=int(hours * 3600))
    return Workbench(settings, db, clock, rules, photos, policy, cookies, templates())

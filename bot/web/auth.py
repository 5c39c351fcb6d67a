"""Signing in and out of the workbench: a staff number and password, the sign-in form's CSRF cookie,
lockout after repeated failures (the core counts them), and the session cookie."""
# No `from __future__ import annotations`: FastAPI reads the routes' Annotated dependencies at definition.
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bot.common.phones import InvalidPhone, to_e164
from bot.core.staff_accounts import sign_in, sign_out
from bot.web.cookies import SIGNIN_COOKIE, csrf_matches
from bot.web.render import CHINA, page
from bot.web.workbench import Staff, Workbench


def _safe_next(target: str) -> str:
    """Only a path of the workbench itself (never another site: //evil.example, https://…)."""
    return target if target.startswith("/staff") and not target.startswith("//") and "\\" not in target else "/staff/"


def router(bench: Workbench) -> APIRouter:
    routes = APIRouter(prefix="/staff", include_in_schema=False)
    SignedIn = Annotated[Staff, Depends(bench.staff)]

    def form(request: Request, *, error: str = "", phone: str = "", next_url: str = "/staff/",
             status_code: int = 200) -> Response:
        # The form's CSRF value goes in the page and, signed, in a cookie the form must come back with.
        token, signed = bench.cookies.new_signin_token()
        context = {"staff": None, "error": error, "phone": phone, "next": next_url, "csrf": token}
        response = page(bench.pages, request, "login.html", context, status_code)
        bench.cookies.set_signin(response, signed)
        return response

    @routes.get("/login", response_class=HTMLResponse)
    def login_page(request: Request, next: str = "/staff/") -> Response:
        return form(request, next_url=_safe_next(next))

    @routes.post("/login")
    def login(request: Request, phone: str = Form(""), password: str = Form(""), csrf: str = Form(""),
              next: str = Form("/staff/")) -> Response:
        if not bench.cookies.signin_token_matches(request.cookies.get(SIGNIN_COOKIE), csrf):
            return form(request, error="页面已过期，请重新登录。", phone=phone, status_code=403)
        try:
            number = to_e164(phone, bench.settings.default_region)
        except InvalidPhone:
            return form(request, error="手机号或密码不对。", phone=phone, status_code=401)
        with bench.db.session() as s:
            result = sign_in(s, bench.clock, bench.policy, number, password)
        if result.outcome == "locked":
            until = result.locked_until.astimezone(CHINA).strftime("%H:%M") if result.locked_until else ""
            return form(request, error=f"密码错误次数过多，账号已锁定，请{until}后再试或联系管理员。", phone=phone,
                        status_code=429)
        if result.outcome != "ok" or result.token is None:
            return form(request, error="手机号或密码不对。", phone=phone, status_code=401)
        response = RedirectResponse(_safe_next(next), status_code=303)
        bench.cookies.set_session(response, result.token)
        response.delete_cookie(SIGNIN_COOKIE, path="/staff")
        return response

    @routes.post("/logout")
    def logout(request: Request, staff: SignedIn, csrf: str = Form("")) -> Response:
        if not csrf_matches(staff.csrf, csrf):
            return page(bench.pages, request, "refused.html", {"staff": staff}, 403)
        with bench.db.session() as s:
            sign_out(s, bench.clock, staff.token)
        response = RedirectResponse("/staff/login", status_code=303)
        bench.cookies.clear_session(response)
        return response

    return routes

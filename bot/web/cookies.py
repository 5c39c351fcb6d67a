"""The workbench's cookies: the session cookie (a signed session token: HttpOnly, SameSite=Lax, Secure
when the public URL is https) and the sign-in form's CSRF cookie (a signed random value the form must
repeat), and the constant-time CSRF check."""

from __future__ import annotations

import hmac
import secrets

from fastapi.responses import Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

SESSION_COOKIE = "gridbot_staff"
SIGNIN_COOKIE = "gridbot_signin"
PATH = "/staff"


class Cookies:
    def __init__(self, secret: str, *, secure: bool, session_seconds: int) -> None:
        self._signer = URLSafeTimedSerializer(secret, salt="gridbot-staff")
        self.secure = secure
        self.session_seconds = session_seconds

    def _set(self, response: Response, name: str, value: str, max_age: int) -> None:
        response.set_cookie(name, value, max_age=max_age, path=PATH, httponly=True, samesite="lax",
                            secure=self.secure)

    def set_session(self, response: Response, token: str) -> None:
        self._set(response, SESSION_COOKIE, self._signer.dumps({"t": token}), self.session_seconds)

    def session_token(self, raw: str | None) -> str | None:
        """The session token in a cookie, if its signature is ours and it is not older than a session lasts."""
        if not raw:
            return None
        try:
            data = self._signer.loads(raw, max_age=self.session_seconds)
        except BadSignature:
            return None
        token = data.get("t") if isinstance(data, dict) else None
        return token if isinstance(token, str) else None

    def clear_session(self, response: Response) -> None:
        response.delete_cookie(SESSION_COOKIE, path=PATH, httponly=True, samesite="lax", secure=self.secure)

    def new_signin_token(self) -> tuple[str, str]:
        """A fresh CSRF value for the sign-in form, and the signed cookie value that goes with it."""
        value = secrets.token_urlsafe(24)
        return value, self._signer.dumps({"s": value})

    def set_signin(self, response: Response, signed: str) -> None:
        self._set(response, SIGNIN_COOKIE, signed, 3600)

    def signin_token_matches(self, raw: str | None, submitted: str) -> bool:
        if not raw or not submitted:
            return False
        try:
            data = self._signer.loads(raw, max_age=3600)
        except BadSignature:
            return False
        value = data.get("s") if isinstance(data, dict) else None
        return isinstance(value, str) and hmac.compare_digest(value, submitted)


def csrf_matches(expected: str, submitted: str) -> bool:
    return bool(submitted) and hmac.compare_digest(expected.encode(), submitted.encode())

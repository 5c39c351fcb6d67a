"""What the actions need at run time, built once when the action server starts.

rasa-sdk instantiates action classes itself, so the context is installed here by `serve()`
(or by a test) before any action runs; it is never built at import time.

The server trusts only the engine: every route but `/health` wants `ACTIONS_AUTH_TOKEN` as
`Authorization: Bearer TOKEN` (endpoints.yml has the engine send it). And the engine knows each
conversation by an opaque id (bot/engine/client.py); `ConversationExecutor` opens it, so an action reads
the sender's address in `tracker.sender_id` as before, and refuses a conversation whose id does not open
(one made up by whoever talks to the engine's REST channel directly).
"""

from __future__ import annotations

import hmac
import logging
from dataclasses import dataclass
from typing import Any

from rasa_sdk.executor import ActionExecutor
from rasa_sdk.interfaces import ActionExecutionRejection

from bot.common.address_cipher import AddressCipher, NotSealed, WrongKey, conversation_cipher
from bot.common.clock import Clock
from bot.common.settings import Settings
from bot.core.knowledge import KnowledgeBase, load_knowledge
from bot.core.routing_rules import RoutingRules, load_rules
from bot.store.db import Database

log = logging.getLogger(__name__)


@dataclass
class ActionContext:
    settings: Settings
    db: Database
    clock: Clock
    rules: RoutingRules  # config/routing.yml (ROUTING_CONFIG), read once when the server starts
    knowledge: KnowledgeBase  # config/knowledge/*.yml (KNOWLEDGE_DIR), indexed once when the server starts


_context: ActionContext | None = None


def configure(context: ActionContext) -> None:
    global _context
    _context = context


def context() -> ActionContext:
    if _context is None:
        raise RuntimeError("the action context is not configured: start the server with `bin/bot actions`")
    return _context


class ConversationExecutor(ActionExecutor):
    """rasa-sdk's executor, with the call's conversation id opened to the sender's address first."""

    def __init__(self, conversations: AddressCipher) -> None:
        super().__init__()
        self.conversations = conversations

    async def run(self, action_call: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        return await super().run(self.opened(action_call), *args, **kwargs)

    def opened(self, action_call: dict[str, Any]) -> dict[str, Any]:
        """The call with the sender's address where the conversation id was; ActionExecutionRejection (400,
        nothing runs) when the id is not one gridbot's engine client made with this key."""
        tracker = dict(action_call.get("tracker") or {})
        try:
            sender = self.conversations.open(str(tracker.get("sender_id") or action_call.get("sender_id") or ""))
        except (NotSealed, WrongKey):
            log.warning("an action call for a conversation gridbot did not start was refused")
            raise ActionExecutionRejection(str(action_call.get("next_action") or ""),
                                           "unknown conversation") from None
        return {**action_call, "sender_id": sender, "tracker": {**tracker, "sender_id": sender}}


def bearer_ok(header: str | None, token: str) -> bool:
    """Whether an Authorization header carries `Bearer TOKEN` (compared in constant time)."""
    scheme, _, given = (header or "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


def create_server(settings: Settings, executor: ActionExecutor | None = None):  # noqa: ANN201  (a Sanic app)
    """The action server's app: rasa-sdk's, with the token check in front (when a token is set) and
    conversation ids opened."""
    from rasa_sdk.endpoint import create_app
    from sanic import response

    executor = executor or ConversationExecutor(conversation_cipher(settings.phone_encryption_key.get_secret_value()))
    executor.register_package("actions")
    app = create_app(executor)
    token = settings.actions_auth_token.get_secret_value()
    if token:
        @app.on_request
        async def _engine_only(request):  # noqa: ANN001, ANN202
            if request.path != "/health" and not bearer_ok(request.headers.get("authorization"), token):
                return response.json({"error": "unauthorized"}, status=401)
            return None
    else:
        log.warning("ACTIONS_AUTH_TOKEN is empty: the action server answers any local process")
    return app


def serve(settings: Settings) -> None:
    """Run the action server on ACTIONS_HOST (loopback by default) in a single process (the context lives in
    this process)."""
    from bot.common.logs import setup_logging

    setup_logging(settings.log_level)
    configure(ActionContext(settings=settings,
                            db=Database(settings.resolved_database_url,
                                        phone_key=settings.phone_encryption_key.get_secret_value()),
                            clock=Clock(), rules=load_rules(settings.routing_config),
                            knowledge=load_knowledge(settings.knowledge_dir)))
    app = create_server(settings)
    log.info("action server on %s:%s", settings.actions_host, settings.actions_port)
    app.run(host=settings.actions_host, port=settings.actions_port, single_process=True, access_log=False,
            motd=False)

"""What the actions need at run time, built once when the action server starts.

rasa-sdk instantiates action classes itself, so the context is installed here by `serve()`
(or by a test) before any action runs; it is never built at import time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

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


def serve(settings: Settings) -> None:
    """Run the action server on 127.0.0.1 in a single process (the context lives in this process)."""
    from rasa_sdk.endpoint import create_app
    from rasa_sdk.executor import ActionExecutor

    from bot.common.logs import setup_logging

    setup_logging(settings.log_level)
    configure(ActionContext(settings=settings, db=Database(settings.resolved_database_url), clock=Clock(),
                            rules=load_rules(settings.routing_config),
                            knowledge=load_knowledge(settings.knowledge_dir)))
    executor = ActionExecutor()
    executor.register_package("actions")
    app = create_app(executor)
    log.info("action server on 127.0.0.1:%s", settings.actions_port)
    app.run(host="127.0.0.1", port=settings.actions_port, single_process=True, access_log=False,
            motd=False)

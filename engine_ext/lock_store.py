"""A Redis lock store whose every read-modify-write of a conversation's lock is one Redis transaction.

Rasa 3.6's `RedisLockStore` reads a conversation's `TicketLock`, changes it in Python and writes it back in
separate steps. Two engine replicas taking a ticket for the same conversation at the same moment can both read
the same lock and both write it back, each with its own ticket appended to the old list: one of the tickets is
lost and both replicas believe they are being served, so one conversation runs two turns at once. The fix that
went upstream (RasaHQ/rasa#11256) was reverted from the open-source line (#11428).

This subclass keeps Rasa's ticket algorithm and storage format (a JSON `TicketLock` per key) and changes only
how it is written: issuing a ticket, dropping expired ones, finishing a ticket and deleting an empty lock each
run under `WATCH` + `MULTI`/`EXEC` and are retried when another process changed the key in between. Loaded
by `endpoints.yml` (`lock_store: type: engine_ext.lock_store.AtomicRedisLockStore`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)


class AtomicRedisLockStore(RedisLockStore):
    """Rasa's Redis lock store, with each change of a lock made atomically (optimistic WATCH/MULTI)."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        # Rasa builds a custom lock store as `cls(endpoint_config=...)`; tests may pass keyword arguments.
        if endpoint_config is not None:
            options = dict(endpoint_config.kwargs)
            options.pop("type", None)
            kwargs = {"host": endpoint_config.url or "localhost", **options, **kwargs}
        super().__init__(**kwargs)

    def _change(self, conversation_id: str, change: Callable[[TicketLock | None], TicketLock | None]) -> Any:
        """Apply `change` to the stored lock in one transaction; it returns the lock to store, or None to delete.

        `change` may run more than once (when another process wrote the key meanwhile); it returns what the
        last, successful run returned.
        """
        key = self.key_prefix + conversation_id
        outcome: dict[str, Any] = {}

        def attempt(pipe: Any) -> None:
            raw = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(raw)) if raw else None
            result = change(lock)
            pipe.multi()
            if result is None:
                pipe.delete(key)
            else:
                pipe.set(key, result.dumps())
            outcome["lock"] = result

        self.red.transaction(attempt, key)
        return outcome.get("lock")

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        issued: dict[str, int] = {}

        def take(lock: TicketLock | None) -> TicketLock:
            lock = lock or self.create_lock(conversation_id)
            issued["ticket"] = lock.issue_ticket(lock_lifetime)
            return lock

        try:
            self._change(conversation_id, take)
        except Exception as error:  # the same contract as Rasa's: any failure is a LockError
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error
        return issued["ticket"]

    def update_lock(self, conversation_id: str) -> None:
        def drop_expired(lock: TicketLock | None) -> TicketLock | None:
            if lock is None:
                return None
            lock.remove_expired_tickets()
            return lock

        self._change(conversation_id, drop_expired)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self.cleanup(conversation_id, ticket_number)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Remove the ticket and, if nobody else is waiting, the lock: one step, so no new ticket is lost."""

        def finish(lock: TicketLock | None) -> TicketLock | None:
            if lock is None:
                return None
            lock.remove_ticket_for(ticket_number)
            return lock if lock.is_someone_waiting() else None

        self._change(conversation_id, finish)


"""Plain, detached views of stored rows, for the layers above the store (sync,
accounts, the CLI and the app) to pass around without a session."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import Account


@dataclass(frozen=True)
class AccountInfo:
    """A detached, secret-free view of an account row."""

    id: int
    name: str
    kind: str
    base_url: str
    credential: str
    options: dict[str, Any]
    state: str
    last_sync_at: str | None
    last_error: str | None

    @classmethod
    def of(cls, a: Account) -> "AccountInfo":
        return cls(a.id, a.name, a.kind, a.base_url, a.credential, dict(a.options or {}), a.state,
                   a.last_sync_at.isoformat() if a.last_sync_at else None, a.last_error)

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "url": self.base_url,
                "credential": self.credential, "state": self.state,
                "last_sync": self.last_sync_at, "last_error": self.last_error}

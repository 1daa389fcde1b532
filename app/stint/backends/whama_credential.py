"""What a Whama account signs in with: an API key, or the tokens of an OAuth
sign-in (see whama_oauth). One keyring string holds it: `to_secret()` writes
JSON, `from_secret()` also reads a bare sk_ key."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime

from stint.backends.base import Secret

API_KEY_PREFIXES = ("sk_live_", "sk_test_")


@dataclass(frozen=True)
class WhamaCredential:
    api_key: Secret | None = None
    client_id: str = ""
    client_secret: Secret | None = None
    access_token: Secret | None = None
    refresh_token: Secret | None = None
    expires_at: datetime | None = None  # of the access token, UTC

    @classmethod
    def from_secret(cls, text: str) -> WhamaCredential:
        text = text.strip()
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if not isinstance(data, dict):
            return cls(api_key=Secret(text))

        def secret(key: str) -> Secret | None:
            value = data.get(key)
            return Secret(value) if isinstance(value, str) and value else None

        expires = data.get("expires_at")
        client_id = data.get("client_id")
        return cls(
            api_key=secret("api_key"),
            client_id=client_id if isinstance(client_id, str) else "",
            client_secret=secret("client_secret"),
            access_token=secret("access_token"),
            refresh_token=secret("refresh_token"),
            expires_at=datetime.fromisoformat(expires) if isinstance(expires, str) else None,
        )

    def to_secret(self) -> str:
        fields: dict[str, object] = {
            "api_key": self.api_key, "client_id": self.client_id,
            "client_secret": self.client_secret, "access_token": self.access_token,
            "refresh_token": self.refresh_token,
            "expires_at": self.expires_at.isoformat() if self.expires_at else None,
        }
        return json.dumps({
            k: v.reveal() if isinstance(v, Secret) else v for k, v in fields.items() if v
        })

    def with_tokens(self, access: str, refresh: str | None,
                    expires_at: datetime | None) -> WhamaCredential:
        kept = Secret(refresh) if refresh else self.refresh_token
        return replace(self, access_token=Secret(access), refresh_token=kept,
                       expires_at=expires_at)

    def secrets(self) -> tuple[str, ...]:
        held = (self.api_key, self.client_secret, self.access_token, self.refresh_token)
        return tuple(s.reveal() for s in held if s is not None)

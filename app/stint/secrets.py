"""Where account credentials live: the OS keyring, or an environment variable.

DESIGN invariant 6: a secret never reaches the database, a config file or a log.
The database only records *where* the secret is ("keyring" or "env:VAR"); the
value is fetched at each use and registered with the log redactor.

The OS keyring (Secret Service, macOS Keychain, Windows Credential Locker) is used
through the `keyring` library so each platform's own store holds the token.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from .domain.errors import Refused, UsageError
from .logs import register_secret

SERVICE = "stint"
KEYRING = "keyring"
ENV_PREFIX = "env:"


class SecretStore(Protocol):
    def available(self) -> bool: ...
    def get(self, name: str) -> str | None: ...
    def set(self, name: str, value: str) -> None: ...
    def delete(self, name: str) -> None: ...


class KeyringStore:
    """The OS keyring: service "stint", username = the account name."""

    def available(self) -> bool:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
        # A chainer with no real backend behind it reports priority 0 and fails too.
        return not isinstance(backend, (fail.Keyring, null.Keyring)) and _priority(backend) > 0

    def get(self, name: str) -> str | None:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(SERVICE, name)
        except KeyringError as exc:
            raise Refused(f"cannot read the OS keyring: {type(exc).__name__}") from None

    def set(self, name: str, value: str) -> None:
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(SERVICE, name, value)
        except KeyringError as exc:
            raise Refused(f"cannot write to the OS keyring: {type(exc).__name__}") from None

    def delete(self, name: str) -> None:
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        try:
            keyring.delete_password(SERVICE, name)
        except PasswordDeleteError:
            pass  # already gone: removing an account must still succeed
        except KeyringError as exc:
            raise Refused(f"cannot remove the secret from the OS keyring: {type(exc).__name__}") from None


def _priority(backend: object) -> float:
    try:
        return float(getattr(backend, "priority", 1))
    except Exception:  # noqa: BLE001 - some backends compute priority and may raise
        return 0.0


NO_KEYRING = (
    "no OS keyring is available here (headless session?): "
    "use --token-env VAR to read the token from an environment variable instead"
)
NO_KEYRING_PASSWORD = (
    "no OS keyring is available here (headless session?): "
    "use --password-env VAR to read the password from an environment variable instead"
)


def env_credential(var: str) -> str:
    if not var or not all(ch.isalnum() or ch == "_" for ch in var):
        raise UsageError(f"not an environment variable name: {var!r}")
    return ENV_PREFIX + var


def resolve(credential: str, account: str, store: SecretStore, env: Mapping[str, str]) -> str:
    """The secret an account's `credential` points to. Raises Refused (never with the
    value in the message) when it cannot be found."""
    if credential.startswith(ENV_PREFIX):
        var = credential[len(ENV_PREFIX):]
        value = env.get(var, "")
        if not value:
            raise Refused(f"account {account}: environment variable {var} is not set")
    elif credential == KEYRING:
        value = store.get(account) or ""
        if not value:
            raise Refused(f"account {account}: no token in the OS keyring; add the account again")
    else:
        raise Refused(f"account {account}: unknown credential source {credential!r}")
    register_secret(value)
    return value

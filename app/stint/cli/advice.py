"""What the CLI tells a person to do about an account: the command that signs it in
again, worded from how it was signed in (a token or a password, kept in the keyring
or read from a variable, or the browser). `stint sync` and `stint status` say the
same. Pure: no database, no registry."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ENV_PREFIX = "env:"


def signin_command(name: str, credential: str, options: Mapping[str, Any]) -> str:
    """`stint account signin NAME ...` with the flags this account signs in with."""
    username = options.get("username")
    variable = credential[len(ENV_PREFIX):] if credential.startswith(ENV_PREFIX) else None
    if options.get("client_id") and variable is None and not username:
        flags = "--oauth"
    elif username:
        password = f"--password-env {variable}" if variable else "--password-stdin"
        flags = f"--username {username} {password}"
    else:
        flags = f"--token-env {variable}" if variable else "--token-stdin"
    return f"stint account signin {name} {flags}"


def signin_advice(name: str, credential: str, options: Mapping[str, Any]) -> str:
    """What to run to sign in again, as a parenthesis-free phrase:
    "`stint account signin work --token-stdin`" (and where a new secret goes)."""
    command = f"`{signin_command(name, credential, options)}`"
    if credential.startswith(ENV_PREFIX):
        return f"{command} once ${credential[len(ENV_PREFIX):]} holds the new secret"
    return command

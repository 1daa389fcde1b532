"""The sign-in command the CLI advises, from how the account was signed in."""

from __future__ import annotations

import pytest

from stint.cli.advice import signin_advice, signin_command


@pytest.mark.parametrize(("credential", "options", "flags"), [
    ("keyring", {}, "--token-stdin"),
    ("env:WAPIFY_TOKEN", {}, "--token-env WAPIFY_TOKEN"),
    ("keyring", {"username": "alice"}, "--username alice --password-stdin"),
    ("env:WEKAN_PW", {"username": "alice"}, "--username alice --password-env WEKAN_PW"),
    ("keyring", {"client_id": "stint-desktop"}, "--oauth"),
])
def test_the_command_signs_in_the_way_the_account_was(credential: str, options: dict[str, str],
                                                       flags: str) -> None:
    assert signin_command("work", credential, options) == f"stint account signin work {flags}"


def test_an_env_credential_says_where_the_new_secret_goes() -> None:
    assert signin_advice("w", "env:T", {}) == "`stint account signin w --token-env T` once $T holds the new secret"
    assert signin_advice("w", "keyring", {}) == "`stint account signin w --token-stdin`"

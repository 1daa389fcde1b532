"""Signing in to TimeTagger without a browser: username and password → API token.

TimeTagger's sign-in is "bootstrapped": POST /api/v2/bootstrap_authentication with
a body that is base64 of a JSON object gives a web token (valid 14 days); GET
/api/v2/apitoken with that web token gives a long-lived API token, which is what
an account stores. `reset=True` asks for a new API token and revokes the older ones.

The bootstrap body is not JSON: `http.send` sends it as `content`.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx

from stint.backends.base import AuthRejected, BadResponse, Offline, Rejected
from stint.backends.http import MAX_ERROR_BYTES, check_url, send
from stint.backends.parse import Obj
from stint.domain.clock import Clock

API = "/api/v2"


def obtain_token(
    client: httpx.Client,
    base_url: str,
    username: str,
    password: str,
    *,
    reset: bool = False,
    allow_insecure: bool = False,
    clock: Clock | None = None,
) -> str:
    """An API token for `username` on the TimeTagger at `base_url` (its /timetagger root).

    A wrong username or password is AuthRejected with the server's words.
    """
    method = {"method": "usernamepassword", "username": username, "password": password}
    return _api_token(client, base_url, method, (password,), reset, allow_insecure, clock)


def obtain_token_localhost(
    client: httpx.Client, base_url: str, *, reset: bool = False, clock: Clock | None = None
) -> str:
    """An API token for TimeTagger's `defaultuser`, which the server grants without a
    password only when it is bound to 127.0.0.1 and asked on that address."""
    return _api_token(client, base_url, {"method": "localhost"}, (), reset, False, clock)


def _api_token(
    client: httpx.Client,
    base_url: str,
    method: dict[str, str],
    secrets: tuple[str, ...],
    reset: bool,
    allow_insecure: bool,
    clock: Clock | None,
) -> str:
    root = check_url(base_url, allow_insecure=allow_insecure) + API
    web_token = _bootstrap(client, root + "/bootstrap_authentication", method, secrets, clock)
    reply = send(
        client, "GET", root + "/apitoken",
        params={"reset": "1"} if reset else None,
        headers={"authtoken": web_token},
        secrets=(web_token, *secrets),
        clock=clock,
        server="TimeTagger",
    )
    return _token(reply.json())


def _bootstrap(
    client: httpx.Client,
    url: str,
    method: dict[str, str],
    secrets: tuple[str, ...],
    clock: Clock | None,
) -> str:
    body = base64.b64encode(json.dumps(method).encode())
    try:
        # A token is a few hundred bytes; anything this large is not a sign-in reply.
        reply = send(client, "POST", url, content=body, headers={"Content-Type": "text/plain"},
                     secrets=secrets, clock=clock, max_bytes=MAX_ERROR_BYTES, server="TimeTagger")
    except Offline as exc:
        # Asking for a web token changes nothing on the server, so a lost reply is
        # never "maybe applied": asking again is always safe.
        raise Offline(f"cannot sign in: {exc.message}", maybe_applied=False) from None
    except Rejected as exc:
        # 403 is TimeTagger's answer to a wrong username or password (and to the
        # localhost method asked from elsewhere): a credential refusal, not an op's.
        if exc.status == 403:
            raise AuthRejected(f"TimeTagger refused the sign-in: {exc.message}") from None
        raise
    return _token(reply.json())


def _token(data: Any) -> str:
    token = Obj(data).text("token")
    if not token.strip():
        raise BadResponse("reply.token: empty")
    return token


def username_of(token: str) -> str | None:
    """The username inside a TimeTagger token (a JWT), for display; None if unreadable.

    The signature is not checked: this only names who we are, the server decides.
    """
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError):
        return None
    name = claims.get("username") if isinstance(claims, dict) else None
    return name if isinstance(name, str) and name else None

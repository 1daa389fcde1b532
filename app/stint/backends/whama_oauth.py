"""Signing in to Whama with OAuth 2.0 Authorization Code + PKCE (Whama's API
Documentation) from a desktop app, as RFC 8252 says: the browser goes to the authorize
page, the redirect comes back to a one-shot listener on 127.0.0.1 at a free port,
and the code is traded for tokens together with the PKCE verifier.

Qt-free: the browser is opened by an injected callable (default webbrowser.open),
so tests follow the redirect with httpx instead. The `state` is random and a
callback whose state differs is refused: it did not come from our request.
Tokens leave only through the returned credential (and, refreshed, through the
backend's `keep_secret`); they are never logged, and every error message is redacted.

Assumptions where the document is silent (tests/fakes/whama.py makes its own):
- The authorize page is on the web host: the API host without a leading "api."
  (https://api.whama.co → https://whama.co/oauth/authorize); the token endpoint
  is POST {API host}/oauth/token with a JSON body, as the document shows.
- A desktop app is a public client: client_secret is sent only when the account
  has one. The redirect is http://127.0.0.1:<port>/callback.
- The token reply holds the RFC 6749 fields access_token, refresh_token and
  expires_in (seconds), at the top level or inside the envelope's "data".
- Refreshing is POST /oauth/token {"grant_type": "refresh_token", "client_id",
  "refresh_token"}; a reply without a refresh_token keeps the old one.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import webbrowser
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import httpx

from stint.backends.base import AuthRejected, BadResponse, Rejected, Secret
from stint.backends.http import send
from stint.backends.parse import Obj
from stint.backends.whama_credential import WhamaCredential
from stint.domain.clock import Clock

DEFAULT_SCOPE = "tasks:read tasks:write boards:read user:read"
CALLBACK_PATH = "/callback"
Opener = Callable[[str], Any]


def pkce_pair() -> tuple[str, str]:
    """A code_verifier (RFC 7636: 43–128 unreserved characters) and its S256 challenge."""
    verifier = secrets.token_urlsafe(64)  # 86 characters
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def authorize_endpoint(api_url: str) -> str:
    parts = urlsplit(api_url)
    host = parts.netloc[4:] if parts.netloc.startswith("api.") else parts.netloc
    return f"{parts.scheme}://{host}/oauth/authorize"


def authorize_url(endpoint: str, client_id: str, redirect_uri: str, state: str,
                  challenge: str, scope: str = DEFAULT_SCOPE) -> str:
    query = urlencode({
        "client_id": client_id, "redirect_uri": redirect_uri, "response_type": "code",
        "scope": scope, "state": state, "code_challenge": challenge,
        "code_challenge_method": "S256",
    })
    return f"{endpoint}?{query}"


class LoopbackListener:
    """Waits for one redirect to http://127.0.0.1:<port>/callback (RFC 8252 §7.3)."""

    def __init__(self) -> None:
        self._got = threading.Event()
        self.params: dict[str, str] = {}
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                split = urlsplit(self.path)
                if split.path != CALLBACK_PATH or listener._got.is_set():
                    self.send_error(404)  # a favicon, a second try: not ours
                    return
                listener.params = dict(parse_qsl(split.query, keep_blank_values=True))
                page = b"<html><body>Stint: you can close this tab.</body></html>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)
                listener._got.set()

            def log_message(self, format: str, *args: Any) -> None:
                pass  # the query holds the code: it must not reach stderr

        self._server = HTTPServer(("127.0.0.1", 0), Handler)
        self.redirect_uri = f"http://127.0.0.1:{self._server.server_address[1]}{CALLBACK_PATH}"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        daemon=True)

    @contextmanager
    def running(self) -> Iterator[LoopbackListener]:
        self._thread.start()
        try:
            yield self
        finally:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join()

    def wait(self, timeout: float) -> dict[str, str]:
        if not self._got.wait(timeout):
            raise AuthRejected("no answer from the browser sign-in in time; try again")
        return self.params


def sign_in(
    client: httpx.Client,
    api_url: str,
    client_id: str,
    *,
    client_secret: str | None = None,
    clock: Clock,
    open_browser: Opener = webbrowser.open,
    authorize: str | None = None,
    scope: str = DEFAULT_SCOPE,
    timeout: float = 300.0,
) -> WhamaCredential:
    """Run the whole browser sign-in; return the credential to keep in the keyring."""
    verifier, challenge = pkce_pair()
    state = secrets.token_urlsafe(24)
    with LoopbackListener().running() as listener:
        url = authorize_url(authorize or authorize_endpoint(api_url), client_id,
                            listener.redirect_uri, state, challenge, scope)
        open_browser(url)
        params = listener.wait(timeout)
    if not secrets.compare_digest(params.get("state", ""), state):
        raise AuthRejected("the sign-in answer did not come from this request (state mismatch);"
                           " refused")
    if "error" in params:
        raise AuthRejected(f"Whama sign-in refused: {params.get('error_description') or params['error']}")
    code = params.get("code", "")
    if not code:
        raise AuthRejected("the Whama sign-in answer carried no code")
    body = {"grant_type": "authorization_code", "client_id": client_id, "code": code,
            "redirect_uri": listener.redirect_uri, "code_verifier": verifier}
    base = WhamaCredential(client_id=client_id,
                           client_secret=Secret(client_secret) if client_secret else None)
    return _token_request(client, api_url, base, body, clock, hide=(code, verifier))


def refresh(client: httpx.Client, api_url: str, credential: WhamaCredential,
            clock: Clock) -> WhamaCredential:
    """Trade the refresh token for new tokens; AuthRejected when it no longer works."""
    if credential.refresh_token is None:
        raise AuthRejected("the Whama sign-in expired; sign in again")
    body = {"grant_type": "refresh_token", "client_id": credential.client_id,
            "refresh_token": credential.refresh_token.reveal()}
    return _token_request(client, api_url, credential, body, clock, hide=())


def _token_request(client: httpx.Client, api_url: str, base: WhamaCredential,
                   body: dict[str, str], clock: Clock, hide: tuple[str, ...]) -> WhamaCredential:
    if base.client_secret is not None:
        body["client_secret"] = base.client_secret.reveal()
    parts = urlsplit(api_url)
    hidden = (*hide, *base.secrets())
    try:
        reply = send(client, "POST", f"{parts.scheme}://{parts.netloc}/oauth/token",
                     json_body=body, secrets=hidden, clock=clock, server="Whama")
    except Rejected as exc:
        # invalid_grant and friends: the code or refresh token cannot be used.
        raise AuthRejected(f"Whama refused the sign-in: {exc.message}") from None
    data = Obj(reply.json())
    tokens = data.obj("data") if data.has("data") else data
    access, expires_in = tokens.text("access_token"), tokens.opt_integer("expires_in")
    fresh = tokens.opt_text("refresh_token")
    if not access:
        raise BadResponse("Whama answered the sign-in with an empty token")
    expires_at: datetime | None = None
    if expires_in is not None:
        expires_at = clock.now() + timedelta(seconds=expires_in)
    return base.with_tokens(access, fresh, expires_at)

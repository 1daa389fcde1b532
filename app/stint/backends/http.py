"""The HTTP border every adapter shares: safe clients, capped reads, error translation.

An adapter calls `send()`; what comes back is a 2xx `Reply` whose body was read
with a size cap, and everything else leaves as an error of `stint.backends.base`
with the secrets redacted from its message. What differs between servers comes in
as arguments, not as a copy of `send`: the credential as headers or as an `auth`
(a `RenewingAuth` renews it and retries once on a 401), `on_reply` to see every
answer (rate-limit headers), `rejection_message` to read a server's own error
envelope.
"""

from __future__ import annotations

import html
import ipaddress
import json
import logging
import os
import re
import ssl
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

import httpx

from stint import __version__
from stint.backends.auth import RenewingAuth
from stint.backends.base import (
    AuthRejected,
    BackendError,
    BadResponse,
    InvalidURL,
    NotTheServer,
    Offline,
    RateLimited,
    Rejected,
    ServerError,
)
from stint.domain.clock import Clock, SystemClock

log = logging.getLogger("stint.backends")

USER_AGENT = f"Stint/{__version__} (httpx/{httpx.__version__})"
DEFAULT_TIMEOUT = httpx.Timeout(15.0, connect=5.0)
MAX_BODY_BYTES = 5 * 1024 * 1024
# An error page is only read for its message; a huge one is cut, not refused.
MAX_ERROR_BYTES = 64 * 1024
DEFAULT_RETRY_AFTER = 30.0
# X-RateLimit-Reset is an epoch on some servers and a delay on others; a delay of
# more than ~3 years is not a delay.
_EPOCH_THRESHOLD = 100_000_000


def check_url(url: str, *, allow_insecure: bool = False) -> str:
    """Return `url` without a trailing slash, or raise InvalidURL saying why not.

    Plain http is refused unless the host is this machine: a Bearer token sent in
    clear over a network is a token given away.
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidURL(f"not an http(s) URL: {parts.scheme or '?'}://{parts.hostname or '?'}")
    if parts.username or parts.password:
        raise InvalidURL("put credentials in the account settings, not in the URL")
    if parts.scheme == "http" and not allow_insecure and not is_loopback(parts.hostname):
        raise InvalidURL(
            f"refusing plain http to {parts.hostname}: use https "
            "(or allow insecure connections for this account)"
        )
    return url.strip().rstrip("/")


def is_loopback(host: str) -> bool:
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def make_client(
    *,
    timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
    transport: httpx.BaseTransport | None = None,
    ca_file: str | None = None,
) -> httpx.Client:
    """A client that verifies TLS (against `ca_file` too, for self-hosted CAs)."""
    verify = _default_tls() if ca_file is None else ssl.create_default_context(cafile=ca_file)
    return httpx.Client(
        timeout=timeout,
        verify=verify,
        transport=transport,
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
    )


_TLS: dict[tuple[str | None, str | None], ssl.SSLContext] = {}


def _default_tls() -> ssl.SSLContext:
    """The verifying context httpx builds for verify=True, made once per process
    (loading the CA bundle costs tens of milliseconds, once per sync cycle
    otherwise). Keyed by the variables that choose the bundle, as httpx reads them."""
    key = (os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))
    context = _TLS.get(key)
    if context is None:
        context = _TLS.setdefault(key, httpx.create_ssl_context(verify=True))
    return context


def redact(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


@dataclass(frozen=True)
class Reply:
    status: int
    headers: httpx.Headers
    body: bytes
    server: str = ""  # the kind of server asked ("Redmine"), for a reply that is not its own

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except (ValueError, UnicodeDecodeError, RecursionError):
            raise self.not_json() from None

    def not_json(self) -> BadResponse:
        """The error for a 2xx reply that is not JSON: most likely an address that
        answers but is not the server's API (a web page, another product, a login
        page of a proxy or hotspot in the way)."""
        head = self.body[:512].lstrip().lower()
        kind = self.headers.get("content-type", "").split(";")[0].strip().lower()
        if not head:
            what = "an empty reply"
        elif kind in ("text/html", "application/xhtml+xml") or head.startswith((b"<!doctype html", b"<html")):
            what = "an HTML page"
        else:
            what = "something that is not JSON"
        if not self.server:
            return BadResponse(f"the server's reply is not valid JSON ({what})")
        return NotTheServer(f"this is not a {self.server} server, or not its API address: "
                            f"it answered with {what}")


def send(
    client: httpx.Client,
    method: str,
    url: str,
    *,
    params: Mapping[str, str] | None = None,
    json_body: Any = None,
    headers: Mapping[str, str] | None = None,
    secrets: Iterable[str] = (),
    clock: Clock | None = None,
    max_bytes: int = MAX_BODY_BYTES,
    content: bytes | None = None,
    auth: httpx.Auth | None = None,
    on_reply: Callable[[Reply], None] | None = None,
    rejection_message: Callable[[bytes], str] | None = None,
    server: str = "",
) -> Reply:
    """Make one request; return a 2xx reply or raise the matching BackendError.

    `content` is a body that is not JSON (give its Content-Type in `headers`);
    `auth` puts the credential on the request (its secrets are redacted too);
    `on_reply` sees every answer, 2xx or not, before it is returned or raised;
    `rejection_message` reads the server's words from a permanent refusal's body
    ("" to fall back to the usual reading); `server` names the kind of server
    asked, so that a reply that is not JSON says it is not that server."""
    # The URL is split only where it is needed (an error names its host, a debug
    # line its path): a long drain makes a thousand of these calls.
    started = time.monotonic()
    try:
        with client.stream(method, url, params=params, json=json_body, content=content, headers=headers,
                           auth=httpx.USE_CLIENT_DEFAULT if auth is None else auth) as response:
            ok = 200 <= response.status_code < 300
            body = _read_capped(response, max_bytes if ok else MAX_ERROR_BYTES, strict=ok)
            status, response_headers = response.status_code, response.headers
    except httpx.TransportError as exc:
        raise _offline(exc, _host(url), _hidden(secrets, auth)) from exc
    except httpx.DecodingError:
        raise BadResponse(f"{_host(url)} sent a body that cannot be decoded") from None
    except httpx.InvalidURL as exc:
        raise InvalidURL(redact(str(exc), _hidden(secrets, auth))) from None
    if log.isEnabledFor(logging.DEBUG):
        log.debug(
            "%s %s -> %d (%d bytes, %.0f ms)",
            method, urlsplit(url).path, status, len(body), (time.monotonic() - started) * 1000,
        )
    reply = Reply(status, response_headers, body, server)
    if on_reply is not None:
        on_reply(reply)
    if 200 <= status < 300:
        return reply
    now = (clock or SystemClock()).now()
    raise error_for_status(status, response_headers, body, now=now, secrets=_hidden(secrets, auth),
                           rejection_message=rejection_message)


def _hidden(secrets: Iterable[str], auth: httpx.Auth | None) -> tuple[str, ...]:
    """What to redact: the caller's secrets and, read now, every one the auth held
    (a renewal during the request adds some)."""
    held = auth.secrets() if isinstance(auth, RenewingAuth) else ()
    return (*secrets, *held)


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or "?"
    except ValueError:
        return "?"


def _read_capped(response: httpx.Response, limit: int, *, strict: bool) -> bytes:
    declared = response.headers.get("content-length", "")
    if strict and declared.isdigit() and int(declared) > limit:
        raise BadResponse(f"the server's reply is over {limit // 1024} KiB")
    chunks: list[bytes] = []
    size = 0
    # iter_bytes() decodes gzip first, so the cap also stops a compression bomb.
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            if strict:
                raise BadResponse(f"the server's reply is over {limit // 1024} KiB")
            chunks.append(chunk[: len(chunk) - (size - limit)])
            break
        chunks.append(chunk)
    return b"".join(chunks)


def _offline(exc: httpx.TransportError, host: str, secrets: tuple[str, ...]) -> Offline:
    # Before the request was sent it cannot have been applied; after, it may have.
    never_sent = isinstance(
        exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.ProxyError)
    )
    if isinstance(exc, httpx.ConnectTimeout):
        what = "timed out connecting"
    elif isinstance(exc, httpx.ReadTimeout):
        what = "no reply in time"
    elif isinstance(exc, httpx.ConnectError) and "CERTIFICATE_VERIFY_FAILED" in str(exc):
        what = "its TLS certificate is not trusted"
    elif isinstance(exc, httpx.ConnectError):
        what = "cannot connect"
    elif isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)):
        what = "the connection dropped"
    else:
        what = type(exc).__name__
    detail = redact(str(exc), secrets)
    message = f"{host}: {what}" + (f" ({detail})" if detail and detail != what else "")
    return Offline(message, maybe_applied=not never_sent)


def error_for_status(
    status: int,
    headers: Mapping[str, str],
    body: bytes,
    *,
    now: datetime,
    secrets: Iterable[str] = (),
    rejection_message: Callable[[bytes], str] | None = None,
) -> BackendError:
    """The error a non-2xx answer means. Shared by every adapter; a server with its
    own error envelope reads a permanent refusal's words with `rejection_message`."""
    message = redact(server_message(status, headers, body), tuple(secrets))
    if status == 401:
        return AuthRejected(f"the server refused the credential: {message}")
    if status == 429:
        delay = retry_delay(headers, now)
        return RateLimited(
            f"rate limited: {message}",
            retry_after=DEFAULT_RETRY_AFTER if delay is None else delay,
        )
    if status == 408:
        return Offline(f"the server timed out reading the request: {message}", maybe_applied=False)
    if status >= 500:
        delay = retry_delay(headers, now)
        return ServerError(f"server error {status}: {message}", status=status, retry_after=delay)
    if 300 <= status < 400:
        return Rejected(f"the server redirected ({status}); check the URL", status)
    if rejection_message is not None:
        message = redact(rejection_message(body), tuple(secrets)) or message
    return Rejected(message, status)


def server_message(status: int, headers: Mapping[str, str], body: bytes) -> str:
    """The server's own words where it gave some, else the HTTP reason phrase; always
    one line. JSON is read for the usual error members, whatever the envelope; an
    HTML page gives its title; any other text its first line."""
    text = ""
    try:
        text = _message_from_json(json.loads(body))
    except (ValueError, UnicodeDecodeError, RecursionError):
        text = _message_from_text(headers.get("content-type", ""), body)
    text = " ".join(text.split())
    if not text:
        try:
            text = f"HTTP {status} {HTTPStatus(status).phrase}"
        except ValueError:
            text = f"HTTP {status}"
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 3] + "..."


MAX_MESSAGE = 300
_MESSAGE_KEYS = ("message", "detail", "error_description", "reason", "msg", "title", "description")
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)


def _message_from_json(data: Any, depth: int = 0) -> str:
    if isinstance(data, str):
        return data.strip()
    if not isinstance(data, dict) or depth > 2:
        return ""
    for key in _MESSAGE_KEYS:
        if isinstance(data.get(key), str) and data[key].strip():
            return str(data[key]).strip()
    error = data.get("error")
    if isinstance(error, str):
        return error
    if isinstance(error, dict):
        return _message_from_json(error, depth + 1)
    errors = data.get("errors")
    if isinstance(errors, dict):
        errors = [m for v in errors.values() for m in (v if isinstance(v, list) else [v])]
    if isinstance(errors, list):
        found = (_message_from_json(e, depth + 1) for e in errors)
        return "; ".join(m for m in found if m)
    return ""


def _message_from_text(content_type: str, body: bytes) -> str:
    """A page that is not JSON: an HTML page's title (a proxy's "502 Bad Gateway"),
    else the first line of plain text; nothing from a body that is not text."""
    kind = content_type.split(";")[0].strip().lower()
    head = body[:MAX_ERROR_BYTES].lstrip()
    if kind in ("text/html", "application/xhtml+xml") or head[:1] == b"<":
        found = _TITLE.search(head)
        if found is None:
            return ""
        return html.unescape(found.group(1).decode("utf-8", "replace"))
    if kind and not (kind.startswith("text/") or kind.endswith(("json", "+xml", "/xml"))):
        return ""
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return ""
    if any(ord(ch) < 32 and ch not in "\t\r\n" for ch in text):
        return ""  # binary, whatever it says it is
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def retry_delay(headers: Mapping[str, str], now: datetime) -> float | None:
    """Seconds to wait, from Retry-After (seconds or HTTP-date) or X-RateLimit-Reset."""
    value = headers.get("retry-after")
    if value:
        delay = parse_retry_after(value, now)
        if delay is not None:
            return delay
    value = headers.get("x-ratelimit-reset")
    return parse_rate_limit_reset(value, now) if value else None


def parse_retry_after(value: str, now: datetime) -> float | None:
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # RFC 9110 dates are GMT even when they fail to say so
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - now).total_seconds())


def parse_rate_limit_reset(value: str, now: datetime) -> float | None:
    try:
        number = float(value.strip())
    except ValueError:
        return None
    if number > _EPOCH_THRESHOLD:
        return max(0.0, number - now.timestamp())
    return max(0.0, number)

"""What every fake server shares: one pure app, served two ways, failing on demand.

A fake subclasses `FakeServer` and implements `handle(FakeRequest) -> FakeResponse`
over its in-memory state. The same object then answers

- in-process: `httpx.Client(transport=fake.transport())`, nothing patched;
- over a real socket: `with fake.serve() as base_url:` (ThreadingHTTPServer on
  127.0.0.1, a free port, one thread per connection).

Faults are queued with `fail(kind, method=..., path=..., times=N)`; `path` is an
fnmatch pattern on the URL path ("*/start"). Kinds:

    down            connection refused; nothing applied
    slow            answer after the client gave up (ReadTimeout); applied unless apply=False
    error           an HTTP error status (500 unless status=...); nothing applied
    rate_limit      429 with the given headers (Retry-After, X-RateLimit-Reset)
    drop            apply the request, then close the connection without answering
    invalid_json    applied; the body is not JSON
    wrong_types     applied; ints and strings inside "data" swap types
    missing_fields  applied; ids and other required keys inside "data" are removed
    huge            applied; a 6 MB body with no Content-Length

In real-server mode a "down" resets the connection after reading the request
(per-path refusal is impossible once a connection is accepted); to see a real
refusal, use the URL after leaving `serve()`.
"""

from __future__ import annotations

import fnmatch
import json
import socket
import struct
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal
from urllib.parse import parse_qsl, urlsplit

import httpx

FaultKind = Literal[
    "down", "slow", "error", "rate_limit", "drop",
    "invalid_json", "wrong_types", "missing_fields", "huge",
]
GARBAGE: tuple[FaultKind, ...] = ("invalid_json", "wrong_types", "missing_fields", "huge")
HUGE_BYTES = 6 * 1024 * 1024


@dataclass(frozen=True)
class FakeRequest:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # lower-case names
    body: bytes

    def json(self) -> Any:
        """The decoded body, or None when it is absent or not JSON."""
        try:
            return json.loads(self.body) if self.body else None
        except ValueError:
            return None


@dataclass
class FakeResponse:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    chunks: Iterable[bytes] | None = None  # streamed, without Content-Length

    @classmethod
    def json(cls, status: int, payload: Any, headers: dict[str, str] | None = None) -> FakeResponse:
        body = json.dumps(payload, ensure_ascii=False).encode()
        return cls(status, body, {"Content-Type": "application/json", **(headers or {})})


@dataclass
class Fault:
    kind: FaultKind
    method: str = "*"
    path: str = "*"
    times: int = 1
    status: int = 500
    headers: dict[str, str] = field(default_factory=dict)
    apply: bool = True
    delay: float = 5.0  # real-server "slow": seconds before answering

    def matches(self, request: FakeRequest) -> bool:
        return fnmatch.fnmatchcase(request.method, self.method.upper()) and fnmatch.fnmatchcase(
            request.path, self.path
        )


Action = Literal["answer", "down", "slow", "drop"]


class FakeServer:
    """Base of fakes: request log, fault queue, the two ways to serve.

    A fake whose API has another error shape overrides `fault_payload`; one whose
    objects use other required keys sets `required_keys` (see "missing_fields").
    """

    base_path = ""
    base_url = "https://fake.test"
    required_keys: frozenset[str] = frozenset(
        {"id", "task_id", "time_id", "title", "name", "started_at", "success"}
    )

    def fault_payload(self, status: int) -> Any:
        """The JSON body of an injected "error" or "rate_limit" answer."""
        if status == 429:
            return {"success": False, "message": "Demasiadas solicitudes."}
        return {"success": False, "message": "Error interno del servidor."}

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.answered = threading.Condition(self.lock)  # notified after every request
        self.requests: list[tuple[str, str]] = []
        self._faults: list[Fault] = []
        self._stopping = threading.Event()

    def handle(self, request: FakeRequest) -> FakeResponse:
        raise NotImplementedError

    # --- faults --------------------------------------------------------------

    def fail(
        self,
        kind: FaultKind,
        *,
        method: str = "*",
        path: str = "*",
        times: int = 1,
        status: int = 500,
        headers: dict[str, str] | None = None,
        apply: bool = True,
        delay: float = 5.0,
    ) -> Fault:
        fault = Fault(kind, method, path, times, status, dict(headers or {}), apply, delay)
        with self.lock:
            self._faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        with self.lock:
            self._faults.clear()

    def count(self, method: str = "*", path: str = "*") -> int:
        """Requests seen whose method and path match the patterns."""
        with self.lock:
            return sum(
                fnmatch.fnmatchcase(m, method) and fnmatch.fnmatchcase(p, path)
                for m, p in self.requests
            )

    def wait_for(self, predicate: Callable[[], bool], timeout: float) -> bool:
        """Wait until `predicate` (read under the fake's lock) holds, looking again
        after each request the fake answers; False when `timeout` seconds pass first."""
        with self.answered:
            return self.answered.wait_for(predicate, timeout)

    def dispatch(self, request: FakeRequest) -> tuple[Action, FakeResponse | None, Fault | None]:
        with self.answered:
            try:
                return self._dispatch(request)
            finally:
                self.answered.notify_all()

    def _dispatch(self, request: FakeRequest) -> tuple[Action, FakeResponse | None, Fault | None]:
        with self.lock:
            self.requests.append((request.method, request.path))
            fault = next((f for f in self._faults if f.matches(request)), None)
            if fault is None:
                return "answer", self.handle(request), None
            fault.times -= 1
            if fault.times <= 0:
                self._faults.remove(fault)
            kind = fault.kind
            if kind == "down":
                return "down", None, fault
            if kind in ("error", "rate_limit"):
                status = 429 if kind == "rate_limit" else fault.status
                payload = self.fault_payload(status)
                return "answer", FakeResponse.json(status, payload, fault.headers), fault
            if kind == "slow" and not fault.apply:
                return "slow", None, fault
            response = self.handle(request)
            if kind in ("slow", "drop"):
                return kind, response, fault
            return "answer", garble(kind, response, self.required_keys), fault

    # --- in-process ----------------------------------------------------------

    def transport(self) -> httpx.MockTransport:
        def handler(request: httpx.Request) -> httpx.Response:
            fake_request = FakeRequest(
                request.method,
                request.url.path,
                dict(request.url.params),
                {k.lower(): v for k, v in request.headers.items()},
                request.read(),
            )
            action, response, _ = self.dispatch(fake_request)
            if action == "down":
                raise httpx.ConnectError("[Errno 111] Connection refused", request=request)
            if action == "slow":
                raise httpx.ReadTimeout("timed out", request=request)
            if action == "drop":
                raise httpx.RemoteProtocolError(
                    "Server disconnected without sending a response.", request=request
                )
            assert response is not None
            content: Any = response.chunks if response.chunks is not None else response.body
            return httpx.Response(response.status, headers=response.headers, content=content)

        return httpx.MockTransport(handler)

    # --- over a real socket ----------------------------------------------------

    @contextmanager
    def serve(self) -> Iterator[str]:
        """Serve on 127.0.0.1 at a free port; yields the API's base URL."""
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
        thread.start()
        self._stopping.clear()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}{self.base_path}"
        finally:
            self._stopping.set()  # releases "slow" handlers at once
            server.shutdown()
            server.server_close()
            thread.join()


def _handler_for(fake: FakeServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        # One request per connection: a dropped socket then means one thing only.
        protocol_version = "HTTP/1.0"

        def _any(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            split = urlsplit(self.path)
            request = FakeRequest(
                self.command,
                split.path,
                dict(parse_qsl(split.query, keep_blank_values=True)),
                {k.lower(): v for k, v in self.headers.items()},
                body,
            )
            action, response, fault = fake.dispatch(request)
            if action == "down":
                # RST instead of FIN: the client sees a reset, not a polite close.
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.close_connection = True
                return
            if action == "drop":
                self.close_connection = True
                return
            if action == "slow":
                assert fault is not None
                fake._stopping.wait(fault.delay)
            if response is None:
                return
            try:
                self.send_response(response.status)
                for name, value in response.headers.items():
                    self.send_header(name, value)
                if response.chunks is None:
                    self.send_header("Content-Length", str(len(response.body)))
                self.end_headers()
                for chunk in response.chunks if response.chunks is not None else [response.body]:
                    self.wfile.write(chunk)
            except OSError:
                pass  # the client gave up (timeout, size cap): that is the point

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _any

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


# --- garbage ---------------------------------------------------------------------

_REQUIRED_KEYS = FakeServer.required_keys


def garble(
    kind: FaultKind, response: FakeResponse, required: Iterable[str] = _REQUIRED_KEYS
) -> FakeResponse:
    """Spoil an answer. A payload with a "data" member is spoiled inside it (the
    envelope stays valid); any other JSON payload is spoiled as a whole."""
    headers = {"Content-Type": "application/json"}
    if kind == "invalid_json":
        return FakeResponse(response.status, b'{"success": true, "data": [<html>', headers)
    if kind == "huge":
        pad = b"x" * (64 * 1024)
        chunks = [b'{"success": true, "data": [], "pad": "'] + [pad] * (HUGE_BYTES // len(pad))
        return FakeResponse(response.status, b"", headers, chunks + [b'"}'])
    if not response.body:
        return response  # nothing to spoil (204 No Content)
    payload = json.loads(response.body)
    keys = frozenset(required)
    if not (isinstance(payload, dict) and "data" in payload):
        if kind == "wrong_types":
            swapped = _swap_types(payload)
            return FakeResponse.json(response.status, swapped if swapped != payload else "data")
        stripped = _strip_required(payload, keys)
        return FakeResponse.json(response.status, stripped if stripped != payload else {})
    data = payload.get("data")
    if kind == "wrong_types":
        swapped = _swap_types(data)
        payload["data"] = swapped if swapped != data else "data"
    else:
        stripped = _strip_required(data, keys)
        if stripped == data:
            payload.pop("data", None)
        else:
            payload["data"] = stripped
    return FakeResponse.json(response.status, payload)


def _swap_types(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _swap_types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_swap_types(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return len(value)
    return value


def _strip_required(value: Any, keys: frozenset[str] = _REQUIRED_KEYS) -> Any:
    if isinstance(value, dict):
        return {k: _strip_required(v, keys) for k, v in value.items() if k not in keys}
    if isinstance(value, list):
        return [_strip_required(v, keys) for v in value]
    return value

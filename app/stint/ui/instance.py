"""One app per data directory, and the server side of the CLI hand-off.

The app listens on `handoff.address(...)`. A second `stint` sends {"activate": true}
and exits; a hot CLI command sends its argv and gets back what it would have
printed (protocol in stint.handoff). Commands run in-process on the GUI thread
against the app's engine and clock: they take milliseconds.
"""

from __future__ import annotations

import io
import json
import logging
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from .. import handoff

if TYPE_CHECKING:
    from .services import Services

log = logging.getLogger("stint.ui.instance")
MAX_REQUEST_BYTES = 1_000_000


class CommandServer(QObject):
    activated = Signal()
    pick_requested = Signal()  # `stint pick`: the task search, in this app
    command_ran = Signal(list, int)  # argv, exit status

    def __init__(self, where: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.where = where
        self.services: Services | None = None
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Start listening; False when another live app already does."""
        if self.server.listen(self.where):
            return True
        if handoff.activate(self.where):
            return False  # a live app answered (and now shows its window)
        # Nobody answers: a socket left by a crash. Remove it and try again.
        QLocalServer.removeServer(self.where)
        if self.server.listen(self.where):
            return True
        log.warning("cannot listen on %s: %s", self.where, self.server.errorString())
        return False

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            buffer = bytearray()
            sock.readyRead.connect(lambda s=sock, b=buffer: self._read(s, b))
            sock.disconnected.connect(sock.deleteLater)
            if sock.bytesAvailable():
                self._read(sock, buffer)

    def _read(self, sock: QLocalSocket, buffer: bytearray) -> None:
        buffer += bytes(sock.readAll().data())
        if b"\n" not in buffer:
            if len(buffer) > MAX_REQUEST_BYTES:
                sock.abort()
            return
        line = bytes(buffer).split(b"\n", 1)[0]
        buffer.clear()
        reply = self.handle(line)
        sock.write((json.dumps(reply) + "\n").encode())
        sock.flush()
        sock.disconnectFromServer()

    def handle(self, line: bytes) -> dict[str, Any]:
        try:
            request = json.loads(line.decode("utf-8"))
            if not isinstance(request, dict):
                raise ValueError("not an object")
        except ValueError:
            return {"exit": 2, "stdout": "", "stderr": "stint: the app could not read this request\n"}
        if request.get("activate"):
            self.activated.emit()
            return {"exit": 0, "stdout": "", "stderr": ""}
        argv = request.get("argv")
        if not isinstance(argv, list) or not handoff.wants_handoff([str(a) for a in argv]):
            return {"exit": 2, "stdout": "", "stderr": "stint: the app only runs start, stop, toggle, pick, status, new, set-status\n"}
        if self.services is None:
            return {"exit": 1, "stdout": "", "stderr": "stint: the app is still starting; try again\n"}
        if [str(a) for a in argv] == ["pick"]:
            self.pick_requested.emit()
            return {"exit": 0, "stdout": "", "stderr": ""}
        env = request.get("env") if isinstance(request.get("env"), dict) else {}
        return run_command([str(a) for a in argv], self.services, env)


def run_command(argv: list[str], services: "Services", env: Mapping[str, Any]) -> dict[str, Any]:
    """Run one hot command against the app's store, capturing what it prints."""
    from ..cli.context import Context
    from ..cli.main import run
    from ..store.actions import Tracker

    out, err = io.StringIO(), io.StringIO()
    ctx = Context(out=out, err=err, env={**os.environ, **{k: str(v) for k, v in env.items()}},
                  clock=services.clock, engine_override=services.engine)
    # The app's paths and settings, the client's time zone (unless settings name one).
    ctx.paths = services.paths  # type: ignore[misc]
    ctx.settings = services.settings  # type: ignore[misc]
    ctx.tz = _client_tz(services, env)  # type: ignore[misc]
    ctx.tracker = Tracker(services.engine, services.clock, ctx.tz,  # type: ignore[misc]
                          on_change=services.bridge.changed.emit)
    try:
        code = run(argv, ctx)
    except SystemExit as exc:
        code = int(exc.code or 0)
    except Exception as exc:  # noqa: BLE001 - a bug in one command must not take the app down
        log.exception("hand-off of %s failed", argv)
        code = 1
        print(f"stint: internal error: {type(exc).__name__}: {exc}", file=err)
    return {"exit": code, "stdout": out.getvalue(), "stderr": err.getvalue()}


def _client_tz(services: "Services", env: Mapping[str, Any]):  # type: ignore[no-untyped-def]
    from ..config import resolve_tz
    from ..domain.errors import StintError

    tz_name = str(env.get("TZ", "")).lstrip(":")
    if services.settings.timezone or not tz_name:
        return services.tz
    try:
        return resolve_tz(tz_name)
    except StintError:
        return services.tz



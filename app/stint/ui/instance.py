"""One app per data directory, and the server side of the CLI hand-off.

The app listens at `ipc.address(...)` (protocol and socket rules in stint.ipc). A
second `stint` sends {"activate": true} and exits; a hot CLI command sends its argv
and gets back what it would have printed. The server only reads requests and
answers them: running a command is the `handler` the wiring gives it (the entry
point's `run_handed_off`), on the GUI thread against the app's store — milliseconds.
A client that is not the user's own is turned away before its request is read.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from .. import ipc

log = logging.getLogger("stint.ui.instance")
MAX_REQUEST_BYTES = 1_000_000

Handler = Callable[[Sequence[str], Mapping[str, str]], ipc.Reply]


class CommandServer(QObject):
    activated = Signal()
    pick_requested = Signal()  # `stint pick`: the task search, in this app
    command_ran = Signal(list, int)  # argv, exit status

    def __init__(self, where: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.where = where
        self.handler: Handler | None = None
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Start listening; False when another live app already does. Raises
        ipc.IpcError when the socket's folder is not the user's alone."""
        if os.name != "nt":
            ipc.private_dir(self.where)
        if self.server.listen(self.where):
            return True
        if ipc.activate(self.where):
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
            uid = ipc.peer_uid_of_fd(int(sock.socketDescriptor())) if os.name != "nt" else None
            if uid is not None and uid != os.getuid():
                log.warning("refused a hand-off from user %d", uid)
                sock.abort()
                sock.deleteLater()
                continue
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
            request = ipc.parse_request(line)
        except ipc.IpcError as exc:
            return ipc.Reply(2, "", f"stint: {exc}\n").as_json()
        if request.activate:
            self.activated.emit()
            return ipc.Reply(0).as_json()
        if self.handler is None:
            return ipc.Reply(1, "", "stint: the app is still starting; try again\n").as_json()
        if request.argv == ["pick"]:
            self.pick_requested.emit()  # the search is the app's own: nothing to run
            return ipc.Reply(0).as_json()
        reply = self.handler(request.argv, request.env)
        self.command_ran.emit(request.argv, reply.exit)
        return reply.as_json()

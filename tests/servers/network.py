"""The real network between Stint and a real server, with faults on demand: an
httpx transport a test hands to `Accounts(transport=...)`.

- `offline = True`: every request fails before it is sent (ConnectError), as with
  the cable out; nothing can have reached the server.
- `lose(method, path_part)`: the next matching request is forwarded to the server,
  which applies it, and then its reply is lost (RemoteProtocolError): the
  ambiguous failure that exactly-once has to survive. With `applied=False` the
  request is lost on its way instead: as ambiguous to Stint, but never applied.
"""

from __future__ import annotations

import httpx


class Network(httpx.HTTPTransport):
    def __init__(self) -> None:
        super().__init__()
        self.offline = False
        self.lost: list[str] = []           # "METHOD path" of each reply lost so far
        self.sent: list[str] = []           # "METHOD path" of every request that went out
        self._lose: list[tuple[str, str, bool]] = []

    def lose(self, method: str, path_part: str, *, applied: bool = True) -> None:
        self._lose.append((method, path_part, applied))

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        what = f"{request.method} {request.url.path}"
        if self.offline:
            raise httpx.ConnectError("network is unreachable (test)", request=request)
        self.sent.append(what)
        rule = next(((m, p, a) for m, p, a in self._lose if m == request.method and p in request.url.path), None)
        if rule is not None and not rule[2]:
            self._lose.remove(rule)
            self.lost.append(what)
            raise httpx.ReadTimeout("the request was lost on its way (test)", request=request)
        response = super().handle_request(request)
        if rule is None:
            return response
        self._lose.remove(rule)
        response.read()  # the server has answered: it applied the request
        response.close()
        self.lost.append(what)
        raise httpx.RemoteProtocolError("peer closed connection without sending a complete reply",
                                        request=request)

"""The HTTP side of the Redmine adapter: the key header, JSON on writes, paging, and
telling a refused key from an honest answer.

Redmine takes a request with a wrong, revoked or expired key as one from the
anonymous user: /users/current.json says 401, writes say 401, but reads answer
200 with what anonymous may see (no "my issues", no "my time") and 404 for the rest.
So an empty list, a 403 or a 404 is believed only after /users/current.json has
taken the key; otherwise it is AuthRejected, as it should have been.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import httpx

from stint.backends.base import BadResponse, Listing, Rejected, Secret
from stint.backends.http import Reply, check_url, send
from stint.backends.parse import Obj
from stint.domain.clock import Clock

T = TypeVar("T")
CURRENT_USER = "/users/current.json"
PAGE_SIZE = 100  # Redmine's largest page
MAX_PAGES = 500  # a server that never says "done" must not keep us paging forever


class RedmineApi:
    def __init__(
        self, client: httpx.Client, base_url: str, api_key: str, *, clock: Clock,
        allow_insecure: bool = False, page_size: int = PAGE_SIZE,
    ) -> None:
        self._client = client
        self.base_url = check_url(base_url, allow_insecure=allow_insecure)
        self._key = Secret(api_key)
        self._clock = clock
        self.page_size = page_size

    def current_user(self) -> Obj:
        """The key's user; AuthRejected (401) if the key is not taken."""
        return self.get(CURRENT_USER).obj("user")

    def get(self, path: str, params: Mapping[str, str] | None = None) -> Obj:
        return Obj(self._request("GET", path, params=params).json())

    def write(self, method: str, path: str, body: Any = None) -> Obj:
        reply = self._request(method, path, body=body)
        # PUT and DELETE answer 204 with no body.
        return Obj(reply.json()) if reply.body.strip() else Obj({})

    def pages(self, path: str, params: Mapping[str, str], key: str, read: Callable[[Obj], T],
              what: str) -> Listing[T]:
        """Every item of a paged list (offset/limit/total_count), read by `read`; one
        that cannot be read is skipped (named in the result's `skipped`)."""
        items: Listing[T] = Listing()
        seen = 0
        for _ in range(MAX_PAGES):
            page_params = {**params, "offset": str(seen), "limit": str(self.page_size)}
            root = self.get(path, page_params)
            page = root.records(key, read, what)
            items.extend_from(page)
            seen += len(page) + len(page.skipped)
            total = root.opt_integer("total_count")
            if not (page or page.skipped) or total is None or seen >= total:
                if not seen:
                    self.current_user()  # empty, or anonymous?
                return items
        raise BadResponse(f"{path}: still more after {MAX_PAGES} pages")

    def _request(
        self, method: str, path: str, *, params: Mapping[str, str] | None = None,
        body: Any = None,
    ) -> Reply:
        key = self._key.reveal()
        headers = {"X-Redmine-API-Key": key}
        if method != "GET":
            # Without it Redmine ignores the body and still answers 2xx.
            headers["Content-Type"] = "application/json"
        try:
            return send(self._client, method, self.base_url + path, params=params,
                        json_body=body, headers=headers, secrets=(key,), clock=self._clock,
                        server="Redmine")
        except Rejected as exc:
            if exc.status in (403, 404) and path != CURRENT_USER:
                self.current_user()  # raises AuthRejected if that is the real reason
            raise


def int_id(remote_id: str, what: str) -> str:
    # Ids go into URL paths and query strings: only digits may reach the server.
    if not remote_id.isascii() or not remote_id.isdigit():
        raise Rejected(f"not a Redmine {what} id: {remote_id!r}")
    return remote_id


def opt_int(options: Mapping[str, Any], name: str) -> int | None:
    value = options.get(name)
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not str(value).isdigit():
        raise Rejected(f"account option {name} must be a number, not {value!r}")
    return int(value)

"""The hooks `send` gives an adapter instead of a copy of it: `on_reply` sees every
answer, `rejection_message` reads a server's own error envelope for a refusal."""

from __future__ import annotations

import httpx
import pytest

from stint.backends.base import AuthRejected, BackendError, RateLimited, Rejected
from stint.backends.http import Reply, make_client, send

URL = "https://api.example.com/v1/things"


def _server(status: int) -> httpx.Client:
    body = {"error": {"code": "VALIDATION", "message": "title is required"}, "message": "generic words"}
    headers = {"X-RateLimit-Remaining": "7", "Retry-After": "5"}
    return make_client(transport=httpx.MockTransport(lambda _r: httpx.Response(status, json=body, headers=headers)))


def _envelope(body: bytes) -> str:
    return "title is required (VALIDATION)" if b"VALIDATION" in body else ""


@pytest.mark.parametrize("status", [200, 400, 401, 429, 503])
def test_on_reply_sees_every_answer_before_it_is_returned_or_raised(status: int) -> None:
    seen: list[Reply] = []
    try:
        send(_server(status), "GET", URL, on_reply=seen.append)
    except BackendError:
        assert status >= 400
    assert [(r.status, r.headers["x-ratelimit-remaining"]) for r in seen] == [(status, "7")]


def test_rejection_message_reads_a_refusal_and_leaves_the_rest_alone() -> None:
    with pytest.raises(Rejected) as refused:
        send(_server(400), "POST", URL, rejection_message=_envelope)
    assert refused.value.message == "title is required (VALIDATION)" and refused.value.status == 400
    with pytest.raises(RateLimited) as limited:
        send(_server(429), "GET", URL, rejection_message=_envelope)
    assert "VALIDATION" not in limited.value.message and limited.value.retry_after == 5
    with pytest.raises(AuthRejected) as denied:
        send(_server(401), "GET", URL, rejection_message=_envelope)
    assert "VALIDATION" not in denied.value.message


def test_an_envelope_it_cannot_read_falls_back_to_the_usual_words() -> None:
    with pytest.raises(Rejected) as refused:
        send(_server(422), "POST", URL, rejection_message=lambda _body: "")
    assert refused.value.message == "generic words"


def test_the_envelope_is_redacted_too() -> None:
    with pytest.raises(Rejected) as refused:
        send(_server(400), "POST", URL, secrets=("required",), rejection_message=_envelope)
    assert refused.value.message == "title is *** (VALIDATION)"

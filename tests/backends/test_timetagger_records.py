"""The TimeTagger record mapping: keys, descriptions and tags, without a server."""

from __future__ import annotations

import base64
import json

import pytest

from stint.backends.timetagger_auth import username_of
from stint.backends.timetagger_records import (
    DS_MAX,
    compose,
    note_of,
    record_key,
    task_for_title,
    task_of,
    task_tags,
)


def test_record_keys_are_stable_short_and_never_a_web_apps() -> None:
    key = "0B7A5A8E-8F3E-4C61-9F1D-2F5F6F2F9A11"
    assert record_key(key) == record_key(key.lower()) == record_key(key.replace("-", ""))
    assert len(record_key(key)) == 16 and record_key(key).isalnum()
    assert record_key(key) != record_key("op-1") != record_key("op-2")


@pytest.mark.parametrize(
    ("task", "note", "ds"),
    [
        ("#acme #website", "Fixed it", "#acme #website Fixed it"),
        ("#acme", "", "#acme"),
        ("#budget #client", "meeting about #Budget", "#client meeting about #Budget"),
        ("#acme", "about #billing", "#acme about \uff03billing"),
        ("#untagged", "plain", "plain"),
        ("#untagged", "HIDDEN gems", " HIDDEN gems"),
        ("#acme", "#acme rocks", "#acme \uff03acme rocks"),
        ("#acme #web", "#acme rocks on #web", "#acme \uff03acme rocks on #web"),
    ],
)
def test_descriptions_round_trip(task: str, note: str, ds: str) -> None:
    assert compose(task, note) == ds
    assert (task_of(ds), note_of(ds)) == (task, note)


def test_a_cut_never_loses_or_invents_a_tag() -> None:
    for filler in ("word " * 60, "x" * 300, "a " * 124 + "#acme tail " * 20):
        ds = compose("#acme #web", filler + " #web " + filler)
        assert len(ds) <= DS_MAX - len("HIDDEN ") and ds.endswith("…")
        assert task_of(ds) == "#acme #web"


@pytest.mark.parametrize(
    ("title", "task"),
    [("Fix login", "#fix-login"), ("  Café: menú (v2)! ", "#café-menú-v2"),
     ("Review #PR-42 for #acme", "#acme #pr-42"), ("a/b_c", "#a/b_c"), ("x" * 90, "#" + "x" * 64)],
)
def test_task_names_from_titles(title: str, task: str) -> None:
    assert task_for_title(title) == task
    assert task_tags(task)


def test_username_of_reads_a_jwt_and_tolerates_anything_else() -> None:
    payload = json.dumps({"username": "ana"}).encode()
    token = "x." + base64.urlsafe_b64encode(payload).decode().rstrip("=") + ".sig"
    assert username_of(token) == "ana"
    assert username_of("garbage") is None and username_of("a.!!.c") is None

"""TimeTagger: records put into the real server (the session's `timetagger_server`)
as its web app puts them; the server's own answer (GET /api/v2/updates) is one
export, and the web app's Export table — built from those records with
TimeTagger's own date and tag functions, in each of its three date formats — is
the other."""

from __future__ import annotations

import json
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tests.conftest import MADRID
from tests.servers.timetagger import API, TimeTaggerServer

from .conftest import day_totals

RECORDS = [
    # key, start (Madrid), stop, description
    ("k-midnight", "2026-03-27T23:00:00+01:00", "2026-03-28T01:30:00+01:00", "#acme #design drafting"),
    ("k-dst", "2026-03-29T01:30:00+01:00", "2026-03-29T03:30:00+02:00", "#beta ops, then \"fixes\"; done"),
    ("k-seconds", "2026-03-28T09:00:05+01:00", "2026-03-28T10:00:00+01:00", "#acme"),
    ("k-plain", "2026-03-28T11:00:00+01:00", "2026-03-28T11:20:00+01:00", "no tags at all"),
    ("k-hidden", "2026-03-28T12:00:00+01:00", "2026-03-28T13:00:00+01:00", "HIDDEN #acme deleted"),
    ("k-running", "2026-03-30T09:00:00+02:00", "2026-03-30T09:00:00+02:00", "#acme still going"),
]
EXPECTED = {
    ("#acme #design", "2026-03-27"): 3600,
    ("#acme #design", "2026-03-28"): 5400,
    ("#acme", "2026-03-28"): 3595,
    ("#untagged", "2026-03-28"): 1200,
    ("#beta", "2026-03-29"): 3600,
}


def _unix(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp())


@pytest.fixture(scope="module")
def server_export(timetagger_server: TimeTaggerServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    server = timetagger_server
    token = server.web_token(server.user())
    now = int(time.time())
    server.put_records(token, [{"key": key, "t1": _unix(t1), "t2": _unix(t2), "ds": ds, "mt": now, "st": 0.0}
                               for key, t1, t2, ds in RECORDS])
    reply = server.http.get(server.root + API + "/updates", params={"since": "0"}, headers={"authtoken": token})
    reply.raise_for_status()
    path = tmp_path_factory.mktemp("timetagger") / "updates.json"
    path.write_bytes(reply.content)
    return path


def export_table(records: list[dict], dtformat: str) -> str:
    """The web app's Export dialog (ExportDialog.fill_records), with TimeTagger's own
    functions; "local" as a browser in Madrid writes it."""
    from timetagger.app import dt, utils

    def when(t: int) -> str:
        if dtformat == "unix":
            return str(t)
        if dtformat == "iso":
            return dt.time2str(t, 0)
        offset = datetime.fromtimestamp(t, timezone.utc).astimezone(MADRID).utcoffset().total_seconds() / 3600
        day, clock = dt.time2str(t, offset).split("T")
        return day + " " + clock.split("-")[0].split("+")[0].rstrip("Z")

    lines = ["key\tstart\tstop\ttags\tdescription"]
    for r in records:
        if r["ds"].startswith("HIDDEN"):   # the dialog leaves hidden records out
            continue
        ds = r["ds"].replace("\r", "").replace("\n", " ").replace("\t", " ").lstrip(' "')   # stores.to_str
        tags = " ".join(utils.get_tags_and_parts_from_string(r["ds"])[0])
        lines.append("\t".join([r["key"], when(r["t1"]), when(r["t2"]), tags, ds]))
    return "\n".join(lines) + "\n"


def test_the_servers_records_give_the_hand_computed_totals(cli, server_export: Path) -> None:
    summary = cli.ok("import", str(server_export), "--json").json()
    assert (summary["format"], summary["entries"], summary["seconds"]) == ("timetagger", 4, 4 * 3600 + 49 * 60 + 55)
    assert sorted(i["why"] for i in summary["ignored"]) == ["deleted in TimeTagger", "still running"]
    assert day_totals(cli, "2026-W13") == EXPECTED
    notes = {e["task"]: e["note"] for e in cli.ok("entries", "--week", "2026-W13", "--json").json()}
    assert notes["#beta"] == '#beta ops, then "fixes"; done' and notes["#untagged"] == "no tags at all"


@pytest.mark.parametrize("dtformat", ["local", "unix", "iso"])
def test_the_export_table_in_each_date_format(cli, tmp_path: Path, server_export: Path, dtformat: str) -> None:
    records = json.loads(server_export.read_text())["records"]
    path = tmp_path / f"export-{dtformat}.tsv"
    path.write_text(export_table(records, dtformat))
    summary = cli.ok("import", str(path), "--json").json()
    assert summary["format"] == "timetagger" and summary["entries"] == 4
    assert [i["why"] for i in summary["ignored"]] == ["still running"]   # the table has no hidden records
    assert day_totals(cli, "2026-W13") == EXPECTED
    # The server's JSON and the table share the records' keys.
    again = cli.ok("import", str(server_export), "--json").json()
    assert again["entries"] == 0 and {s["reason"] for s in again["skipped"]} == {"imported"}

"""The Spanish catalogue covers every text the interface shows, and the .qm the app
loads is the .ts compiled: a text added without its translation, a translation whose
placeholders differ from the English, or a stale .qm fails here."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app" / "stint"
TS = APP / "resources" / "translations" / "stint_es.ts"
QM = TS.with_suffix(".qm")
BIN = Path(sys.executable).parent
# Every module whose texts a person reads in the app (ui/i18n.py lists the same).
SOURCES = [*sorted((APP / "ui").glob("*.py")), APP / "backends" / "kinds.py", APP / "domain" / "sync_state.py"]
PLACEHOLDER = re.compile(r"\{\w+\}|%\d|%n")


def _tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.skip(f"{name} is not installed beside this Python")
    return str(path)


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(ctx.findtext("name") or "", m.findtext("source") or "", m.find("translation"))  # type: ignore[misc]
            for ctx in root.iter("context") for m in ctx.iter("message")]


def test_every_text_in_the_interface_has_its_spanish(tmp_path: Path) -> None:
    fresh = tmp_path / "stint_es.ts"
    shutil.copy(TS, fresh)
    subprocess.run([_tool("pyside6-lupdate"), *map(str, SOURCES), "-locations", "none", "-ts", str(fresh)],
                   check=True, capture_output=True, timeout=120)
    missing = [f"{ctx}: {source!r}" for ctx, source, tr in _messages(fresh)
               if tr is not None and tr.get("type") == "unfinished"]
    assert missing == [], "texts without a Spanish translation (run ui/i18n.py's commands):\n" + "\n".join(missing)


def test_translations_keep_the_placeholders_of_the_english() -> None:
    wrong = []
    for ctx, source, tr in _messages(TS):
        if tr is None or tr.get("type") in ("vanished", "obsolete"):
            continue
        forms = [f.text or "" for f in tr.iter("numerusform")] or [tr.text or ""]
        for text in forms:
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
                wrong.append(f"{ctx}: {source!r} -> {text!r}")
    assert wrong == []


def test_the_shipped_qm_is_the_ts_compiled(tmp_path: Path) -> None:
    compiled = tmp_path / "stint_es.qm"
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(compiled)], check=True, capture_output=True,
                   timeout=120)
    assert compiled.read_bytes() == QM.read_bytes(), "stint_es.qm is stale: run pyside6-lrelease (ui/i18n.py)"

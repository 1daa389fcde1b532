"""The Linux bundle, built once per test session by packaging/build-linux.sh.

A bundle already in dist/ is reused when it was built from this very commit and
nothing that goes into it (app/, resources/, packaging/, pyproject.toml) has changed
since; otherwise one is built into a temporary folder (~1 minute, most of it
PyInstaller's analysis), so test sessions running side by side never share one.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
INPUTS = ("app", "resources", "packaging", "pyproject.toml")
BUILD_TIMEOUT_S = 900


def version() -> str:
    text = (ROOT / "app" / "stint" / "__init__.py").read_text()
    match = re.search(r'__version__ = "([^"]+)"', text)
    assert match
    return match.group(1)


@dataclass(frozen=True)
class Bundle:
    folder: Path       # dist/stint, the one-folder bundle
    executable: Path   # dist/stint/stint
    tarball: Path      # dist/stint-<version>-linux-<arch>.tar.gz


def _git(*args: str) -> str:
    result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)
    return result.stdout.strip() if result.returncode == 0 else ""


def _up_to_date(bundle: Bundle) -> bool:
    stamp = DIST / "stint.commit"
    if not (bundle.executable.exists() and bundle.tarball.exists() and stamp.exists()):
        return False
    head = _git("rev-parse", "HEAD")
    clean = _git("status", "--porcelain", "--", *INPUTS) == ""
    return bool(head) and clean and stamp.read_text().strip() == head


def _bundle_in(dist: Path) -> Bundle:
    tarball = dist / f"stint-{version()}-linux-{os.uname().machine}.tar.gz"
    return Bundle(dist / "stint", dist / "stint" / "stint", tarball)


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bundle]:
    if not sys.platform.startswith("linux"):
        pytest.skip("the bundle test builds the Linux bundle")
    result = _bundle_in(DIST)
    if _up_to_date(result):
        print(f"reusing {result.folder} (built from this commit)")
        yield result
        return
    where = tmp_path_factory.mktemp("bundle")
    result = _bundle_in(where / "dist")
    env = {**os.environ, "STINT_DIST": str(where / "dist"), "STINT_BUILD": str(where / "build")}
    build = subprocess.run(["bash", str(ROOT / "packaging" / "build-linux.sh")], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=BUILD_TIMEOUT_S)
    assert build.returncode == 0, f"build-linux.sh failed:\n{build.stdout[-4000:]}\n{build.stderr[-4000:]}"
    assert result.executable.exists() and result.tarball.exists(), build.stdout
    yield result
    shutil.rmtree(where, ignore_errors=True)  # ~0.5 GB: bundle, work folder and tarball

"""The installer inputs for all three platforms, checked without building them: every
file they name exists, the icons are well-formed, the desktop entry and AppStream
metainfo validate, and every version agrees with stint.__version__.

Windows (Inno Setup) and macOS (BUNDLE) builds cannot run here; these checks catch
what usually breaks them — a renamed file, a stale version, a truncated icon.
"""

from __future__ import annotations

import configparser
import os
import plistlib
import re
import shutil
import struct
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path, PureWindowsPath
from typing import Any

import pytest

import stint
from stint import autostart

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
APP_ID = "dev.stint.Stint"
DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
ISS = PACKAGING / "windows" / "stint.iss"
PLIST = PACKAGING / "macos" / "Info.plist"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


# -- the PyInstaller spec, run with recording stand-ins for PyInstaller's classes -------

class Recorded:
    def __init__(self, kind: str, *args: Any, **kwargs: Any) -> None:
        self.kind, self.args, self.kwargs = kind, args, kwargs
        self.scripts = self.binaries = self.datas = self.pure = ()


def run_spec(platform: str, monkeypatch: pytest.MonkeyPatch) -> list[Recorded]:
    made: list[Recorded] = []

    def maker(kind: str) -> Any:
        def make(*args: Any, **kwargs: Any) -> Recorded:
            made.append(Recorded(kind, *args, **kwargs))
            return made[-1]
        return make

    # The spec's hook helpers run PyInstaller's isolated subprocesses; module lists are
    # not what this test is about, so they answer empty.
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda *a, **k: []  # type: ignore[attr-defined]
    hooks.copy_metadata = lambda *a, **k: []  # type: ignore[attr-defined]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    namespace = {"SPECPATH": str(PACKAGING), "__file__": str(PACKAGING / "stint.spec"),
                 **{kind: maker(kind) for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")}}
    monkeypatch.setattr(sys, "platform", platform)
    try:
        exec(compile((PACKAGING / "stint.spec").read_text(), "stint.spec", "exec"), namespace)
    finally:
        monkeypatch.undo()
    return made


def only(made: list[Recorded], kind: str) -> list[Recorded]:
    return [r for r in made if r.kind == kind]


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_spec_names_files_that_exist(platform: str, monkeypatch: pytest.MonkeyPatch) -> None:
    made = run_spec(platform, monkeypatch)
    (analysis,) = only(made, "Analysis")
    for script in analysis.args[0]:
        assert Path(script).is_file(), script
    for hook in analysis.kwargs["runtime_hooks"]:
        assert Path(hook).is_file(), hook
    sources = [Path(src) for src, _dest in analysis.kwargs["datas"]]
    assert sources and all(p.exists() for p in sources), [p for p in sources if not p.exists()]
    # What the app looks for next to its modules is where the spec puts it.
    dests = {dest for _src, dest in analysis.kwargs["datas"]}
    assert {"stint/resources/icons", "stint/resources/fonts", "stint/resources/translations",
            "stint/store/migrations", "stint/store/migrations/versions"} <= dests
    for exe in only(made, "EXE"):
        if "icon" in exe.kwargs:
            assert Path(exe.kwargs["icon"]).is_file(), exe.kwargs["icon"]
    names = sorted(exe.kwargs["name"] for exe in only(made, "EXE"))
    assert names == (["stint", "stintw"] if platform == "win32" else ["stint"])
    bundles = only(made, "BUNDLE")
    if platform == "darwin":
        (app,) = bundles
        assert Path(app.kwargs["icon"]).is_file()
        assert app.kwargs["version"] == stint.__version__
        assert app.kwargs["info_plist"]["CFBundleExecutable"] == "stint"
    else:
        assert bundles == []


def test_spec_migrations_are_all_shipped() -> None:
    migrations = ROOT / "app" / "stint" / "store" / "migrations"
    assert (migrations / "env.py").is_file() and (migrations / "script.py.mako").is_file()
    assert sorted(migrations.glob("versions/*.py")), "no migration scripts"


# -- Linux ------------------------------------------------------------------------------

def desktop_entry(path: Path) -> dict[str, str]:
    parser = configparser.RawConfigParser(delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string(path.read_text())
    return dict(parser["Desktop Entry"])


def test_desktop_entry_points_at_the_bundle_and_its_icons() -> None:
    entry = desktop_entry(DESKTOP)
    assert entry["Exec"] == "stint" and entry["TryExec"] == "stint"  # the spec's executable name
    assert entry["Icon"] == APP_ID
    assert "Office" in entry["Categories"].split(";")
    for size in ICON_SIZES:
        png = PACKAGING / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png_size(png.read_bytes()) == (size, size), png
    assert (PACKAGING / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()


def test_install_script_rewrites_exec_as_the_autostart_entry_writes_it() -> None:
    # Installed, the menu entry runs ~/.local/lib/stint/stint; the app's own autostart
    # entry, written from inside the bundle, runs sys.executable: the same file.
    script = (PACKAGING / "linux" / "install.sh").read_text()
    assert 's|^Exec=stint\\$|Exec=$lib/stint|' in script
    lib = Path("/home/someone/.local/lib/stint")
    written = autostart.desktop_entry([str(lib / "stint")])
    assert f"Exec={lib}/stint\n" in written


def test_autostart_entry_uses_the_installed_icon() -> None:
    assert f"Icon={APP_ID}\n" in autostart.desktop_entry(["stint"])


def test_metainfo_matches_the_desktop_entry_and_version() -> None:
    text = METAINFO.read_text()
    assert f"<id>{APP_ID}</id>" in text
    assert f'<launchable type="desktop-id">{DESKTOP.name}</launchable>' in text
    assert f'<icon type="stock">{desktop_entry(DESKTOP)["Icon"]}</icon>' in text
    versions = re.findall(r'<release version="([^"]+)"', text)
    assert versions and versions[0] == stint.__version__, "newest release first, equal to stint.__version__"


VALIDATORS = {"desktop-file-validate": "desktop-file-utils", "appstreamcli": "appstream"}


@pytest.fixture(scope="module")
def validators() -> Iterator[None]:
    """desktop-file-validate and appstreamcli; installed with apt when missing and this
    is a root shell on Debian (CI), else the validation tests skip with the reason."""
    missing = [pkg for tool, pkg in VALIDATORS.items() if shutil.which(tool) is None]
    if missing and shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
                       capture_output=True, timeout=600)
    yield


def test_desktop_entry_validates(validators: None) -> None:
    if shutil.which("desktop-file-validate") is None:
        pytest.skip("desktop-file-validate is not installed (apt: desktop-file-utils)")
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_metainfo_validates(validators: None) -> None:
    if shutil.which("appstreamcli") is None:
        pytest.skip("appstreamcli is not installed (apt: appstream)")
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


# -- macOS ------------------------------------------------------------------------------

def test_info_plist() -> None:
    info = plistlib.loads(PLIST.read_bytes())
    assert info["LSUIElement"] is True
    assert info["CFBundleIdentifier"] == autostart.MAC_LABEL == APP_ID
    assert info["CFBundleShortVersionString"] == info["CFBundleVersion"] == stint.__version__
    assert (PLIST.parent / info["CFBundleIconFile"]).is_file()


def test_icns_is_well_formed() -> None:
    data = (PACKAGING / "macos" / "stint.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    sizes, offset = {}, 8
    while offset < len(data):
        kind, length = data[offset:offset + 4], struct.unpack(">I", data[offset + 4:offset + 8])[0]
        assert length > 8 and offset + length <= len(data), kind
        sizes[kind] = png_size(data[offset + 8:offset + length])
        offset += length
    assert offset == len(data)
    expected = {b"icp4": 16, b"icp5": 32, b"icp6": 64, b"ic07": 128, b"ic08": 256, b"ic09": 512, b"ic10": 1024}
    for kind, side in expected.items():
        assert sizes[kind] == (side, side), kind


# -- Windows ----------------------------------------------------------------------------

def iss_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for line in ISS.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith(";"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections[current] = []
        elif current:
            sections[current].append(line)
    return sections


def iss_params(line: str) -> dict[str, str]:
    return {k.strip(): v.strip().strip('"') for k, v in (part.split(":", 1) for part in line.split(";") if ":" in part)}


def iss_define(name: str) -> str:
    match = re.search(rf'^#define {name} "([^"]+)"', ISS.read_text(), re.MULTILINE)
    assert match, name
    return match.group(1)


def test_inno_setup_script_references(monkeypatch: pytest.MonkeyPatch) -> None:
    assert iss_define("AppVersion") == stint.__version__
    sections = iss_sections()
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    assert (ISS.parent / setup["SetupIconFile"]).is_file()
    assert setup["OutputDir"] == "..\\..\\dist"
    # [Files] ships the spec's COLLECT folder, dist\stint, which the spec builds.
    made = run_spec("win32", monkeypatch)
    (collect,) = only(made, "COLLECT")
    exes = {exe.kwargs["name"] + ".exe" for exe in only(made, "EXE")}
    for line in sections["Files"]:
        source = PureWindowsPath(iss_params(line)["Source"])
        assert source.name == "*" and source.parent.name == collect.kwargs["name"]
        assert (ISS.parent / Path(*source.parent.parts)).resolve() == ROOT / "dist" / collect.kwargs["name"]
    app_exe = iss_define("AppExe")
    assert app_exe in exes
    for line in sections["Icons"]:
        target = iss_params(line)["Filename"]
        if target.startswith("{app}\\"):
            assert target.replace("{#AppExe}", app_exe)[len("{app}\\"):] in exes, line
    # The autostart value is the one stint.autostart reads and writes.
    run_key = [iss_params(line) for line in sections["Registry"] if "Tasks" in iss_params(line)]
    assert run_key and run_key[0]["Subkey"] == autostart.RUN_KEY and run_key[0]["ValueName"] == autostart.VALUE_NAME


def test_ico_is_well_formed() -> None:
    data = (PACKAGING / "windows" / "stint.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1) and count > 0
    sides = []
    for index in range(count):
        width, height, _colours, _res, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index:22 + 16 * index])
        side = width or 256
        assert png_size(data[offset:offset + length]) == (side, height or 256)
        assert offset + length <= len(data) and (planes, bits) == (1, 32)
        sides.append(side)
    assert {16, 32, 48, 256} <= set(sides)


def png_size(blob: bytes) -> tuple[int, int]:
    assert blob[:8] == PNG_MAGIC and blob[12:16] == b"IHDR", "not a PNG"
    width, height = struct.unpack(">II", blob[16:24])
    return width, height

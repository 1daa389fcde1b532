"""Shared helpers for the benchmark scripts: timing child processes, statistics,
seeding (and caching) large Stint and Timewarrior databases, and finding or
installing the peer tools.

Not a test module and not part of the app: the scripts put this folder on sys.path
(Python does that for a script's own folder) and import it as `_common`.
"""

from __future__ import annotations

import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CACHE = HERE / ".cache"
PEERS = HERE / ".peers"

# Bump when the seeded data changes shape, so cached databases are rebuilt.
SEED_VERSION = 1
DATA_START = datetime(2015, 1, 1, tzinfo=timezone.utc)
DATA_END = datetime(2025, 1, 1, tzinfo=timezone.utc)  # ~10 years, all in the past


# -- running and timing child processes -------------------------------------------------


@dataclass
class Sample:
    wall: float  # seconds
    rss_kib: int  # peak resident set size of the child, KiB
    rc: int
    out: str
    err: str


TIME_BIN = "/usr/bin/time"


def run_measured(argv: Sequence[str], env: Mapping[str, str], cwd: Path | None = None,
                 *, rss_wrapper: bool = False) -> Sample:
    """Run `argv` once and return its wall time (spawn to reap) and peak RSS.

    Peak RSS, and why it is taken the way it is:
    - getrusage(RUSAGE_CHILDREN) is unusable per run: its ru_maxrss is the largest of
      all children reaped so far, not a sum, so a delta is 0 whenever a run is no
      bigger than an earlier one.
    - os.wait4() gives one child's own ru_maxrss, but on Linux that is floored at the
      *parent's* RSS: exec() folds the pre-exec (forked or vforked) memory's high-water
      mark into the child's maxrss, so every child of this ~18 MiB Python process
      reports >= 18 MiB (Timewarrior really peaks at ~4 MiB).
    - so with rss_wrapper=True the command runs under `/usr/bin/time -f %M`, a small
      parent (~1 MiB floor) that reports the grandchild's peak exactly. That wrapper
      adds ~1 ms of its own fork+exec, so the scripts take wall time from plain runs
      (rss_wrapper=False) and RSS from separate wrapped runs.
    Without /usr/bin/time, the wait4 value is returned (an upper bound).
    """
    wrapped = rss_wrapper and os.access(TIME_BIN, os.X_OK)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(prefix="rss-", suffix=".txt") as rss_file:
        cmd = [TIME_BIN, "-f", "%M", "-o", rss_file.name, "--", *argv] if wrapped else list(argv)
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=dict(env), cwd=cwd, stdin=subprocess.DEVNULL,
                                stdout=out, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped: keep Popen from waiting
        rss = int(usage.ru_maxrss)
        if wrapped:
            text = Path(rss_file.name).read_text().strip().splitlines()
            # `time` prints "Command exited with non-zero status N" first when it does.
            if text and text[-1].strip().isdigit():
                rss = int(text[-1].strip())
        out.seek(0)
        err.seek(0)
        return Sample(
            wall, rss, proc.returncode,
            out.read().decode(errors="replace"), err.read().decode(errors="replace"),
        )


def rss_method() -> str:
    if os.access(TIME_BIN, os.X_OK):
        return (f"peak RSS: {TIME_BIN} -f %M in separate runs (wall times come from unwrapped runs; "
                "os.wait4/getrusage would report this harness's own RSS as a floor)")
    return ("peak RSS: os.wait4() ru_maxrss — no /usr/bin/time here, so each figure is floored at "
            f"this harness's own RSS ({resource_self_mib():.1f} MiB): read them as upper bounds")


def resource_self_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class CommandFailed(RuntimeError):
    pass


def check(sample: Sample, argv: Sequence[str], ok: Iterable[int] = (0,)) -> Sample:
    if sample.rc not in tuple(ok):
        raise CommandFailed(
            f"{' '.join(argv)} exited {sample.rc}: {(sample.err or sample.out).strip()[:500]}"
        )
    return sample


# -- statistics and printing ---------------------------------------------------------


@dataclass
class Series:
    walls: list[float] = field(default_factory=list)
    rss: list[int] = field(default_factory=list)

    def add(self, s: Sample) -> None:
        self.walls.append(s.wall)

    def add_rss(self, s: Sample) -> None:
        self.rss.append(s.rss_kib)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.walls) * 1000

    @property
    def min_ms(self) -> float:
        return min(self.walls) * 1000

    @property
    def max_ms(self) -> float:
        return max(self.walls) * 1000

    @property
    def peak_rss_mib(self) -> float:
        return max(self.rss) / 1024 if self.rss else float("nan")

    def as_dict(self) -> dict[str, float]:
        return {
            "median_ms": round(self.median_ms, 1), "min_ms": round(self.min_ms, 1),
            "max_ms": round(self.max_ms, 1), "peak_rss_mib": round(self.peak_rss_mib, 1),
            "runs": len(self.walls),
        }


def median_ms(values: Sequence[float]) -> float:
    return statistics.median(values) * 1000


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def machine_line() -> str:
    try:
        load = "load %.2f %.2f %.2f" % os.getloadavg()
    except OSError:
        load = "load ?"
    return (
        f"{platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()} · "
        f"SQLite {sqlite3.sqlite_version} · {load} · git {git_revision()}"
    )


def git_revision() -> str:
    try:
        rev = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True, text=True, timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--", "app"],
            capture_output=True, text=True, timeout=10,
        ).stdout.strip()
        return f"{rev}{'+dirty app/' if dirty else ''}" if rev else "?"
    except (OSError, subprocess.SubprocessError):
        return "?"


def write_json(path: str | None, payload: object) -> None:
    if path:
        Path(path).write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8")


# -- Stint ---------------------------------------------------------------------------


def stint_executable() -> str:
    """The `stint` console script of the interpreter running the benchmark (the
    project's venv), else the one on PATH."""
    beside = Path(sys.executable).parent / "stint"
    if beside.exists():
        return str(beside)
    found = shutil.which("stint")
    if not found:
        raise SystemExit("benchmarks: no `stint` command; run with the project's venv python")
    return found


def schema_head() -> str:
    from stint.store.migrations import HEAD  # a plain module: no SQLAlchemy, no Alembic

    return HEAD


def base_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("TZ", "UTC")
    # PYTHONDONTWRITEBYTECODE would make every stint process compile its modules
    # again (an installed package has its .pyc files: see ensure_bytecode).
    for var in ("STINT_HOME", "WATSON_DIR", "TIMEWARRIORDB", "PYTHONPROFILEIMPORTTIME", "PYTHONDONTWRITEBYTECODE"):
        env.pop(var, None)
    return env


def ensure_bytecode() -> None:
    """Compile the stint package's .pyc files, as installing it does: a checkout run
    with PYTHONDONTWRITEBYTECODE set would otherwise time the compiler on every run."""
    import compileall

    import stint

    compileall.compile_dir(str(Path(stint.__file__).parent), quiet=1)


def stint_env(home: Path) -> dict[str, str]:
    env = base_env()
    env["STINT_HOME"] = str(home)
    return env


def stint_db(home: Path) -> Path:
    return home / "stint.sqlite3"


def stint_cached_db(n_entries: int, n_tasks: int, log: Callable[[str], None] = print) -> Path:
    """A Stint database with `n_tasks` local tasks and `n_entries` finished entries,
    built once and kept under benchmarks/.cache/, keyed by schema revision and shape."""
    CACHE.mkdir(parents=True, exist_ok=True)
    name = f"stint-rev{schema_head()}-t{n_tasks}-e{n_entries}-v{SEED_VERSION}.sqlite3"
    target = CACHE / name
    if target.exists():
        return target
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="stint-seed-") as tmp:
        home = Path(tmp)
        # Let Stint itself create the schema (runs the Alembic migrations).
        check(run_measured([stint_executable(), "status"], stint_env(home)), ["stint", "status"])
        db = stint_db(home)
        seed_stint(db, n_entries=n_entries, n_tasks=n_tasks)
        partial = target.with_suffix(".partial")
        shutil.copyfile(db, partial)
        os.replace(partial, target)
    log(f"  seeded {target.name} ({n_entries:,} entries, {n_tasks:,} tasks) "
        f"in {time.perf_counter() - t0:.1f} s; cached for next time")
    return target


def fresh_home_from(db: Path) -> Path:
    """A new temporary STINT_HOME holding a copy of `db`. The caller removes it."""
    home = Path(tempfile.mkdtemp(prefix="stint-bench-"))
    shutil.copyfile(db, stint_db(home))
    return home


def seed_stint(db: Path, *, n_entries: int, n_tasks: int, seed: int = 20240101) -> None:
    """Fill an empty, migrated Stint database with `n_tasks` local tasks and
    `n_entries` finished, non-overlapping entries spread evenly over DATA_START..DATA_END.

    Columns follow stint.store.models exactly: entry ids are UUID strings, instants are
    integer Unix seconds (UTC), sync and origin 'local', deleted 0. No ANALYZE is run,
    so query plans are the ones a real user's database (which never runs it) gets.
    """
    rng = random.Random(seed)
    t_start = int(DATA_START.timestamp())
    t_end = int(DATA_END.timestamp())
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous=OFF")  # seeding only: Stint's own connections use NORMAL
        conn.execute("PRAGMA cache_size=-262144")  # 256 MiB page cache while building indexes
        (status_id,) = conn.execute(
            "SELECT id FROM status WHERE account_id IS NULL AND name = 'TO_DO'"
        ).fetchone()
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO task (id, account_id, remote_id, title, description, status_id, project,"
            " category, due_date, estimated_hours, remote_updated_at, created_at, updated_at,"
            " last_started_at) VALUES (?, NULL, NULL, ?, NULL, ?, ?, NULL, NULL, NULL, NULL, ?, ?, NULL)",
            (
                (i, f"Benchmark task {i:04d}", status_id, f"Project {i % 40:02d}", t_start, t_start)
                for i in range(1, n_tasks + 1)
            ),
        )
        if n_entries:
            slot = (t_end - t_start) / n_entries  # ~315 s per entry at 1M over 10 years
            getrandbits, randint = rng.getrandbits, rng.randint

            def rows() -> Iterable[tuple[object, ...]]:
                for k in range(n_entries):
                    lo = t_start + int(k * slot)
                    hi = t_start + int((k + 1) * slot)  # the next entry starts at or after hi
                    width = hi - lo
                    begin = lo + randint(0, max(0, width // 5))
                    end = min(hi, begin + max(1, randint(width // 3, width * 3 // 4)))
                    eid = str(uuid.UUID(int=getrandbits(128), version=4))
                    yield (eid, randint(1, n_tasks), begin, end, "", None, "local", "local", 0, end, end)

            conn.executemany(
                "INSERT INTO entry (id, task_id, started_at, ended_at, note, remote_id, origin, sync,"
                " deleted, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows(),
            )
            conn.execute(
                "UPDATE task SET last_started_at ="
                " (SELECT max(started_at) FROM entry WHERE entry.task_id = task.id)"
            )
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


# -- peers -----------------------------------------------------------------------------


def find_watson(install: bool, log: Callable[[str], None] = print) -> tuple[str | None, str]:
    """Path to a `watson` executable and a note on where it came from (or why not)."""
    venv = PEERS / "watson"
    exe = venv / "bin" / "watson"
    if exe.exists():
        return str(exe), "benchmarks/.peers/watson"
    on_path = shutil.which("watson")
    if on_path:
        return on_path, "PATH"
    if not install:
        return None, "not installed (install skipped)"
    log("  installing td-watson into benchmarks/.peers/watson …")
    try:
        PEERS.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True,
                       capture_output=True, timeout=300)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "td-watson"], check=True,
                       capture_output=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as exc:
        shutil.rmtree(venv, ignore_errors=True)
        return None, f"not installed (pip install td-watson failed: {type(exc).__name__})"
    return (str(exe), "benchmarks/.peers/watson (installed now)") if exe.exists() else (
        None, "not installed (no watson after pip install)")


def find_timew() -> tuple[str | None, str]:
    found = shutil.which("timew")
    if not found:
        return None, "not installed (apt-get install timewarrior)"
    try:
        version = subprocess.run([found, "--version"], capture_output=True, text=True,
                                 timeout=30, stdin=subprocess.DEVNULL).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        version = "?"
    return found, f"PATH, {version}"


def timew_env(db: Path) -> dict[str, str]:
    env = base_env()
    env["TIMEWARRIORDB"] = str(db)
    return env


def timew_new_db() -> Path:
    """An empty Timewarrior database folder (so `timew` never asks to create one)."""
    db = Path(tempfile.mkdtemp(prefix="timew-bench-"))
    (db / "data").mkdir()
    (db / "extensions").mkdir()
    (db / "timewarrior.cfg").write_text("", encoding="utf-8")
    return db


def timew_seed(db: Path, n_records: int, tag: str = "tag", seed: int = 7) -> None:
    """Write `n_records` closed intervals straight into Timewarrior's monthly data files
    (lines like `inc 20240101T090000Z - 20240101T100000Z # tag`), spread over the same
    ten years as the Stint data."""
    rng = random.Random(seed)
    t_start = int(DATA_START.timestamp())
    slot = (int(DATA_END.timestamp()) - t_start) / n_records
    months: dict[str, list[str]] = {}
    fmt = "%Y%m%dT%H%M%SZ"
    for k in range(n_records):
        lo = t_start + int(k * slot)
        width = int(slot)
        begin = lo + rng.randint(0, width // 5)
        end = begin + rng.randint(width // 3, width * 3 // 4)
        b = datetime.fromtimestamp(begin, timezone.utc)
        e = datetime.fromtimestamp(end, timezone.utc)
        months.setdefault(b.strftime("%Y-%m"), []).append(f"inc {b:{fmt}} - {e:{fmt}} # {tag}\n")
    for month, lines in months.items():
        (db / "data" / f"{month}.data").write_text("".join(lines), encoding="utf-8")
    (db / "data" / "tags.data").write_text(
        json.dumps({tag: {"count": n_records}}) + "\n", encoding="utf-8")


class SecondGate:
    """Timewarrior refuses a stop in the same second as its start: `mark()` after the
    start, `wait()` (untimed) before the stop sleeps only if the second has not turned."""

    def __init__(self) -> None:
        self.after = 0.0

    def mark(self) -> None:
        self.after = time.time()

    def wait(self) -> None:
        remaining = int(self.after) + 1.01 - time.time()
        if remaining > 0:
            time.sleep(remaining)


# -- a virtual X display with a tray host, and processes' memory -------------------------
# (the minimal part of tests/xdisplay.py, without pytest: Xvfb picks a free display and
# reports it on a pipe, trayer docks at the top right and owns the tray selection)

X_TOOLS = ("Xvfb", "trayer", "xdotool")


class XDisplay:
    """`with XDisplay(tray=True) as d:` — d.env is os.environ plus DISPLAY and
    QT_QPA_PLATFORM=xcb. Raises RuntimeError (with the reason) if it cannot start."""

    def __init__(self, tray: bool = True) -> None:
        self.tray = tray
        self.env: dict[str, str] = {}
        self.tray_check = ""
        self._procs: list[subprocess.Popen[bytes]] = []

    def __enter__(self) -> "XDisplay":
        tools = X_TOOLS if self.tray else ("Xvfb", "xdotool")
        missing = [t for t in tools if shutil.which(t) is None]
        if missing:
            raise RuntimeError(f"needs {', '.join(missing)} (apt-get install xvfb trayer xdotool)")
        number = self._start_xvfb()
        if not number:
            self.__exit__(None, None, None)
            raise RuntimeError(f"Xvfb did not start on any of 20 display numbers (last: {self.tray_check})")
        self.env = {**base_env(), "DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb"}
        self.env.pop("WAYLAND_DISPLAY", None)
        if self.tray:
            self._procs.append(subprocess.Popen(
                ["trayer", "--SetDockType", "true", "--edge", "top", "--align", "right",
                 "--widthtype", "request", "--height", "32"],
                env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            if not self._tray_available(deadline=time.monotonic() + 20):
                self.__exit__(None, None, None)
                raise RuntimeError("trayer did not take the system-tray selection within 20 s "
                                   f"(Qt said: {self.tray_check!r})")
        return self

    def _start_xvfb(self) -> str:
        """Xvfb on a display number of our own, from :60 + (pid % 200) up. Not the
        first free one (-displayfd alone): test runs on the same machine start Xvfb
        concurrently, pick the same low number, and one's exit removes the other's
        socket. -displayfd still tells when the server is ready."""
        import select

        for k in range(20):
            n = 60 + (os.getpid() + k * 7) % 200
            if Path(f"/tmp/.X{n}-lock").exists() or Path(f"/tmp/.X11-unix/X{n}").exists():
                continue
            read_fd, write_fd = os.pipe()
            try:
                xvfb = subprocess.Popen(
                    ["Xvfb", f":{n}", "-displayfd", str(write_fd), "-screen", "0", "1024x768x24",
                     "-nolisten", "tcp"],
                    pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                os.close(write_fd)
                ready, _, _ = select.select([read_fd], [], [], 15)
                number = os.read(read_fd, 32).decode().strip() if ready else ""
            finally:
                os.close(read_fd)
            env = {**base_env(), "DISPLAY": f":{number}"}
            probe = None
            give_up = time.monotonic() + 3  # a display that is not reachable at once sometimes is soon
            while number and xvfb.poll() is None and time.monotonic() < give_up:
                probe = subprocess.run(["xdotool", "getdisplaygeometry"], env=env, capture_output=True,
                                       text=True, timeout=20)
                if probe.returncode == 0:
                    break
                time.sleep(0.1)
            if probe is not None and probe.returncode == 0:
                self._procs.append(xvfb)
                return number
            self.tray_check = (f":{n} reported {number!r}, "
                               f"xdotool: {(probe.stderr.strip() if probe else '')[:200]!r}")
            xvfb.terminate()
            xvfb.wait(10)
        return ""

    def _tray_available(self, deadline: float) -> bool:
        code = ("from PySide6.QtWidgets import QApplication, QSystemTrayIcon; app = QApplication([]); "
                "print(app.platformName(), QSystemTrayIcon.isSystemTrayAvailable())")
        self.tray_check = ""
        while time.monotonic() < deadline:
            run = subprocess.run([sys.executable, "-c", code], env=self.env, capture_output=True,
                                 text=True, timeout=30)
            if run.stdout.split() == ["xcb", "True"]:
                return True
            self.tray_check = (run.stdout + run.stderr).strip()[:400]
            time.sleep(0.05)
        return False

    def __exit__(self, *_exc: object) -> None:
        for proc in reversed(self._procs):
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self._procs.clear()

    def alive(self) -> bool:
        """Xvfb (and trayer) still run and the display answers. (Other test runs on the
        machine have been seen to take a display away mid-run.)"""
        if not self._procs or any(p.poll() is not None for p in self._procs):
            return False
        probe = subprocess.run(["xdotool", "getdisplaygeometry"], env=self.env, capture_output=True, timeout=20)
        return probe.returncode == 0

    def visible_windows(self, *, cls: str | None = None, name: str | None = None) -> list[str]:
        """Viewable X windows whose WM_CLASS (or name) matches, via `xdotool search`."""
        argv = ["xdotool", "search", "--onlyvisible"]
        argv += ["--class", cls] if cls else ["--name", name or "."]
        out = subprocess.run(argv, env=self.env, capture_output=True, text=True, timeout=20).stdout
        return out.split()

    def xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], env=self.env, capture_output=True, timeout=20)


def poll_until(pred: Callable[[], object], deadline: float, interval: float = 0.002) -> tuple[object, float]:
    """Call `pred` until it returns something truthy or `deadline` (time.perf_counter)
    passes; return (value, perf_counter when the successful call returned). The value
    is None on timeout. A figure taken this way is late by at most one call of `pred`."""
    while True:
        value = pred()
        now = time.perf_counter()
        if value:
            return value, now
        if now >= deadline:
            return None, now
        time.sleep(interval)


def process_tree(pid: int) -> list[int]:
    """`pid` and all its live descendants (from /proc/<pid>/stat's ppid field)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        if Path(f"/proc/{p}").exists():
            found.append(p)
        todo.extend(children.get(p, []))
    return found


@dataclass
class Memory:
    pids: list[int]
    rss_kib: int  # sum of VmRSS: shared pages (Qt, GTK, libc) counted once per process
    pss_kib: int  # sum of Pss from smaps_rollup: shared pages split between their users

    @property
    def rss_mb(self) -> float:
        return self.rss_kib * 1024 / 1e6

    @property
    def pss_mb(self) -> float:
        return self.pss_kib * 1024 / 1e6


def memory_of(pid: int) -> Memory:
    """Resident memory of `pid` and its descendants, summed."""
    pids = process_tree(pid)
    rss = pss = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss += int(line.split()[1])
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            continue
    return Memory(pids, rss, pss)


def rss_by_mapping(pid: int, top: int = 15) -> list[tuple[int, str]]:
    """(RSS KiB, mapping) of `pid`'s largest mappings, grouped by file ([heap] and
    anonymous mappings grouped under their own names) — for diagnosing memory."""
    sizes: dict[str, int] = {}
    current = ""
    try:
        text = Path(f"/proc/{pid}/smaps").read_text()
    except OSError:
        return []
    for line in text.splitlines():
        head = line.split(None, 5)
        if len(head) >= 5 and "-" in head[0] and ":" not in head[0]:
            current = head[5].strip() if len(head) == 6 else "[anonymous]"
        elif line.startswith("Rss:"):
            sizes[current] = sizes.get(current, 0) + int(line.split()[1])
    return sorted(((v, k) for k, v in sizes.items()), reverse=True)[:top]


def stop_process(proc: subprocess.Popen) -> None:  # type: ignore[type-arg]
    """SIGTERM, then SIGKILL after 10 s; reaps it."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

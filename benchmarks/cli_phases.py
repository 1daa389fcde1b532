#!/usr/bin/env python3
"""Where a hot `stint` command's time goes: each phase of `start`, `status` and `stop`
timed inside fresh processes, on an empty database and on the 1,000,000-entry one.

    .venv/bin/python benchmarks/cli_phases.py            # 7 cycles; seeds the 1M db if not cached
    .venv/bin/python benchmarks/cli_phases.py --quick    # 2 cycles, 10,000 entries

Each child process goes the console script's way one step at a time (timing each):
the entry point, the hand-off attempt (no app runs), the CLI's import, the parser of
the command's module, the Services (paths, settings, zone), opening the store; then
runs the command through stint.cli.main.run, its store connection's statements timed
(the time inside SQLite, and the slowest). It also says whether SQLAlchemy was
imported (it must not be) and how many modules were. Phases are medians over the cycles; "interpreter start"
is `python -c pass`, and "total" is the child's wall time seen from outside.
Prints figures only; exits 0 whatever they are.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys

import _common as c

CHILD = r"""
import gc, json, os, sys, time
gc.disable()  # as stint.cli.main.main does for a command
t0 = time.perf_counter()
marks = []
def mark(name):
    marks.append([name, time.perf_counter()])
import stint.__main__ as entry
from stint import ipc
mark("import stint.__main__ + ipc (the entry point)")
reply = ipc.forward(sys.argv[1:], ipc.address(ipc.data_dir(os.environ)))
assert reply is None, "an app is running: this measures a command run on the database"
mark("hand-off attempt (no app: no socket file)")
import importlib; climain = importlib.import_module("stint.cli.main"); mark("import stint.cli.main (argparse, services, config)")
climain.build_parser(sys.argv[1]); mark("build_parser(command): its module only")
import io
from stint.services import Services
ctx = Services(out=io.StringIO(), err=io.StringIO())
ctx.tz; mark("Services: paths, settings, time zone")
db = ctx.db; conn = db.connection(); mark("open the store (pragmas, schema check)")
sql = {"n": 0, "total": 0.0, "worst": 0.0, "worst_sql": ""}
plain = conn.execute
def timed(statement, *params):  # instrumentation of this process's connection only
    t = time.perf_counter()
    try:
        return plain(statement, *params)
    finally:
        d = time.perf_counter() - t
        sql["n"] += 1; sql["total"] += d
        if d > sql["worst"]:
            s = " ".join(statement.split())
            where = s.find(" WHERE ")
            sql["worst"], sql["worst_sql"] = d, (s[:60] + " …" + s[where:where + 110]) if where > 0 else s[:170]
conn.execute = timed
rc = climain.run(sys.argv[1:], ctx)
mark("the command (parse, queries, output)")
out = {"rc": rc, "err": ctx.err.getvalue(), "phases": {}, "sql": sql,
       "sqlalchemy": "sqlalchemy" in sys.modules, "modules": len(sys.modules)}
prev = t0
for name, t in marks:
    out["phases"][name] = (t - prev) * 1000
    prev = t
out["in_process_ms"] = (prev - t0) * 1000
print(json.dumps(out))
ctx.close()
gc.freeze()  # nothing left to collect before exit, as the console script
"""

COMMANDS = (["start", "1"], ["status"], ["stop"])


def measure(home, cycles: int) -> dict[str, dict[str, object]]:
    env = c.stint_env(home)
    per: dict[str, dict[str, list[float]]] = {}
    extra: dict[str, dict[str, object]] = {}
    for _ in range(cycles):
        for argv in COMMANDS:
            cmd = argv[0]
            s = c.run_measured([sys.executable, "-c", CHILD, *argv], env)
            c.check(s, ["stint-phases", *argv])
            data = json.loads(s.out.strip().splitlines()[-1])
            if data["rc"] != 0:
                raise c.CommandFailed(f"stint {' '.join(argv)} exited {data['rc']}: {data['err']}")
            d = per.setdefault(cmd, {})
            for name, ms in data["phases"].items():
                d.setdefault(name, []).append(ms)
            d.setdefault("SQL inside SQLite (of the command)", []).append(data["sql"]["total"] * 1000)
            d.setdefault("_wall", []).append(s.wall * 1000)
            d.setdefault("_inproc", []).append(data["in_process_ms"])
            extra[cmd] = {"statements": data["sql"]["n"], "slowest": data["sql"]["worst_sql"],
                          "slowest_ms": data["sql"]["worst"] * 1000, "sqlalchemy": data["sqlalchemy"],
                          "modules": data["modules"]}
    out = {}
    for cmd, d in per.items():
        wall, inproc = d.pop("_wall"), d.pop("_inproc")
        phases = {k: statistics.median(v) for k, v in d.items()}
        phases["interpreter start + exit (total − in-process)"] = statistics.median(
            w - i for w, i in zip(wall, inproc))
        phases["total (wall, from outside)"] = statistics.median(wall)
        out[cmd] = {"phases": phases, **extra[cmd]}
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--cycles", type=int, default=7)
    p.add_argument("--entries", type=int, default=1_000_000)
    p.add_argument("--tasks", type=int, default=1_000)
    p.add_argument("--quick", action="store_true", help="2 cycles, 10,000 entries, 100 tasks")
    p.add_argument("--json", metavar="PATH")
    args = p.parse_args(argv)
    if args.quick:
        args.cycles, args.entries, args.tasks = 2, 10_000, 100
    c.ensure_bytecode()
    print(f"stint command phases · {c.machine_line()}")
    floor = [c.run_measured([sys.executable, "-c", "pass"], c.base_env()).wall * 1000
             for _ in range(max(5, args.cycles))]
    results: dict[str, object] = {"interpreter_ms": statistics.median(floor)}
    try:
        for label, n in (("0 entries", 0), (f"{args.entries:,} entries", args.entries)):
            home = c.fresh_home_from(c.stint_cached_db(n, args.tasks, log=print))
            try:
                res = measure(home, args.cycles)
            finally:
                shutil.rmtree(home, ignore_errors=True)
            results[label] = res
            print(f"\n== {args.tasks:,} tasks, {label} — median of {args.cycles} cycles, ms")
            names = list(res["status"]["phases"])
            print(f"  {'phase':<52}" + "".join(f"{cmd:>10}" for cmd in res))
            print(f"  {'interpreter start (python -c pass, separately)':<52}"
                  + "".join(f"{results['interpreter_ms']:>10.1f}" for _ in res))
            for name in names:
                print(f"  {name:<52}" + "".join(f"{res[cmd]['phases'][name]:>10.1f}" for cmd in res))
            for cmd in res:
                print(f"  {cmd}: {res[cmd]['modules']} modules, SQLAlchemy {'IMPORTED' if res[cmd]['sqlalchemy'] else 'not imported'}; "
                      f"{res[cmd]['statements']} statements; slowest {res[cmd]['slowest_ms']:.1f} ms: "
                      f"{res[cmd]['slowest']}")
    except c.CommandFailed as exc:
        print(f"\nstint failed, nothing to time: {exc}", file=sys.stderr)
        return 1
    c.write_json(args.json, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())

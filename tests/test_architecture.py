"""The import graph of app/stint, as ARCHITECTURE.md draws it: no cycle, and every
import pointing down the layers (an import inside a function or under TYPE_CHECKING
counts too: it is still a dependency a reader has to follow)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "app" / "stint"

# Higher imports lower; equal ranks are separate parts that must not meet (ui and cli).
RANK = {
    "__main__": 9,
    "ui": 8, "cli": 8,
    "services": 7,
    "accounts": 6, "autostart": 6,
    "sync": 5, "timesheet": 5,
    "store": 4, "backends": 4, "desktop": 4,
    "secrets": 3, "importers": 3,
    "config": 2, "logs": 2, "fileio": 2, "ipc": 2, "textcols": 2,
    "domain": 1, "private": 1, "dirs": 1,
}
# Leaves of the same rank that may use each other (stdlib-only helpers).
ALLOWED_SIDEWAYS = {("config", "fileio")}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")
                    base = ".".join(parts[:len(parts) - node.level + 1] + ([base] if base else []))
                targets = [base] + [f"{base}.{a.name}" for a in node.names]
            for target in targets:
                while target and target not in modules:
                    target = target.rsplit(".", 1)[0] if "." in target else ""
                if target and target != name and not name.startswith(target + "."):
                    graph[name].add(target)
    return graph


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_every_part_has_a_layer() -> None:
    assert {_part(m) for m in _graph()} - {"stint"} <= set(RANK)


def test_no_import_cycle() -> None:
    graph = _graph()

    def reach(start: str) -> set[str]:
        seen: set[str] = set()
        todo = [start]
        while todo:
            for nxt in graph[todo.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    assert [m for m in graph if m in reach(m)] == []


def test_imports_point_down_the_layers() -> None:
    upward = []
    for module, targets in _graph().items():
        for target in targets:
            a, b = _part(module), _part(target)
            if a == b or a == "stint" or (a, b) in ALLOWED_SIDEWAYS:
                continue
            if RANK[a] <= RANK[b]:
                upward.append(f"{module} -> {target}")
    assert sorted(upward) == []


def test_qt_only_in_ui() -> None:
    outside = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
               if "ui" not in p.relative_to(PACKAGE).parts[:1] and "PySide6" in p.read_text(encoding="utf-8")]
    assert outside == []

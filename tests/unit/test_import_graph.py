"""No import circle, drawn from the code; every job module imports on its own.

The graph has an edge for every ``import`` of a SafeLedger module that runs, at
module level or inside a function (a deferred import hides a circle, it does not
remove it), and from a module to the packages whose ``__init__`` importing it runs.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "safeledger"


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (packages by their own name)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The SafeLedger modules ``name`` imports, whenever it imports them."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(), filename=str(path))
    # Imports for type checkers only never run.
    unrun = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for inner in ast.walk(node)
    }
    targets: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in unrun:
            continue
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0]
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                full = f"{base}.{alias.name}"
                targets.add(full if full in known else base)
    edges = set()
    for target in targets:
        while target and target not in known:
            target = target.rpartition(".")[0]
        if not target.startswith("safeledger"):
            continue
        # Importing a.b.c runs a/__init__ and a/b/__init__ first, unless the
        # importer is inside them (then they are already being imported).
        parts = target.split(".")
        for end in range(1, len(parts) + 1):
            parent = ".".join(parts[:end])
            if parent != name and not name.startswith(parent + "."):
                edges.add(parent)
    return edges & known.keys()


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected parts of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            part = []
            while True:
                top = stack.pop()
                part.append(top)
                if top == node:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_itself_back_through_others():
    known = modules()
    graph = {name: imports_of(name, path, known) for name, path in known.items()}
    assert circles(graph) == []


def test_the_graph_sees_a_circle_made_by_a_deferred_import():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c"]]


def job_modules() -> list[str]:
    """The modules that define functions decorated as jobs (``@job(actor)``)."""
    found = []
    for name, path in sorted(modules().items()):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and any(
                isinstance(d, ast.Call) and getattr(d.func, "id", None) == "job"
                for d in node.decorator_list
            ):
                found.append(name)
                break
    return found


def test_every_job_module_imports_cleanly_in_a_fresh_interpreter():
    # An RQ worker imports the job's module first, before anything else.
    names = job_modules()
    assert "safeledger.platform.background.table_exports" in names
    started = {
        name: subprocess.Popen(
            [sys.executable, "-c", f"import {name}"],
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in [*names, "safeledger.platform.background.schedule"]
    }
    failed = {}
    for name, process in started.items():
        _, error = process.communicate(timeout=60)
        if process.returncode:
            failed[name] = error.strip().splitlines()[-1:]
    assert failed == {}

"""The dependency direction: domain ← projections ← platform, never back."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "safeledger"

FORBIDDEN = {
    "tenants": (
        "flask",
        "sqlalchemy",
        "rq",
        "redis",
        "safeledger.platform",
        "safeledger.projections",
    ),
    "projections": ("flask", "rq", "redis", "safeledger.platform"),
    # Merkle code and the verifier travel in bundles: standard library (and, for
    # the verifier, cryptography) only, nothing else of SafeLedger.
    "evidence": ("flask", "sqlalchemy", "rq", "redis", "eventsourcing", "safeledger"),
    # A witness is run by another body: it knows only safeledger.evidence.
    "witness": (
        "flask",
        "sqlalchemy",
        "rq",
        "redis",
        "eventsourcing",
        "psycopg",
        "safeledger.platform",
        "safeledger.tenants",
        "safeledger.projections",
    ),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_nothing_from_outer_layers_or_frameworks(layer):
    offending = []
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files, f"no modules found in safeledger/{layer}"
    for path in files:
        for module in imported_modules(path):
            if any(module == f or module.startswith(f + ".") for f in FORBIDDEN[layer]):
                offending.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert offending == []

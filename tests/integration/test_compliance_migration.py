"""Migration 0004 creates exactly the compliance read models' tables."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from safeledger.platform.projector import build
from safeledger.projections.schema import metadata
from tests.compliance_support import READ_MODELS


def table_of(change: Any) -> str | None:
    """The table an Alembic autogenerate change is about."""
    if isinstance(change, list):
        return table_of(change[0])
    for part in change[1:]:
        name = getattr(part, "name", None)
        table = getattr(part, "table", None)
        if table is not None:
            return table.name
        if isinstance(part, str) and part in metadata.tables:
            return part
        if name in metadata.tables:
            return name
    return None


def test_the_migrated_tables_match_the_read_models_definitions(runtime):
    ours = {t.name for n in READ_MODELS for t in build(n, runtime.engine).tables}
    with runtime.engine.connect() as conn:
        changes = compare_metadata(MigrationContext.configure(conn), metadata)
    assert [c for c in changes if table_of(c) in ours] == []

"""One registry of projections: the projector runs each, and migrations create
each one's tables as the projection defines them."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import safeledger.projections
from safeledger.platform.projector import Projector
from safeledger.projections.registry import PROJECTIONS
from safeledger.projections.schema import metadata, projection_tracking

pytestmark = pytest.mark.parametrize("backend", ["sqlite"])


def projection_tables() -> set[sa.Table]:
    """Every table a module of ``safeledger.projections`` defines."""
    found = set()
    package = safeledger.projections
    for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        module = importlib.import_module(info.name)
        found |= {v for v in vars(module).values() if isinstance(v, sa.Table)}
    return found - {projection_tracking}


def changed_table(change: Any) -> str | None:
    """The table an Alembic autogenerate change is about."""
    if isinstance(change, list):
        return changed_table(change[0])
    for part in change[1:]:
        if isinstance(part, sa.Table):
            return part.name
        table = getattr(part, "table", None)
        if isinstance(table, sa.Table):
            return table.name
        if isinstance(part, str) and part in metadata.tables:
            return part
    return None


def test_the_projector_runs_every_registered_projection(settings, backend):
    projector = Projector(settings, sa.create_engine("sqlite://"))
    assert projector.names == tuple(p.name for p in PROJECTIONS)
    assert len(set(projector.names)) == len(PROJECTIONS)


def test_every_projection_table_belongs_to_a_registered_projection(backend):
    owned = {table for p in PROJECTIONS for table in p.tables}
    assert projection_tables() - owned == set()


def test_migrations_create_every_registered_projections_tables(runtime, backend):
    owned = {table.name for p in PROJECTIONS for table in p.tables}
    owned.add(projection_tracking.name)
    with runtime.engine.connect() as conn:
        present = set(sa.inspect(conn).get_table_names())
        changes = compare_metadata(MigrationContext.configure(conn), metadata)
    assert owned - present == set()
    assert [c for c in changes if changed_table(c) in owned] == []

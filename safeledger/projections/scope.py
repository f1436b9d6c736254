"""Which tenants a reader may see, as SQL: every read-model query takes a Scope.

A scope is a set of directory paths; a tenant is visible when its path starts with
one of them (a grant on a county covers its schools). ``Scope.everything()`` is for
the platform's own work (projectors, sweeps), never for a request.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from safeledger.projections.directory.tables import directory_tenants


@dataclass(frozen=True)
class Scope:
    """Directory paths: subtrees a reader sees whole, and single tenants; None = all."""

    paths: tuple[str, ...] | None
    singles: tuple[str, ...] = ()

    @classmethod
    def everything(cls) -> Scope:
        """Every tenant: for the platform's own processes, not for requests."""
        return cls(None)

    @classmethod
    def nothing(cls) -> Scope:
        """No tenant at all."""
        return cls(())

    def covers_path(self, column: sa.ColumnElement[str]) -> sa.ColumnElement[bool]:
        """SQL: the row whose tenant path is ``column`` is visible."""
        if self.paths is None:
            return sa.true()
        if not self.paths and not self.singles:
            return sa.false()
        # Paths hold hex ids and slashes only: "<path>0" is the first string after
        # every "<path>…", so a range scan finds a subtree.
        ranges = [sa.and_(column >= p, column < p[:-1] + "0") for p in self.paths]
        if self.singles:
            ranges.append(column.in_(self.singles))
        return sa.or_(*ranges)

    def covers(self, path: str | None) -> bool:
        """Whether the tenant at ``path`` is visible (the same test, in Python)."""
        if self.paths is None:
            return True
        if path is None:
            return False
        return path in self.singles or any(path.startswith(p) for p in self.paths)

    def covers_tenant(self, column: sa.ColumnElement[object]) -> sa.ColumnElement[bool]:
        """SQL: the row whose tenant id is ``column`` is visible."""
        if self.paths is None:
            return sa.true()
        visible = sa.select(directory_tenants.c.tenant_id).where(
            self.covers_path(directory_tenants.c.path)
        )
        return column.in_(visible)

"""The tenant directory: the hierarchy as a tree with materialized paths."""

from safeledger.projections.directory.projection import DirectoryProjection
from safeledger.projections.directory.tables import directory_tenants

__all__ = ["DirectoryProjection", "directory_tenants"]

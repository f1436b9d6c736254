"""Row-level security on PostgreSQL's read-model tables: defence in depth.

Every read-model table with a ``tenant_id`` column gets a policy that shows a row
only when its tenant lies within the scope the request set for its transaction
(``safeledger.scope``: subtree paths, ``safeledger.singles``: single tenants).
Requests read as the ``safeledger_reader`` role, which the policies bind;
migrations and projectors write as the owner, which they do not.
"""

from __future__ import annotations

import sqlalchemy as sa

from safeledger.projections.schema import metadata

READER = "safeledger_reader"

VISIBLE_FUNCTION = """
CREATE OR REPLACE FUNCTION safeledger_visible(tenant uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH setting AS (
    SELECT coalesce(current_setting('safeledger.scope', true), '') AS paths,
           coalesce(current_setting('safeledger.singles', true), '') AS singles
  )
  SELECT setting.paths = '*'
      OR EXISTS (
        SELECT 1 FROM directory_tenants d
        WHERE d.tenant_id = tenant AND (
          d.path = ANY (string_to_array(setting.singles, ','))
          OR EXISTS (
            SELECT 1 FROM unnest(string_to_array(setting.paths, ',')) p
            WHERE d.path >= p AND d.path < left(p, -1) || '0'
          )
        )
      )
  FROM setting
$$
"""

# Platform tables that carry a tenant id but are not read models a request reads.
EXEMPT = {"tenant_shards"}


def tenant_tables() -> list[str]:
    """Every read-model table with a ``tenant_id`` column."""
    return sorted(
        table.name
        for table in metadata.sorted_tables
        if "tenant_id" in table.c and table.name not in EXEMPT
    )


def apply_row_level_security(conn: sa.Connection) -> None:
    """Create the reader role, the visibility function and a policy per table."""
    conn.execute(
        sa.text(
            f"DO $$ BEGIN CREATE ROLE {READER} NOLOGIN; "
            "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
        )
    )
    conn.execute(sa.text(f"GRANT {READER} TO CURRENT_USER"))
    conn.execute(sa.text(f"GRANT USAGE ON SCHEMA public TO {READER}"))
    conn.execute(sa.text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {READER}"))
    conn.execute(sa.text(VISIBLE_FUNCTION))
    for table in tenant_tables():
        conn.execute(sa.text(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY'))
        conn.execute(sa.text(f'DROP POLICY IF EXISTS tenant_visible ON "{table}"'))
        conn.execute(
            sa.text(
                f'CREATE POLICY tenant_visible ON "{table}" FOR SELECT TO {READER} '
                "USING (safeledger_visible(tenant_id))"
            )
        )

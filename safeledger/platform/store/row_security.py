"""Row-level security on PostgreSQL's read-model tables: defence in depth.

Every read-model table gets a policy that shows a row only when its tenant lies
within the scope the request set for its transaction (``safeledger.scope``:
subtree paths, ``safeledger.singles``: single tenants). Requests read as the
``safeledger_reader`` role, which the policies bind and which is granted nothing
else: accounts, tokens, sessions and idempotency keys stay out of its reach.
Migrations and projectors write as the owner, which the policies do not bind.
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

VISIBLE_OR_ABOVE_FUNCTION = """
CREATE OR REPLACE FUNCTION safeledger_visible_or_above(tenant uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  -- A jurisdiction's rules bind every tenant below it: a reader sees the rules
  -- of the tenants it may see and of every tenant above them.
  WITH setting AS (
    SELECT coalesce(current_setting('safeledger.scope', true), '') AS paths,
           coalesce(current_setting('safeledger.singles', true), '') AS singles
  )
  SELECT setting.paths = '*'
      OR EXISTS (
        SELECT 1 FROM directory_tenants j,
          unnest(string_to_array(setting.paths || ',' || setting.singles, ',')) p
        WHERE j.tenant_id = tenant AND p <> ''
          AND (left(p, length(j.path)) = j.path
               OR (j.path >= p AND j.path < left(p, -1) || '0'))
      )
  FROM setting
$$
"""

# What a request may read, and which rows of it: every read-model table a request
# reads has its policy here. A table not listed is a platform table (accounts,
# tokens, sessions, idempotency keys, jobs, tracking): the reader role is not
# granted it at all.
POLICIES: dict[str, str] = {
    "accountability_cases": "safeledger_visible(tenant_id)",
    # A coverage row concerns the issuing bureau and the school it covers.
    "agreement_coverage": (
        "safeledger_visible(issuer_id) OR safeledger_visible(counterparty_tenant_id)"
    ),
    "audit_trail": "safeledger_visible(tenant_id)",
    "compliance_snapshots": "safeledger_visible(tenant_id)",
    "directory_tenants": "safeledger_visible(tenant_id)",
    "drill_log": "safeledger_visible(tenant_id)",
    "evidence_checkpoints": "safeledger_visible(tenant_id)",
    "evidence_leaves": "safeledger_visible(tenant_id)",
    "evidence_logs": "safeledger_visible(tenant_id)",
    "evidence_subtrees": "safeledger_visible(tenant_id)",
    # Public keys, published so anyone can check a signed checkpoint.
    "evidence_keys": "true",
    "grid_assignments": "safeledger_visible(tenant_id)",
    "grid_places": "safeledger_visible(tenant_id)",
    "hazard_board": "safeledger_visible(tenant_id)",
    "incident_register": "safeledger_visible(tenant_id)",
    "monthly_reports": "safeledger_visible(tenant_id)",
    "notifications": "safeledger_visible(tenant_id)",
    # Read marks are the reader's own.
    "notification_reads": ("user_id::text = current_setting('safeledger.user', true)"),
    "role_grants": "safeledger_visible(tenant_id)",
    "rulesets": "safeledger_visible_or_above(jurisdiction_id)",
    "webhooks": "safeledger_visible(tenant_id)",
    "webhook_deliveries": (
        "EXISTS (SELECT 1 FROM webhooks w WHERE w.webhook_id ="
        " webhook_deliveries.webhook_id AND safeledger_visible(w.tenant_id))"
    ),
}


def tenant_tables() -> list[str]:
    """Every table a request reads, each with its row-level policy."""
    return sorted(POLICIES)


def platform_tables() -> list[str]:
    """Every other table: never granted to the reader role."""
    return sorted(t.name for t in metadata.sorted_tables if t.name not in POLICIES)


def apply_row_level_security(conn: sa.Connection) -> None:
    """Create the reader role, the visibility functions and a policy per table;
    grant the reader the read models only."""
    conn.execute(
        sa.text(
            f"DO $$ BEGIN CREATE ROLE {READER} NOLOGIN; "
            "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
        )
    )
    conn.execute(sa.text(f"GRANT {READER} TO CURRENT_USER"))
    conn.execute(sa.text(f"GRANT USAGE ON SCHEMA public TO {READER}"))
    # Earlier versions granted every table; start again from nothing.
    conn.execute(sa.text(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {READER}"))
    conn.execute(sa.text(VISIBLE_FUNCTION))
    conn.execute(sa.text(VISIBLE_OR_ABOVE_FUNCTION))
    for table, visible in POLICIES.items():
        conn.execute(sa.text(f'GRANT SELECT ON "{table}" TO {READER}'))
        conn.execute(sa.text(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY'))
        conn.execute(sa.text(f'DROP POLICY IF EXISTS tenant_visible ON "{table}"'))
        conn.execute(
            sa.text(
                f'CREATE POLICY tenant_visible ON "{table}" FOR SELECT TO {READER} '
                f"USING ({visible})"
            )
        )

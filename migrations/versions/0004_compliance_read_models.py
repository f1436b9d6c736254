"""Compliance read models: rulesets, hazard board, drill log, agreement coverage,
incident register, grid map, monthly reports and the audit trail.

Versioned tables keep one row per change with ``recorded_from``/``recorded_to``,
so each can be read as of any past moment.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

UTC_DATETIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "rulesets",
        sa.Column("ruleset_id", sa.Uuid, nullable=False),
        sa.Column("jurisdiction_id", sa.Uuid, nullable=False),
        sa.Column("effective_from", UTC_DATETIME, nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("rules", sa.JSON, nullable=False),
        sa.Column("recorded_at", UTC_DATETIME, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("ruleset_id", name="pk_rulesets"),
    )
    op.create_index("ix_rulesets_jurisdiction_id", "rulesets", ["jurisdiction_id"])
    op.create_table(
        "hazard_board",
        sa.Column("hazard_id", sa.Uuid, nullable=False),
        sa.Column("tenant_id", sa.Uuid, nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("place", sa.String(200)),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("owner", sa.String(200)),
        sa.Column("supervisor", sa.String(200)),
        sa.Column("deadline", UTC_DATETIME),
        sa.Column("logged_at", UTC_DATETIME, nullable=False),
        sa.Column("reported_at", UTC_DATETIME),
        sa.Column("verified_at", UTC_DATETIME),
        sa.Column("closed_at", UTC_DATETIME),
        sa.Column("escalated_to", sa.Uuid),
        sa.Column("escalated_at", UTC_DATETIME),
        sa.Column("deadline_extensions", sa.Integer, nullable=False),
        sa.Column("photo_digests", sa.JSON, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("recorded_from", UTC_DATETIME, nullable=False),
        sa.Column("recorded_to", UTC_DATETIME),
        sa.PrimaryKeyConstraint("hazard_id", "version", name="pk_hazard_board"),
    )
    op.create_index("ix_hazard_board_recorded_to", "hazard_board", ["recorded_to"])
    op.create_index("ix_hazard_board_tenant_id", "hazard_board", ["tenant_id"])
    op.create_table(
        "drill_log",
        sa.Column("drill_id", sa.Uuid, nullable=False),
        sa.Column("tenant_id", sa.Uuid, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("planned_on", sa.String(10), nullable=False),
        sa.Column("planned_at", UTC_DATETIME, nullable=False),
        sa.Column("held_at", UTC_DATETIME),
        sa.Column("held_recorded_at", UTC_DATETIME),
        sa.Column("participants", sa.Integer),
        sa.Column("duration_minutes", sa.Integer),
        sa.Column("evacuation_seconds", sa.Integer),
        sa.Column("summary_digest", sa.String(64)),
        sa.Column("photo_digests", sa.JSON, nullable=False),
        sa.Column("findings", sa.Integer, nullable=False),
        sa.Column("cancel_reason", sa.Text),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("recorded_from", UTC_DATETIME, nullable=False),
        sa.Column("recorded_to", UTC_DATETIME),
        sa.PrimaryKeyConstraint("drill_id", "version", name="pk_drill_log"),
    )
    op.create_index("ix_drill_log_recorded_to", "drill_log", ["recorded_to"])
    op.create_index("ix_drill_log_tenant_id", "drill_log", ["tenant_id"])
    op.create_table(
        "agreement_coverage",
        sa.Column("agreement_id", sa.Uuid, nullable=False),
        sa.Column("issuer_id", sa.Uuid, nullable=False),
        sa.Column("counterparty_tenant_id", sa.Uuid),
        sa.Column("counterparty_kind", sa.String(16), nullable=False),
        sa.Column("counterparty_ref", sa.String(100), nullable=False),
        sa.Column("counterparty_name", sa.String(200), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("generation", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("issued_at", UTC_DATETIME, nullable=False),
        sa.Column("issuer_signed_at", UTC_DATETIME),
        sa.Column("counterparty_signed_at", UTC_DATETIME),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("recorded_from", UTC_DATETIME, nullable=False),
        sa.Column("recorded_to", UTC_DATETIME),
        sa.PrimaryKeyConstraint(
            "agreement_id", "version", name="pk_agreement_coverage"
        ),
    )
    op.create_index(
        "ix_agreement_coverage_counterparty_ref",
        "agreement_coverage",
        ["counterparty_ref"],
    )
    op.create_index(
        "ix_agreement_coverage_counterparty_tenant_id",
        "agreement_coverage",
        ["counterparty_tenant_id"],
    )
    op.create_index(
        "ix_agreement_coverage_issuer_id", "agreement_coverage", ["issuer_id"]
    )
    op.create_index(
        "ix_agreement_coverage_recorded_to", "agreement_coverage", ["recorded_to"]
    )
    op.create_table(
        "incident_register",
        sa.Column("incident_id", sa.Uuid, nullable=False),
        sa.Column("tenant_id", sa.Uuid, nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("severity", sa.String(32), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("occurred_at", UTC_DATETIME, nullable=False),
        sa.Column("reported_at", UTC_DATETIME, nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("written_report_at", UTC_DATETIME),
        sa.Column("deaths", sa.Integer, nullable=False),
        sa.Column("injuries", sa.Integer, nullable=False),
        sa.Column("closed_at", UTC_DATETIME),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("recorded_from", UTC_DATETIME, nullable=False),
        sa.Column("recorded_to", UTC_DATETIME),
        sa.PrimaryKeyConstraint("incident_id", "version", name="pk_incident_register"),
    )
    op.create_index(
        "ix_incident_register_recorded_to", "incident_register", ["recorded_to"]
    )
    op.create_index(
        "ix_incident_register_tenant_id", "incident_register", ["tenant_id"]
    )
    op.create_table(
        "grid_places",
        sa.Column("place_id", sa.Uuid, nullable=False),
        sa.Column("tenant_id", sa.Uuid, nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("parent_id", sa.Uuid),
        sa.Column("retired_at", UTC_DATETIME),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("recorded_from", UTC_DATETIME, nullable=False),
        sa.Column("recorded_to", UTC_DATETIME),
        sa.PrimaryKeyConstraint("place_id", "version", name="pk_grid_places"),
    )
    op.create_index("ix_grid_places_recorded_to", "grid_places", ["recorded_to"])
    op.create_index("ix_grid_places_tenant_id", "grid_places", ["tenant_id"])
    op.create_table(
        "grid_assignments",
        sa.Column("assignment_id", sa.Uuid, nullable=False),
        sa.Column("tenant_id", sa.Uuid, nullable=False),
        sa.Column("place_id", sa.Uuid, nullable=False),
        sa.Column("person", sa.String(200), nullable=False),
        sa.Column("role", sa.String(100), nullable=False),
        sa.Column("slots", sa.JSON),
        sa.Column("valid_from", UTC_DATETIME, nullable=False),
        sa.Column("valid_to", UTC_DATETIME),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("recorded_from", UTC_DATETIME, nullable=False),
        sa.Column("recorded_to", UTC_DATETIME),
        sa.PrimaryKeyConstraint("assignment_id", "version", name="pk_grid_assignments"),
    )
    op.create_index(
        "ix_grid_assignments_recorded_to", "grid_assignments", ["recorded_to"]
    )
    op.create_index("ix_grid_assignments_tenant_id", "grid_assignments", ["tenant_id"])
    op.create_table(
        "monthly_reports",
        sa.Column("report_id", sa.Uuid, nullable=False),
        sa.Column("tenant_id", sa.Uuid, nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("submitted_by", sa.String(200), nullable=False),
        sa.Column("submitted_at", UTC_DATETIME, nullable=False),
        sa.Column("amended_at", UTC_DATETIME),
        sa.Column("amendments", sa.Integer, nullable=False),
        sa.Column("figures", sa.JSON, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("recorded_from", UTC_DATETIME, nullable=False),
        sa.Column("recorded_to", UTC_DATETIME),
        sa.PrimaryKeyConstraint("report_id", "version", name="pk_monthly_reports"),
    )
    op.create_index(
        "ix_monthly_reports_recorded_to", "monthly_reports", ["recorded_to"]
    )
    op.create_index("ix_monthly_reports_tenant_id", "monthly_reports", ["tenant_id"])
    op.create_table(
        "audit_trail",
        sa.Column("application", sa.String(64), nullable=False),
        sa.Column("notification_id", sa.BigInteger, nullable=False),
        sa.Column("recorded_at", UTC_DATETIME, nullable=False),
        sa.Column("tenant_id", sa.Uuid),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("request_id", sa.String(64)),
        sa.Column("event_type", sa.String(100), nullable=False),
        sa.Column("aggregate_id", sa.Uuid, nullable=False),
        sa.Column("aggregate_version", sa.Integer, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint(
            "application", "notification_id", name="pk_audit_trail"
        ),
    )
    op.create_index("ix_audit_trail_actor", "audit_trail", ["actor"])
    op.create_index("ix_audit_trail_event_type", "audit_trail", ["event_type"])
    op.create_index("ix_audit_trail_recorded_at", "audit_trail", ["recorded_at"])
    op.create_index("ix_audit_trail_tenant_id", "audit_trail", ["tenant_id"])


def downgrade() -> None:
    op.drop_table("audit_trail")
    op.drop_table("monthly_reports")
    op.drop_table("grid_assignments")
    op.drop_table("grid_places")
    op.drop_table("incident_register")
    op.drop_table("agreement_coverage")
    op.drop_table("drill_log")
    op.drop_table("hazard_board")
    op.drop_table("rulesets")

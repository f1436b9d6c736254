"""Which action each API endpoint needs: the one place requests meet the matrix.

An endpoint under ``/tenants/<tenant_id>`` needs its action on that tenant. A
tenant the caller cannot see at all answers 404, as if it did not exist; one the
caller can see but not act on answers 403. An endpoint with no rule is refused.
"""

from __future__ import annotations

from safeledger.tenants.access import Action

# blueprint → HTTP method → action needed on the tenant in the path.
TENANT_ACTIONS: dict[str, dict[str, Action]] = {
    "tenants": {"GET": Action.READ, "POST": Action.MANAGE_TENANTS},
    "imports": {"POST": Action.MANAGE_TENANTS},
    "grants": {"GET": Action.MANAGE_ACCESS, "POST": Action.MANAGE_ACCESS},
    "accounts": {"GET": Action.MANAGE_ACCESS, "POST": Action.MANAGE_ACCESS},
    "evidence": {"GET": Action.READ, "POST": Action.EXPORT_EVIDENCE},
    "audit_trail": {"GET": Action.READ_AUDIT},
    "compliance": {"GET": Action.READ},
    "views": {"GET": Action.READ},
    "rulesets": {"GET": Action.READ, "POST": Action.PUBLISH_RULES},
    "monthly_reports": {"GET": Action.READ, "POST": Action.SUBMIT_REPORT},
    "accountability_cases": {"GET": Action.READ, "POST": Action.HOLD_ACCOUNTABLE},
    # A webhook's secret and its delivery log are the tenant admin's business.
    "webhooks": {"GET": Action.MANAGE_ACCESS, "POST": Action.MANAGE_ACCESS},
    # A job's own action (an evidence export's) is checked again by the view.
    "jobs": {"GET": Action.READ},
    "table_exports": {"POST": Action.READ},
    **{
        name: {"GET": Action.READ, "POST": Action.RECORD}
        for name in (
            "agreements",
            "hazards",
            "drills",
            "incidents",
            "grid",
            "grid_places",
            "grid_assignments",
            "attachments",
        )
    },
}

# Endpoints that need more than their blueprint's rule.
ENDPOINT_ACTIONS: dict[tuple[str, str], Action] = {
    ("evidence.ExportJob", "GET"): Action.EXPORT_EVIDENCE,
    ("evidence.ExportDownload", "GET"): Action.EXPORT_EVIDENCE,
}

# Endpoints with no tenant in the path: who may call them.
ANY_USER = "any authenticated user"
PLATFORM_ADMIN = "platform admins only"
UNTENANTED: dict[tuple[str, str], str] = {
    ("tenants.Provinces", "GET"): ANY_USER,  # the list is narrowed to what one sees
    ("tenants.Provinces", "POST"): PLATFORM_ADMIN,
    ("auth.Tokens", "GET"): ANY_USER,
    ("auth.Token", "DELETE"): ANY_USER,
    ("auth.Me", "GET"): ANY_USER,
    ("own_account.OwnPassword", "POST"): ANY_USER,
    ("evidence.Keys", "GET"): ANY_USER,
    ("notifications.Inbox", "GET"): ANY_USER,  # narrowed to the tenants one reads
    ("notifications.NotificationRead", "POST"): ANY_USER,
}

# Endpoints anyone may call, signed in or not.
PUBLIC: set[tuple[str, str]] = {
    ("auth.Tokens", "POST"),
    # Each tenant's checkpoints, for anyone to mirror (signed notes, no events).
    ("evidence.FeedCheckpoint", "GET"),
    ("evidence.FeedCheckpoints", "GET"),
}

# Reads that are themselves recorded in the ledger (who read what, when).
RECORDED_READS: dict[str, set[str]] = {"evidence": {"GET"}, "audit_trail": {"GET"}}


def tenant_action(endpoint: str, method: str) -> Action | None:
    """The action an endpoint needs on its tenant, if it has a rule."""
    if (endpoint, method) in ENDPOINT_ACTIONS:
        return ENDPOINT_ACTIONS[endpoint, method]
    blueprint = endpoint.partition(".")[0]
    return TENANT_ACTIONS.get(blueprint, {}).get(method)

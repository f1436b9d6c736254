"""Who may do what: the role × action matrix, in one place (属地管理, 一岗双责).

A role is granted on a tenant. Where the role covers descendants, the grant also
holds for every tenant below (a county's tenant admin for its schools); where it
does not, only for the tenant itself. The platform checks every request against
this matrix; the README prints it.
"""

from __future__ import annotations

from enum import StrEnum

from safeledger.tenants.errors import DomainError


class Role(StrEnum):
    PLATFORM_ADMIN = "platform_admin"
    TENANT_ADMIN = "tenant_admin"
    PRINCIPAL = "principal"
    SAFETY_OFFICER = "safety_officer"
    INSPECTOR = "inspector"
    AUDITOR = "auditor"


class Action(StrEnum):
    READ = "read"  # records, read models, the directory
    RECORD = "record"  # agreements, hazards, drills, incidents, grid, attachments
    SUBMIT_REPORT = "submit_report"  # the monthly safety report
    MANAGE_TENANTS = "manage_tenants"  # register, rename, move, deactivate
    MANAGE_ACCESS = "manage_access"  # grant and revoke roles
    PUBLISH_RULES = "publish_rules"  # rulesets of a jurisdiction
    READ_AUDIT = "read_audit"  # audit trails (each read is itself recorded)
    EXPORT_EVIDENCE = "export_evidence"  # evidence bundles (each export recorded)
    HOLD_ACCOUNTABLE = "hold_accountable"  # open, decide, close cases (问责)


ALL = frozenset(Action)
MATRIX: dict[Role, frozenset[Action]] = {
    Role.PLATFORM_ADMIN: ALL,
    # Runs the tenant's part of the platform; the records are the safety staff's.
    Role.TENANT_ADMIN: frozenset(
        {
            Action.READ,
            Action.MANAGE_TENANTS,
            Action.MANAGE_ACCESS,
            Action.PUBLISH_RULES,
            Action.READ_AUDIT,
            Action.EXPORT_EVIDENCE,
            Action.HOLD_ACCOUNTABLE,
        }
    ),
    Role.PRINCIPAL: frozenset(
        {Action.READ, Action.RECORD, Action.SUBMIT_REPORT, Action.READ_AUDIT}
    ),
    Role.SAFETY_OFFICER: frozenset({Action.READ, Action.RECORD}),
    Role.INSPECTOR: frozenset({Action.READ, Action.READ_AUDIT}),
    # 纪检/问责: the officials who hold schools to account sit at the upper levels,
    # as auditors or as the bureau's tenant admins; those who record, report or
    # inspect do not judge themselves (a principal's grant covers one school only).
    Role.AUDITOR: frozenset(
        {
            Action.READ,
            Action.READ_AUDIT,
            Action.EXPORT_EVIDENCE,
            Action.HOLD_ACCOUNTABLE,
        }
    ),
}

# Roles whose grant on a tenant also holds for the tenants below it: a county's
# safety office works across its schools; a principal answers for one school.
COVERS_DESCENDANTS = frozenset(Role) - {Role.PRINCIPAL}

# Platform admins are made by the operator (`safeledger users create-admin`), never
# by a grant; every other role can be granted by whoever may manage access.
GRANTABLE = frozenset(Role) - {Role.PLATFORM_ADMIN}


class AccessDeniedError(DomainError):
    """The actor's roles on this tenant do not allow the action."""

    rule = "role_allows_action"


def allows(role: Role, action: Action) -> bool:
    """Whether ``role`` may perform ``action`` on a tenant it is granted on."""
    return action in MATRIX[role]


def matrix_table() -> str:
    """The matrix as a Markdown table, as the README prints it."""
    header = (
        "| role | covers descendants | " + " | ".join(a.value for a in Action) + " |"
    )
    rule = "|---|---|" + "---|" * len(Action)
    rows = [
        f"| {role.value} | {'yes' if role in COVERS_DESCENDANTS else 'no'} | "
        + " | ".join("✓" if allows(role, a) else "" for a in Action)
        + " |"
        for role in Role
    ]
    return "\n".join([header, rule, *rows])

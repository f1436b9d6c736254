"""The domain's errors. Each names the rule it enforces and the field at fault.

The platform maps these to HTTP statuses in exactly one place; the domain never
speaks of statuses.
"""

from __future__ import annotations


class DomainError(Exception):
    """A command broke a rule of the domain; nothing was recorded."""

    rule: str = "domain_rule"
    field: str | None = None

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if field is not None:
            self.field = field


class NotFoundError(DomainError):
    """The command names something that does not exist."""

    rule = "must_exist"


class ConflictError(DomainError):
    """The command clashes with what is already recorded."""

    rule = "conflict"


class InvalidValueError(DomainError):
    """A value is outside what the domain accepts."""

    rule = "valid_value"


class StaleVersionError(ConflictError):
    """The caller's expected version is not the aggregate's current version."""

    rule = "expected_version"
    field = "version"


class MissingContextError(RuntimeError):
    """An event was created with no actor or ledger in context: a platform bug."""

    def __init__(self, what: str) -> None:
        super().__init__(f"no {what} in context: events need one to be recorded")

"""Running one lifecycle step from a record page's form, the same way everywhere.

The step calls a ledger command (the same the API calls); a missing field or a
broken rule shows the record's page again with the form open, filled in, and the
message beside the field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from flask import abort, g, redirect

from safeledger.platform.api.context import runtime
from safeledger.platform.console.frame import acting, refuse, visible_tenant
from safeledger.platform.console.hazards.forms import FieldError
from safeledger.platform.console.labels import rule_message
from safeledger.tenants.access import Action
from safeledger.tenants.errors import DomainError, NotFoundError


def perform(
    tenant_id: UUID,
    step: str,
    command: Callable[[Any], Any],
    page: Callable[[], Any],
    done_url: Callable[[Any], str],
    fields: dict[str, str | None] | None = None,
    action: Action = Action.RECORD,
) -> Any:
    """Run ``command(ledger)``; then go to ``done_url(recorded)`` or show ``page``.

    ``action`` is what the caller needs on the tenant whose ledger is written
    (a school signs in its county's ledger: the route checks that right itself).
    """
    if action is not Action.READ:
        visible_tenant(tenant_id, action)
    ledger = runtime().store.for_tenant(tenant_id)
    try:
        with acting():
            done = command(ledger)
    except FieldError as error:
        refuse(error.message, error.field)
        return failed(page, step)
    except NotFoundError:
        abort(404)
    except DomainError as error:
        field = (fields or {}).get(error.field or "", error.field)
        refuse(rule_message(error), field)
        return failed(page, step)
    runtime().wait_for_projections(done)
    return redirect(done_url(done))


def failed(page: Callable[[], Any], step: str) -> Any:
    """The page again, with the refused form open."""
    g.open_form = step
    return page(), 422


def timeline(ledger: Any, record_id: UUID) -> list[dict[str, Any]]:
    """A record's events for its page: what, when, who, and the event's data."""
    from safeledger.platform.console import people

    return [
        {
            "type": type(event).__name__,
            "at": event.timestamp,
            "who": people.actor_name(event.actor),
            "data": vars(event),
        }
        for event in ledger.events.get(record_id)
    ]

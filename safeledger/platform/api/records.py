"""Reading a record straight from the ledger: its state and its history of events."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from enum import Enum
from typing import Any
from uuid import UUID

from flask_smorest import Blueprint

from safeledger.platform.api.context import runtime
from safeledger.platform.api.pagination import PageArgs, page_of
from safeledger.platform.api.schemas import EventPageSchema, RecordSchema
from safeledger.tenants.ledger import LedgerAggregate

# Event fields every event has; the history lists them apart from the event's data.
STAMP_FIELDS = {
    "originator_id",
    "originator_version",
    "originator_topic",
    "timestamp",
    "tenant_id",
    "actor",
    "request_id",
}


def plain(value: Any) -> Any:
    """A JSON-ready copy of a domain value (enums, ids, times, value objects)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (UUID, datetime, date)):
        return value.isoformat() if not isinstance(value, UUID) else str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return plain(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(plain(k)): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(v) for v in value]
    return value


def record_of(
    cls: type[LedgerAggregate], tenant_id: UUID, record_id: UUID
) -> dict[str, Any]:
    """A record's current state, or a 404 if the tenant has none with that id."""
    aggregate = runtime().store.for_tenant(tenant_id).load(cls, tenant_id, record_id)
    state = {k: v for k, v in vars(aggregate).items() if not k.startswith("_")}
    state.pop("tenant_id", None)
    return {
        "id": aggregate.id,
        "type": cls.__name__,
        "version": aggregate.version,
        "tenant_id": tenant_id,
        "created_on": aggregate.created_on,
        "modified_on": aggregate.modified_on,
        "state": plain(state),
    }


def history_of(
    cls: type[LedgerAggregate], tenant_id: UUID, record_id: UUID, page: dict[str, int]
) -> tuple[list[dict[str, Any]], int]:
    """A page of a record's events, oldest first, and how many there are."""
    ledger = runtime().store.for_tenant(tenant_id)
    aggregate = ledger.load(cls, tenant_id, record_id)
    first = (page["page"] - 1) * page["page_size"] + 1
    last = first + page["page_size"] - 1
    events = ledger.events.get(record_id, gt=first - 1, lte=last)
    return [event_view(event) for event in events], aggregate.version


def event_view(event: Any) -> dict[str, Any]:
    """One event as the history shows it."""
    data = {k: v for k, v in vars(event).items() if k not in STAMP_FIELDS}
    return {
        "version": event.originator_version,
        "type": type(event).__name__,
        "recorded_at": event.timestamp,
        "actor": event.actor,
        "request_id": event.request_id,
        "data": plain(data),
    }


def record_routes(
    blp: Blueprint, cls: type[LedgerAggregate], id_param: str, label: str
) -> None:
    """Route GET ``/<id>`` (current state) and ``/<id>/history`` (events) of ``cls``."""

    @blp.response(200, RecordSchema)
    def get_record(tenant_id: UUID, **ids: UUID) -> dict[str, Any]:
        return record_of(cls, tenant_id, ids[id_param])

    @blp.arguments(PageArgs, location="query")
    @blp.response(200, EventPageSchema)
    def get_history(
        args: dict[str, int], tenant_id: UUID, **ids: UUID
    ) -> dict[str, Any]:
        return page_of(*history_of(cls, tenant_id, ids[id_param], args), args)

    get_record.__doc__ = f"Get a {label}'s current state, rebuilt from its events."
    get_history.__doc__ = f"List a {label}'s events, oldest first."
    # The endpoint names the generated view classes had, so url_for keeps working.
    name = cls.__name__
    blp.route(f"/<uuid:{id_param}>", endpoint=f"{name}Record", methods=["GET"])(
        get_record
    )
    blp.route(
        f"/<uuid:{id_param}>/history", endpoint=f"{name}History", methods=["GET"]
    )(get_history)

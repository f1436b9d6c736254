"""Request context: the runtime, the caller, their read scope, and read transactions."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from uuid import UUID

import sqlalchemy as sa
from flask import current_app, g, request

from safeledger.platform.auth.identity import Identity
from safeledger.platform.runtime import Runtime
from safeledger.projections.scope import Scope
from safeledger.tenants import context
from safeledger.tenants.access import Action


def runtime() -> Runtime:
    """The platform runtime of the current app."""
    return current_app.extensions["safeledger"]


def identity() -> Identity:
    """The authenticated caller (the access checks ran before any view)."""
    return g.identity


def reader_scope(action: Action = Action.READ) -> Scope:
    """The tenants the caller may read; every read-model query takes it."""
    caller = g.get("identity")
    return caller.scope(action) if caller is not None else Scope.nothing()


@contextmanager
def read_connection(scope: Scope | None = None) -> Iterator[sa.Connection]:
    """A read transaction; on PostgreSQL row-level security limits it to ``scope``.

    The queries filter by scope themselves; the database policy is the second
    line, so a query that forgets the filter still returns nothing foreign.
    """
    scope = scope or reader_scope()
    with runtime().engine.connect() as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            caller = g.get("identity")
            limit_to(conn, scope, caller.user.user_id if caller else None)
        yield conn


def limit_to(conn: sa.Connection, scope: Scope, user_id: UUID | None = None) -> None:
    """Switch a PostgreSQL transaction to the reader role, limited to ``scope``
    (and, for rows that belong to a user, to ``user_id``'s)."""
    everything = scope.paths is None
    conn.execute(sa.text("SET LOCAL ROLE safeledger_reader"))
    conn.execute(
        sa.text(
            "SELECT set_config('safeledger.scope', :paths, true),"
            " set_config('safeledger.singles', :singles, true),"
            " set_config('safeledger.user', :user, true)"
        ),
        {
            "paths": "*" if everything else ",".join(scope.paths or ()),
            "singles": "" if everything else ",".join(scope.singles),
            "user": str(user_id or ""),
        },
    )


# A client's own request id is kept only if it is a plain token: it is stored in
# every event and shown in audit trails, so markup or control characters never are.
REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")


def request_id() -> str:
    """The client's X-Request-Id if it is a safe token, else a new id."""
    given = request.headers.get("X-Request-Id", "")
    return given if REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


@contextmanager
def command_context() -> Iterator[None]:
    """Stamp events created in the block with the caller and the request id."""
    with context.acting_as(identity().actor, request_id=request_id()):
        yield

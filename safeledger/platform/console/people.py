"""People as the console names them: display names of accounts and actors."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import g
from flask_babel import lazy_gettext as _l

from safeledger.platform.api.context import runtime
from safeledger.platform.auth.tables import users
from safeledger.projections.directory.tables import directory_tenants as d
from safeledger.projections.grants.tables import role_grants as r

SYSTEM = _l("System")


def actor_name(actor: str | None) -> Any:
    """Who an event's actor is: an account's display name, or "System"."""
    if not actor or not actor.startswith("user:"):
        return SYSTEM
    username = actor.removeprefix("user:")
    cache: dict[str, str] = g.setdefault("actor_names", {})
    if username not in cache:
        with runtime().engine.connect() as conn:
            name = conn.execute(
                sa.select(users.c.display_name).where(users.c.username == username)
            ).scalar()
        cache[username] = name or username
    return cache[username]


def names_around(path: str) -> list[str]:
    """Display names of the people holding roles on a tenant or the tenants above it."""
    hexes = [part for part in path.strip("/").split("/") if part]
    paths = ["/" + "/".join(hexes[: i + 1]) + "/" for i in range(len(hexes))]
    query = (
        sa.select(users.c.display_name)
        .join(r, r.c.user_id == users.c.user_id)
        .join(d, d.c.tenant_id == r.c.tenant_id)
        .where(d.c.path.in_(paths), r.c.active.is_(True), users.c.disabled.is_(False))
        .distinct()
        .order_by(users.c.display_name)
    )
    with runtime().engine.connect() as conn:
        return list(conn.execute(query).scalars())

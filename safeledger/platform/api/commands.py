"""What every command endpoint shares: idempotency keys, expected versions, and
waiting for the read models (read-your-writes)."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import marshmallow as ma
from flask import Response, request
from flask_smorest import Blueprint, abort

from safeledger.platform import idempotency
from safeledger.platform.api.context import command_context, identity, runtime
from safeledger.platform.api.errors import domain_error_body
from safeledger.platform.api.fields import MAX_INTEGER
from safeledger.platform.api.references import check_references
from safeledger.platform.api.schemas import RecordedSchema
from safeledger.tenants.application import Recorded
from safeledger.tenants.errors import DomainError

IDEMPOTENCY_HEADER = "Idempotency-Key"
COMMAND_HEADERS = [
    {
        "in": "header",
        "name": IDEMPOTENCY_HEADER,
        "required": False,
        "schema": {"type": "string", "maxLength": 200},
        "description": "a retry with this key gets the first answer, recording nothing",
    },
    {
        "in": "header",
        "name": "If-Match",
        "required": False,
        "schema": {"type": "string"},
        "description": "the version the change was made against; a stale one gets 409",
    },
]


def expected_version(body: dict[str, Any]) -> int | None:
    """The version the caller expects, from ``If-Match`` or the body's ``version``."""
    header = request.headers.get("If-Match")
    if header is None:
        return body.pop("version", None)
    body.pop("version", None)
    raw = header.strip().removeprefix("W/").strip('"')
    digits = raw.isascii() and raw.isdigit() and len(raw) <= len(str(MAX_INTEGER))
    if not digits or not 1 <= int(raw) <= MAX_INTEGER:
        abort(
            400,
            message="If-Match must be the version number the change was made against",
            errors={"headers": {"If-Match": ["must be a positive whole number"]}},
        )
    return int(raw)


def recorded(result: Recorded) -> Recorded:
    """Wait (bounded) until the read models show the command, then return it."""
    runtime().wait_for_projections(result)
    return result


def idempotent(view: Callable[..., Any]) -> Callable[..., Any]:
    """Let ``Idempotency-Key`` make a retried command a no-op with the first answer."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        key = request.headers.get(IDEMPOTENCY_HEADER)
        if key is None:
            return view(*args, **kwargs)
        if not 0 < len(key) <= 200:
            abort(
                400, errors={"headers": {IDEMPOTENCY_HEADER: ["1 to 200 characters"]}}
            )
        # Scoped to the caller: another user's same key and body is a request
        # of their own, never a replay of someone else's answer.
        caller = identity().user.user_id
        engine, scope = runtime().engine, f"{caller} {request.method} {request.path}"
        digest = hashlib.sha256(request.get_data()).hexdigest()
        earlier = idempotency.claim(engine, scope, key, digest)
        if earlier is not None:
            return replay(earlier, digest)
        try:
            response = view(*args, **kwargs)
        except DomainError as error:
            body = domain_error_body(error)
            response = Response(
                json.dumps(body, ensure_ascii=False),
                status=body["code"],
                mimetype="application/json",
            )
        except BaseException:
            idempotency.release(engine, scope, key)
            raise
        idempotency.answer(
            engine, scope, key, response.status_code, response.get_data(True)
        )
        return response

    return wrapper


def replay(earlier: idempotency.Claimed, request_digest: str) -> Response:
    """The answer an earlier request with the same key got, or why there is none."""
    if earlier.request_digest != request_digest:
        abort(
            422,
            message="this Idempotency-Key was used for a different request",
            errors={
                "headers": {IDEMPOTENCY_HEADER: ["already used with another body"]}
            },
        )
    if earlier.status_code is None:
        abort(409, message="a request with this Idempotency-Key is still in progress")
    response = Response(earlier.response, status=earlier.status_code)
    response.mimetype = "application/json"
    response.headers["Idempotent-Replayed"] = "true"
    return response


def command(blp: Blueprint) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Mark a view as a command: idempotent, with its headers documented."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        return blp.doc(parameters=COMMAND_HEADERS)(idempotent(view))

    return decorate


# A ledger command method, named by reference: ``Ledger.assign_hazard``.
Command = Callable[..., Recorded]


@dataclass(frozen=True)
class Step:
    """One command on an existing record: POST ``/<record id>/<path>``."""

    path: str
    schema: type[ma.Schema]
    command: Command
    summary: str


def record_commands(blp: Blueprint, id_param: str, steps: Iterable[Step]) -> None:
    """Route each step to its ledger command, called as
    ``command(ledger, tenant_id, record_id, expected_version, **body)``."""
    for step in steps:
        _step_route(blp, id_param, step)


def _step_route(blp: Blueprint, id_param: str, step: Step) -> None:
    @command(blp)
    @blp.arguments(step.schema)
    @blp.response(200, RecordedSchema)
    def post(body: dict[str, Any], tenant_id: UUID, **ids: UUID) -> Any:
        with command_context():
            check_references(tenant_id, body)
            ledger = runtime().store.for_tenant(tenant_id)
            version = expected_version(body)
            return recorded(
                step.command(ledger, tenant_id, ids[id_param], version, **body)
            )

    post.__doc__ = step.summary
    rule = f"/<uuid:{id_param}>/{step.path}"
    blp.route(rule, endpoint=_endpoint(blp, step.path), methods=["POST"])(post)


def create_route(
    blp: Blueprint, schema: type[ma.Schema], create: Command, summary: str
) -> None:
    """Route POST "" to the ledger command ``create(ledger, tenant_id, **body)``,
    answering 201."""

    @command(blp)
    @blp.arguments(schema)
    @blp.response(201, RecordedSchema)
    def post(body: dict[str, Any], tenant_id: UUID) -> Any:
        if "version" in body:  # a part added to a versioned record (a grid's place)
            body["version"] = expected_version(body)
        with command_context():
            check_references(tenant_id, body)
            ledger = runtime().store.for_tenant(tenant_id)
            return recorded(create(ledger, tenant_id, **body))

    post.__doc__ = summary
    blp.route("", endpoint=f"{_endpoint(blp, '')}Collection", methods=["POST"])(post)


def _endpoint(blp: Blueprint, path: str) -> str:
    # The names the generated view classes had, so url_for keeps working.
    words = f"{blp.name}_{path}".replace("-", "_").split("_")
    return "".join(word.title() for word in words)

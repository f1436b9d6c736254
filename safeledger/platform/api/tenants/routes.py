"""Routes of the tenant resource: register, read and change the hierarchy."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView
from flask_smorest import Blueprint, abort

from safeledger.platform.api.commands import command, expected_version, recorded
from safeledger.platform.api.context import (
    command_context,
    identity,
    read_connection,
    reader_scope,
    runtime,
)
from safeledger.platform.api.pagination import PageArgs, offset_limit, page_of
from safeledger.platform.api.schemas import RecordedSchema
from safeledger.platform.api.tenants import schemas
from safeledger.platform.auth.web import require
from safeledger.projections.directory import queries
from safeledger.tenants.access import Action
from safeledger.tenants.hierarchy import TenantKind

blp = Blueprint(
    "tenants",
    __name__,
    url_prefix="/api/v1/tenants",
    description="The tenant hierarchy: province, city, county/district, school.",
)


def found(row: Any, tenant_id: UUID) -> Any:
    """The row, or a 404 naming the tenant."""
    if row is None:
        abort(404, message=f"no tenant with id {tenant_id}")
    return row


@blp.route("")
class Provinces(MethodView):
    @blp.response(200, schemas.TenantSchema(many=True))
    def get(self) -> list[Any]:
        """List the provinces."""
        with read_connection() as conn:
            return queries.provinces(conn, reader_scope())

    @command(blp)
    @blp.arguments(schemas.ProvinceRegistrationSchema)
    @blp.response(201, RecordedSchema)
    def post(self, body: dict[str, Any]) -> Any:
        """Register a province."""
        with command_context():
            return recorded(
                runtime().store.registrar.register_tenant(
                    kind=TenantKind.PROVINCE, parent_id=None, **body
                )
            )


@blp.route("/<uuid:tenant_id>")
class TenantResource(MethodView):
    @blp.response(200, schemas.TenantDetailSchema)
    def get(self, tenant_id: UUID) -> dict[str, Any]:
        """Get a tenant and its direct children."""
        with read_connection() as conn:
            tenant = found(
                queries.get_tenant(conn, reader_scope(), tenant_id), tenant_id
            )
            children, _ = queries.children(conn, reader_scope(), tenant_id)
        return {**tenant._mapping, "children": children}


@blp.route("/<uuid:tenant_id>/children")
class Children(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, schemas.TenantPageSchema)
    def get(self, args: dict[str, int], tenant_id: UUID) -> dict[str, Any]:
        """List a tenant's direct children, a page at a time."""
        with read_connection() as conn:
            found(queries.get_tenant(conn, reader_scope(), tenant_id), tenant_id)
            rows, total = queries.children(
                conn, reader_scope(), tenant_id, **offset_limit(args)
            )
        return page_of(rows, total, args)

    @command(blp)
    @blp.arguments(schemas.ChildRegistrationSchema)
    @blp.response(201, RecordedSchema)
    def post(self, body: dict[str, Any], tenant_id: UUID) -> Any:
        """Register a city, county/district or school under this tenant."""
        with command_context():
            return recorded(
                runtime().store.registrar.register_tenant(parent_id=tenant_id, **body)
            )


@blp.route("/<uuid:tenant_id>/subtree")
class Subtree(MethodView):
    @blp.arguments(schemas.SubtreeArgs, location="query")
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, schemas.TenantPageSchema)
    def get(
        self, filters: dict[str, Any], args: dict[str, int], tenant_id: UUID
    ) -> dict[str, Any]:
        """List a tenant and everything under it, depth first, a page at a time."""
        kind = filters["kind"].value if filters["kind"] else None
        with read_connection() as conn:
            page = queries.subtree(
                conn, reader_scope(), tenant_id, kind=kind, **offset_limit(args)
            )
        rows, total = found(page, tenant_id)
        return page_of(rows, total, args)


@blp.route("/<uuid:tenant_id>/rename")
class Rename(MethodView):
    @command(blp)
    @blp.arguments(schemas.RenameSchema)
    @blp.response(200, RecordedSchema)
    def post(self, body: dict[str, Any], tenant_id: UUID) -> Any:
        """Give a tenant a new name."""
        with command_context():
            ledger = runtime().store.for_tenant(tenant_id)
            return recorded(
                ledger.rename_tenant(tenant_id, body["name"], expected_version(body))
            )


@blp.route("/<uuid:tenant_id>/move")
class Move(MethodView):
    @command(blp)
    @blp.arguments(schemas.MoveSchema)
    @blp.response(200, RecordedSchema)
    def post(self, body: dict[str, Any], tenant_id: UUID) -> Any:
        """Put a tenant under another parent in its province."""
        require(identity(), Action.MANAGE_TENANTS, body["parent_id"])
        with command_context():
            ledger = runtime().store.for_tenant(tenant_id)
            return recorded(
                ledger.move_tenant(tenant_id, body["parent_id"], expected_version(body))
            )


@blp.route("/<uuid:tenant_id>/deactivate")
class Deactivate(MethodView):
    @command(blp)
    @blp.arguments(schemas.DeactivateSchema)
    @blp.response(200, RecordedSchema)
    def post(self, body: dict[str, Any], tenant_id: UUID) -> Any:
        """Stop using a tenant; its ledger is kept."""
        with command_context():
            ledger = runtime().store.for_tenant(tenant_id)
            return recorded(
                ledger.deactivate_tenant(
                    tenant_id, body["reason"], expected_version(body)
                )
            )

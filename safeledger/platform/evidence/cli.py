"""``safeledger evidence``: export bundles, audit the store, sign, manage keys."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import click


def _moment(ctx: Any, param: Any, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise click.BadParameter(f"{value!r} needs a zone, e.g. +08:00 or Z")
    return moment


@click.group()
def evidence() -> None:
    """Immutable evidence: bundles, checkpoints, signing keys, audit."""


@evidence.command("export")
@click.option("--tenant", "tenant_id", type=click.UUID, required=True)
@click.option("--aggregate", "aggregate_id", type=click.UUID, help="one case only")
@click.option("--from", "since", callback=_moment, help="ISO 8601, with a zone")
@click.option("--to", "until", callback=_moment, help="ISO 8601, with a zone")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def export_command(
    obj: Any,
    tenant_id: UUID,
    aggregate_id: UUID | None,
    since: datetime | None,
    until: datetime | None,
    output: Path | None,
) -> None:
    """Write an evidence bundle of a tenant, one case, or a time range."""
    from safeledger.platform.evidence.export import Scope, export
    from safeledger.platform.evidence.keys import EvidenceError
    from safeledger.tenants.errors import NotFoundError

    scope = Scope(tenant_id, aggregate_id, since, until)
    output = output or Path(f"evidence-{tenant_id}.zip")
    try:
        done = export(obj.runtime, scope, output)
    except (EvidenceError, NotFoundError) as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"wrote {done.path}: {done.events} event(s) against the checkpoint of "
        f"tree size {done.tree_size}, signed by key {done.key_id}"
    )


@evidence.command("redact")
@click.option("--tenant", "tenant_id", type=click.UUID, required=True)
@click.option("--sha256", required=True, help="the attachment's digest")
@click.option("--reason", required=True, help="the decision, in words")
@click.option(
    "--actor",
    default="cli:operator",
    show_default=True,
    help="who decided (recorded with the event)",
)
@click.pass_obj
def redact_command(obj: Any, tenant_id: UUID, sha256: str, reason: str,
                   actor: str) -> None:  # fmt: skip
    """Record the decision to withhold an attachment's bytes from evidence."""
    from safeledger.tenants import context
    from safeledger.tenants.errors import DomainError

    ledger = obj.runtime.store.for_tenant(tenant_id)
    try:
        with context.acting_as(actor):
            recorded = ledger.redact_attachment(tenant_id, sha256=sha256, reason=reason)
    except DomainError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"recorded the redaction of {sha256} (event {recorded.aggregate_id} "
        f"version {recorded.version}); bundles may now omit its bytes"
    )


@evidence.command("audit")
@click.pass_obj
def audit_command(obj: Any) -> None:
    """Re-hash the store against the ledger and the published checkpoints."""
    from safeledger.platform.evidence.audit import audit
    from safeledger.platform.projector import catch_up

    catch_up(obj.settings, obj.runtime.engine, "ledger")
    result = audit(obj.runtime)
    for finding in result.findings:
        click.echo(str(finding))
    summary = (
        f"audited {result.events} stored event(s) and {result.checkpoints} "
        f"checkpoint(s): {len(result.findings)} finding(s)"
    )
    click.echo(summary)
    if result.findings:
        raise click.exceptions.Exit(1)


@evidence.command("sign")
@click.pass_obj
def sign_command(obj: Any) -> None:
    """Publish a signed checkpoint for every tenant whose log grew."""
    from safeledger.platform.evidence.checkpoints import publish
    from safeledger.platform.projector import catch_up

    catch_up(obj.settings, obj.runtime.engine, "ledger")
    published = _evidence_call(lambda: publish(obj.settings, obj.runtime.engine))
    click.echo(f"published {len(published)} checkpoint(s)")


@evidence.command("keygen")
@click.pass_obj
def keygen_command(obj: Any) -> None:
    """Create the signing key file (SAFELEDGER_SIGNING_KEY_FILE); never overwrites."""
    from safeledger.platform.evidence.keys import public_pem, write_new_key

    path = obj.settings.key_file
    if path.exists():
        raise click.ClickException(f"{path} exists; use `rotate-key` to replace it")
    signer = write_new_key(path)
    click.echo(f"wrote {path} (key {signer.key_id}); its public key:")
    click.echo(public_pem(signer.public_key), nl=False)


@evidence.command("rotate-key")
@click.pass_obj
def rotate_key_command(obj: Any) -> None:
    """Replace the signing key; the old one endorses the new and stays published."""
    from safeledger.platform.evidence.keys import rotate

    old, new = _evidence_call(lambda: rotate(obj.settings, obj.runtime.engine))
    click.echo(f"rotated signing key {old} -> {new}")


@evidence.command("vkey")
@click.pass_obj
def vkey_command(obj: Any) -> None:
    """Print the current signing key as a C2SP vkey, for witnesses' --log-key."""
    from safeledger.evidence import note
    from safeledger.platform.evidence.keys import load_signer

    signer = _evidence_call(lambda: load_signer(obj.settings))
    key = note.VerifierKey(
        obj.settings.evidence_origin, note.ED25519, signer.public_key
    )
    click.echo(key.vkey())


@evidence.command("keys")
@click.pass_obj
def keys_command(obj: Any) -> None:
    """Print the public-key history as JSON."""
    from safeledger.platform.evidence.keys import history

    with obj.runtime.engine.connect() as conn:
        click.echo(json.dumps(history(conn), indent=2))


def _evidence_call(call: Any) -> Any:
    from safeledger.platform.evidence.keys import EvidenceError

    try:
        return call()
    except EvidenceError as error:
        raise click.ClickException(str(error)) from None

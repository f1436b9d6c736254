"""``safeledger witness``: make a witness key, and serve the witness."""

from __future__ import annotations

import os
from pathlib import Path

import click
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from safeledger.evidence import note


@click.group()
def witness() -> None:
    """Run a witness that cosigns the platform's checkpoints (another body's)."""


@witness.command("keygen")
@click.option(
    "--key",
    "key_file",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="where to write the new private key (PEM)",
)
@click.option("--name", required=True, help="the witness's name, e.g. jyt.example/w1")
def keygen(key_file: Path, name: str) -> None:
    """Create the witness key (never overwrites) and print its public vkey."""
    if key_file.exists():
        raise click.ClickException(f"{key_file} exists")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    key_file.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(pem)
    click.echo(_vkey(name, key))


@witness.command("serve")
@click.option(
    "--key",
    "key_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    help="the witness's private key (PEM)",
)
@click.option("--name", required=True, help="the witness's name, as in its vkey")
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="the witness's own SQLite file",
)
@click.option(
    "--log-key",
    "log_keys",
    multiple=True,
    required=True,
    help="vkey of a log key; it is trusted for origins named by the key "
    "name or starting with it and '/' (repeatable)",
)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=7380, show_default=True, type=int)
def serve(
    key_file: Path, name: str, db: Path, log_keys: tuple[str, ...], host: str,
    port: int,
) -> None:  # fmt: skip
    """Serve add-checkpoint (c2sp.org/tlog-witness) until interrupted."""
    from safeledger.witness.server import make_server
    from safeledger.witness.state import WitnessState
    from safeledger.witness.witness import Witness

    key = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise click.ClickException(f"{key_file} is not an Ed25519 private key")
    try:
        trusted = [note.VerifierKey.parse(vkey) for vkey in log_keys]
    except note.NoteError as error:
        raise click.BadParameter(str(error), param_hint="--log-key") from None
    state = WitnessState(db)
    server = make_server(Witness(name, key, trusted, state), host, port)
    click.echo(f"witness {_vkey(name, key)} on http://{host}:{server.server_port}")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        state.close()


def _vkey(name: str, key: Ed25519PrivateKey) -> str:
    public = key.public_key().public_bytes_raw()
    return note.VerifierKey(name, note.COSIGNATURE_V1, public).vkey()

"""Settings: one place, embedded defaults, overridden by ``SAFELEDGER_*`` variables.

Nothing else in SafeLedger reads ``os.environ``. Reading settings connects to
nothing; a missing or malformed value fails here, naming the variable.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    """Everything the platform needs to know about where it runs."""

    instance_path: Path
    database_url: URL
    shards: int = 1
    secret_key: str = field(default="", repr=False)
    redis_url: str | None = None
    jobs: str = "inline"
    projections_in_process: bool = True
    read_your_writes_timeout: float = 5.0
    attachments_path: Path | None = None
    attachments_url: str | None = None
    s3_endpoint_url: str | None = None
    max_attachment_mb: int = 20
    secure_cookies: bool = False
    proxies: int = 0
    signing_key_file: Path | None = None
    signing_key: str = field(default="", repr=False)
    evidence_origin: str = "safeledger.local"
    # (URL prefix, vkey) of each witness every new checkpoint is submitted to.
    witnesses: tuple[tuple[str, str], ...] = ()
    # Private networks webhooks may reach anyway (CIDRs); none by default.
    webhook_allowed_networks: tuple[str, ...] = ()
    # The zone the console shows times in (China time unless told otherwise).
    timezone: str = "Asia/Shanghai"
    # Run the cron schedule in a thread of the web process (embedded mode).
    scheduler: bool = False

    @property
    def hosted(self) -> bool:
        """True when the store is PostgreSQL rather than the embedded SQLite files."""
        return self.database_url.get_backend_name() == "postgresql"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read settings from ``env`` (default: the process environment)."""
        env = os.environ if env is None else env
        instance_path = Path(env.get("SAFELEDGER_INSTANCE_PATH", "instance")).resolve()
        database_url = _database_url(env, instance_path)
        hosted = database_url.get_backend_name() == "postgresql"
        redis_url = env.get("SAFELEDGER_REDIS_URL") or None
        jobs = env.get("SAFELEDGER_JOBS", "rq" if redis_url else "inline")
        if jobs not in ("inline", "rq"):
            raise SettingsError("SAFELEDGER_JOBS must be 'inline' or 'rq'")
        if jobs == "rq" and not redis_url:
            raise SettingsError(
                "SAFELEDGER_REDIS_URL is required when SAFELEDGER_JOBS=rq"
            )
        return cls(
            instance_path=instance_path,
            database_url=database_url,
            shards=_positive_int(env, "SAFELEDGER_SHARDS", 1, maximum=64),
            secret_key=_secret_key(env, instance_path, hosted),
            redis_url=redis_url,
            jobs=jobs,
            projections_in_process=_flag(
                env, "SAFELEDGER_PROJECTIONS_IN_PROCESS", default=not hosted
            ),
            read_your_writes_timeout=_positive_float(
                env, "SAFELEDGER_READ_YOUR_WRITES_TIMEOUT", 5.0
            ),
            attachments_path=_optional_path(env, "SAFELEDGER_ATTACHMENTS_PATH"),
            attachments_url=_bucket_url(env),
            s3_endpoint_url=env.get("SAFELEDGER_S3_ENDPOINT_URL") or None,
            secure_cookies=_flag(env, "SAFELEDGER_SECURE_COOKIES", default=hosted),
            proxies=_count(env, "SAFELEDGER_PROXIES", maximum=5),
            max_attachment_mb=_positive_int(
                env, "SAFELEDGER_MAX_ATTACHMENT_MB", 20, maximum=1024
            ),
            signing_key_file=_signing_key_file(env),
            signing_key=_signing_key(env),
            evidence_origin=_evidence_origin(env),
            witnesses=_witnesses(env),
            webhook_allowed_networks=_networks(
                env, "SAFELEDGER_WEBHOOK_ALLOWED_NETWORKS"
            ),
            timezone=_timezone(env),
            scheduler=_flag(
                env, "SAFELEDGER_SCHEDULER", default=not hosted and jobs == "inline"
            ),
        )

    @property
    def attachments_dir(self) -> Path:
        """Where attachment bytes are kept, by digest."""
        return self.attachments_path or self.instance_path / "attachments"

    @property
    def key_file(self) -> Path:
        """Where the evidence signing key is kept (unless given as a setting)."""
        return self.signing_key_file or self.instance_path / "signing_key.pem"

    def event_store_env(
        self, shard: int, *, create_table: bool = False
    ) -> dict[str, str]:
        """The ``eventsourcing`` environment of one shard of the store."""
        env = {
            "SAFELEDGER_SHARD": str(shard),
            "IS_SNAPSHOTTING_ENABLED": "yes",
            "CREATE_TABLE": "yes" if create_table else "no",
        }
        if self.hosted:
            url = self.database_url
            env |= {
                "PERSISTENCE_MODULE": "eventsourcing.postgres",
                "POSTGRES_DBNAME": url.database or "",
                "POSTGRES_HOST": url.host or "127.0.0.1",
                "POSTGRES_PORT": str(url.port or 5432),
                "POSTGRES_USER": url.username or "",
                "POSTGRES_PASSWORD": url.password or "",
                "POSTGRES_SCHEMA": shard_schema(shard),
                # One connection opened eagerly per application, more on demand:
                # a process holds an application per shard and per runner.
                "POSTGRES_POOL_SIZE": "1",
                "POSTGRES_MAX_OVERFLOW": "9",
                "POSTGRES_LOCK_TIMEOUT": "5",
                "APPLICATION_RECORDER_TOPIC": (
                    "safeledger.platform.store.polling:"
                    "SignallingPostgresApplicationRecorder"
                ),
            }
        else:
            env |= {
                "PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "SQLITE_DBNAME": str(self.instance_path / f"events-{shard}.sqlite"),
                "SQLITE_LOCK_TIMEOUT": "10",
                "APPLICATION_RECORDER_TOPIC": (
                    "safeledger.platform.store.polling:PollingSQLiteApplicationRecorder"
                ),
            }
        return env


def shard_schema(shard: int) -> str:
    """The PostgreSQL schema holding one shard's events."""
    return f"ledger_shard_{shard}"


def _database_url(env: Mapping[str, str], instance_path: Path) -> URL:
    raw = env.get("SAFELEDGER_DATABASE_URL")
    if not raw:
        return make_url(f"sqlite:///{instance_path / 'readmodels.sqlite'}")
    try:
        url = make_url(raw)
    except ArgumentError:
        raise SettingsError(
            "SAFELEDGER_DATABASE_URL is not a database URL "
            "(expected postgresql+psycopg://user@host:port/dbname or sqlite:///path)"
        ) from None
    backend = url.get_backend_name()
    if backend == "postgresql":
        if not url.database:
            raise SettingsError("SAFELEDGER_DATABASE_URL names no database")
        return url.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        return url
    raise SettingsError(
        f"SAFELEDGER_DATABASE_URL uses {backend!r}; use postgresql or sqlite"
    )


def _bucket_url(env: Mapping[str, str]) -> str | None:
    raw = env.get("SAFELEDGER_ATTACHMENTS_URL")
    if not raw:
        return None
    if not re.fullmatch(r"s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^\s]*)?", raw):
        raise SettingsError(
            "SAFELEDGER_ATTACHMENTS_URL must be s3://bucket or s3://bucket/prefix/"
        )
    return raw if raw.count("/") == 2 or raw.endswith("/") else raw + "/"


def _networks(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    specs = tuple(s.strip() for s in env.get(name, "").split(",") if s.strip())
    for spec in specs:
        try:
            ipaddress.ip_network(spec, strict=False)
        except ValueError:
            raise SettingsError(f"{name}: {spec!r} is not a network (CIDR)") from None
    return specs


def _optional_path(env: Mapping[str, str], name: str) -> Path | None:
    raw = env.get(name)
    return Path(raw).resolve() if raw else None


def _count(env: Mapping[str, str], name: str, maximum: int) -> int:
    raw = env.get(name) or "0"
    if not raw.isdigit() or int(raw) > maximum:
        raise SettingsError(f"{name} must be a whole number from 0 to {maximum}")
    return int(raw)


def _positive_int(env: Mapping[str, str], name: str, default: int, maximum: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {raw!r}") from None
    if not 1 <= value <= maximum:
        raise SettingsError(f"{name} must be between 1 and {maximum}, not {value}")
    return value


def _positive_float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(
            f"{name} must be a number of seconds, not {raw!r}"
        ) from None
    if value <= 0:
        raise SettingsError(f"{name} must be positive, not {value}")
    return value


def _flag(env: Mapping[str, str], name: str, *, default: bool) -> bool:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name} must be true or false, not {raw!r}")


def _secret_key(env: Mapping[str, str], instance_path: Path, hosted: bool) -> str:
    key = env.get("SAFELEDGER_SECRET_KEY")
    if key:
        if len(key) < 32:
            raise SettingsError("SAFELEDGER_SECRET_KEY must be at least 32 characters")
        return key
    if hosted:
        raise SettingsError("SAFELEDGER_SECRET_KEY is required in hosted mode")
    # Embedded mode keeps a generated key beside its data, so sessions survive restarts.
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    return secrets.token_urlsafe(48)


def _signing_key_file(env: Mapping[str, str]) -> Path | None:
    raw = env.get("SAFELEDGER_SIGNING_KEY_FILE")
    if not raw:
        return None
    path = Path(raw).resolve()
    if path.is_dir():
        raise SettingsError(
            f"SAFELEDGER_SIGNING_KEY_FILE must name a file, not the folder {path}"
        )
    return path


def _signing_key(env: Mapping[str, str]) -> str:
    raw = env.get("SAFELEDGER_SIGNING_KEY", "")
    if not raw:
        return ""
    if env.get("SAFELEDGER_SIGNING_KEY_FILE"):
        raise SettingsError(
            "set SAFELEDGER_SIGNING_KEY or SAFELEDGER_SIGNING_KEY_FILE, not both"
        )
    try:
        seed = base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError):
        seed = b""
    if len(seed) != 32:
        raise SettingsError(
            "SAFELEDGER_SIGNING_KEY must be the base64 of a 32-byte Ed25519 "
            "private key (see `safeledger evidence keygen`)"
        )
    return raw


def _evidence_origin(env: Mapping[str, str]) -> str:
    raw = env.get("SAFELEDGER_EVIDENCE_ORIGIN", "safeledger.local")
    # The origin is the first line of every signed checkpoint: one printable word.
    if not re.fullmatch(r"[A-Za-z0-9._~:/-]{1,100}", raw):
        raise SettingsError(
            "SAFELEDGER_EVIDENCE_ORIGIN must be 1 to 100 letters, digits or ._~:/- "
            f"(a name like safeledger.example.gov.cn), not {raw!r}"
        )
    return raw.rstrip("/")


def _witnesses(env: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    raw = env.get("SAFELEDGER_WITNESSES", "")
    witnesses = []
    for entry in filter(None, (part.strip() for part in raw.split(","))):
        parts = entry.split()
        # A vkey is name+8 hex digits+base64 of type byte 0x04 and 32 key bytes.
        if (
            len(parts) != 2
            or not re.fullmatch(r"https?://\S+", parts[0])
            or not re.fullmatch(r"[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]{43}=", parts[1])
        ):
            raise SettingsError(
                "SAFELEDGER_WITNESSES is a comma-separated list of "
                f"'<URL prefix> <witness vkey>', not {entry!r}"
            )
        witnesses.append((parts[0].rstrip("/"), parts[1]))
    return tuple(witnesses)


def _timezone(env: Mapping[str, str]) -> str:
    raw = env.get("SAFELEDGER_TIMEZONE") or "Asia/Shanghai"
    try:
        ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(
            "SAFELEDGER_TIMEZONE must name a time zone such as Asia/Shanghai, "
            f"not {raw!r}"
        ) from None
    return raw


def ensure_instance(settings: Settings) -> None:
    """Create the instance folder and persist the embedded secret key."""
    settings.instance_path.mkdir(parents=True, exist_ok=True)
    key_file = settings.instance_path / "secret_key"
    if not settings.hosted and not key_file.exists():
        key_file.write_text(settings.secret_key)
        key_file.chmod(0o600)

"""Content-addressed storage of photos and documents.

Bytes are stored under their SHA-256 digest, so the same photo uploaded twice (or
by two schools) is stored once. What a file is comes from its bytes, never from
its name: only the kinds a safety ledger needs are accepted.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import filetype
import sqlalchemy as sa

from safeledger.platform.file_checks import NotWhatItClaimsError, check_whole
from safeledger.platform.store.tables import attachments
from safeledger.projections.schema import write_transaction
from safeledger.tenants.context import utc_now
from safeledger.tenants.errors import InvalidValueError

OOXML = "application/vnd.openxmlformats-officedocument"
ACCEPTED = frozenset(
    {
        # Photos, as phones take them.
        "image/jpeg",
        "image/png",
        "image/webp",
        "image/heic",
        # Documents: plans, summaries, signed agreements, reports.
        "application/pdf",
        f"{OOXML}.wordprocessingml.document",
        f"{OOXML}.spreadsheetml.sheet",
    }
)


# What the platform itself writes (warning notices) may also be plain UTF-8 text;
# uploads never are. Text too is recognised from the bytes, never from a name.
TEXT = "text/plain; charset=utf-8"
GENERATED = ACCEPTED | {TEXT}


class AttachmentTypeError(InvalidValueError):
    """Only photos (JPEG, PNG, WebP, HEIC) and documents (PDF, DOCX, XLSX)."""

    rule = "accepted_file_type"
    field = "file"


class AttachmentSizeError(InvalidValueError):
    """An attachment must not be empty or larger than the configured limit."""

    rule = "file_size_limit"
    field = "file"


@dataclass(frozen=True)
class Stored:
    """What was stored: the digest, the kind of file found in the bytes, the size."""

    sha256: str
    media_type: str
    size: int


def is_text(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 text with no control characters but line breaks."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(ch in "\n\r\t" or (32 <= ord(ch) != 127) for ch in text)


def inspect(data: bytes, max_bytes: int, accepted: frozenset[str] = ACCEPTED) -> str:
    """The media type of ``data``, refusing empty, oversized or unaccepted files."""
    if not data:
        raise AttachmentSizeError("the file is empty")
    if len(data) > max_bytes:
        raise AttachmentSizeError(f"the file is larger than {max_bytes // 2**20} MiB")
    kind = filetype.guess(data)
    if kind is None and TEXT in accepted and is_text(data):
        return TEXT
    if kind is None or kind.mime not in accepted:
        found = kind.mime if kind else "not a recognised file"
        raise AttachmentTypeError(
            f"only photos (JPEG, PNG, WebP, HEIC) and documents (PDF, DOCX, XLSX) "
            f"are accepted; the bytes are {found}"
        )
    try:
        check_whole(data, kind.mime)
    except NotWhatItClaimsError as error:
        raise AttachmentTypeError(str(error)) from None
    return kind.mime


class BlobStore:
    """Bytes kept by digest, plus the index of what was stored (the same for all)."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def put(
        self, data: bytes, max_bytes: int, accepted: frozenset[str] = ACCEPTED
    ) -> Stored:
        """Store ``data`` once, after checking it; returns what it is."""
        media_type = inspect(data, max_bytes, accepted)
        sha256 = hashlib.sha256(data).hexdigest()
        if not self.has(sha256):
            self.write(sha256, data)
        with write_transaction(self.engine) as conn:
            known = conn.execute(
                sa.select(attachments.c.digest).where(attachments.c.digest == sha256)
            ).first()
            if known is None:
                conn.execute(
                    sa.insert(attachments).values(
                        digest=sha256,
                        size=len(data),
                        media_type=media_type,
                        stored_at=utc_now(),
                    )
                )
        return Stored(sha256, media_type, len(data))

    def has(self, sha256: str) -> bool:
        """Whether the bytes with ``sha256`` are stored."""
        raise NotImplementedError

    def write(self, sha256: str, data: bytes) -> None:
        """Keep ``data`` under ``sha256``."""
        raise NotImplementedError

    def read(self, sha256: str) -> bytes:
        """The bytes stored under ``sha256``."""
        raise NotImplementedError


class DirectoryBlobStore(BlobStore):
    """A directory of files named by digest: ``ab/cdef…``."""

    def __init__(self, root: Path, engine: sa.Engine) -> None:
        super().__init__(engine)
        self.root = root

    def path(self, sha256: str) -> Path:
        """Where the bytes with ``sha256`` live."""
        return self.root / sha256[:2] / sha256[2:]

    def has(self, sha256: str) -> bool:
        """Whether the file is there."""
        return self.path(sha256).exists()

    def write(self, sha256: str, data: bytes) -> None:
        """Write then rename, so a reader never sees half a file."""
        path = self.path(sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
            tmp.write(data)
        os.replace(tmp.name, path)

    def read(self, sha256: str) -> bytes:
        """The file's bytes."""
        return self.path(sha256).read_bytes()


class S3BlobStore(BlobStore):
    """An S3-compatible bucket, objects keyed ``<prefix>ab/cdef…``."""

    def __init__(self, url: str, endpoint_url: str | None, engine: sa.Engine) -> None:
        import boto3  # only hosted deployments that keep attachments in S3 need it

        super().__init__(engine)
        parsed = urlsplit(url)
        self.bucket = parsed.netloc
        self.prefix = parsed.path.lstrip("/")
        self.client = boto3.client("s3", endpoint_url=endpoint_url)

    def key(self, sha256: str) -> str:
        """The object key of ``sha256``."""
        return f"{self.prefix}{sha256[:2]}/{sha256[2:]}"

    def has(self, sha256: str) -> bool:
        """Whether the object exists."""
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=self.key(sha256))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey"):
                return False
            raise
        return True

    def write(self, sha256: str, data: bytes) -> None:
        """Put the object."""
        self.client.put_object(Bucket=self.bucket, Key=self.key(sha256), Body=data)

    def read(self, sha256: str) -> bytes:
        """The object's bytes."""
        response = self.client.get_object(Bucket=self.bucket, Key=self.key(sha256))
        with response["Body"] as body:
            return body.read()

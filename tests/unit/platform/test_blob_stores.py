"""Attachment bytes in a directory or an S3-compatible bucket."""

from __future__ import annotations

import hashlib

import boto3
import pytest
import sqlalchemy as sa
from moto import mock_aws

from safeledger.platform.attachments import (
    AttachmentSizeError,
    AttachmentTypeError,
    DirectoryBlobStore,
    S3BlobStore,
    inspect,
)
from safeledger.platform.store.tables import attachments
from safeledger.projections.schema import metadata
from tests import sample_files

PDF = sample_files.pdf()
JPEG = sample_files.jpeg()


@pytest.fixture
def engine(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'index.sqlite'}")
    metadata.create_all(engine, tables=[attachments])
    yield engine
    engine.dispose()


@pytest.fixture
def bucket(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    with mock_aws():
        boto3.client("s3").create_bucket(Bucket="ledger-attachments")
        yield "s3://ledger-attachments/prod/"


def test_the_kind_of_file_comes_from_its_bytes():
    assert inspect(PDF, 100_000) == "application/pdf"
    assert inspect(JPEG, 100_000) == "image/jpeg"
    with pytest.raises(AttachmentTypeError):
        inspect(b"<html>not a photo</html>", 1000)
    with pytest.raises(AttachmentSizeError):
        inspect(PDF, 10)


@pytest.mark.parametrize(
    "claimed",
    [
        # A shell script behind a JPEG's first bytes.
        bytes.fromhex("ffd8ffe000104a464946") + b"\n#!/bin/sh\nrm -rf /\n",
        sample_files.jpeg()[:-40],  # truncated: the pixels are not all there
        sample_files.png()[:30] + b"\0" * 40,
        b"%PDF-1.4\n<script>not a document</script>\n%%EOF\n",
        b"PK\x03\x04" + b"\0" * 60,  # a zip's first bytes, then nothing
        sample_files.docx()[:-30],
    ],
)
def test_a_file_is_accepted_only_if_it_decodes_whole(claimed):
    with pytest.raises(AttachmentTypeError):
        inspect(claimed, 100_000)


def test_whole_photos_and_documents_of_each_kind_are_accepted():
    assert inspect(sample_files.png(), 100_000) == "image/png"
    assert inspect(sample_files.pdf(pages=2), 100_000) == "application/pdf"
    assert inspect(sample_files.docx(), 100_000).endswith("wordprocessingml.document")


def test_a_directory_store_keeps_the_same_bytes_once(tmp_path, engine):
    store = DirectoryBlobStore(tmp_path / "blobs", engine)
    first = store.put(PDF, 100_000)
    second = store.put(PDF, 100_000)
    assert first == second
    assert first.sha256 == hashlib.sha256(PDF).hexdigest()
    assert store.read(first.sha256) == PDF
    assert [p.name for p in (tmp_path / "blobs").rglob("*") if p.is_file()] == [
        first.sha256[2:]
    ]
    with engine.connect() as conn:
        assert (
            conn.execute(sa.select(sa.func.count()).select_from(attachments)).scalar()
            == 1
        )


def test_an_s3_bucket_store_keeps_bytes_under_the_prefix(bucket, engine):
    store = S3BlobStore(bucket, None, engine)
    stored = store.put(JPEG, 100_000)
    assert store.has(stored.sha256)
    assert store.read(stored.sha256) == JPEG
    keys = boto3.client("s3").list_objects_v2(Bucket="ledger-attachments")["Contents"]
    assert [k["Key"] for k in keys] == [f"prod/{stored.sha256[:2]}/{stored.sha256[2:]}"]
    assert not store.has("0" * 64)

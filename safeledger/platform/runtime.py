"""The platform's long-lived parts for one process, built on first use.

Nothing here connects when constructed; the engine, the store and the projector
come into being when first asked for, which in forking servers is after the fork.
"""

from __future__ import annotations

import threading
from functools import cached_property

import sqlalchemy as sa

from safeledger.platform.attachments import (
    BlobStore,
    DirectoryBlobStore,
    S3BlobStore,
)
from safeledger.platform.db import create_engine
from safeledger.platform.projector import Projector
from safeledger.platform.settings import Settings
from safeledger.platform.store.shards import Store
from safeledger.tenants.application import Recorded


class Runtime:
    """Settings plus the engine, store and projector built from them."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._projector: Projector | None = None

    @cached_property
    def engine(self) -> sa.Engine:
        """The read-model database engine."""
        return create_engine(self.settings)

    @cached_property
    def blobs(self) -> BlobStore:
        """Content-addressed storage of attachment bytes: a bucket or a directory."""
        if self.settings.attachments_url:
            return S3BlobStore(
                self.settings.attachments_url,
                self.settings.s3_endpoint_url,
                self.engine,
            )
        return DirectoryBlobStore(self.settings.attachments_dir, self.engine)

    @cached_property
    def store(self) -> Store:
        """The event store's shards."""
        return Store(self.settings, self.engine)

    def start_projector(self) -> Projector:
        """Run the projections in this process (embedded mode)."""
        with self._lock:
            if self._projector is None:
                self._projector = Projector(self.settings, self.engine)
                self._projector.start()
            return self._projector

    def wait_for_projections(self, recorded: Recorded) -> bool:
        """Let the read models catch up with a command, within the configured bound."""
        projector = self._projector or Projector(self.settings, self.engine)
        return projector.wait(recorded, self.settings.read_your_writes_timeout)

    def close(self) -> None:
        """Stop the projector and close every connection."""
        with self._lock:
            if self._projector is not None:
                self._projector.stop()
                self._projector = None
        if "store" in self.__dict__:
            self.store.close()
        if "engine" in self.__dict__:
            self.engine.dispose()

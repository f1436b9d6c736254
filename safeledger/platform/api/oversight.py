"""The blueprints of oversight and background work: cases, notifications,
webhooks, jobs and the exports they make."""

from __future__ import annotations

from safeledger.platform.api.accountability.routes import blp as accountability_blp
from safeledger.platform.api.jobs.routes import blp as jobs_blp
from safeledger.platform.api.jobs.routes import exports_blp
from safeledger.platform.api.notifications.routes import blp as notifications_blp
from safeledger.platform.api.webhooks.routes import blp as webhooks_blp

OVERSIGHT_BLUEPRINTS = (
    accountability_blp,
    notifications_blp,
    webhooks_blp,
    jobs_blp,
    exports_blp,
)

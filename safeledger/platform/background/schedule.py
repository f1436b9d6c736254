"""The schedule, kept in code: ``rq cron safeledger.platform.background.schedule``.

Every entry is idempotent — a sweep recomputes and records each finding once — so
a missed tick costs nothing but delay, and two cron processes overlapping cost
nothing at all. Times are the cron process's local time.
"""

from __future__ import annotations

from rq import cron

from safeledger.platform.background import periodic, snapshots, sweeps, webhooks
from safeledger.platform.background.queues import NOTIFICATIONS, SWEEPS

SCHEDULE = (
    # (function, queue, every N seconds or a cron expression)
    (sweeps.sweep_hazards, SWEEPS, {"interval": 300}),
    (sweeps.sweep_incidents, SWEEPS, {"interval": 60}),
    (periodic.sweep_period, SWEEPS, {"cron": "30 0 1 * *"}),  # the 1st, 00:30
    (periodic.sign_checkpoints, SWEEPS, {"cron": "0 * * * *"}),  # hourly
    (snapshots.snapshot_compliance, SWEEPS, {"cron": "45 23 * * *"}),  # daily
    (periodic.recover, SWEEPS, {"interval": 60}),
    (periodic.prune_logins, SWEEPS, {"cron": "15 3 * * *"}),  # daily, 03:15
    (webhooks.dispatch_notifications, NOTIFICATIONS, {"interval": 15}),
)

for function, queue_name, when in SCHEDULE:
    cron.register(function, queue_name, result_ttl=3600, **when)

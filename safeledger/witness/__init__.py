"""A witness: another body's small service that cosigns a log's checkpoints.

It implements c2sp.org/tlog-witness with c2sp.org/tlog-cosignature (Ed25519,
``cosignature/v1``): it cosigns a checkpoint only when a valid consistency proof
leads to it from the last checkpoint it cosigned for that log, and so never
cosigns two roots for one size. It has its own key and its own SQLite file, and
depends only on ``safeledger.evidence``: it knows nothing of tenants or of the
platform's database, only the logs' public keys.
"""

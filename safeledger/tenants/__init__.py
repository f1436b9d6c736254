"""The domain: the tenant hierarchy and the ledgers each tenant appends to.

Pure Python and ``eventsourcing`` only; nothing here imports Flask, SQLAlchemy, RQ
or another SafeLedger layer.
"""

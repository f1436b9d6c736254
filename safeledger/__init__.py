"""SafeLedger: an event-sourced, multi-tenant safety ledger for a province's schools."""

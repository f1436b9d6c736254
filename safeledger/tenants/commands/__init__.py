"""Command methods of the ledger application, one mixin per family of aggregates."""

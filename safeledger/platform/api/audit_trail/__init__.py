"""API resource: audit trail."""

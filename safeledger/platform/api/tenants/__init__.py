"""API resource: the tenant hierarchy."""

"""API resource: role grants on a tenant."""

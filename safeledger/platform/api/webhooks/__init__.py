"""The webhook resource: where a tenant's notifications are POSTed, signed."""

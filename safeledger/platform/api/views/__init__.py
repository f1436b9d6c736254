"""API resource: views."""

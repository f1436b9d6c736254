"""API resource: compliance."""

"""API resource: monthly reports."""

"""API resource: signing in for scripts, and personal API tokens."""

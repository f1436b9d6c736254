"""API resource: safety responsibility agreements (安全责任书)."""

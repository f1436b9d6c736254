"""API resource: safety incidents and their reports (安全事故报告)."""

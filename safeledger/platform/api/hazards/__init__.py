"""API resource: hazards and their rectification (安全隐患排查整改)."""

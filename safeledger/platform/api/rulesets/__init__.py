"""API resource: rulesets."""

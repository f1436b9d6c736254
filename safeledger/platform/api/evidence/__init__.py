"""API resource: evidence (checkpoints, proofs, bundle exports, signing keys)."""

"""Evidence on the platform: signing keys, checkpoints, bundles and the audit."""

"""The accountability-case resource (问责)."""

"""API resource: bulk imports, checked line by line before anything is recorded."""

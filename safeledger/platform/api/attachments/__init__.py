"""API resource: photos and documents, stored by content."""

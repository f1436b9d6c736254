"""The event store: shard applications, their placement, and their SQLite polling."""

"""The hosted service: settings, store, API, console, jobs and CLI wired together."""

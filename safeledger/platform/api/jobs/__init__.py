"""The job resource: progress and downloads of long-running work."""

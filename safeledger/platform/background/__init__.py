"""Background work: sweeps, webhooks and long jobs, on RQ (hosted) or inline (embedded).

Job functions are plain functions of JSON arguments (ids); they build their
runtime in the process that runs them, after any fork.
"""

"""gunicorn settings for the hosted web process.

Run: gunicorn -c deploy/gunicorn.conf.py "safeledger.platform.app:create_app()"
Settings come from SAFELEDGER_* variables (see README). Each worker builds its
own connections on first use, after the fork; migrations and projections run in
their own processes (`safeledger migrate`, `safeledger projector`).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = 60
graceful_timeout = 30
# Never import the app in the master: connection pools must not cross a fork.
preload_app = False
accesslog = "-"
errorlog = "-"

"""gunicorn settings for the cleaner service (used by `cleaner serve` and the Docker image).

gunicorn executes this file on start and again on SIGHUP; every value comes from CLEANER_* environment
variables (README, "HTTP service") with the defaults below. Command-line options (e.g. --bind from
`cleaner serve --host/--port`) override them.
"""
import os

from cleaner.web import server_hooks

# Before any worker imports prometheus_client: every worker writes its metrics to this shared dir.
server_hooks.prepare_metrics_dir()

bind = os.environ.get("CLEANER_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("CLEANER_WORKERS") or server_hooks.default_workers())
worker_class = "sync"            # CPU-bound cleaning; the request runs in the main thread (SIGALRM limit)
timeout = int(os.environ.get("CLEANER_TIMEOUT", "60"))          # a worker silent this long is replaced
graceful_timeout = int(os.environ.get("CLEANER_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
max_requests = int(os.environ.get("CLEANER_MAX_REQUESTS", "10000"))   # recycle workers: bounded memory
max_requests_jitter = max_requests // 10
preload_app = False              # each worker loads the app and rules itself, so SIGHUP reloads rules
# Request line and headers are bounded here; body size is enforced by the app (CLEANER_MAX_BYTES).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
loglevel = os.environ.get("CLEANER_LOG_LEVEL", "info")
accesslog = os.environ.get("CLEANER_ACCESS_LOG", "-") or None
errorlog = "-"
logger_class = "cleaner.web.server_hooks.JsonAccessLogger"
proc_name = "cleaner"
# gunicorn 27's control socket sits at one per-user path: several instances on a host would collide.
control_socket_disable = True

on_starting = server_hooks.on_starting
on_reload = server_hooks.on_reload
post_fork = server_hooks.post_fork
child_exit = server_hooks.child_exit
on_exit = server_hooks.on_exit

"""cleaner serve: run the HTTP service under gunicorn, exactly as the Docker image does."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

APP = "cleaner.web:create_app()"


def gunicorn_conf() -> Path:
    """The packaged gunicorn settings (inside the package, so found after a plain pip install)."""
    return Path(__file__).resolve().parent.parent / "web" / "gunicorn_conf.py"


def command(host: str, port: int, workers: int | None = None) -> list[str]:
    """The gunicorn command line `cleaner serve` runs."""
    argv = [sys.executable, "-m", "gunicorn", "-c", str(gunicorn_conf()), "--bind", f"{host}:{port}"]
    if workers:
        argv += ["--workers", str(workers)]
    return argv + [APP]


def register(sub) -> None:
    """Add the `serve` sub-command."""
    p = sub.add_parser(
        "serve", help="run the HTTP service (gunicorn + Flask)",
        description="Serve the cleaning API under gunicorn with the packaged gunicorn settings (the Docker "
                    "image runs this too). Configuration: CLEANER_* environment variables (see README, "
                    "'HTTP service'). SIGHUP to the master reloads the rules without downtime.")
    p.add_argument("--host", default=os.environ.get("CLEANER_HOST", "127.0.0.1"),
                   help="address to listen on (default 127.0.0.1; 0.0.0.0 in the container)")
    p.add_argument("--port", type=int, default=int(os.environ.get("CLEANER_PORT", "8000")),
                   help="port (default 8000)")
    p.add_argument("--workers", type=int, help="worker processes (default CLEANER_WORKERS or one per CPU)")
    p.add_argument("--print", dest="dry_run", action="store_true",
                   help="print the gunicorn command instead of running it")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Replace this process with gunicorn (signals then go straight to the gunicorn master)."""
    argv = command(args.host, args.port, args.workers)
    if args.dry_run:
        print(" ".join(argv))
        return 0
    sys.stdout.flush()
    os.execv(argv[0], argv)
    return 0  # not reached

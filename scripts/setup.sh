#!/usr/bin/env bash
# Create .venv (if needed), upgrade pip first (pip 23.2's resolver trips on lxml[html_clean]),
# and install cleaner with the given extras. Usage: scripts/setup.sh [EXTRAS]   e.g. dev
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
extras=${1:-}
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras:+[$extras]}"
# Compile the line classifier's numba loops into their disk cache now (10-20 s once per checkout), not in
# the first request or test that classifies a whole page.
.venv/bin/python -c "from cleaner.textpath.features import warm; warm()"

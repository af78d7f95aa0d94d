# cleaner: the HTTP service (Flask under gunicorn). Build: docker build -t cleaner .
# Run:  docker run -p 8000:8000 -v "$PWD/my-rules:/etc/cleaner/rules:ro" cleaner
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    CLEANER_RULES_DIR=/etc/cleaner/rules \
    NUMBA_CACHE_DIR=/var/cache/cleaner/numba

WORKDIR /app

# Dependencies in their own layer: rebuilt only when pyproject.toml changes, not on every code change.
COPY pyproject.toml README.md ./
RUN python -c "import tomllib; d = tomllib.load(open('pyproject.toml', 'rb')); open('/tmp/requirements.txt', 'w').write(chr(10).join(d['project']['dependencies']))" \
    && pip install --no-cache-dir -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# The package itself (the shipped rules go inside it, as in any wheel), and the line classifier's numba
# loops compiled once into a cache the service user can read and, on another CPU, rewrite.
COPY cleaner ./cleaner
COPY rules ./rules
RUN pip install --no-cache-dir --no-deps . \
    && rm -rf build ./*.egg-info \
    && groupadd --system --gid 10001 cleaner \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin cleaner \
    && mkdir -p /etc/cleaner/rules /var/cache/cleaner/numba \
    && python -c "from cleaner.textpath.features import warm; warm()" \
    && chown -R 10001:10001 /var/cache/cleaner

# Custom rules: bind-mount a directory at /etc/cleaner/rules (CLEANER_RULES_DIR); SIGHUP reloads them.
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"]
CMD ["cleaner", "serve", "--host", "0.0.0.0", "--port", "8000"]

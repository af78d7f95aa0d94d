"""Start-up helpers shared by the load and soak benchmarks: a free loopback port, waiting for /readyz."""
from __future__ import annotations

import http.client
import socket
import subprocess
import time


def free_port() -> int:
    """A TCP port nobody listens on right now (loopback)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(proc: subprocess.Popen, port: int, timeout: float = 60.0) -> bool:
    """Poll GET /readyz until 200; False (and the process killed) if it exits or the time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/readyz")
            if c.getresponse().status == 200:
                return True
        except OSError:
            time.sleep(0.3)
    proc.kill()
    return False

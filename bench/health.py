"""Wait for a freshly started Streamlit server to answer its health check (benchmarks and tests)."""

from __future__ import annotations

import subprocess
import time
import urllib.request


def wait_healthy(proc: subprocess.Popen, base: str, timeout: float) -> bool:
    """True once `base`/_stcore/health answers 200; False if the process exits or time runs out
    (the process is then killed if it still runs)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    proc.kill()
    return False


def stop(proc: subprocess.Popen) -> None:
    """Terminate a server, killing it if it has not exited after 10 s."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()

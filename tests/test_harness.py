"""bench/harness.py, the one server and browser harness of the browser tests and the benchmarks:
a server that never gets healthy is reported with its own output and stopped with everything it
started; a healthy one is found on its port; phones get a mobile viewport. No browser, no app:
tiny Python servers stand in for Streamlit."""

from __future__ import annotations

import os
import sys
import time

import pytest

from bench import harness


def python(code: str) -> list[str]:
    """A command running `code`; the harness appends Streamlit's options, which land in sys.argv."""
    return [sys.executable, "-c", code]


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as f:
            return "\tZ" not in f.read().split("State:")[1][:4]
    except (OSError, IndexError):
        return False


def test_a_server_that_exits_early_is_reported_with_its_output_and_exit_code():
    started = time.time()
    with pytest.raises(harness.ServerFailed) as failed:
        harness.start_server(python("import sys; print('no data: projects.csv missing'); sys.exit(3)"), timeout=30)
    message = str(failed.value)
    assert "exited with code 3" in message
    assert message.endswith("no data: projects.csv missing")
    assert time.time() - started < 10  # it did not wait for the timeout


def test_a_server_that_never_answers_is_stopped_with_its_whole_process_group(tmp_path):
    child_pid = tmp_path / "child.pid"
    code = ("import subprocess, sys, time; "
            "c = subprocess.Popen([sys.executable, '-c', 'import signal, time; "
            "signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(600)']); "
            f"open({str(child_pid)!r}, 'w').write(str(c.pid)); "
            "print('warming up', flush=True); time.sleep(600)")
    with pytest.raises(harness.ServerFailed) as failed:
        harness.start_server(python(code), timeout=3)
    assert "did not answer /_stcore/health in 3 s" in str(failed.value)
    assert str(failed.value).endswith("warming up")
    pid = int(child_pid.read_text())
    deadline = time.time() + 5
    while alive(pid) and time.time() < deadline:  # SIGKILL is delivered, the orphan reaped by init
        time.sleep(0.05)
    assert not alive(pid), "the server's child (deaf to SIGTERM) outlived the server"


HEALTHY = """
import http.server, os, sys
port = int(sys.argv[sys.argv.index('--server.port') + 1])
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == '/_stcore/health' else 404)
        self.end_headers()
        self.wfile.write(os.environ.get('ZB_HARNESS_TEST', '-').encode())
    def log_message(self, *a):
        pass
http.server.HTTPServer(('127.0.0.1', port), H).serve_forever()
"""


def test_a_healthy_server_runs_on_its_port_until_stopped():
    import urllib.request

    with harness.start_server(python(HEALTHY), env={"ZB_HARNESS_TEST": "given"}) as server:
        assert server.base == f"http://127.0.0.1:{server.port}"
        with urllib.request.urlopen(server.base + "/_stcore/health", timeout=5) as r:
            assert r.read() == b"given"  # the server had the environment it was given
        assert 0 < server.healthy_ms < 30_000
        assert harness.rss_kb(server.pid) > 0
        assert "ZB_HARNESS_TEST" not in os.environ  # only the server's
    assert server.proc.returncode is not None
    assert harness.rss_kb(server.pid) == 0


def test_free_ports_are_different():
    ports = harness.free_ports(5)
    assert len(set(ports)) == 5 and all(1024 < p < 65536 for p in ports)


class FakeBrowser:
    def new_context(self, **options):
        return options


@pytest.mark.parametrize("size, phone", [(harness.PHONE, True), ((768, 1024), True), (harness.PROJECTOR, False),
                                         (harness.DESKTOP, False), ((harness.PHONE_BELOW, 600), False)])
def test_screen_context_is_a_touch_phone_below_the_phone_width(size, phone):
    options = harness.screen_context(FakeBrowser(), *size, offline=True)
    assert options == {"viewport": {"width": size[0], "height": size[1]}, "is_mobile": phone, "has_touch": phone,
                       "offline": True}


def test_launch_refuses_without_debians_chromium(monkeypatch):
    monkeypatch.setattr(harness, "CHROMIUM", "/nonexistent/chromium")
    with pytest.raises(harness.BrowserMissing, match="apt-get install chromium"):
        harness.launch(object())

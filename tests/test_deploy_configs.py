"""The deployment files agree with their sources: the compose proxy's nginx.conf is the
template's rendering, every instance gets a sticky pool, and nginx -t accepts the config."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def render_module():
    spec = importlib.util.spec_from_file_location("render_nginx", REPO / "deploy" / "render_nginx.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_compose_nginx_conf_is_the_rendered_template():
    conf = render_module().render(["app1:8501", "app2:8501"], listen="8080", prefix="/var/lib/nginx/zb/",
                                  user="www-data")
    assert (REPO / "deploy" / "nginx.compose.conf").read_text() == conf, "run `make deploy-configs`"


def test_every_instance_has_a_sticky_pool_with_the_others_as_backup():
    conf = render_module().render(["a:1", "b:2", "c:3"])
    for i, addr in enumerate(["a:1", "b:2", "c:3"], start=1):
        pool = conf.split(f"upstream zb_{i} {{")[1].split("}")[0]
        assert f"server {addr} max_fails" in pool and pool.count(" backup;") == 2
        assert f'"{i}" zb_{i};' in conf
    assert re.search(r"location \^~ /_stcore/metrics \{\s+return 404;", conf)
    assert "proxy_set_header Upgrade $http_upgrade;" in conf


def test_published_files_are_cached_for_good_through_nginx(tmp_path):
    """Issue 22: the location for content-hashed files matches every name geo.assets.publish
    writes (and no other file), keeps the visitor's instance and sets geo.assets.IMMUTABLE."""
    from geo import assets

    conf = render_module().render(["a:1", "b:2"])
    found = re.findall(r'location ~ "([^"]+)" \{(.*?)\n        \}', conf, re.S)
    hashed = [(pattern, body) for pattern, body in found if "zb/data" in pattern]
    assert len(hashed) == 1
    pattern, body = hashed[0]
    for rel in (assets.publish("municipalities", "{}", tmp_path), assets.publish("map", ";", tmp_path, suffix=".js"),
                assets.publish("map", "a{}", tmp_path, suffix=".css")):
        assert re.search(pattern, assets.url(rel)), rel
    for other in ("/app/static/leaflet/leaflet.js", "/app/static/zb/data/map.js", "/app/static/zb/map.js"):
        assert not re.search(pattern, other), other
    assert f'add_header Cache-Control "{assets.IMMUTABLE}";' in body
    assert "proxy_hide_header Cache-Control;" in body and "proxy_pass http://$zb_pool;" in body


@pytest.mark.skipif(not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()), reason="nginx not installed")
def test_nginx_accepts_the_rendered_config(tmp_path):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    (tmp_path / "tmp").mkdir()
    conf = tmp_path / "nginx.conf"
    conf.write_text(render_module().render(["127.0.0.1:1", "127.0.0.1:2"], listen="127.0.0.1:18999",
                                           prefix=str(tmp_path) + "/", user="root"))
    done = subprocess.run([nginx, "-t", "-q", "-p", str(tmp_path) + "/", "-c", str(conf), "-e", str(tmp_path / "e.log")],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr


def test_dockerfile_is_slim_non_root_pinned_with_the_repo_data_and_a_health_check():
    text = (REPO / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim", text, re.M)
    assert "pip install -r requirements.txt" in text
    user = re.findall(r"^USER (\S+)", text, re.M)
    assert user and not user[-1].startswith(("root", "0"))
    for folder in ("atlas", "geo", "pages", "data"):  # geo/ carries geo/layers, the reference data
        assert re.search(rf"^COPY .*\b{folder} \./{folder}$", text, re.M), folder
    assert "HEALTHCHECK" in text and "/_stcore/health" in text
    ignored = (REPO / ".dockerignore").read_text().split()
    assert "geo" not in ignored and "data" not in ignored


def test_kubernetes_example_has_cookie_affinity_probes_and_no_public_metrics():
    text = (REPO / "deploy" / "k8s" / "zorgzame-buurten.yaml").read_text()
    for kind in ("Deployment", "Service", "Ingress"):
        assert f"kind: {kind}" in text
    assert 'nginx.ingress.kubernetes.io/affinity: "cookie"' in text
    assert text.count("path: /_stcore/health") == 2
    assert "/_stcore/metrics { return 404; }" in text


def locations(conf: str) -> list[tuple[str, str]]:
    """Each `location` block (name, body) in order, by brace counting."""
    out: list[tuple[str, str]] = []
    for m in re.finditer(r"location ([^\n]+?) *\{ *\n", conf):  # the name may hold braces ({12})
        depth, i = 1, m.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(conf[i], 0)
            i += 1
        out.append((m.group(1).strip(), conf[m.end():i - 1]))
    return out


HEADERS = ("Content-Security-Policy", "X-Content-Type-Options nosniff", "X-Frame-Options $zb_frame_options",
           "Referrer-Policy no-referrer", "Permissions-Policy", "Cross-Origin-Opener-Policy")


def test_every_answer_carries_the_security_headers_also_errors_and_refusals():
    conf = render_module().render(["a:1", "b:2"])
    blocks = locations(conf)
    # (add_header in a location replaces the server's: each location needs them all, `always`)
    assert [name for name, _ in blocks] == [  # refused Hosts, then the app (metrics, hashed files, the rest)
        "/", "^~ /_stcore/metrics", '~ "^/app/static/zb/data/[A-Za-z0-9_]+-[0-9a-f]{12}\\.(js|css|json)$"', "/"]
    assert conf.count("    server {") == 2
    for name, body in blocks:
        for h in HEADERS:
            lines = [line for line in body.splitlines() if f"add_header {h}" in line]
            assert len(lines) == 1 and lines[0].rstrip().endswith(" always;"), (name, h, lines)
    assert "return 421;" in blocks[0][1] and "return 404;" in blocks[1][1]


def csp_of(conf: str, ancestors: str) -> str:
    csp = re.search(r'add_header Content-Security-Policy "([^"]+)" always;', conf).group(1)
    return csp.replace("$zb_frame_ancestors", ancestors)


def test_readme_and_the_proxy_promise_the_same_headers():
    conf = render_module().render(["a:1"])
    readme = " ".join((REPO / "README.md").read_text().split())
    assert f"`{csp_of(conf, chr(39) + 'none' + chr(39))}`" in readme
    for h in ("X-Content-Type-Options: nosniff", "Referrer-Policy: no-referrer", "X-Frame-Options: DENY",
              "Permissions-Policy: camera=(), microphone=(), geolocation=()", "X-Frame-Options: SAMEORIGIN",
              "frame-ancestors 'self'"):
        assert h in readme, h
    assert "add_header Referrer-Policy no-referrer always;" in conf
    # Pages are never framed; Streamlit's component iframes (the map) only by the app itself.
    frame = conf.split("map $uri $zb_frame_options {")[1].split("}")[0]
    assert "default DENY;" in frame and "~^/component/ SAMEORIGIN;" in frame
    ancestors = conf.split("map $uri $zb_frame_ancestors {")[1].split("}")[0]
    assert "default \"'none'\";" in ancestors and "~^/component/ \"'self'\";" in ancestors
    csp = csp_of(conf, "'none'")
    hosts = {w for w in csp.replace(";", " ").split() if "." in w or "://" in w}
    assert hosts == {"https://tile.openstreetmap.org"}, hosts  # no other outside host


def test_only_our_hosts_and_origins_and_new_websockets_are_rate_limited():
    conf = render_module().render(["a:1"], server_names=["kaart.example.be", "localhost"], ws_rate=12, ws_burst=5,
                                  ws_open=7)
    assert re.search(r"listen \S+ default_server;\s+server_name _;\s+location / \{\s+return 421;", conf)
    assert "server_name kaart.example.be localhost;" in conf
    origin = conf.split("map $http_origin $zb_origin_bad {")[1].split("}")[0]
    assert '"~^https?://kaart\\.example\\.be(:[0-9]+)?$" 0;' in origin and "default 1;" in origin
    assert "/_stcore/stream $zb_origin_bad;" in conf and "if ($zb_ws_refused) { return 403; }" in conf
    # Only websocket requests have a key, so only they are counted.
    client = conf.split("map $uri $zb_ws_client {")[1].split("}")[0]
    assert 'default "";' in client and "/_stcore/stream $binary_remote_addr;" in client
    assert "limit_req_zone $zb_ws_client zone=zb_ws_new:10m rate=12r/m;" in conf
    app = locations(conf)[-1][1]
    assert "limit_req zone=zb_ws_new burst=5 nodelay;" in app and "limit_conn zb_ws_open 7;" in app
    assert "limit_req_status 429;" in conf and "limit_conn_status 429;" in conf


@pytest.mark.parametrize("names", [[], ["evil.example; return 200"], ["a b"], ["~.*"]])
def test_server_names_are_host_names_only(names):
    with pytest.raises(ValueError):
        render_module().render(["a:1"], server_names=names)


def test_kubernetes_example_sends_the_same_security_headers_as_the_proxy():
    text = (REPO / "deploy" / "k8s" / "zorgzame-buurten.yaml").read_text()
    conf = render_module().render(["a:1"])
    assert f'more_set_headers "Content-Security-Policy: {csp_of(conf, "$zb_frame_ancestors")}";' in text
    for header in ("X-Content-Type-Options: nosniff", "X-Frame-Options: $zb_frame_options",
                   "Referrer-Policy: no-referrer", "Permissions-Policy: camera=(), microphone=(), geolocation=()"):
        assert f'more_set_headers "{header}";' in text, header
    assert 'set $zb_frame_options "DENY";' in text and "if ($uri ~ ^/component/)" in text

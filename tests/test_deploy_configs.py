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
    assert "location ^~ /_stcore/metrics { return 404; }" in conf
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

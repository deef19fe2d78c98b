"""Every way of running several instances gives them ONE meldingen database, migrated before they
start: deploy/compose.yaml, the Kubernetes example and `make deploy-local` (deploy/local.sh)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_compose_apps_share_one_postgres_migrated_first():
    text = (REPO / "deploy" / "compose.yaml").read_text()
    assert re.search(r"^  db:\n    image: postgres:\d+", text, re.M)
    url = re.search(r'ATLAS_DB_URL: "(postgresql\+psycopg://[^"]+@db:5432/meldingen)"', text)
    assert url, "one URL, defined once (an anchor) for migrate and every app"
    assert text.count("environment: *db_env") == 2  # migrate and app1 (app2 merges app1)
    assert 'command: ["python", "-m", "atlas", "meldingen", "migrate"]' in text
    assert "migrate: {condition: service_completed_successfully}" in text
    assert "app2:\n    <<: *app" in text and "meldingen-db:/var/lib/postgresql/data" in text


def test_kubernetes_pods_and_the_migration_job_read_the_same_secret():
    text = (REPO / "deploy" / "k8s" / "zorgzame-buurten.yaml").read_text()
    for kind in ("Secret", "StatefulSet", "Job"):
        assert f"kind: {kind}" in text
    assert text.count("valueFrom: {secretKeyRef: {name: zorgzame-buurten-db, key: url}}") == 2  # pods + job
    assert 'command: ["python", "-m", "atlas", "meldingen", "migrate"]' in text


def test_deploy_local_exports_one_database_and_migrates_before_the_instances(tmp_path):
    script = (REPO / "deploy" / "local.sh").read_text()
    start = script[script.index("\nstart() {"):]
    assert start.index("shared_database") < start.index("-m atlas serve")
    assert 'export ATLAS_DB_URL="sqlite:///$DEPLOY_DIR/meldingen.sqlite"' in script
    assert 'export ATLAS_DB_URL="postgresql+psycopg://atlas@127.0.0.1:$PG_PORT/meldingen"' in script
    assert subprocess.run(["bash", "-n", str(REPO / "deploy" / "local.sh")]).returncode == 0

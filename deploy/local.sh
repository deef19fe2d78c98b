#!/usr/bin/env bash
# Several app instances behind nginx on this machine, without containers (for trying and testing).
#   deploy/local.sh start   # N instances (default 2) on BASE_PORT.. and nginx on PROXY_PORT
#   deploy/local.sh stop    # stops what `start` started (pid files in DEPLOY_DIR)
# Environment: N (2), PROXY_PORT (8080), BASE_PORT (8601), DEPLOY_DIR (.deploy-local),
# PY (.venv/bin/python), NGINX_BIN (nginx from Debian: apt-get install nginx-light),
# SERVER_NAMES (the host names visitors use, space separated; default localhost 127.0.0.1; add the
# name a tunnel or a TLS proxy in front passes on: other Hosts get 421).
# Meldingen: every instance uses ONE database, migrated before they start: $ATLAS_DB_URL if set,
# else DB=postgres starts a PostgreSQL cluster in DEPLOY_DIR/pg on PG_PORT (5433; Debian's
# postgresql package), else (DB=sqlite, the default) one SQLite file DEPLOY_DIR/meldingen.sqlite.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-2}
PROXY_PORT=${PROXY_PORT:-8080}
BASE_PORT=${BASE_PORT:-8601}
DEPLOY_DIR=$(mkdir -p "${DEPLOY_DIR:-.deploy-local}" && cd "${DEPLOY_DIR:-.deploy-local}" && pwd)
PY=${PY:-.venv/bin/python}
NGINX_BIN=${NGINX_BIN:-$(command -v nginx || echo /usr/sbin/nginx)}

wait_healthy() {  # url, seconds
  local url=$1 deadline=$((SECONDS + $2))
  until "$PY" -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" "$url" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then echo "not healthy in time: $url" >&2; return 1; fi
    sleep 0.5
  done
}

PG_PORT=${PG_PORT:-5433}
PG_DIR="$DEPLOY_DIR/pg"

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

as_pg() {  # PostgreSQL refuses to run as root: then as the postgres user
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  local bin
  bin=$(pg_bin)
  [ -n "$bin" ] || { echo "DB=postgres needs Debian's postgresql package (apt-get install postgresql)" >&2; exit 3; }
  mkdir -p "$PG_DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR" && chmod 700 "$PG_DIR"
  [ -f "$PG_DIR/data/PG_VERSION" ] || as_pg "$bin/initdb" -D "$PG_DIR/data" -U atlas --auth=trust -E UTF8 >/dev/null
  as_pg "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1" start >/dev/null
  "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U atlas -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='meldingen'" \
    | grep -q 1 || "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U atlas meldingen
  export ATLAS_DB_URL="postgresql+psycopg://atlas@127.0.0.1:$PG_PORT/meldingen"
}

stop_postgres() {
  local bin
  bin=$(pg_bin)
  if [ -n "$bin" ] && [ -f "$PG_DIR/data/postmaster.pid" ]; then
    as_pg "$bin/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  fi
}

shared_database() {
  if [ -z "${ATLAS_DB_URL:-}" ]; then
    if [ "${DB:-sqlite}" = postgres ]; then start_postgres; else export ATLAS_DB_URL="sqlite:///$DEPLOY_DIR/meldingen.sqlite"; fi
  fi
  "$PY" -m atlas meldingen migrate
}

stop() {
  if [ -f "$DEPLOY_DIR/nginx.pid" ]; then
    "$NGINX_BIN" -p "$DEPLOY_DIR/" -c "$DEPLOY_DIR/nginx.conf" -e "$DEPLOY_DIR/error.log" -s quit 2>/dev/null \
      || kill "$(cat "$DEPLOY_DIR/nginx.pid")" 2>/dev/null || true
  fi
  pids=()
  for f in "$DEPLOY_DIR"/app-*.pid; do
    [ -f "$f" ] || continue
    pids+=("$(cat "$f")")
    rm -f "$f"
  done
  if [ ${#pids[@]} -gt 0 ]; then
    kill "${pids[@]}" 2>/dev/null || true
    for _ in $(seq 1 50); do  # up to 10 s for a clean shutdown, then SIGKILL
      alive=()
      for p in "${pids[@]}"; do if kill -0 "$p" 2>/dev/null; then alive+=("$p"); fi; done
      [ ${#alive[@]} -eq 0 ] && break
      sleep 0.2
    done
    [ ${#alive[@]} -eq 0 ] || kill -9 "${alive[@]}" 2>/dev/null || true
  fi
  stop_postgres
  echo "stopped (logs in $DEPLOY_DIR)"
}

start() {
  if [ ! -x "$NGINX_BIN" ]; then
    echo "nginx not found: apt-get install nginx-light (Debian's package)" >&2
    exit 3
  fi
  stop >/dev/null
  mkdir -p "$DEPLOY_DIR/tmp"
  shared_database  # exports ATLAS_DB_URL for every instance
  upstreams=()
  for i in $(seq 1 "$N"); do
    port=$((BASE_PORT + i - 1))
    upstreams+=(--upstream "127.0.0.1:$port")
    "$PY" -m atlas serve --server.port "$port" --server.address 127.0.0.1 \
      --server.headless true --browser.gatherUsageStats false </dev/null >"$DEPLOY_DIR/app-$i.log" 2>&1 &
    echo $! >"$DEPLOY_DIR/app-$i.pid"
  done
  user=()
  [ "$(id -u)" = 0 ] && user=(--user root)  # workers keep the caller's user (temp files in DEPLOY_DIR)
  names=()
  for name in ${SERVER_NAMES:-}; do names+=(--server-name "$name"); done
  "$PY" deploy/render_nginx.py "${upstreams[@]}" --listen "127.0.0.1:$PROXY_PORT" --prefix "$DEPLOY_DIR/" \
    --workers 2 "${user[@]}" "${names[@]}" >"$DEPLOY_DIR/nginx.conf"
  "$NGINX_BIN" -t -q -p "$DEPLOY_DIR/" -c "$DEPLOY_DIR/nginx.conf" -e "$DEPLOY_DIR/error.log"
  for i in $(seq 1 "$N"); do
    wait_healthy "http://127.0.0.1:$((BASE_PORT + i - 1))/_stcore/health" 90
  done
  "$NGINX_BIN" -p "$DEPLOY_DIR/" -c "$DEPLOY_DIR/nginx.conf" -e "$DEPLOY_DIR/error.log" </dev/null >/dev/null 2>&1 \
    || { tail -5 "$DEPLOY_DIR/error.log" >&2; exit 1; }
  wait_healthy "http://127.0.0.1:$PROXY_PORT/_stcore/health" 20
  echo "$N instance(s) on ports $BASE_PORT-$((BASE_PORT + N - 1)) behind nginx: http://127.0.0.1:$PROXY_PORT/"
  echo "stop with: make deploy-stop (logs in $DEPLOY_DIR)"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac

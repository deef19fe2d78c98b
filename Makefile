# Two commands (see README): `make run` and `make test`. Both set up what they need first.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
GEO_RAW ?= ../shared/geo
N ?= 2
PROXY_PORT ?= 8080
LANG_SITE ?= nl
SITE ?= site
PLOTLY_JS_VERSION = $(shell $(PY) -c "from atlas.views.charts import plotly_js_version; print(plotly_js_version())" 2>/dev/null)

.PHONY: setup run test test-fast browser validate reference bench clean static-site nginx postgresql deploy-local deploy-stop \
        deploy-configs vendor-plotly

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed

# Debian's Chromium for the browser tests (never `playwright install`: it downloads a browser).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

run: setup
	$(PY) -m atlas serve --server.port $(PORT)

# Three workers, one test module each at a time (module fixtures are built once): the browser
# tests mostly wait on their browser and server, so a third worker keeps both cores busy
# (10-11 min on a 2-core AMD EPYC machine, 7 December 2026; CPU-bound throughout: the browser
# tests are about 1,000 of its ~1,650 CPU-seconds). Without the browser: `make test-fast`, 2 min 43 s.
test: setup browser nginx postgresql
	$(PY) -m pytest -n 3 --dist loadfile

test-fast: setup
	$(PY) -m pytest -m "not e2e" -n auto --dist loadfile

validate: setup
	$(PY) -m atlas validate

# Rebuild the committed reference layers (geo/layers) from the raw official files.
reference: setup
	$(PY) -m geo build-reference --from $(GEO_RAW)

bench: setup
	$(PY) -m pip install --quiet -r requirements-bench.txt
	$(PY) -m bench map
	$(PY) -m bench coverage

# A static site for any web server or CDN (opens from file:// too): `make static-site SITE=out LANG_SITE=en`.
static-site: setup
	$(PY) -m atlas export $(SITE) --lang $(LANG_SITE)

# PostgreSQL from Debian's packages: the meldingen tests start throw-away clusters with its binaries.
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  echo "Installing Debian's postgresql for the meldingen tests..."; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq postgresql >/dev/null; }

# nginx from Debian's packages, for deploy-local and its test.
nginx:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { \
	  echo "Installing Debian's nginx-light..."; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq nginx-light >/dev/null; }

# N app instances on ports 8601.. behind nginx on PROXY_PORT, on this machine, without containers.
deploy-local: setup nginx
	N=$(N) PROXY_PORT=$(PROXY_PORT) PY=$(PY) deploy/local.sh start

deploy-stop:
	deploy/local.sh stop

# deploy/nginx.compose.conf (the proxy of deploy/compose.yaml) from deploy/nginx.conf.j2.
deploy-configs: setup
	$(PY) deploy/render_nginx.py --upstream app1:8501 --upstream app2:8501 --listen 8080 \
	  --prefix /var/lib/nginx/zb/ --user www-data > deploy/nginx.compose.conf

# plotly.js's basic bundle of the installed plotly's version (the static export's charts), from npm.
vendor-plotly: setup
	cd $$(mktemp -d) && npm pack --silent plotly.js-basic-dist-min@$(PLOTLY_JS_VERSION) \
	  && tar xzf plotly.js-basic-dist-min-$(PLOTLY_JS_VERSION).tgz \
	  && cp package/plotly-basic.min.js $(CURDIR)/atlas/views/web/plotly-basic.min.js \
	  && cp package/LICENSE $(CURDIR)/atlas/views/web/plotly-basic.LICENSE

clean:
	rm -rf $(VENV) .cache static .pytest_cache .deploy-local

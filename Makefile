# Two commands (see README): `make run` and `make test`. Both set up what they need first.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
GEO_RAW ?= ../shared/geo

.PHONY: setup run test test-fast browser validate reference bench clean

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

test: setup browser
	$(PY) -m pytest

test-fast: setup
	$(PY) -m pytest -m "not e2e"

validate: setup
	$(PY) -m atlas validate

# Rebuild the committed reference layers (geo/layers) from the raw official files.
reference: setup
	$(PY) -m geo build-reference --from $(GEO_RAW)

bench: setup
	$(PY) -m pip install --quiet -r requirements-bench.txt
	$(PY) -m bench map
	$(PY) -m bench coverage

clean:
	rm -rf $(VENV) .cache static .pytest_cache

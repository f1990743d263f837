# Framework Advisor. `make run` serves the site with its content; `make test` runs the whole suite.
# Needs only Python 3.12 (selected by .python-version) and make; everything else is installed here.

PYTHON ?= $(shell command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
# Development defaults for `make run` only; production reads the real environment.
DEV_ENV := DJANGO_DEBUG=$${DJANGO_DEBUG:-1}
# pip's arguments that install the uv release requirements-dev.txt pins (`make install`).
INSTALL_UV = --quiet --disable-pip-version-check "$$(grep '^uv==' requirements-dev.txt)"

.PHONY: install run serve test test-fast lab-test lint format migrations-check browsers nginx bench lab clean

install: $(STAMP)

# uv installs the pins: make install takes about 5 s where pip took about 15 s. The venv starts without pip (its
# bundled copy took 3 s to install and was then replaced): Python's own pip puts the uv release that
# requirements-dev.txt pins into it, as lab/envs.py does for the lab's environments, and uv installs the rest,
# including the pinned pip that `make lab-test` builds those environments with. A Python without pip gets the
# bundled one.
$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv --without-pip $(VENV)
	test -x $(BIN)/uv || $(PYTHON) -m pip --python $(BIN)/python install $(INSTALL_UV) \
	  || { $(PYTHON) -m venv $(VENV) && $(BIN)/python -m pip install $(INSTALL_UV); }
	$(BIN)/uv pip install --quiet --python $(BIN)/python --compile-bytecode -r requirements-dev.txt
	touch $(STAMP)

# axe-core for the accessibility tests (tests/support/axe.py), from the npm registry rather than the older copy
# inside axe-playwright-python (4.12.1): 4.14 runs the colour-contrast rule, the largest part of the browser tests, in
# about half the time. The tarball must match the pinned hash (the registry's integrity of that release).
AXE_CORE_VERSION := 4.14.1
AXE_CORE_INTEGRITY := sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==
AXE_CORE := $(VENV)/axe-core-$(AXE_CORE_VERSION).min.js
$(AXE_CORE):
	@echo "Fetching axe-core $(AXE_CORE_VERSION) from the npm registry for the accessibility tests"
	@command -v npm >/dev/null || { echo "npm not found: the accessibility tests need it to fetch axe-core" >&2; exit 1; }
	@pack=$(VENV)/axe-core-pack; tgz=$$pack/axe-core-$(AXE_CORE_VERSION).tgz; \
	  rm -rf $$pack && mkdir -p $$pack && (cd $$pack && npm pack --silent axe-core@$(AXE_CORE_VERSION) >/dev/null) \
	  && { test "sha512-$$(openssl dgst -sha512 -binary $$tgz | base64 -w0)" = "$(AXE_CORE_INTEGRITY)" \
	       || { echo "axe-core $(AXE_CORE_VERSION) does not match its pinned hash" >&2; exit 1; }; } \
	  && tar -xzOf $$tgz package/axe.min.js > $@.part && mv $@.part $@ && rm -rf $$pack
	@ln -sfn $(notdir $@) $(VENV)/axe-core.min.js

# Debian's Chromium headless shell drives the browser tests (Playwright cannot download its own browsers here). It is
# the build Playwright itself runs headless tests in: without the desktop browser's window layer, the suite's browser
# tests take about a tenth less CPU than in the full chromium.
browsers: $(AXE_CORE)
	@test -x /usr/bin/chromium-headless-shell || \
	  { echo "Installing Chromium's headless shell for the browser tests"; \
	    (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium-headless-shell) >/dev/null \
	    || { echo "Could not install chromium-headless-shell; browser tests need it" >&2; exit 1; }; }

# nginx goes in front of gunicorn in `make serve` (and in the tests of it): Debian's light build.
nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || \
	  { echo "Installing nginx for make serve"; \
	    (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light) >/dev/null 2>&1 \
	    || (DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx) >/dev/null \
	    || { echo "Could not install nginx; make serve needs it" >&2; exit 1; }; }

run: install
	$(DEV_ENV) $(MANAGE) migrate --noinput
	$(DEV_ENV) $(MANAGE) loadcontent
	$(DEV_ENV) $(MANAGE) runserver 127.0.0.1:$(PORT)

# Production: debug off, static files collected and compressed, nginx on PORT buffering every client in front of
# gunicorn on a private Unix socket (deploy/serve.py starts both and stops both; README, "Deployment").
serve: install nginx
	$(MANAGE) collectstatic --noinput -v0
	$(MANAGE) migrate --noinput
	$(MANAGE) loadcontent
	$(BIN)/python deploy/serve.py

# Both run on every core (pytest-xdist, `--dist loadgroup`; PYTEST_WORKERS=0 runs in this process, PYTEST_WORKERS=3
# picks a number). make test starts one worker more than there are cores (8 at most): the worker that runs the tests
# starting servers mostly waits on them. Neither runs the lab's contract tests (marker `lab`), which build the lab's
# environments: `make lab-test` does.
# PYTHONDONTWRITEBYTECODE is cleared for the suite: it starts some sixty Python processes (its workers, gunicorn,
# manage.py) that import the same modules, and with it set (as some machines do) each of them compiled every module
# of the project again and each worker rewrote every test module; now each is compiled once, into __pycache__.
PYTEST_WORKERS ?=
PYTEST := PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -q --dist loadgroup -n
test: install browsers nginx
	$(PYTEST) $(or $(PYTEST_WORKERS),$(shell n=$$(nproc 2>/dev/null || echo 1); echo $$((n < 8 ? n + 1 : 8)))) -m "not lab"

# The edit-run loop: everything but the browser tests and the tests that start server processes.
test-fast: install
	$(PYTEST) $(or $(PYTEST_WORKERS),auto) -m "not browser and not slow and not lab"

# The lab's contract: every app under every server lab.toml names, one worker, no load. Builds each pinned
# environment under lab/.venvs/ the first time (minutes), then reuses it.
lab-test: install
	$(PYTEST) $(or $(PYTEST_WORKERS),auto) -m lab

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: install
	DJANGO_DEBUG=1 $(MANAGE) makemigrations --check --dry-run

# Load test: gunicorn + wrk on loopback against a static file, side by side; writes BENCHMARKS.md.
# BENCH_ARGS="--postgres postgres://postgres@127.0.0.1:5432/postgres --redis redis://127.0.0.1:6379/5" adds
# the PostgreSQL + Redis configuration to the same run.
BENCH_ARGS ?=
bench: install
	@command -v wrk >/dev/null 2>&1 || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk) >/dev/null
	$(BIN)/python bench/bench.py $(BENCH_ARGS)

# The lab (lab/): every framework's app under its servers, loaded by wrk on loopback (server and wrk pinned to
# separate cores with taskset); writes content/lab/RUN.yaml. `make lab FRAMEWORKS=flask,fastapi DURATION=2`
# measures a subset with shorter runs; an interrupted run resumes per (app, server) pair (LAB_ARGS=--force
# measures again, LAB_ARGS=--estimate prints the time it would take, LAB_ARGS="--notes '...'" records a caveat).
FRAMEWORKS ?=
DURATION ?=
LAB_ARGS ?=
lab: install
	@command -v wrk >/dev/null 2>&1 || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk) >/dev/null
	@command -v taskset >/dev/null 2>&1 || echo "taskset not found (util-linux): the run will not be pinned, and says so"
	$(BIN)/python -m lab.run $(if $(FRAMEWORKS),--frameworks $(FRAMEWORKS)) $(if $(DURATION),--duration $(DURATION)) $(LAB_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache lab/.venvs lab/.work

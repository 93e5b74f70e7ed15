# Muloqot: `make run` serves the demo site, `make test` runs the whole suite.
# Both set everything up on a fresh Debian machine with Python 3.11.

PYTHON_SYSTEM ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The development settings build the base URL (certificate links, QR codes) from these.
export HOST PORT

# Debian packages: gettext compiles translations; Pango and DejaVu render PDF certificates;
# chromium runs the browser tests.
APT_RUNTIME := gettext fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
APT_TEST := chromium

.DEFAULT_GOAL := help
.PHONY: help install system-packages system-packages-test messages cyrillic-messages run worker test test-fast lint clean bench

help:
	@echo "make run     set up, migrate, load demo content, start the worker and serve http://$(HOST):$(PORT)"
	@echo "make test    set up and run the whole suite (browser journeys included)"
	@echo "make lint    ruff"
	@echo "make worker  run the task worker in the foreground"
	@echo "make messages  generate the Uzbek Cyrillic catalogues and compile every catalogue"
	@echo "make test-fast  the suite without browser journeys, keeping the test database"
	@echo "make clean   remove .venv, var/ and compiled files"
	@echo "make bench   time the course pages on a throwaway database (BENCH_ARGS=--http adds gunicorn)"
	@echo "make bench-compliance  time the compliance report and CSV export on 100,000 learners (BENCH_ARGS=--postgres URL)"
	@echo "make bench-two-instances  a learner's journey across two gunicorn instances behind nginx (PostgreSQL, Redis, S3)"
	@echo "make bench-load  learners taking a quiz against gunicorn + PostgreSQL + Redis on loopback (BENCH_ARGS=--learners 2000)"

# Install missing Debian packages when root; otherwise print the exact command.
define apt_ensure
	@missing=""; for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = "0" ]; then \
			echo "Installing Debian packages:$$missing"; \
			(apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
		else \
			echo "Missing Debian packages. Run: sudo apt-get install -y$$missing"; exit 1; \
		fi; \
	fi
endef

system-packages:
	$(call apt_ensure,$(APT_RUNTIME))

system-packages-test: system-packages
	$(call apt_ensure,$(APT_TEST))

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON_SYSTEM) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev]'
	touch $(STAMP)

install: system-packages $(STAMP) messages

# Uzbek Cyrillic catalogues (*/locale/uz_Cyrl) are generated from the Latin ones, never edited.
cyrillic-messages: $(STAMP)
	$(PY) -m core.cyrillic_catalogues

messages: $(STAMP) cyrillic-messages
	@for po in $$(find . -path ./.venv -prune -o -path '*/locale/*' -name '*.po' -print); do msgfmt --check -o "$${po%.po}.mo" "$$po" || exit 1; done

run: install
	mkdir -p var
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) createcachetable
	$(MANAGE) create_signing_key --if-missing
	@echo "Loading the demo content (log: var/seed-demo.log)..."
	@$(MANAGE) seed_demo --summary-file var/demo-summary.txt > var/seed-demo.log 2>&1 \
		|| { tail -n 40 var/seed-demo.log; exit 1; }
	@$(MANAGE) sign_certificates >> var/seed-demo.log 2>&1
	@echo "Starting the task worker (log: var/worker.log) and the server (Ctrl+C stops both)."
	@echo; cat var/demo-summary.txt; echo
	@$(MANAGE) db_worker > var/worker.log 2>&1 & worker=$$!; \
		trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
		$(MANAGE) runserver $(HOST):$(PORT)

worker: install
	$(MANAGE) db_worker

test: install system-packages-test
	mkdir -p var
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# Local iteration: keep the test database between runs and skip the browser.
test-fast: install
	$(VENV)/bin/pytest --reuse-db -m "not browser" $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) var staticfiles
	find . -path ./.venv -prune -o -path '*/locale/*' -name '*.mo' -print | xargs rm -f
	find . -path ./.venv -prune -o -path '*/locale/uz_Cyrl' -type d -print | xargs rm -rf

# Figures for docs/performance.md, on a throwaway database in a temporary directory (never var/).
bench: $(STAMP)
	$(PY) bench/pages.py $(BENCH_ARGS)

# The compliance report on seed_scale's data set (a throwaway SQLite database; --postgres URL too).
.PHONY: bench-compliance
bench-compliance: $(STAMP)
	$(PY) bench/compliance.py $(BENCH_ARGS)

# Two web instances and two task workers that share only PostgreSQL, Redis and S3 (moto), behind
# nginx; a learner's journey alternates between them (docs/deployment.md). Needs PostgreSQL on
# 127.0.0.1:5432 (trust) and Redis on 127.0.0.1:6379; BENCH_ARGS="--postgres URL --redis URL".
.PHONY: bench-two-instances
bench-two-instances: $(STAMP)
	$(call apt_ensure,nginx)
	$(PIP) install --quiet -e '.[dev,bench]'
	$(PY) bench/two_instances.py $(BENCH_ARGS)
# Simulated learners taking a 16-question quiz against gunicorn (deploy/gunicorn.conf.py, production
# settings), a throwaway PostgreSQL database, Redis db 13 and the task worker (docs/performance.md).
.PHONY: bench-load
bench-load: $(STAMP)
	$(call apt_ensure,wrk)
	$(PIP) install --quiet -e '.[dev,bench]'
	$(PY) bench/load.py $(BENCH_ARGS)

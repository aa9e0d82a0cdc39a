# `make run` and `make test` work on a fresh clone: they create the virtualenv,
# install the pinned requirements, and compile the translations first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
# `make run PORT=8101` (or HOST=...) serves there; BASE_URL follows unless it is set.
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install messages run test pytest lint e2e chromium bench screenshots makemessages clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): requirements.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

install: $(INSTALLED)

messages: install
	$(PY) manage.py compile_translations

run: messages
	$(PY) manage.py migrate --no-input
	HOST=$(HOST) PORT=$(PORT) $(PY) manage.py load_demo
	@echo "Serving on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	HOST=$(HOST) PORT=$(PORT) $(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

pytest: messages
	$(VENV)/bin/pytest -q -n 2

test: lint pytest

# Browser tests (also part of `make test` whenever Chromium is installed).
# Uses Debian's chromium; Playwright never downloads a browser.
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }

e2e: messages chromium
	$(VENV)/bin/pytest -q tests/e2e

# Every page type of the demo in nl, de and en at 390 and 1280 px, as PNGs in
# screenshots/ (git-ignored), for a person to look at before an issue is resolved.
# `make screenshots ARGS=--reuse` keeps the last demo build (template changes only).
screenshots: messages chromium
	$(PY) tests/screenshots.py $(ARGS)

# Refresh the .po files after adding or changing UI strings (needs GNU gettext).
makemessages: install
	$(PY) manage.py makemessages --locale nl --locale de --locale en --ignore '.venv/*' --no-obsolete

# Render times, query counts and throughput; prints a table, writes bench-results.json.
# `make bench AREAS="home events"` runs only those bench_<area>.py modules; the events
# bench loads events-1000 and events-10000 (EVENTS_BENCH_FILES) and keeps the loaded
# 10,000 database in .bench-cache/ (SQLite) or a database of its own (PostgreSQL).
bench: messages
	$(PY) tests/bench/run.py $(AREAS)

clean:
	rm -rf $(VENV) staticfiles

# Tyndau: `make run` to try it, `make test` to check it. See README.md.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
APPS := core accounts territory appeals meetings reports plans budget gathering opendata portal api triage services library jury surveys privacy

.PHONY: install translations run serve test lint format migrations messages compilemessages clean

install: $(VENV)/.installed  ## create .venv and install the pinned dependencies (idempotent)

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

translations: install  ## compile the message catalogues (.mo are not kept in git)
	$(PY) scripts/compilemessages.py

run: export TYNDAU_DEMO = 1
run: translations  ## migrate the SQLite database, load the demo district, serve on 127.0.0.1:8000 (demo settings)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py seed_demo
	@echo "Open http://127.0.0.1:8000/ (staff: http://127.0.0.1:8000/ru/accounts/login/)"
	@echo "Background jobs (reminders, escalations) run every 15 minutes while it serves."
	$(PY) manage.py run_periodic_jobs --loop & jobs=$$!; \
	trap 'kill $$jobs 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:8000

test: translations  ## lint, migrations check, the suite on SQLite and on PostgreSQL
	bash scripts/test.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations: install
	TYNDAU_DEMO=1 $(PY) manage.py makemigrations

messages: install  ## refresh each app's Kazakh and Russian message files
	for app in $(APPS); do (cd tyndau/$$app && mkdir -p locale && \
	  ../../$(VENV)/bin/django-admin makemessages -l kk -l ru --no-obsolete --ignore 'tests/*' >/dev/null); done

compilemessages: translations

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache

#!/usr/bin/env bash
# The whole check behind `make test`: lint, format, migrations, then the suite on SQLite
# and on PostgreSQL. PostgreSQL is used when it answers at TEST_DATABASE_URL; if it does
# not, this says so loudly, and with REQUIRE_POSTGRES=1 (as in CI) it fails.
set -uo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PY="$VENV/bin/python"
TEST_DATABASE_URL=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/tyndau}
# -rs: every skip is printed with its reason (CI fails on any not in .ci/allowed-skips.txt)
PYTEST_ARGS="-rs ${PYTEST_ARGS:-}"
status=0
# The tests use tyndau.settings_demo (pyproject.toml); manage.py here needs the same.
export TYNDAU_DEMO=1

step() { printf '\n=== %s ===\n' "$*"; }

step "ruff check"
"$VENV/bin/ruff" check . || status=1
step "ruff format --check"
"$VENV/bin/ruff" format --check . || status=1
step "makemigrations --check"
"$PY" manage.py makemigrations --check --dry-run >/dev/null || {
  echo "Models changed without a migration: run 'make migrations'."; status=1; }

step "browser (Playwright on Debian's chromium)"
if [ -x /usr/bin/chromium ]; then
  echo "chromium found: the browser tests run; screenshots go to test-artifacts/screenshots/"
else
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  echo "!!! No chromium at /usr/bin/chromium: the browser tests will SKIP."
  echo "!!! Install it with: apt-get install -y chromium   (REQUIRE_BROWSER=1 makes this fail)"
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  if [ "${REQUIRE_BROWSER:-0}" = "1" ]; then status=1; fi
fi

step "tests on SQLite"
env -u DATABASE_URL "$PY" -m pytest $PYTEST_ARGS || status=1

step "tests on PostgreSQL ($TEST_DATABASE_URL)"
if "$PY" - "$TEST_DATABASE_URL" <<'PYEOF'
import sys, dj_database_url, psycopg
cfg = dj_database_url.parse(sys.argv[1])
psycopg.connect(host=cfg["HOST"] or None, port=cfg["PORT"] or None, user=cfg["USER"] or None,
                password=cfg["PASSWORD"] or None, dbname="postgres", connect_timeout=3).close()
PYEOF
then
  DATABASE_URL="$TEST_DATABASE_URL" "$PY" -m pytest $PYTEST_ARGS || status=1
else
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  echo "!!! PostgreSQL does not answer at $TEST_DATABASE_URL:"
  echo "!!! the suite did NOT run on PostgreSQL. Start it, or set TEST_DATABASE_URL."
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  if [ "${REQUIRE_POSTGRES:-0}" = "1" ]; then status=1; fi
fi

if [ $status -ne 0 ]; then step "FAILED"; else step "all checks passed"; fi
exit $status

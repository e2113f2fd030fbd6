#!/usr/bin/env bash
# Check that PostgreSQL and Redis are reachable before tests run, so CI fails
# with a clear message instead of a pile of connection errors; then make sure
# the app database exists and has pgvector (run .ci/install-pgvector.sh first).
#
# Env: DATABASE_URL (postgres://postgres@127.0.0.1:5432/pathways style),
#      REDIS_URL (redis://127.0.0.1:6379/0 style).
set -euo pipefail
DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/pathways}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"   # no "already exists" notices
mask() { sed -E 's#(//[^:/@]*):[^@]*@#\1:***@#' <<<"$1"; }   # hide passwords in messages

# Database name = last path segment (minus any ?query); admin work goes
# through the always-present "postgres" database on the same server.
db="${DATABASE_URL##*/}"; db="${db%%\?*}"
query=""; [[ "$DATABASE_URL" == *\?* ]] && query="?${DATABASE_URL#*\?}"
admin_url="${DATABASE_URL%/*}/postgres$query"
tpl_url="${DATABASE_URL%/*}/template1$query"

if ! pg_isready -q -t 5 -d "$admin_url"; then
  echo "services-check: PostgreSQL is NOT reachable at $(mask "$DATABASE_URL")" >&2; exit 1
fi
if [[ "$(timeout 5 redis-cli -u "$REDIS_URL" ping 2>/dev/null)" != PONG ]]; then
  echo "services-check: Redis is NOT reachable at $(mask "$REDIS_URL")" >&2; exit 1
fi
echo "services-check: PostgreSQL and Redis are reachable"

# Create the app database if missing (\gexec runs the generated statement only
# when the select returns a row; %I quotes the name safely).
psql -X -q -v ON_ERROR_STOP=1 -v db="$db" -d "$admin_url" <<'SQL'
select format('create database %I', :'db') where not exists (select 1 from pg_database where datname = :'db') \gexec
SQL

# pgvector in the app db, and in template1 so databases created later
# (Django's test_<name>) inherit it. Skipped when the extension isn't installed.
if [[ "$(psql -X -Atc "select 1 from pg_available_extensions where name = 'vector'" -d "$admin_url")" == 1 ]]; then
  for url in "$tpl_url" "${DATABASE_URL%/*}/$db$query"; do
    psql -X -q -v ON_ERROR_STOP=1 -d "$url" -c "create extension if not exists vector"
  done
  echo "services-check: database '$db' ready, with pgvector (also in template1)"
else
  echo "services-check: database '$db' ready; pgvector NOT available (run .ci/install-pgvector.sh)"
fi

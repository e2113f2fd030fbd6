#!/usr/bin/env bash
# Make `CREATE EXTENSION vector` work on the machine's running PostgreSQL.
#
# Why like this: Debian 12 ships no pgvector for PostgreSQL 15 and only Debian's
# package mirrors are reachable, so we build trixie's pgvector source package
# against postgresql-server-dev-N. Installing the extension files needs no
# server restart. Safe to re-run: exits at once when `vector` is available.
#
# Env: PGHOST (default 127.0.0.1), PGUSER (default postgres), PGPORT.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
export PGHOST="${PGHOST:-127.0.0.1}" PGUSER="${PGUSER:-postgres}"

# Major version: from the running server, else the (single) installed cluster dir.
major=$(psql -d postgres -XAtc "select current_setting('server_version_num')::int / 10000" 2>/dev/null \
        || ls /etc/postgresql | sort -n | tail -n1)
[[ -n "$major" ]] || { echo "install-pgvector: cannot find the PostgreSQL major version" >&2; exit 1; }

# Idempotence: pg_available_extensions lists what the server can CREATE.
# (If the server is down, the control file is what that view reads.)
if [[ "$(psql -d postgres -XAtc "select 1 from pg_available_extensions where name = 'vector'" 2>/dev/null)" == 1 ]] \
   || [[ -f /usr/share/postgresql/$major/extension/vector.control ]]; then
  echo "install-pgvector: vector is already available for PostgreSQL $major; nothing to do"
  exit 0
fi

# The dev headers must match the server exactly; pinning both to the installed
# server version (plus --no-upgrade) keeps apt from upgrading the server.
srv_ver=$(dpkg-query -W -f='${Version}' "postgresql-$major")
has_dev() { apt-cache madison "postgresql-server-dev-$major" | grep -qF " $srv_ver "; }
has_dev || apt-get update -qq   # package lists may be stale on a fresh machine
dev="postgresql-server-dev-$major=$srv_ver"
if ! has_dev; then
  # The mirror keeps only the newest security build; a server one update behind
  # has no matching headers. Minor releases keep the extension ABI, so take the
  # newest dev package of the same major (the server itself stays pinned).
  echo "install-pgvector: WARNING: no postgresql-server-dev-$major $srv_ver on the mirror; using the newest" >&2
  dev="postgresql-server-dev-$major"
fi
apt-get install -y -qq --no-install-recommends --no-upgrade \
  "postgresql-$major=$srv_ver" "$dev" make gcc libc6-dev dpkg-dev >/dev/null
[[ "$(dpkg-query -W -f='${Version}' "postgresql-$major")" == "$srv_ver" ]]   # paranoia: server untouched

# Same mirror the system uses for its own release (one-line and deb822 files),
# only switched to trixie for deb-src.
codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
mirror=$( {
  cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
    | sed -E 's/\[[^]]*\]//' | awk -v s="$codename" '$1 ~ /^deb(-src)?$/ && $3 == s {print $2}'
  cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk -v s="$codename" 'BEGIN {RS = ""; FS = "\n"} {
    u = ""; ok = 0
    for (i = 1; i <= NF; i++) {
      if ($i ~ /^URIs:/)    { split($i, a, /[ \t]+/); u = a[2] }
      if ($i ~ /^Suites:/)  { n = split($i, b, /[ \t]+/); for (j = 2; j <= n; j++) if (b[j] == s) ok = 1 }
      if ($i ~ /^Enabled:[ \t]*no/) ok = 0
    }
    if (ok && u != "") print u }'
} | grep -E '^https?://' | head -n1 || true)
mirror=${mirror:-http://deb.debian.org/debian}
mirror=${mirror%/}

# Private apt config/state in a temp dir: the system's sources and lists stay as they are.
tmp=$(mktemp -d /tmp/pgvector.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
chown _apt "$tmp" 2>/dev/null || true   # let apt's sandbox user write the download
mkdir -p "$tmp/apt/lists/partial" "$tmp/apt/cache/archives/partial" "$tmp/apt/parts"
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" >"$tmp/apt/sources.list"
apt_priv=(-o Dir::Etc::SourceList="$tmp/apt/sources.list" -o Dir::Etc::SourceParts="$tmp/apt/parts"
          -o Dir::State::Lists="$tmp/apt/lists" -o Dir::Cache="$tmp/apt/cache")
echo "install-pgvector: fetching pgvector source from $mirror trixie"
apt-get "${apt_priv[@]}" update -qq
(cd "$tmp" && apt-get "${apt_priv[@]}" source -qq pgvector >/dev/null)

# OPTFLAGS="" drops upstream's default -march=native (a binary tied to this CPU).
src=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' | head -n1)
pg_config=/usr/lib/postgresql/$major/bin/pg_config
make -C "$src" -s -j"$(nproc)" PG_CONFIG="$pg_config" OPTFLAGS=""
make -C "$src" -s PG_CONFIG="$pg_config" OPTFLAGS="" install
echo "install-pgvector: installed pgvector $(basename "$src" | sed 's/^pgvector-//') for PostgreSQL $major"

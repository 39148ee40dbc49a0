#!/usr/bin/env bash
# Entrypoint of the PostgreSQL stand-in: honours the official image's environment
# (POSTGRES_USER / _PASSWORD / _DB, POSTGRES_INITDB_ARGS, POSTGRES_HOST_AUTH_METHOD,
# PGDATA, /docker-entrypoint-initdb.d/*.sql|*.sh), runs as user postgres,
# listens on * port 5432 with password auth, logs to stdout.
set -euo pipefail

# `docker run IMAGE -c x=y` means flags for the server; any other command runs as is.
[[ "${1:-}" == -* ]] && set -- postgres "$@"
[[ "${1:-}" == postgres ]] || exec "$@"

# As root: prepare the directories, then run this script again as postgres.
if [[ "$(id -u)" -eq 0 ]]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown -R postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  export HOME=/var/lib/postgresql
  exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
fi

export POSTGRES_USER="${POSTGRES_USER:-postgres}"
export POSTGRES_DB="${POSTGRES_DB:-$POSTGRES_USER}"
auth="${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}"

if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
  if [[ -z "${POSTGRES_PASSWORD:-}" && "$auth" != trust ]]; then
    echo "error: database is uninitialized and POSTGRES_PASSWORD is not set" >&2
    exit 1
  fi
  # The bootstrap user is the superuser (tests create databases).
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a word list, as upstream
  initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "${POSTGRES_PASSWORD:-}") \
    ${POSTGRES_INITDB_ARGS:-} 2>&1
  # Local socket/loopback stay as initdb made them (trust); everyone else needs a password.
  echo "host all all all $auth" >>"$PGDATA/pg_hba.conf"
  printf '%s\n' "listen_addresses = '*'" 'max_connections = 300' >>"$PGDATA/postgresql.conf"

  # Temporary server on the socket only, so a TCP pg_isready stays negative until
  # the database and the init scripts are done.
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p 5432" -w start 2>&1
  run_psql() { psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --no-password "$@"; }
  if [[ "$POSTGRES_DB" != postgres ]]; then
    run_psql --dbname postgres -v db="$POSTGRES_DB" <<<'CREATE DATABASE :"db";'
  fi
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh) echo "running $f"; bash "$f" ;;
      *.sql) echo "running $f"; run_psql --dbname "$POSTGRES_DB" -f "$f" ;;
      *) if [[ -e "$f" ]]; then echo "ignoring $f"; fi ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop 2>&1
  echo "PostgreSQL init process complete; ready for start up."
fi

# Server log (stderr) goes to stdout; extra `-c` flags come from the command line.
exec "$@" 2>&1

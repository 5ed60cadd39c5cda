#!/bin/sh
# Entrypoint of the local PostgreSQL image (.ci/images), with the official image's interface as far as the tests
# use it: `postgres ARGS...` initialises $PGDATA on first start (superuser $POSTGRES_USER, password
# $POSTGRES_PASSWORD, scram-sha-256) and runs the server as the postgres user; anything else runs as given.
set -e
if [ "$1" = postgres ]; then
  shift
  PGDATA="${PGDATA:-/var/lib/postgresql/data}"
  if [ "$(id -u)" = 0 ]; then
    mkdir -p "$PGDATA" /run/postgresql
    chown postgres:postgres "$PGDATA" /run/postgresql
    chmod 700 "$PGDATA"
    exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" postgres "$@"
  fi
  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    pwfile="$(mktemp)"
    printf '%s\n' "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is not set}" >"$pwfile"
    initdb -D "$PGDATA" -U "${POSTGRES_USER:-postgres}" --pwfile="$pwfile" --auth=scram-sha-256 >/dev/null
    rm -f "$pwfile"
  fi
  exec postgres -D "$PGDATA" "$@"
fi
exec "$@"

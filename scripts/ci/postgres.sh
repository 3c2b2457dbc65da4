#!/usr/bin/env bash
# Installs (when missing) and starts a throwaway PostgreSQL server on loopback for the tests and
# benchmarks, then prints the URL to use. Usage: scripts/ci/postgres.sh start|stop
set -euo pipefail
PORT="${SKYPORT_PG_PORT:-54329}"
DIR="${SKYPORT_PG_DIR:-/tmp/skyport-postgres}"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

case "${1:-start}" in
start)
  if [ -z "$(pg_bin)" ]; then
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
  fi
  BIN="$(pg_bin)"
  RUN=()
  if [ "$(id -u)" = 0 ]; then RUN=(runuser -u postgres --); fi
  if ! "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
    rm -rf "$DIR"; mkdir -p "$DIR"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DIR"; fi
    "${RUN[@]}" "$BIN/initdb" -D "$DIR" -U postgres -A trust >/dev/null
    "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w start \
      -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=500" >/dev/null
  fi
  for db in skyport_test skyport_bench; do
    "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
      || "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$db"
  done
  echo "postgres://postgres@127.0.0.1:$PORT/skyport_test"
  ;;
stop)
  BIN="$(pg_bin)"
  RUN=()
  if [ "$(id -u)" = 0 ]; then RUN=(runuser -u postgres --); fi
  "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR" -m fast stop >/dev/null 2>&1 || true
  ;;
esac

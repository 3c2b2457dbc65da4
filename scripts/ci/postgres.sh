#!/usr/bin/env bash
# Installs (when missing) and starts a throwaway PostgreSQL server on loopback for the tests and
# benchmarks, then prints the URL to use. Usage: scripts/ci/postgres.sh start|stop|tls-dir
# The server also speaks TLS with a certificate for "localhost" signed by a throwaway CA; `tls-dir` prints
# the folder with that CA (ca.crt) and an unrelated CA (other-ca.crt), for the TLS tests.
set -euo pipefail
PORT="${SKYPORT_PG_PORT:-54329}"
DIR="${SKYPORT_PG_DIR:-/tmp/skyport-postgres}"
TLS_DIR="$DIR-tls"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# A CA, a server certificate for DNS:localhost only (so 127.0.0.1 fails host name checks), and a second CA.
make_certificates() {
  rm -rf "$TLS_DIR"; mkdir -p "$TLS_DIR"
  (
    cd "$TLS_DIR"
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=Skyport test CA" -keyout ca.key -out ca.crt 2>/dev/null
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=Unrelated test CA" -keyout other-ca.key -out other-ca.crt 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout server.key -out server.csr 2>/dev/null
    printf 'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n' > server.ext
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 -extfile server.ext -out server.crt 2>/dev/null
    chmod 600 server.key
  )
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$TLS_DIR/server.key" "$TLS_DIR/server.crt"; fi
}

case "${1:-start}" in
tls-dir)
  echo "$TLS_DIR"
  ;;
start)
  if [ -z "$(pg_bin)" ]; then
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
  fi
  BIN="$(pg_bin)"
  RUN=()
  if [ "$(id -u)" = 0 ]; then RUN=(runuser -u postgres --); fi
  if "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1 && [ ! -f "$TLS_DIR/server.crt" ]; then
    "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR" -m fast stop >/dev/null   # started before it spoke TLS
  fi
  if ! "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
    make_certificates
    rm -rf "$DIR"; mkdir -p "$DIR"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DIR"; fi
    "${RUN[@]}" "$BIN/initdb" -D "$DIR" -U postgres -A trust >/dev/null
    "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w start \
      -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=500 -c ssl=on -c ssl_cert_file=$TLS_DIR/server.crt -c ssl_key_file=$TLS_DIR/server.key" >/dev/null
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

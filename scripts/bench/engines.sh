#!/usr/bin/env bash
# Runs a release benchmark product on SQLite, then on PostgreSQL (started on loopback by scripts/ci/postgres.sh, or
# SKYPORT_BENCH_POSTGRES_URL; SKIP_POSTGRES=1 skips it), raw lines to bench-results/NAME.
# Usage: scripts/bench/engines.sh NAME PRODUCT
set -euo pipefail
cd "$(dirname "$0")/../.."
NAME=$1 PRODUCT=$2
OUT=bench-results/$NAME; mkdir -p "$OUT"
swift build -c release --product "$PRODUCT" 2>&1 | tail -n 1
BIN=.build/release/$PRODUCT
echo "== SQLite"
"$BIN" | tee "$OUT/sqlite.txt"
if [ -z "${SKIP_POSTGRES:-}" ]; then
  URL="${SKYPORT_BENCH_POSTGRES_URL:-$(scripts/ci/postgres.sh start | sed 's/skyport_test$/skyport_bench/')}"
  echo "== PostgreSQL ($URL)"
  SKYPORT_BENCH_POSTGRES_URL="$URL" "$BIN" | tee "$OUT/postgres.txt"
fi

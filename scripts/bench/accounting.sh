#!/usr/bin/env bash
# Benchmarks revenue accounting as BENCHMARKS.md describes (release build): orders/s through the booking engine and the
# ledger posting their events, then a year of sales documents posted (events/s) and the trial balance, liability and
# revenue reports timed over it; on SQLite, then on PostgreSQL (started on loopback by scripts/ci/postgres.sh;
# SKIP_POSTGRES=1 skips it). Raw lines go to bench-results/accounting.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=bench-results/accounting; mkdir -p "$OUT"
swift build -c release --product accounting-benchmark 2>&1 | tail -n 1
BIN=.build/release/accounting-benchmark
echo "== SQLite"
"$BIN" | tee "$OUT/sqlite.txt"
if [ -z "${SKIP_POSTGRES:-}" ]; then
  URL="${SKYPORT_BENCH_POSTGRES_URL:-$(scripts/ci/postgres.sh start | sed 's/skyport_test$/skyport_bench/')}"
  echo "== PostgreSQL ($URL)"
  SKYPORT_BENCH_POSTGRES_URL="$URL" "$BIN" | tee "$OUT/postgres.txt"
fi

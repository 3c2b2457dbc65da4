#!/usr/bin/env bash
# Benchmarks the operations path as BENCHMARKS.md describes (release build): from one blizzard report
# ingested to the messages of 1,000 passengers queued (and then worded, with seats held on later flights),
# ROUNDS rounds (default 5) on SQLite, then on PostgreSQL (started on loopback by scripts/ci/postgres.sh;
# SKIP_POSTGRES=1 skips it). Medians are printed last; raw lines go to bench-results/operations.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=bench-results/operations; mkdir -p "$OUT"
swift build -c release --product operations-benchmark 2>&1 | tail -n 1
BIN=.build/release/operations-benchmark
echo "== SQLite"
"$BIN" | tee "$OUT/sqlite.txt"
if [ -z "${SKIP_POSTGRES:-}" ]; then
  URL="${SKYPORT_BENCH_POSTGRES_URL:-$(scripts/ci/postgres.sh start | sed 's/skyport_test$/skyport_bench/')}"
  echo "== PostgreSQL ($URL)"
  SKYPORT_BENCH_POSTGRES_URL="$URL" "$BIN" | tee "$OUT/postgres.txt"
fi

#!/usr/bin/env bash
# Benchmarks revenue accounting as BENCHMARKS.md describes (release build): orders/s through the booking engine and the
# ledger posting their events, then a year of sales documents posted (events/s) and the trial balance, liability and
# revenue reports timed over it; on SQLite, then on PostgreSQL (started on loopback by scripts/ci/postgres.sh;
# SKIP_POSTGRES=1 skips it). Raw lines go to bench-results/accounting.
exec "$(dirname "$0")/engines.sh" accounting accounting-benchmark

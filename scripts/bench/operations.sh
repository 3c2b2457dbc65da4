#!/usr/bin/env bash
# Benchmarks the operations path as BENCHMARKS.md describes (release build): from one blizzard report
# ingested to the messages of 1,000 passengers queued (and then worded, with seats held on later flights),
# ROUNDS rounds (default 5) on SQLite, then on PostgreSQL (started on loopback by scripts/ci/postgres.sh;
# SKIP_POSTGRES=1 skips it). Medians are printed last; raw lines go to bench-results/operations.
exec "$(dirname "$0")/engines.sh" operations operations-benchmark

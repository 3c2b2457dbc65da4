#!/usr/bin/env bash
# Benchmarks Skyport as BENCHMARKS.md describes. Needs the release build (make release), wrk
# (installed when missing) and, for the PostgreSQL run, scripts/ci/postgres.sh.
# ROUNDS (default 3) rounds of DURATION (default 10) seconds each; medians are reported.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS="${ROUNDS:-3}"; DURATION="${DURATION:-10}"; PORT="${PORT:-18080}"
BIN=.build/release/skyport
OUT=bench-results; mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/skyport-bench.XXXX)
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
command -v wrk >/dev/null || { as_root apt-get update -qq && as_root apt-get install -y -qq wrk; }
export SKYPORT_SECRET_KEY="bench-secret-bench-secret-bench-secret-00"
export SKYPORT_LOG_LEVEL=warning
SEARCH_DATE=$(date -d '+10 days' +%F); export SEARCH_DATE

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v); print v} else {sub(/s/,"",v); print v*1000}}'; }

SERVER=""
mkdir -p "$WORK/public"
start_server() {  # $1 = database URL
  SKYPORT_DATABASE_URL="$1" SKYPORT_PUBLIC_DIR="$WORK/public" "$BIN" serve --port "$PORT" > "$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 100); do curl -sf "localhost:$PORT/health/ready" >/dev/null && return; sleep 0.2; done
  echo "server did not start"; cat "$WORK/server.log"; exit 1
}
stop_server() { kill -TERM "$SERVER"; wait "$SERVER" || true; }
rss_mb() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$SERVER/status"; }

"$BIN" data fetch >/dev/null
echo "== importing the full schedule into SQLite"
SQLITE_URL="sqlite://$WORK/skyport.sqlite"
SKYPORT_DATABASE_URL="$SQLITE_URL" "$BIN" data import | tail -n 2

wrk_run() {  # $1 = label, rest = wrk arguments; appends "rps p50 p99" to $OUT/$1.txt
  local log="$WORK/wrk.txt"
  wrk -t2 -c16 -d"${DURATION}s" --latency "$@" > "$log"
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$log")
  p50=$(awk '$1=="50%" {print $2}' "$log" | to_ms)
  p99=$(awk '$1=="99%" {print $2}' "$log" | to_ms)
  grep -q "Non-2xx" "$log" && { echo "non-2xx answers:"; cat "$log"; }
  echo "$rps $p50 $p99" >> "$OUT/$LABEL.txt"
}

rm -f "$OUT"/*.txt "$OUT"/*.json
start_server "$SQLITE_URL"
# The baseline for search: one of its own answers, saved as a file of the same size and served by the same server.
curl -sf -X POST -H 'Content-Type: application/json' \
  -d "{\"slices\":[{\"origin\":\"JFK\",\"destination\":\"LAX\",\"departure_date\":\"$SEARCH_DATE\"}],\"passengers\":[{\"type\":\"adult\"}],\"cabin_class\":\"economy\"}" \
  "localhost:$PORT/v1/offer-requests" > "$WORK/public/search.json"
STATIC_BYTES=$(wc -c < "$WORK/public/search.json")
echo "== search vs the same answer as a static file ($STATIC_BYTES bytes) vs /health/live, 16 connections, $ROUNDS rounds of ${DURATION}s"
for round in $(seq 1 "$ROUNDS"); do
  LABEL=health wrk_run "http://127.0.0.1:$PORT/health/live"
  LABEL=static wrk_run "http://127.0.0.1:$PORT/public/search.json"
  LABEL=search wrk_run -s scripts/bench/search.lua "http://127.0.0.1:$PORT/v1/offer-requests"
  LABEL=search-varied wrk_run -s scripts/bench/search-varied.lua "http://127.0.0.1:$PORT/v1/offer-requests"
done
order_rounds() {  # $1 = engine name; appends one JSON line a round to $OUT/orders-$1.json
  echo "== orders on $1, 16 clients"
  for round in $(seq 1 "$ROUNDS"); do
    PORT=$PORT DURATION=$DURATION CONCURRENCY=16 python3 scripts/bench/orders.py | tee -a "$OUT/orders-$1.json"
  done
}
order_rounds sqlite
SQLITE_RSS=$(rss_mb)
stop_server

if PG_URL=$(scripts/ci/postgres.sh start 2>/dev/null); then
  PG_URL="${PG_URL%/skyport_test}/skyport_bench"
  echo "== importing the full schedule into PostgreSQL"
  SKYPORT_DATABASE_URL="$PG_URL" "$BIN" data import | tail -n 2
  start_server "$PG_URL"
  order_rounds postgres
  PG_RSS=$(rss_mb)
  stop_server
fi

summary() {  # $1 = file of "rps p50 p99"
  printf "%s req/s, p50 %s ms, p99 %s ms" "$(awk '{print $1}' "$1" | median)" "$(awk '{print $2}' "$1" | median)" "$(awk '{print $3}' "$1" | median)"
}
orders_summary() {  # $1 = JSON lines
  python3 -c "
import json, statistics, sys
rows = [json.loads(l) for l in open('$1')]
print('%.0f orders/s, p50 %.1f ms, p99 %.1f ms, errors %s' % (statistics.median(r['orders_per_second'] for r in rows),
      statistics.median(r['p50_ms'] for r in rows), statistics.median(r['p99_ms'] for r in rows), [r['errors'] for r in rows]))"
}
{
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); $(date -u +%F)"
  echo "health/live (median of $ROUNDS): $(summary "$OUT/health.txt")"
  echo "search JFK-LAX (median of $ROUNDS): $(summary "$OUT/search.txt")"
  H=$(awk '{print $1}' "$OUT/health.txt" | median); S=$(awk '{print $1}' "$OUT/search.txt" | median)
  echo "search / health throughput: $(awk -v s="$S" -v h="$H" 'BEGIN {printf "%.0f%%", 100*s/h}')"
  F=$(awk '{print $1}' "$OUT/static.txt" | median)
  echo "the same answer as a static file, $STATIC_BYTES bytes (median of $ROUNDS): $(summary "$OUT/static.txt")"
  echo "search, a new answer almost every time (random date and max_offers; median of $ROUNDS): $(summary "$OUT/search-varied.txt")"
  echo "search / static file throughput: $(awk -v s="$S" -v f="$F" 'BEGIN {printf "%.0f%%", 100*s/f}') (goal: 50% or more, search p99 under 10 ms)"
  echo "orders SQLite (median of $ROUNDS): $(orders_summary "$OUT/orders-sqlite.json")"
  [ -f "$OUT/orders-postgres.json" ] && echo "orders PostgreSQL (median of $ROUNDS): $(orders_summary "$OUT/orders-postgres.json")"
  echo "server peak RSS: SQLite run ${SQLITE_RSS} MB, PostgreSQL run ${PG_RSS:-n/a} MB"
} | tee "$OUT/summary.txt"
rm -rf "$WORK"

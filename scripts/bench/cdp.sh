#!/usr/bin/env bash
# Benchmarks the customer data platform (see BENCHMARKS.md): POST /cdp/v1/batch with 100 events a
# batch on SQLite, beside /health/live in the same run, while the same process resolves identities,
# updates profiles and one segment in the background; the profile backlog is sampled every second
# and after the load stops, until it drains. ROUNDS rounds of DURATION seconds.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS="${ROUNDS:-3}"; DURATION="${DURATION:-10}"; PORT="${PORT:-18082}"; CONNECTIONS="${CONNECTIONS:-8}"
BIN=.build/release/skyport
OUT=bench-results/cdp; mkdir -p "$OUT"; rm -f "$OUT"/*.txt
WORK=$(mktemp -d /tmp/skyport-cdp-bench.XXXX)
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
export SKYPORT_DATA_DIR="$WORK" SKYPORT_LOG_LEVEL=warning
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v); print v} else {sub(/s/,"",v); print v*1000}}'; }
WRITE_KEY=$("$BIN" sources create bench | tail -n 1); export WRITE_KEY
TOKEN=$("$BIN" operators create bench | tail -n 1)
"$BIN" serve --port "$PORT" > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -sf "localhost:$PORT/health/ready" >/dev/null && break; sleep 0.2; done
curl -sf -X POST "localhost:$PORT/v1/cdp/segments" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{
  "name": "JFK-LAX lookers", "rule": {"all": [
    {"event": "Products Searched", "where": {"origin": "JFK", "destination": "LAX"}, "within_days": 7},
    {"not": {"event": "Order Completed", "within_days": 7}}]}}' > /dev/null
backlog() { curl -sf "localhost:$PORT/v1/cdp/backlog" -H "Authorization: Bearer $TOKEN"; }
# Samples the backlog (events waiting, age of the oldest in ms) once a second into $1.
sample() { while true; do backlog | python3 -c "import json,sys; b=json.load(sys.stdin); print(b['events'], b['oldest_waiting_ms'])" >> "$1"; sleep 1; done; }
run() {  # $1 = label, rest = wrk arguments
  local label=$1; shift
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" > "$WORK/wrk.txt" 2> "$WORK/errors.txt"
  [ -s "$WORK/errors.txt" ] && { echo "errors:"; head -3 "$WORK/errors.txt"; }
  echo "$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt") $(awk '$1=="50%" {print $2}' "$WORK/wrk.txt" | to_ms) $(awk '$1=="99%" {print $2}' "$WORK/wrk.txt" | to_ms)" >> "$OUT/$label.txt"
}
for round in $(seq 1 "$ROUNDS"); do
  run health "http://127.0.0.1:$PORT/health/live"
  sample "$OUT/backlog-$round.txt" & SAMPLER=$!
  run batch -s scripts/bench/collect.lua "http://127.0.0.1:$PORT/cdp/v1/batch"
  kill $SAMPLER; wait $SAMPLER 2>/dev/null || true
  # After the load: how long until profiles have caught up with everything acknowledged (unless this
  # instance does not build profiles: SKYPORT_CDP_PROFILES=off measures collection alone).
  [ "${SKYPORT_CDP_PROFILES:-on}" = off ] && continue
  START=$(date +%s%N)
  until [ "$(backlog | python3 -c 'import json,sys; print(json.load(sys.stdin)["events"])')" = 0 ]; do sleep 0.1; done
  echo "$(( ($(date +%s%N) - START) / 1000000 ))" >> "$OUT/drain.txt"
  awk '{print $1}' "$OUT/backlog-$round.txt" | sort -g | tail -1 >> "$OUT/backlog-max.txt"
  awk '{print $2}' "$OUT/backlog-$round.txt" | sort -g | tail -1 >> "$OUT/lag-max.txt"
done
COUNTS=$(python3 -c "
import sqlite3; db = sqlite3.connect('$WORK/skyport.sqlite')
print(*[db.execute(q).fetchone()[0] for q in ['SELECT COUNT(*) FROM cdp_events', 'SELECT COUNT(*) FROM cdp_events WHERE id NOT IN (SELECT event_id FROM cdp_profile_events)',
       'SELECT COUNT(*) FROM cdp_profiles', 'SELECT COUNT(*) FROM cdp_segment_members']])")
read -r STORED UNRESOLVED PROFILES MEMBERS <<< "$COUNTS"
{
  echo "machine: $(nproc) cores, $(uname -sr); $(date -u +%F); $CONNECTIONS connections; load: $([ "${SPREAD:-}" = 1 ] && echo "spread over 50,000 people" || echo "browsing sessions")"
  echo "health/live: $(awk '{print $1}' "$OUT/health.txt" | median) req/s, p99 $(awk '{print $3}' "$OUT/health.txt" | median) ms"
  B=$(awk '{print $1}' "$OUT/batch.txt" | median)
  echo "batch of 100: $B batches/s = $(awk -v b="$B" 'BEGIN {printf "%.0f", b*100}') events/s, p50 $(awk '{print $2}' "$OUT/batch.txt" | median) ms, p99 $(awk '{print $3}' "$OUT/batch.txt" | median) ms"
  echo "events stored: $STORED; without a profile after draining: $UNRESOLVED; profiles: $PROFILES; segment members: $MEMBERS"
  [ "${SKYPORT_CDP_PROFILES:-on}" = off ] && { echo "profiles: not built by this instance (SKYPORT_CDP_PROFILES=off)"; exit 0; }
  echo "profile backlog during load (max of 1 s samples, median of rounds): $(median < "$OUT/backlog-max.txt") events, oldest waiting $(median < "$OUT/lag-max.txt") ms"
  echo "drained after the load stopped in: $(median < "$OUT/drain.txt") ms (median of rounds)"
} | tee "$OUT/summary.txt"

#!/usr/bin/env bash
# The command center's page (BENCHMARKS.md): server time of /ops under load (wrk, medians of ROUNDS rounds)
# beside /health/live as the baseline, with the board's data made by real traffic first (searches and orders
# for TRAFFIC seconds), and the bytes each page takes. Needs the release build.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS="${ROUNDS:-3}"; DURATION="${DURATION:-10}"; PORT="${PORT:-18083}"; TRAFFIC="${TRAFFIC:-20}"
BIN=.build/release/skyport
WORK=$(mktemp -d /tmp/skyport-opsbench.XXXX)
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
command -v wrk >/dev/null || { as_root apt-get update -qq && as_root apt-get install -y -qq wrk; }
export SKYPORT_SECRET_KEY="bench-secret-bench-secret-bench-secret-00" SKYPORT_LOG_LEVEL=warning SKYPORT_DATA_DIR="$WORK"
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v); print v} else {sub(/s/,"",v); print v*1000}}'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

"$BIN" data fetch >/dev/null
cp data/*.csv "$WORK"/ 2>/dev/null || "$BIN" data fetch --data-dir "$WORK" >/dev/null
"$BIN" data import --data-dir "$WORK" | tail -n 1
TOKEN=$("$BIN" operators create bench | grep -o 'sop_[0-9a-f]*')
"$BIN" serve --port "$PORT" > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "localhost:$PORT/health/ready" >/dev/null && break; sleep 0.2; done
BASE="http://127.0.0.1:$PORT"

echo "== traffic for the board: ${TRAFFIC}s of orders (4 clients), then 10 s for the figures to be written"
PORT=$PORT CONCURRENCY=4 DURATION=$TRAFFIC python3 scripts/bench/orders.py | tail -n 1
sleep 10

# Sign in as an operator the way a browser does (anti-forgery token, then the session cookie).
JAR="$WORK/cookies.txt"
CSRF=$(curl -s -c "$JAR" "$BASE/ops/sign-in" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -s -b "$JAR" -c "$JAR" -o /dev/null -d "_csrf=$CSRF&token=$TOKEN&next=/ops" "$BASE/ops/sign-in"
COOKIE=$(awk '$6=="sp_ops" {print "sp_ops=" $7}' "$JAR")
[ -n "$COOKIE" ] || { echo "could not sign in"; exit 1; }

declare -A PAGES=([health]="/health/live" [board-1h]="/ops?range=1h" [board-24h]="/ops?range=24h" [booking-1h]="/ops/services/booking?range=1h" [slos]="/ops/slos")
for connections in 1 4; do
  echo "== server time, $connections connection(s), $ROUNDS rounds of ${DURATION}s (loopback: server time + one socket round trip)"
  printf "%-12s %10s %10s %10s %10s\n" page req/s p50_ms p99_ms bytes
  for page in health board-1h board-24h booking-1h slos; do
    : > "$WORK/$page.txt"
    for round in $(seq 1 "$ROUNDS"); do
      wrk -t1 -c"$connections" -d"${DURATION}s" --latency -H "Cookie: $COOKIE" "$BASE${PAGES[$page]}" > "$WORK/wrk.txt"
      grep -q "Non-2xx" "$WORK/wrk.txt" && { echo "non-2xx answers for $page"; cat "$WORK/wrk.txt"; exit 1; }
      echo "$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt") $(awk '$1=="50%" {print $2}' "$WORK/wrk.txt" | to_ms) $(awk '$1=="99%" {print $2}' "$WORK/wrk.txt" | to_ms)" >> "$WORK/$page.txt"
    done
    bytes=$(curl -s -o /dev/null -H "Cookie: $COOKIE" -H "Accept-Encoding: identity" -w "%{size_download}" "$BASE${PAGES[$page]}")
    printf "%-12s %10s %10s %10s %10s\n" "$page" "$(awk '{print $1}' "$WORK/$page.txt" | median)" \
      "$(awk '{print $2}' "$WORK/$page.txt" | median)" "$(awk '{print $3}' "$WORK/$page.txt" | median)" "$bytes"
  done
done
css=$(curl -s "$BASE$(curl -s -H "Cookie: $COOKIE" "$BASE/ops" | grep -o '/ops/assets/ops\.[0-9a-f]*\.css')" | wc -c)
js=$(curl -s "$BASE$(curl -s -H "Cookie: $COOKIE" "$BASE/ops" | grep -o '/ops/assets/ops\.[0-9a-f]*\.js')" | wc -c)
echo "== the board's files: ops.css $css bytes, ops.js $js bytes (cached for a year once fetched)"

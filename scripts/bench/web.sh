#!/usr/bin/env bash
# The web site's benchmarks (BENCHMARKS.md): server time of each page under load (wrk, medians of
# ROUNDS rounds) beside /health/live as the baseline, then transfer size and largest contentful
# paint of the home and results pages in headless Chromium. Needs the release build.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS="${ROUNDS:-3}"; DURATION="${DURATION:-10}"; PORT="${PORT:-18081}"
BIN=.build/release/skyport
WORK=$(mktemp -d /tmp/skyport-webbench.XXXX)
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
command -v wrk >/dev/null || { as_root apt-get update -qq && as_root apt-get install -y -qq wrk; }
command -v chromedriver >/dev/null || { as_root apt-get update -qq && as_root apt-get install -y -qq chromium chromium-driver; }
python3 -c "import selenium" 2>/dev/null || python3 -m pip install -q selenium || python3 -m pip install -q --break-system-packages selenium
export SKYPORT_SECRET_KEY="bench-secret-bench-secret-bench-secret-00" SKYPORT_LOG_LEVEL=warning
export SKYPORT_DATA_DIR="$WORK"
SEARCH_DATE=$(date -d '+10 days' +%F); export SEARCH_DATE
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v); print v} else {sub(/s/,"",v); print v*1000}}'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

"$BIN" data fetch >/dev/null
cp data/*.csv "$WORK"/ 2>/dev/null || "$BIN" data fetch --data-dir "$WORK" >/dev/null
"$BIN" data import --data-dir "$WORK" | tail -n 1
"$BIN" serve --port "$PORT" > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "localhost:$PORT/health/ready" >/dev/null && break; sleep 0.2; done

BASE="http://127.0.0.1:$PORT"
SEARCH="from=JFK&to=LAX&trip=one_way&depart=$SEARCH_DATE&adults=1&children=0&infants=0&cabin=economy"
FARE=$(curl -s "$BASE/flights?$SEARCH" | grep -o 'out=[^"]*~standard' | head -1)
declare -A PAGES=([health]="/health/live" [home]="/" [results]="/flights?$SEARCH" [checkout]="/checkout?$SEARCH&$FARE" [manage]="/manage")
# A booking of this browser with a paid seat and a bag, checked in: its seat map page and its boarding pass.
eval "$(BASE="$BASE" python3 scripts/bench/self_service_setup.py)"
PAGES[seatmap]="$BOOKING/extras"; PAGES[pass]="$BOOKING/boarding-passes"; PAGES[status]="$STATUS"
for connections in 1 4; do
  echo "== page server time, $connections connection(s), $ROUNDS rounds of ${DURATION}s (loopback latency: server time + one socket round trip)"
  printf "%-10s %10s %10s %10s %10s\n" page req/s p50_ms p99_ms bytes
  for page in health home results checkout manage seatmap pass status; do
    : > "$WORK/$page.txt"
    for round in $(seq 1 "$ROUNDS"); do
      wrk -t1 -c"$connections" -d"${DURATION}s" --latency -H "Cookie: $COOKIE" "$BASE${PAGES[$page]}" > "$WORK/wrk.txt"
      grep -q "Non-2xx" "$WORK/wrk.txt" && { echo "non-2xx answers for $page"; cat "$WORK/wrk.txt"; exit 1; }
      echo "$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt") $(awk '$1=="50%" {print $2}' "$WORK/wrk.txt" | to_ms) $(awk '$1=="99%" {print $2}' "$WORK/wrk.txt" | to_ms)" >> "$WORK/$page.txt"
    done
    bytes=$(curl -s -o /dev/null -w "%{size_download}" -H "Cookie: $COOKIE" "$BASE${PAGES[$page]}")
    printf "%-10s %10s %10s %10s %10s\n" "$page" "$(awk '{print $1}' "$WORK/$page.txt" | median)" \
      "$(awk '{print $2}' "$WORK/$page.txt" | median)" "$(awk '{print $3}' "$WORK/$page.txt" | median)" "$bytes"
  done
done
echo "== self-service pages with what they load besides the shared CSS and JS (bytes): the seat map page, the boarding pass and its two codes"
for page in seatmap pass; do
  html=$(curl -s -H "Cookie: $COOKIE" "$BASE${PAGES[$page]}")
  total=$(printf "%s" "$html" | wc -c)
  for image in $(printf "%s" "$html" | grep -o 'src="/bookings/[^"]*"' | sed 's/^src="//; s/"$//'); do
    total=$((total + $(curl -s -o /dev/null -w "%{size_download}" -H "Cookie: $COOKIE" "$BASE$image")))
  done
  printf "%-10s %10s\n" "$page" "$total"
done
echo "== transfer size and largest contentful paint (headless Chromium, 360x740, cold cache)"
BASE="$BASE" python3 scripts/bench/page_weight.py

#!/usr/bin/env bash
# Benchmarks the ML platform as BENCHMARKS.md describes (release build, 2013 data):
#  1. training the delay model on every 2013 departure (TRAIN_ROUNDS runs, default 3; medians);
#  2. one prediction through the API, 1 and 4 connections, beside /health/live in the same run,
#     for 2013 flights of one week (history) and the next 2,000 flights on sale (schedule);
#  3. batch scoring of a month and of the whole year (model alone and with feature assembly);
#  4. the other products in the same run: training time of cancellation risk and engine life, one prediction's
#     latency through the API (p50/p99) and batch rows per second through /v1/predictions/{model}/batch, beside the
#     delay model's.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS="${ROUNDS:-3}"; DURATION="${DURATION:-10}"; TRAIN_ROUNDS="${TRAIN_ROUNDS:-3}"; PORT="${PORT:-18081}"
BIN=.build/release/skyport
OUT=bench-results/ml; mkdir -p "$OUT"; rm -f "$OUT"/*.txt
WORK=$(mktemp -d /tmp/skyport-ml-bench.XXXX)
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
command -v wrk >/dev/null || { as_root apt-get update -qq && as_root apt-get install -y -qq wrk; }
command -v sqlite3 >/dev/null || { as_root apt-get update -qq && as_root apt-get install -y -qq sqlite3; }
export SKYPORT_SECRET_KEY="bench-secret-bench-secret-bench-secret-00" SKYPORT_LOG_LEVEL=warning
export SKYPORT_DATABASE_URL="sqlite://$WORK/skyport.sqlite"
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v); print v} else {sub(/s/,"",v); print v*1000}}'; }

"$BIN" data fetch >/dev/null
echo "== importing the data set"
"$BIN" data import | tail -n 1

echo "== training on every 2013 departure ($TRAIN_ROUNDS runs): train Jan-Nov, early stopping on Dec 1-15, test Dec 16-31"
for run in $(seq 1 "$TRAIN_ROUNDS"); do
  started=$(date +%s.%N)
  "$BIN" train delay --quiet --train 2013-01-01..2013-11-30 --validation 2013-12-01..2013-12-15 --test 2013-12-16..2013-12-31 > "$WORK/train.txt"
  wall=$(awk -v start="$started" -v end="$(date +%s.%N)" 'BEGIN {print end - start}')
  # Feature seconds from "features: N departures in X s; ...", boosting seconds from "model trained in Y s".
  awk -v wall="$wall" '/^features: / {for (i = 1; i < NF; i++) if ($i == "in") {f = $(i + 1); break}} /^model trained in / {t = $4}
    END {print f, t, wall}' "$WORK/train.txt" | tee -a "$OUT/train.txt"
done
echo "== the production model (config/delay-model.json), promoted champion"
"$BIN" train delay --quiet --promote champion | tee "$OUT/model.txt" | grep -E "registered|AUC|model \(all"

timed() {  # $1 = output file, rest = command; appends the command's wall seconds
  local out=$1; shift
  local started; started=$(date +%s.%N)
  "$@" > "$WORK/timed.txt"
  awk -v start="$started" -v end="$(date +%s.%N)" 'BEGIN {printf "%.1f\n", end - start}' >> "$out"
}
echo "== training the other products once each (their defaults), promoted champion"
timed "$OUT/train-cancellation.txt" "$BIN" train cancellation-risk --quiet --promote champion
grep -E "^registered" "$WORK/timed.txt"
timed "$OUT/train-engine.txt" "$BIN" train engine-life --quiet --promote champion
grep -E "^registered" "$WORK/timed.txt"
# The engine bodies: test engine 31 (its history as sent after its last cycle), and all 100 test engines for a batch.
python3 - "$WORK" <<'PY'
import gzip, json, sys
engines = {}
with gzip.open("data-sets/cmapss-fd001/test_FD001.txt.gz", "rt") as rows:
    for row in rows:
        v = row.split()
        engines.setdefault(int(v[0]), []).append({"cycle": int(v[1]), "settings": [float(x) for x in v[2:5]], "sensors": [float(x) for x in v[5:26]]})
one = lambda unit: {"engine": f"FD001-test-{unit}", "cycles": engines[unit]}
json.dump(one(31), open(f"{sys.argv[1]}/engine-one.json", "w"))
json.dump({"engines": [one(unit) for unit in sorted(engines)]}, open(f"{sys.argv[1]}/engine-batch.json", "w"))
PY
echo '{"from":"2013-10-07T00:00:00Z","to":"2013-10-08T00:00:00Z","source":"history"}' > "$WORK/day-window.json"

TOKEN=$("$BIN" operators create bench | tail -n 1); export OPERATOR_TOKEN="$TOKEN"
SQLITE_FILE="$WORK/skyport.sqlite"
# Operations predict the coming days: a week of 2013 departures (numbered in a row in the 2013 file).
read -r FIRST_ID LAST_ID < <(sqlite3 "$SQLITE_FILE" "SELECT MIN(id), MAX(id) FROM historical_flights WHERE flight_date BETWEEN '2013-10-07' AND '2013-10-13'" | tr '|' ' ')
export FIRST_ID LAST_ID
sqlite3 "$SQLITE_FILE" "SELECT id FROM flights WHERE departs_at > strftime('%s','now') + 4 * 3600 ORDER BY departs_at LIMIT 2000" > "$WORK/live-ids.txt"
export LIVE_IDS="$WORK/live-ids.txt"

"$BIN" serve --port "$PORT" > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -sf "localhost:$PORT/health/ready" >/dev/null && break; sleep 0.2; done
wrk_run() {  # $1 = label, $2 = connections, rest = wrk arguments; appends "rps p50 p99"
  local label=$1 connections=$2; shift 2
  wrk -t1 -c"$connections" -d"${DURATION}s" --latency "$@" > "$WORK/wrk.txt" 2> "$WORK/wrk-errors.txt"
  [ -s "$WORK/wrk-errors.txt" ] && { echo "errors in $label:"; head -3 "$WORK/wrk-errors.txt"; }
  echo "$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt") $(awk '$1=="50%" {print $2}' "$WORK/wrk.txt" | to_ms) $(awk '$1=="99%" {print $2}' "$WORK/wrk.txt" | to_ms)" >> "$OUT/$label.txt"
}
echo "== warming the timeline caches"
DURATION=5 wrk_run warmup 2 -s scripts/bench/predict.lua "http://127.0.0.1:$PORT/v1/predictions/delay"
echo "== one prediction at a time and 4 at once, $ROUNDS rounds of ${DURATION}s"
for round in $(seq 1 "$ROUNDS"); do
  wrk_run health-1 1 "http://127.0.0.1:$PORT/health/live"
  wrk_run history-1 1 -s scripts/bench/predict.lua "http://127.0.0.1:$PORT/v1/predictions/delay"
  wrk_run schedule-1 1 -s scripts/bench/predict-live.lua "http://127.0.0.1:$PORT/v1/predictions/delay"
  wrk_run history-4 4 -s scripts/bench/predict.lua "http://127.0.0.1:$PORT/v1/predictions/delay"
  wrk_run cancellation-1 1 -s scripts/bench/predict.lua "http://127.0.0.1:$PORT/v1/predictions/cancellation-risk"
  BODY_FILE="$WORK/engine-one.json" wrk_run engine-1 1 -s scripts/bench/post-body.lua "http://127.0.0.1:$PORT/v1/predictions/engine-life"
done
echo "== batches through the API (rows per second; $ROUNDS rounds each)"
batch_run() {  # $1 = label, $2 = model, $3 = body file; appends "rows seconds rows/s"
  local label=$1 model=$2 body=$3
  for round in $(seq 1 "$ROUNDS"); do
    curl -sf -o "$WORK/batch.json" -w '%{time_total}\n' -H "Authorization: Bearer $OPERATOR_TOKEN" -H 'Content-Type: application/json' \
      --data-binary "@$body" "http://127.0.0.1:$PORT/v1/predictions/$model/batch" > "$WORK/batch-time.txt"
    python3 -c 'import json,sys; b=json.load(open(sys.argv[1])); n=len(b["predictions"]); t=float(open(sys.argv[2]).read()); print(n, t, round(n/t))' \
      "$WORK/batch.json" "$WORK/batch-time.txt" >> "$OUT/$label.txt"
  done
}
batch_run batch-delay-day delay "$WORK/day-window.json"
batch_run batch-cancellation-day cancellation-risk "$WORK/day-window.json"
batch_run batch-engine engine-life "$WORK/engine-batch.json"
kill -TERM "$SERVER"; wait "$SERVER" || true

echo "== batch scoring"
"$BIN" predict window --source history --from 2013-10-01 --to 2013-11-01 | tail -n 1 | tee "$OUT/batch-month.txt"
"$BIN" predict window --source history --from 2013-01-01 --to 2014-01-01 | tail -n 1 | tee "$OUT/batch-year.txt"

summary() { printf "%s req/s, p50 %s ms, p99 %s ms" "$(awk '{print $1}' "$1" | median)" "$(awk '{print $2}' "$1" | median)" "$(awk '{print $3}' "$1" | median)"; }
{
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); $(date -u +%F)"
  echo "training on all 2013 departures (median of $TRAIN_ROUNDS): features $(awk '{print $1}' "$OUT/train.txt" | median) s, classifier + minutes $(awk '{print $2}' "$OUT/train.txt" | median) s, whole command with baselines and evaluation $(awk '{print $3}' "$OUT/train.txt" | median | xargs printf '%.1f') s"
  echo "health/live, 1 connection (median of $ROUNDS): $(summary "$OUT/health-1.txt")"
  echo "prediction, 2013 flight, 1 connection: $(summary "$OUT/history-1.txt")"
  echo "prediction, flight on sale, 1 connection: $(summary "$OUT/schedule-1.txt")"
  echo "prediction, 2013 flight, 4 connections: $(summary "$OUT/history-4.txt")"
  echo "batch, October 2013: $(cat "$OUT/batch-month.txt")"
  echo "batch, all of 2013: $(cat "$OUT/batch-year.txt")"
  echo "-- every product, same run (training once each; latency median of $ROUNDS; batches through the API, median of $ROUNDS)"
  echo "training: delay $(awk '{print $3}' "$OUT/train.txt" | median | xargs printf '%.1f') s (median of $TRAIN_ROUNDS), cancellation-risk $(cat "$OUT/train-cancellation.txt") s, engine-life $(cat "$OUT/train-engine.txt") s (whole command with baselines and evaluation)"
  echo "one prediction, 1 connection: delay (2013 flight) $(summary "$OUT/history-1.txt"); cancellation-risk (2013 flight) $(summary "$OUT/cancellation-1.txt"); engine-life (one engine, $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["cycles"]))' "$WORK/engine-one.json") cycles) $(summary "$OUT/engine-1.txt")"
  batch_summary() { printf "%s rows in %s s, %s rows/s" "$(awk '{print $1}' "$1" | median)" "$(awk '{print $2}' "$1" | median)" "$(awk '{print $3}' "$1" | median)"; }
  echo "batch via API: delay, 2013-10-07 $(batch_summary "$OUT/batch-delay-day.txt"); cancellation-risk, 2013-10-07 $(batch_summary "$OUT/batch-cancellation-day.txt"); engine-life, 100 test engines $(batch_summary "$OUT/batch-engine.txt")"
} | tee "$OUT/summary.txt"

#!/usr/bin/env bash
# Load benchmark of the HTTP API (issue target: /api/events with a filter holds ≥ 5,000 requests/s,
# p99 < 50 ms, no errors, on a database of ../shared/data/news/articles.jsonl + the seeds).
# Usage: scripts/load-test.sh [DB] [SECONDS] [CONNECTIONS] [SERVE-OPTIONS...]   (e.g. --no-page-cache)
#   DB defaults to /tmp/sitrep-load.db, built with `sitrep bench pipeline --keep` when missing.
# Needs wrk (Debian: apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-/tmp/sitrep-load.db}
seconds=${2:-20}
connections=${3:-64}
shift $(( $# < 3 ? $# : 3 ))
command -v wrk >/dev/null || { echo "$0: wrk is not installed (apt-get install wrk)" >&2; exit 3; }
swift build -c release --product sitrep >/dev/null
bin=.build/release/sitrep
if [ ! -f "$db" ]; then
  "$bin" bench pipeline ../shared/data/news/articles.jsonl ../shared/corpus/seeds --keep "$db"
fi
port=$((20000 + RANDOM % 20000))
"$bin" serve --db "$db" --port "$port" "$@" 2>/tmp/sitrep-load-serve.log &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.2
done
run() {
  echo "== $1"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "http://127.0.0.1:$port$1" | grep -E "Requests/sec|Latency|99%|90%|50%|Non-2xx|Socket errors|requests in"
}
run "/api/events?country=SY&limit=50"
run "/api/events?actor=Iran-backed%20militias&since=2023-01-01"
run "/api/events?near=Deir%20ez-Zor&radius=100&type=Explosions%2FRemote%20violence"

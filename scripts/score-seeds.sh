#!/usr/bin/env bash
# Ingest the seed corpus into a fresh database, export events, and score them
# against the gold events (../shared/EVENTS.md section 5).
# Usage: scripts/score-seeds.sh [debug|release] [--verbose]
set -euo pipefail
cd "$(dirname "$0")/.."
config="${1:-debug}"
shift || true
shared="../shared"
bin=".build/$config/sitrep"
[ -x "$bin" ] || swift build -c "$config" --product sitrep >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" ingest "$shared/corpus/seeds" --db "$tmp/seeds.db" 2>/dev/null || true
"$bin" export --format jsonl --db "$tmp/seeds.db" --output "$tmp/events.jsonl" 2>/dev/null
cp "$tmp/events.jsonl" /tmp/sitrep-seed-events.jsonl
python3 "$shared/eval/score.py" --gold "$shared/gold/seeds.jsonl" --pred "$tmp/events.jsonl" --docs "$shared/corpus/seeds" "$@"

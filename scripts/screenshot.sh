#!/usr/bin/env bash
# Screenshot an HTML file (such as a `sitrep report` page) with headless Chromium.
# Usage: scripts/screenshot.sh HTML PNG [WIDTH HEIGHT]     (default 1280 x 1600)
# The browser is $CHROMIUM if set, else the first of chromium, chromium-browser,
# google-chrome, google-chrome-stable on PATH.
# Exit status: 0 written, 2 usage, 3 no Chromium installed, 1 Chromium failed.
set -euo pipefail

if [ "$#" -ne 2 ] && [ "$#" -ne 4 ]; then
  echo "usage: $0 HTML PNG [WIDTH HEIGHT]" >&2
  exit 2
fi
html=$1
png=$2
width=${3:-1280}
height=${4:-1600}
case "$width$height" in *[!0-9]*)
  echo "$0: WIDTH and HEIGHT must be whole numbers of pixels" >&2
  exit 2
  ;;
esac
if [ ! -f "$html" ]; then
  echo "$0: $html: no such file" >&2
  exit 2
fi

browser=""
if [ -n "${CHROMIUM:-}" ]; then
  browser=$(command -v "$CHROMIUM" || true)
else
  for name in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$name" >/dev/null 2>&1; then
      browser=$(command -v "$name")
      break
    fi
  done
fi
if [ -z "$browser" ] && [ -n "${CHROMIUM:-}" ]; then
  echo "$0: CHROMIUM=$CHROMIUM is not an executable on PATH." >&2
  exit 3
fi
if [ -z "$browser" ]; then
  echo "$0: no headless Chromium found (looked for chromium, chromium-browser, google-chrome on PATH)." >&2
  echo "Install one, e.g. 'apt-get install chromium' on Debian/Ubuntu, or set CHROMIUM=/path/to/chrome." >&2
  exit 3
fi

abs() { case "$1" in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$PWD" "$1" ;; esac; }
html_path=$(abs "$html")
png_path=$(abs "$png")
mkdir -p "$(dirname "$png_path")"
rm -f "$png_path"

# A throwaway profile: parallel runs never share a lock, and $HOME is left alone.
profile=$(mktemp -d)
log="$profile.log"
trap 'rm -rf "$profile" "$log"' EXIT

run=("$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run
  --no-default-browser-check --disable-extensions --disable-dev-shm-usage
  --user-data-dir="$profile" --window-size="$width,$height" --screenshot="$png_path"
  "file://$html_path")
if command -v timeout >/dev/null 2>&1; then run=(timeout 120 "${run[@]}"); fi

status=0
"${run[@]}" >"$log" 2>&1 || status=$?
if [ "$status" -ne 0 ] || [ ! -s "$png_path" ]; then
  echo "$0: $browser failed (status $status) to write $png:" >&2
  tail -n 20 "$log" >&2
  exit 1
fi
echo "$png_path"

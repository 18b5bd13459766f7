#!/usr/bin/env bash
# Benchmarks, side by side with the two peer pages (issue 6): builds the release
# page, then runs ../shared/bench/measure/measure.py on it, the React +
# TanStack Query peer and the vanilla JS peer, and prints its markdown tables.
#
#   bash scripts/bench.sh                      # all sections, 7 runs (about 5 minutes)
#   bash scripts/bench.sh --sections size      # any measure.py option is passed on
#   BENCH_DIR=/path/to/bench bash scripts/bench.sh
#   NO_BUILD=1 bash scripts/bench.sh           # measure the dist/ already built
#
# The first time, it makes the bench's Python venv (selenium, brotli from PyPI)
# and builds the React peer (npm ci, vite build) inside BENCH_DIR, as the
# bench's README says. Needs /usr/bin/chromium and /usr/bin/chromedriver
# (scripts/setup.sh test). Absolute times move with the machine's load: compare
# the ratios of one run.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

BENCH_DIR="${BENCH_DIR:-$REPO_ROOT/../shared/bench}"
[[ -f "$BENCH_DIR/measure/measure.py" ]] || {
  echo "bench: no $BENCH_DIR/measure/measure.py (set BENCH_DIR to the shared bench folder)" >&2
  exit 1
}
BENCH_DIR="$(cd "$BENCH_DIR" && pwd)"
for tool in /usr/bin/chromium /usr/bin/chromedriver; do
  [[ -x "$tool" ]] || { echo "bench: $tool is missing (bash scripts/setup.sh test installs it)" >&2; exit 1; }
done

hdr() { echo "${C_BOLD}── $*${C_RESET}" >&2; }

if [[ -z "${NO_BUILD:-}" ]]; then
  hdr "release page (dist/)"
  trunk_build >&2
fi
[[ -f dist/index.html ]] || { echo "bench: no dist/index.html (run without NO_BUILD)" >&2; exit 1; }

if [[ ! -x "$BENCH_DIR/.venv/bin/python" ]] || ! "$BENCH_DIR/.venv/bin/python" -c 'import selenium, brotli' 2>/dev/null; then
  hdr "bench venv ($BENCH_DIR/.venv)"
  python3 -m venv "$BENCH_DIR/.venv"
  "$BENCH_DIR/.venv/bin/pip" install --quiet -r "$BENCH_DIR/measure/requirements.txt" >&2
fi

REACT="$BENCH_DIR/peers/react-tq"
if [[ ! -f "$REACT/dist/index.html" ]]; then
  hdr "React peer build ($REACT/dist)"
  (cd "$REACT" && npm ci --no-audit --no-fund && npx vite build) >&2
fi

hdr "measure.py ($(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg))"
cd "$BENCH_DIR"
exec .venv/bin/python measure/measure.py \
  "leptos=$REPO_ROOT/dist" "react=$REACT/dist" "vanilla=$BENCH_DIR/peers/vanilla" "$@"

#!/usr/bin/env bash
# Benchmarks, side by side with the two peer pages: builds the release page,
# then runs ../shared/bench/measure/measure.py (size, cold, completion, reload,
# busy, heap) and bench/trace.py, bench/editor.py, bench/soak.py on it, the React
# + TanStack Query peer and the vanilla JS peer, prints their markdown tables, and
# at the end one summary table of the headline figures with the ratios ours/react
# and ours/vanilla (bench/summary.py) and the load average before and after.
#
#   bash scripts/bench.sh                          # everything (measure.py --runs 15; soak 1000 cycles, 200 saves, 60 min background)
#   bash scripts/bench.sh --sections cold,completion   # only those (measure.py's: size cold completion reload busy heap; bench/'s: trace editor soak)
#   bash scripts/bench.sh --runs 7 --soak-cycles 120 --soak-saves 20 --background-minutes 2
#   bash scripts/soak.sh                           # = bash scripts/bench.sh --sections soak
#   NO_BUILD=1 bash scripts/bench.sh               # measure the dist/ already built
#   DIST=/path/to/dist NO_BUILD=1 bash scripts/bench.sh    # another build of the page
#   BENCH_DIR=/path/to/bench bash scripts/bench.sh # the shared bench folder (default ../shared/bench)
#   BENCH_VENV=/path/to/venv bash scripts/bench.sh # a venv with selenium + brotli (default $BENCH_DIR/.venv)
#
# Options: --sections LIST, --runs N (measure.py's loads per condition, default
# 15), --background-minutes M, --soak-cycles N, --soak-saves N; the other
# options of bench/'s benchmarks go to the one that knows them (trace.py:
# --trace-runs; editor.py: --keystrokes, --saves, --editor-runs N = editor.py
# --runs N; soak.py: --soak-parts, --checkpoints, --save-checkpoints, --bg-*;
# both editor.py and soak.py: --selectdelay, --editor-optional, --editor-wait),
# anything else to measure.py. Every JSON file goes to bench/results/
# (git-ignored), with the raw traces.
#
# The first time, it makes the bench's Python venv (selenium, brotli from PyPI)
# and builds the React peer (npm ci, vite build) inside BENCH_DIR, as the
# bench's README says. Needs /usr/bin/chromium and /usr/bin/chromedriver
# (scripts/setup.sh test). Absolute times move with the machine's load: compare
# the ratios of one run. Exit status: non-zero when a script failed or an app
# did not reach a state it should (the summary lists why).
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

BENCH_DIR="${BENCH_DIR:-$REPO_ROOT/../shared/bench}"
[[ -f "$BENCH_DIR/measure/measure.py" ]] || {
  echo "bench: no $BENCH_DIR/measure/measure.py (set BENCH_DIR to the shared bench folder)" >&2
  exit 1
}
BENCH_DIR="$(cd "$BENCH_DIR" && pwd)"
export BENCH_DIR
VENV="${BENCH_VENV:-$BENCH_DIR/.venv}"
DIST="${DIST:-$REPO_ROOT/dist}"
for tool in /usr/bin/chromium /usr/bin/chromedriver; do
  [[ -x "$tool" ]] || { echo "bench: $tool is missing (bash scripts/setup.sh test installs it)" >&2; exit 1; }
done

# ---- options: split between measure.py and bench/'s benchmarks
MEASURE_SECTIONS=(size cold completion reload busy heap)
BENCH_SECTIONS=(trace editor soak)   # bench/trace.py, bench/editor.py, bench/soak.py
sections="size,cold,completion,reload,busy,heap,trace,editor,soak"
runs=15
measure_args=() trace_args=() editor_args=() soak_args=()
needs_value() { [[ $# -ge 2 ]] || { echo "bench: $1 needs a value" >&2; exit 2; }; }
while [[ $# -gt 0 ]]; do
  # an option's value: the next word, or what follows "=" in --name=value
  if [[ "$1" == --*=* ]]; then opt="${1%%=*}" val="${1#*=}" n=1; else opt="$1" val="${2-}" n=2; fi
  case "$opt" in
    --sections|--runs|--editor-runs|--trace-runs|--keystrokes|--saves|--selectdelay|--editor-optional|--editor-wait|\
    --soak-parts|--soak-cycles|--checkpoints|--soak-saves|--save-checkpoints|--background-minutes|--bg-metrics-every|--bg-poll)
      [[ $n -eq 1 ]] || needs_value "$@" ;;
  esac
  case "$opt" in
    --sections) sections="$val" ;;
    --runs) runs="$val" ;;
    --trace-runs) trace_args+=("$opt" "$val") ;;
    --editor-runs) editor_args+=(--runs "$val") ;;
    --keystrokes|--saves) editor_args+=("$opt" "$val") ;;
    --selectdelay|--editor-optional|--editor-wait) editor_args+=("$opt" "$val") soak_args+=("$opt" "$val") ;;
    --soak-parts|--soak-cycles|--checkpoints|--soak-saves|--save-checkpoints|--background-minutes|--bg-metrics-every|--bg-poll)
      soak_args+=("$opt" "$val") ;;
    --bg-keep-chromedriver-switches) soak_args+=("$1"); n=1 ;;
    -h|--help) sed -n '2,32p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) measure_args+=("$1"); n=1 ;;
  esac
  shift "$n"
done
m_list=() b_list=()
IFS=',' read -r -a wanted <<<"$sections"
for s in "${wanted[@]}"; do
  [[ -z "$s" ]] && continue
  if [[ " ${MEASURE_SECTIONS[*]} " == *" $s "* ]]; then m_list+=("$s")
  elif [[ " ${BENCH_SECTIONS[*]} " == *" $s "* ]]; then b_list+=("$s")
  else echo "bench: unknown section '$s' (${MEASURE_SECTIONS[*]} ${BENCH_SECTIONS[*]})" >&2; exit 2
  fi
done
join() { local IFS=,; echo "$*"; }

hdr() { echo "${C_BOLD}── $*${C_RESET}" >&2; }

if [[ -z "${NO_BUILD:-}" ]]; then
  [[ "$DIST" == "$REPO_ROOT/dist" ]] || { echo "bench: DIST=$DIST is set: use NO_BUILD=1 (the build writes $REPO_ROOT/dist)" >&2; exit 2; }
  hdr "release page (dist/)"
  trunk_build >&2
fi
[[ -f "$DIST/index.html" ]] || { echo "bench: no $DIST/index.html (run without NO_BUILD)" >&2; exit 1; }

if [[ ! -x "$VENV/bin/python" ]] || ! "$VENV/bin/python" -c 'import selenium, brotli' 2>/dev/null; then
  hdr "bench venv ($VENV)"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet -r "$BENCH_DIR/measure/requirements.txt" >&2
fi
PY="$VENV/bin/python"

REACT="$BENCH_DIR/peers/react-tq"
if [[ ! -f "$REACT/dist/index.html" ]]; then
  hdr "React peer build ($REACT/dist)"
  (cd "$REACT" && npm ci --no-audit --no-fund && npx vite build) >&2
fi

APPS=("leptos=$DIST" "react=$REACT/dist" "vanilla=$BENCH_DIR/peers/vanilla")
RESULTS="$REPO_ROOT/bench/results"
mkdir -p "$RESULTS"
stamp="$(date -u '+%Y%m%d-%H%M%S')"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
t0=$SECONDS
rc=0
summary_args=()

if [[ ${#m_list[@]} -gt 0 ]]; then
  hdr "measure.py $(join "${m_list[@]}") ($(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores; load $load_before)"
  mjson="$RESULTS/measure-$stamp.json"
  if "$PY" "$BENCH_DIR/measure/measure.py" --sections "$(join "${m_list[@]}")" --runs "$runs" \
      --json "$mjson" ${measure_args[@]+"${measure_args[@]}"} "${APPS[@]}"; then
    summary_args+=(--measure "$mjson")
  else
    rc=$?
    echo "bench: measure.py failed (exit $rc)" >&2
    [[ -f "$mjson" ]] && summary_args+=(--measure "$mjson")
  fi
fi

for s in ${b_list[@]+"${b_list[@]}"}; do
  hdr "bench/$s.py ($(date -u '+%H:%M UTC'); load $(cut -d' ' -f1-3 /proc/loadavg))"
  bjson="$RESULTS/$s-$stamp.json"
  declare -n own_args="${s}_args"
  brc=0
  "$PY" "$REPO_ROOT/bench/$s.py" --json "$bjson" ${own_args[@]+"${own_args[@]}"} "${APPS[@]}" || brc=$?
  unset -n own_args
  if [[ $brc -ne 0 ]]; then
    echo "bench: bench/$s.py failed (exit $brc)" >&2
    [[ $rc -eq 0 ]] && rc=$brc
  fi
  [[ -f "$bjson" ]] && summary_args+=(--bench "$bjson")
done

load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
elapsed="$(( (SECONDS - t0) / 60 )) min $(( (SECONDS - t0) % 60 )) s"
if [[ ${#summary_args[@]} -gt 0 ]]; then
  src=0
  "$PY" "$REPO_ROOT/bench/summary.py" "${summary_args[@]}" \
    --loadavg-before "$load_before" --loadavg-after "$load_after" --elapsed "$elapsed" || src=$?
  [[ $rc -eq 0 ]] && rc=$src
fi
exit "$rc"

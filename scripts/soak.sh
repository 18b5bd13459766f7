#!/usr/bin/env bash
# The soak part of the benchmarks alone: bench/soak.py (regenerate cycles, saves in
# the editor, all pages in background tabs) on our page and both peers, then the
# summary. Shorthand for `bash scripts/bench.sh --sections soak`;
# every option and variable of bench.sh applies (NO_BUILD=1, DIST, BENCH_DIR, BENCH_VENV).
#
#   NO_BUILD=1 bash scripts/soak.sh                                   # 1000 cycles, 200 saves, 60 min (about 1.5 h)
#   NO_BUILD=1 bash scripts/soak.sh --soak-cycles 120 --soak-saves 20 --background-minutes 2
#   NO_BUILD=1 bash scripts/soak.sh --soak-parts background --background-minutes 15
set -euo pipefail
exec bash "$(dirname "${BASH_SOURCE[0]}")/bench.sh" --sections soak "$@"

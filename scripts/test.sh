#!/usr/bin/env bash
# The whole check, as CI runs it (.ci/run):   bash scripts/test.sh
#
# Steps (each timed, wall and CPU seconds; stops at the first failure, naming
# it, exit non-zero):
#   setup · fmt · clippy (native) · clippy (wasm32) · native unit tests ·
#   then three lanes side by side: browser tests in headless Chromium |
#   in headless Firefox (wasm-pack) | the release build (scripts/build.sh's) · first-view size ·
#   npm package + host examples · host types · content-api build ·
#   and last the end-to-end tests
#
# Environment knobs:
#   SKIP_E2E=1     skip the end-to-end step (quick local runs)
#   ONLY=browser   only setup + the wasm-pack browser tests (for QA)
#   CI=true        no colors (also NO_COLOR, or output not a terminal)
#   MAX_BROTLI_KIB=N, MAX_GZIP_KB=N  the size step's budget (default 108 KiB br, 131 KB gz)
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ONLY="${ONLY:-}"
case "$ONLY" in
  "" | browser) ;;
  *) echo "ONLY=$ONLY is not known (use ONLY=browser, or leave it unset)" >&2; exit 2 ;;
esac

now_ms() { date +%s%3N; }
fmt_s() { printf '%d.%ds' $(($1 / 1000)) $((($1 % 1000) / 100)); }

STEP_NAMES=() STEP_RESULTS=() STEP_TIMES=() STEP_CPUS=()
TEST_LOG="$(mktemp)" CPU_TMP="$(mktemp)"
trap 'bg_stop; rm -rf "$TEST_LOG" "$CPU_TMP" "${LANE_DIR:-}"' EXIT
trap 'exit 130' INT TERM

# CPU_MS := CPU time (user + system) of this shell's finished children so
# far, in ms: beside each step's wall time, since on a shared machine the wall
# time says as much about the neighbours as about the step. Called directly
# (never in $(...), which would time a fresh subshell), `times` to a file.
cpu_now() {
  local u s
  times >"$CPU_TMP"
  { read -r _ _; read -r u s; } <"$CPU_TMP"
  CPU_MS=$(($(bash_ms "$u") + $(bash_ms "$s")))
}
bash_ms() { # 1m2.345s -> 62345
  local m=${1%%m*} sec=${1#*m}
  sec=${sec%s}
  echo $((10#$m * 60000 + 10#${sec%.*} * 1000 + 10#${sec#*.}))
}

# One closing line over every runner's "test result: … N passed; M failed".
tally() {
  awk '/test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed;?$/) p += $(i-1); if ($i ~ /^failed;?$/) f += $(i-1) } }
       END { printf "tests: %d passed, %d failed\n", p, f }' "$TEST_LOG"
}
T0="$(now_ms)"

summary() {
  local i total
  total=$(($(now_ms) - T0))
  echo
  echo "${C_BOLD}── summary ─────────────────────────────────────────────────${C_RESET}"
  printf '  %-44s %-8s %8s %10s\n' "step" "" "wall" "cpu"
  for i in "${!STEP_NAMES[@]}"; do
    printf '  %-44s %-8s %8s %10s\n' "${STEP_NAMES[$i]}" "${STEP_RESULTS[$i]}" "${STEP_TIMES[$i]}" "${STEP_CPUS[$i]}"
  done
  cpu_now
  printf '  %-44s %-8s %8s %10s\n' "total" "" "$(fmt_s "$total")" "$(fmt_s "$CPU_MS")"
}

skip() { # skip NAME WHY
  STEP_NAMES+=("$1") STEP_RESULTS+=("skipped") STEP_TIMES+=("-") STEP_CPUS+=("-")
  echo
  echo "${C_DIM}── $1: skipped ($2)${C_RESET}"
}

step() { # step NAME COMMAND...
  local name=$1 start cpu0 rc dur cpu
  shift
  echo
  if [[ "$(type -t "$1")" == function ]]; then
    echo "${C_BOLD}── ${name}${C_RESET}"
  else
    echo "${C_BOLD}── ${name}${C_RESET}  ${C_DIM}\$ $*${C_RESET}"
  fi
  cpu_now
  start="$(now_ms)" cpu0=$CPU_MS
  set +e
  # Output goes to the terminal and to TEST_LOG, where tally() counts tests.
  ( set -e; "$@" ) 2>&1 | tee -a "$TEST_LOG"
  rc=${PIPESTATUS[0]}
  set -e
  cpu_now
  dur="$(fmt_s $(($(now_ms) - start)))" cpu="$(fmt_s $((CPU_MS - cpu0)))"
  STEP_NAMES+=("$name") STEP_TIMES+=("$dur") STEP_CPUS+=("$cpu")
  if ((rc == 0)); then
    STEP_RESULTS+=("ok")
    echo "${C_GREEN}✓ ${name}${C_RESET} (${dur}, cpu ${cpu})"
  else
    STEP_RESULTS+=("FAILED")
    echo "${C_RED}✗ ${name} failed (exit ${rc}) after ${dur}${C_RESET}" >&2
    summary
    echo "${C_RED}${C_BOLD}FAILED at step: ${name}${C_RESET}" >&2
    tally
    exit "$rc"
  fi
}

# A lane: steps run one after another in the background, each timed, its
# output in the lane's log; results go to a file the main shell reads back.
LANE_DIR="$(mktemp -d)"
lane_step() { # lane_step NAME COMMAND... (inside a lane; stops the lane at a failure)
  local name=$1 start rc
  shift
  start="$(now_ms)"
  echo
  echo "${C_BOLD}── ${name}${C_RESET}"
  set +e
  ( set -e; "$@" )
  rc=$?
  set -e
  printf '%s\t%s\t%s\n' "$name" "$rc" "$(fmt_s $(($(now_ms) - start)))" >>"$LANE_RESULTS"
  ((rc == 0)) || exit "$rc"
}
side_by_side() { # side_by_side LANE_FUNCTION...
  local lane pids=() failed=0 name rc dur
  for lane in "$@"; do
    ( export LANE_RESULTS="$LANE_DIR/$lane.tsv"; "$lane" ) >"$LANE_DIR/$lane.log" 2>&1 &
    pids+=("$!")
    echo "${C_DIM}→ ${lane} in its own lane (output below when the lanes are done)${C_RESET}"
  done
  for lane in "${pids[@]}"; do wait "$lane" || failed=1; done
  for lane in "$@"; do
    echo
    echo "${C_BOLD}══ ${lane}${C_RESET}"
    tee -a "$TEST_LOG" <"$LANE_DIR/$lane.log"
    [[ -f "$LANE_DIR/$lane.tsv" ]] || continue
    while IFS=$'\t' read -r name rc dur; do
      STEP_NAMES+=("$name") STEP_TIMES+=("$dur") STEP_CPUS+=("(lane)")
      if ((rc == 0)); then STEP_RESULTS+=("ok"); else STEP_RESULTS+=("FAILED"); FAILED_STEP=$name; fi
    done <"$LANE_DIR/$lane.tsv"
  done
  if ((failed)); then
    summary
    echo "${C_RED}${C_BOLD}FAILED at step: ${FAILED_STEP:-a lane}${C_RESET}" >&2
    tally
    exit 1
  fi
}

if [[ "$ONLY" == "browser" ]]; then
  step "setup (browser)" bash scripts/setup.sh browser
  step "browser tests (wasm-pack, headless Chromium)" wasm-pack test --headless --chrome
  step "browser tests (wasm-pack, headless Firefox)" wasm-pack test --headless --firefox
  summary
  echo "${C_GREEN}${C_BOLD}browser tests passed${C_RESET}"
  tally
  exit 0
fi

# The toolchains first, each build starting as soon as its toolchain is there
# (content-api's dev build, whose dependencies the native steps reuse, and
# the page's cargo build for the trunk build step), beside the downloads and
# the tool installs (bg_start, common.sh). This step waits for both, so no
# later step shares the CPU with them.
setup_and_builds() {
  trap bg_stop EXIT # this runs in step's subshell
  bash scripts/setup.sh stable
  bg_start content-api-build api_build
  bash scripts/setup.sh nightly
  bg_start page-cargo-build page_cargo_build
  bash scripts/setup.sh test
  echo "waiting for the builds beside the setup (logs in target/bg-logs/)"
  # Their status is not needed: later steps repeat them and show an error.
  wait "${BG_PIDS[@]}" || true
  BG_PIDS=()
}
step "setup (+ content-api, page cargo builds)" setup_and_builds
step "rustfmt" cargo fmt --all --check
step "clippy (native)" cargo clippy --workspace --all-targets -- -D warnings
step "clippy (wasm32)" cargo clippy -p style-picker --target wasm32-unknown-unknown --all-targets -- -D warnings
# The workspace's tests but e2e's browser tests (the last step), selected by
# target rather than with --exclude e2e, so that cargo resolves the features
# the other native steps use (api_build in common.sh): e2e's own unit tests
# run here.
unit_tests() {
  local list tests=()
  list="$(cargo metadata --no-deps --format-version 1 --offline | node -e '
    const m = JSON.parse(require("fs").readFileSync(0, "utf8"));
    for (const p of m.packages) for (const t of p.targets)
      if (t.kind.includes("test") && !(p.name === "e2e" && t.name === "e2e")) console.log("--test\n" + t.name);')"
  [[ -z "$list" ]] || mapfile -t tests <<<"$list"
  echo "\$ cargo test --workspace --lib --bins ${tests[*]}"
  cargo test --workspace --lib --bins "${tests[@]}"
  echo "\$ cargo test --workspace --doc"
  cargo test --workspace --doc
}
step "unit tests (native)" unit_tests
# Three lanes side by side: the browser tests mostly wait on their own
# timers and the browsers, while the release build and the host kit keep the
# CPU busy. Each step is timed on its own; the lane's output is shown when both
# are done, in order.
chromium_lane() {
  lane_step "browser tests (wasm-pack, headless Chromium)" wasm-pack test --headless --chrome
}
# The second browser waits for the first's build of the tests (cargo's lock),
# then runs beside it.
firefox_lane() {
  lane_step "browser tests (wasm-pack, headless Firefox)" wasm-pack test --headless --firefox
}
release_lane() {
  lane_step "release build (trunk build --release)" trunk_build
  # A guard against growth: every file the page loads before it is usable,
  # the editor included (docs/performance.md has the figure by part).
  lane_step "first-view size (dist/)" env MAX_BROTLI_KIB="${MAX_BROTLI_KIB:-108}" MAX_GZIP_KB="${MAX_GZIP_KB:-131}" bash scripts/size.sh dist
  # The npm package from dist/, and the host examples that install it (npm ci, vite/next build).
  lane_step "npm package + host examples" bash scripts/host-kit.sh
  lane_step "host types (d.ts, manifest, tsc)" node tools/types/check-types.mjs
  # A dev build: it shares the unit tests' artifacts, and a local fake needs no speed.
  lane_step "content-api build" api_build
}
side_by_side chromium_lane firefox_lane release_lane
if [[ -n "${SKIP_E2E:-}" && "${SKIP_E2E}" != 0 ]]; then
  skip "end-to-end tests" "SKIP_E2E=$SKIP_E2E"
else
  export CONTENT_API_BIN="$REPO_ROOT/target/debug/content-api"
  step "end-to-end tests" cargo test --workspace --test e2e -- --test-threads=2
fi

summary
echo "${C_GREEN}${C_BOLD}all steps passed${C_RESET}"
tally

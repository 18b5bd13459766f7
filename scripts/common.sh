# shellcheck shell=bash
# Sourced by the other scripts: repo root as cwd, cargo's bin dir on PATH,
# colors (none under CI=true, NO_COLOR, or when stdout is not a terminal),
# and the switches that keep Trunk off the network.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT" || exit 1

CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in
  *":$CARGO_BIN:"*) ;;
  *) export PATH="$CARGO_BIN:$PATH" ;;
esac
# wasm-opt from npm (tools/wasm-opt/package.json) goes before any system one.
export PATH="$REPO_ROOT/tools/wasm-opt/node_modules/.bin:$PATH"

if [[ "${CI:-}" == "true" || -n "${NO_COLOR:-}" || ! -t 1 ]]; then
  C_BOLD="" C_DIM="" C_RED="" C_GREEN="" C_YELLOW="" C_RESET=""
  export CARGO_TERM_COLOR=never NO_COLOR=1
else
  C_BOLD=$'\e[1m' C_DIM=$'\e[2m' C_RED=$'\e[31m' C_GREEN=$'\e[32m' C_YELLOW=$'\e[33m' C_RESET=$'\e[0m'
fi
export C_BOLD C_DIM C_RED C_GREEN C_YELLOW C_RESET

# Trunk 0.22: --offline / TRUNK_OFFLINE=true makes it use wasm-bindgen and
# wasm-opt from PATH (error instead of download on a version mismatch), skips
# its update check, and passes --offline to cargo. So crates must be fetched
# first: `cargo fetch` (see trunk_build).
export TRUNK_OFFLINE=true TRUNK_SKIP_VERSION_CHECK=true

# The wasm-bindgen test runner gives ChromeDriver 5 s to bind its port, and
# each browser test 20 s: on 2 busy cores (a build beside it) ChromeDriver was
# killed before it listened (2026-12-02). Generous limits for the harness;
# the tests' own waits and assertions are unchanged.
export WASM_BINDGEN_TEST_DRIVER_TIMEOUT="${WASM_BINDGEN_TEST_DRIVER_TIMEOUT:-60}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"

# The release build, what ships: `bash scripts/build.sh` (trunk_build below;
# run.sh, test.sh and bench.sh build with the same function). It is made by a
# pinned nightly: the standard library rebuilt for size (build-std) and panics
# that just trap (immediate-abort), about 12 KiB brotli off the first view
# (docs/performance.md). rust-toolchain.toml stays on stable for everything
# else. scripts/setup.sh installs this toolchain (minimal profile, rust-src).
RELEASE_TOOLCHAIN="nightly-2026-10-15"

# The release build's environment: the unstable switches as cargo's own
# config (the panic strategy reaches the page and std, never build scripts or
# proc macros), and a target dir of its own so the stable cache stays warm.
RELEASE_TARGET_DIR="$REPO_ROOT/target/nightly"
# shellcheck disable=SC2054 # the commas are cargo's, inside one element
release_env=(
  RUSTUP_TOOLCHAIN="$RELEASE_TOOLCHAIN"
  CARGO_TARGET_DIR="$RELEASE_TARGET_DIR"
  CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  CARGO_UNSTABLE_PANIC_IMMEDIATE_ABORT=true
  CARGO_PROFILE_RELEASE_PANIC=immediate-abort
)

# The release page's cargo build alone, exactly as Trunk runs it (the same
# flags and environment, so that Trunk then finds it up to date): run.sh and
# test.sh start it early, beside the tool installs. Trunk passes --offline to
# cargo, so fetch first: the workspace's crates for every platform, then the
# standard library's own crates (its Cargo.lock in rust-src) for wasm32.
page_cargo_build() {
  cargo fetch --quiet
  env "${release_env[@]}" cargo fetch --quiet --target wasm32-unknown-unknown
  env "${release_env[@]}" cargo build --release --target wasm32-unknown-unknown --bin style-picker
}

# dist/: the page and the element, as they ship.
trunk_build() {
  echo "\$ ${release_env[*]} TRUNK_OFFLINE=true trunk build --release"
  cargo fetch --quiet
  env "${release_env[@]}" cargo fetch --quiet --target wasm32-unknown-unknown
  env "${release_env[@]}" trunk build --release
}

# One set of features for every native build. Cargo resolves features for the
# packages a command selects, and dev-dependencies' features only when it
# builds a target that uses them; so `cargo build -p content-api`, `cargo test
# --workspace --exclude e2e` and `cargo test -p e2e` each built tokio, hyper,
# serde, syn and what depends on them again, with other features. run.sh and
# test.sh select the whole workspace in every native command, with the
# dev-dependencies' features (test.sh: tests; here --examples: the workspace
# has no Rust example, so it adds nothing to build, but it makes cargo resolve
# features as for the tests); with Cargo.toml's debug = 0 for dependencies
# each dependency is then compiled once for all of them (and once more in
# check mode for clippy).
api_build() {
  echo "\$ cargo build --workspace --bin content-api --examples"
  cargo build --workspace --bin content-api --examples
}

# A build in the background while the tools install (run.sh, test.sh): the
# FUNCTION from this file in a session of its own (so that bg_stop ends it
# whole), its output in target/bg-logs/NAME.log. On two cores the cargo
# installs leave one core idle often enough (downloads, a crate's long
# single-threaded end, linking) for the project's own builds to use it.
BG_PIDS=()
bg_start() { # bg_start NAME FUNCTION
  mkdir -p "$REPO_ROOT/target/bg-logs"
  echo "${C_DIM}→ $1 in the background (log: target/bg-logs/$1.log)${C_RESET}"
  # shellcheck disable=SC2016 # expanded by the inner bash
  setsid bash -c 'source scripts/common.sh && "$1"' bash "$2" >"$REPO_ROOT/target/bg-logs/$1.log" 2>&1 &
  BG_PIDS+=("$!")
}
bg_stop() { # end the background builds still running (leaving early)
  local pid
  for pid in "${BG_PIDS[@]}"; do kill -- "-$pid" 2>/dev/null || true; done
  BG_PIDS=()
}

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
# wasm-opt from npm (tools/package.json) goes before any system one.
export PATH="$REPO_ROOT/tools/node_modules/.bin:$PATH"

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

trunk_build() {
  echo "\$ cargo fetch --quiet && TRUNK_OFFLINE=true trunk build --release"
  cargo fetch --quiet
  trunk build --release
}

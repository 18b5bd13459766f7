#!/usr/bin/env bash
# Installs what scripts/run.sh and scripts/test.sh need; idempotent, prints one
# line per item, and takes a few seconds when everything is already there.
#
#   bash scripts/setup.sh [test|run|browser|stable|nightly]
#     test        (default) everything
#     run         what `scripts/run.sh` needs: toolchain, release nightly, wasm-opt,
#                 wasm-bindgen, trunk (no browsers, wasm-pack, geckodriver)
#     browser     what `ONLY=browser scripts/test.sh` needs: toolchain, wasm-bindgen,
#                 wasm-pack, chromium + chromedriver, firefox-esr + geckodriver, fonts (no trunk)
#     stable      the C compiler and the pinned stable toolchain only
#     nightly     the release build's nightly only (run.sh and test.sh start the
#                 project's own builds after these, beside the tool installs)
#
# Debian packages come from apt (only when something is missing; sudo when not
# root); Rust tools from crates.io with `cargo install`, run from the repo so
# the pinned toolchain in rust-toolchain.toml builds them.
#
# On a fresh machine the time is the cargo installs (CPU-bound, one after the
# other): the downloads (apt, the release nightly, npm) run in the background
# beside them, each with its log in target/setup-logs/; a background job that
# fails fails the setup, naming it and showing the end of its log.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

MODE="${1:-test}"
case "$MODE" in
  test | run | browser | stable | nightly) ;;
  *) echo "usage: $0 [test|run|browser|stable|nightly]" >&2; exit 2 ;;
esac
want() { # want run|browser|test|stable|nightly ... -> is this item needed in $MODE?
  local m
  for m in "$@"; do [[ "$m" == "$MODE" ]] && return 0; done
  return 1
}

TRUNK_VERSION="0.22.1"

ok()   { echo "${C_GREEN}✓${C_RESET} $*"; }
todo() { echo "${C_YELLOW}→${C_RESET} $*"; }
die()  { echo "${C_RED}✗ $*${C_RESET}" >&2; exit 1; }

# ---------------------------------------------------- background jobs --------
SETUP_LOGS="$REPO_ROOT/target/setup-logs"
JOB_NAMES=() JOB_PIDS=()
bg_job() { # bg_job NAME COMMAND... : run it in the background, output to target/setup-logs/NAME.log
  local name=$1
  shift
  mkdir -p "$SETUP_LOGS"
  todo "$name: in the background (log: target/setup-logs/$name.log)"
  ( set -e; "$@" ) >"$SETUP_LOGS/$name.log" 2>&1 &
  JOB_NAMES+=("$name") JOB_PIDS+=("$!")
}
wait_jobs() { # wait for every background job; any failure fails the setup
  local i rc failed=()
  for i in "${!JOB_PIDS[@]}"; do
    rc=0
    wait "${JOB_PIDS[$i]}" || rc=$?
    if ((rc == 0)); then
      ok "${JOB_NAMES[$i]} (background) done"
    else
      echo "${C_RED}✗ ${JOB_NAMES[$i]} (background) failed with exit $rc; the end of target/setup-logs/${JOB_NAMES[$i]}.log:${C_RESET}" >&2
      tail -n 25 "$SETUP_LOGS/${JOB_NAMES[$i]}.log" | sed 's/^/    /' >&2
      failed+=("${JOB_NAMES[$i]}")
    fi
  done
  JOB_NAMES=() JOB_PIDS=()
  ((${#failed[@]} == 0)) || die "setup failed in: ${failed[*]} (logs in target/setup-logs/)"
}
# Leaving early (a failed install, Ctrl-C): let the background jobs finish
# rather than cut apt or rustup off half-way.
on_exit() {
  if ((${#JOB_PIDS[@]})); then
    echo "setup: waiting for the background jobs (${JOB_NAMES[*]}) to finish; logs in target/setup-logs/" >&2
    wait
  fi
}
trap on_exit EXIT

# ---------------------------------------------------------------- apt --------
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# APT_FIRST: needed before anything else can run (the compiler links every
# build script; npm runs wasm-opt). APT_LATER: needed only by the
# tests (brotli by the size step, the browsers by the browser and end-to-end
# tests), so installed in the background while the tools compile.
APT_FIRST=() APT_LATER=()
check_apt() { # check_apt first|later LABEL PACKAGE TEST-COMMAND...
  local when=$1 label=$2 pkg=$3
  shift 3
  if "$@" >/dev/null 2>&1; then ok "$label present"; return; fi
  todo "$label missing (apt: $pkg)"
  if [[ "$when" == first ]]; then APT_FIRST+=("$pkg"); else APT_LATER+=("$pkg"); fi
}

if ! want nightly; then
  check_apt first "C compiler (cc)" "gcc libc6-dev" command -v cc
  check_apt first "CA certificates" ca-certificates test -s /etc/ssl/certs/ca-certificates.crt
  if grep -q '^name = "openssl-sys"$' Cargo.lock 2>/dev/null; then
    check_apt first "pkg-config" pkg-config command -v pkg-config
    check_apt first "OpenSSL headers" libssl-dev have_pkg libssl-dev
  fi
fi
if want run test; then
  # wasm-opt comes from npm (see tools/wasm-opt/package.json), so node and npm are needed.
  check_apt first "node + npm" "nodejs npm" command -v npm
fi
if want test; then
  # brotli 11, as a CDN compresses: scripts/size.sh reports the first view with it.
  check_apt later "brotli" brotli command -v brotli
  check_apt later "nginx" nginx have_pkg nginx
fi
if want browser test; then
  check_apt later "chromium" chromium command -v chromium
  check_apt later "chromedriver" chromium-driver command -v chromedriver
  check_apt later "firefox" firefox-esr command -v firefox-esr
  # chromium only *recommends* Latin fonts; we install without recommends.
  check_apt later "fonts (Latin)" fonts-liberation have_pkg fonts-liberation
  check_apt later "fonts (Korean/CJK)" fonts-noto-cjk have_pkg fonts-noto-cjk
fi

apt_install() { # apt_install "PKG [PKG...]"... (words split on purpose)
  local sudo=() pkgs=()
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null || { echo "not root and no sudo: install $* by hand" >&2; return 1; }
    sudo=(sudo)
  fi
  read -r -a pkgs <<<"$*"
  echo "\$ apt-get update && apt-get install --no-install-recommends ${pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${pkgs[@]}"
}
if ((${#APT_FIRST[@]})); then
  # One apt run for all (apt takes one at a time), in the foreground.
  todo "apt-get install ${APT_FIRST[*]} ${APT_LATER[*]}"
  apt_install "${APT_FIRST[@]}" "${APT_LATER[@]}"
  ok "apt packages installed"
  APT_LATER=()
elif ((${#APT_LATER[@]})); then
  # About 30 s on a fresh machine (272 MB), hidden behind the cargo installs.
  bg_job apt apt_install "${APT_LATER[@]}"
fi

# ---------------------------------------------------------- toolchain --------
command -v rustup >/dev/null || die "rustup not found (expected in $CARGO_BIN); install it from https://rustup.rs"
TOOLCHAIN="$(awk -F'"' '/^[[:space:]]*channel[[:space:]]*=/{print $2; exit}' rust-toolchain.toml)"
[[ -n "$TOOLCHAIN" ]] || die "no channel in rust-toolchain.toml"

toolchain_ready() {
  local sysroot
  sysroot="$(rustc "+$TOOLCHAIN" --print sysroot 2>/dev/null)" || return 1
  [[ -d "$sysroot/lib/rustlib/wasm32-unknown-unknown/lib" \
    && -x "$sysroot/bin/rustfmt" && -x "$sysroot/bin/cargo-clippy" ]]
}
if want nightly; then
  : # the nightly alone
elif toolchain_ready; then
  ok "Rust $TOOLCHAIN with wasm32-unknown-unknown, rustfmt, clippy present"
else
  # In the foreground: every cargo install below builds with it (about 15 s).
  todo "installing Rust $TOOLCHAIN + wasm32-unknown-unknown, rustfmt, clippy"
  rustup toolchain install "$TOOLCHAIN" --profile minimal --no-self-update \
    --target wasm32-unknown-unknown --component rustfmt --component clippy
  rustup target add --toolchain "$TOOLCHAIN" wasm32-unknown-unknown
  rustup component add --toolchain "$TOOLCHAIN" rustfmt clippy
  toolchain_ready || die "Rust $TOOLCHAIN still incomplete after install"
  ok "Rust $TOOLCHAIN installed"
fi

# The release build's nightly (RELEASE_TOOLCHAIN, by default RELEASE_NIGHTLY;
# common.sh): build-std compiles the standard library from rust-src, so no
# wasm32 rust-std is needed. --no-self-update: setup leaves rustup alone.
# RUSTUP_AUTO_INSTALL=0: asking about a missing toolchain must not install it.
nightly_ready() {
  local sysroot
  sysroot="$(RUSTUP_AUTO_INSTALL=0 rustc "+$RELEASE_TOOLCHAIN" --print sysroot 2>/dev/null)" || return 1
  [[ -f "$sysroot/lib/rustlib/src/rust/library/Cargo.lock" ]]
}
install_nightly() {
  rustup toolchain install "$RELEASE_TOOLCHAIN" --profile minimal --component rust-src --no-self-update
  rustup component add --toolchain "$RELEASE_TOOLCHAIN" rust-src
  nightly_ready || { echo "Rust $RELEASE_TOOLCHAIN or its rust-src still missing after install" >&2; return 1; }
}
NIGHTLY_PENDING=""
if want run test nightly; then
  if [[ "$RELEASE_TOOLCHAIN" == stable ]]; then
    ok "release build on stable (RELEASE_TOOLCHAIN=stable): $RELEASE_NIGHTLY not needed"
  elif nightly_ready; then
    ok "Rust $RELEASE_TOOLCHAIN with rust-src (release build) present"
  elif want nightly; then
    # In the foreground: rustup is not safe to run twice at once.
    todo "installing Rust $RELEASE_TOOLCHAIN + rust-src for the release build (about 15 s)"
    install_nightly
    ok "Rust $RELEASE_TOOLCHAIN installed"
  else
    # Only the release build needs it, after the cargo installs: a download
    # (about 15 s) beside them.
    bg_job "rustup-$RELEASE_TOOLCHAIN" install_nightly
    NIGHTLY_PENDING=1
  fi
fi

if want stable nightly; then
  wait_jobs
  ok "setup ($MODE) complete"
  exit 0
fi

# --------------------------------------------------------------- npm ---------
# One npm tool per folder of tools/, each `npm ci` from its own lockfile:
# tools/wasm-opt, binaryen's wasm-opt at the version Trunk.toml names (Debian's
# binaryen 108 breaks wasm-bindgen's externref table export); tools/axe,
# axe-core, the end-to-end tests' accessibility check; tools/types, typescript
# and @types/react 19 and 18.3 for the host types check
# (tools/types/check-types.mjs). The npm package and the host examples that
# install it from its tarball (examples/react-host, examples/next-host) need the
# release build first: scripts/host-kit.sh makes them after it (test.sh and
# run.sh run it after trunk_build).
WASM_OPT_VERSION="$(awk -F'"' '/^wasm_opt[[:space:]]*=/{print $2; exit}' Trunk.toml)"
version_of() { "$@" 2>/dev/null | head -n1 || true; }
npm_current() { # npm_current DIR: DIR/node_modules is installed from DIR/package-lock.json as it is now
  [[ -f "$1/node_modules/.package-lock.json" && ! "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]]
}
wasm_opt_ok() {
  npm_current tools/wasm-opt \
    && [[ "$(version_of tools/wasm-opt/node_modules/.bin/wasm-opt --version)" == *"($WASM_OPT_VERSION)"* ]]
}
axe_ok() { npm_current tools/axe && [[ -f tools/axe/node_modules/axe-core/axe.min.js ]]; }
types_ok() {
  npm_current tools/types && [[ -f tools/types/node_modules/typescript/bin/tsc \
    && -f tools/types/node_modules/@types/react/index.d.ts && -f tools/types/node_modules/@types/react-18/index.d.ts ]]
}
NPM_DIRS=() NPM_CHECKS=() NPM_LABELS=()
npm_tool() { # npm_tool DIR CHECK LABEL: `npm ci` in tools/DIR, in the background, unless CHECK passes
  if "$2"; then
    ok "$3 present"
  else
    # A few seconds of download, beside the cargo installs.
    bg_job "npm-$1" npm ci --prefix "tools/$1" --no-audit --no-fund --loglevel=error
    NPM_DIRS+=("$1") NPM_CHECKS+=("$2") NPM_LABELS+=("$3")
  fi
}
if want run test; then
  npm_tool wasm-opt wasm_opt_ok "wasm-opt $WASM_OPT_VERSION (npm binaryen, tools/wasm-opt)"
fi
if want test; then
  npm_tool axe axe_ok "axe-core (tools/axe)"
  npm_tool types types_ok "typescript and @types/react 19 and 18.3 (tools/types)"
fi

# ------------------------------------------------------ cargo install --------
# Another process (a parallel setup, a person) may already be building the
# same tool: wait for it instead of compiling it twice.
wait_for_other_install() {
  local crate=$1 pids said=""
  while pids="$(pgrep -f "cargo(\\.exe)? install .*\\b$crate\\b" | paste -sd " ")" && [[ -n "$pids" ]]; do
    [[ -n "$said" ]] || todo "another 'cargo install $crate' is running (pid $pids); waiting for it"
    said=1
    sleep 5
  done
}

# The tools are built for install time, not for speed: each crate's own
# release profile (Trunk's: fat LTO, one codegen unit) was most of a fresh
# machine's wait, while the tools' own work is seconds per build. So: no LTO,
# 16 codegen units, no debug info, stripped, opt-level 0 (docs/decisions.md, "Build
# tools compiled for install time"). Measured here: Trunk took 420 CPU seconds to build instead of 757
# at opt-level 1, and the same 10.8 s of CPU for a release build of the page;
# wasm-bindgen-cli 105 instead of 235 (163 s of wall on an idle machine), for
# about 4 s more CPU per browser run when its test runner parses the 33 MB
# test wasm (6.2 s against 1.8).
# One target dir for all of them, kept, so that a crate they share with the
# same features compiles once (and a version bump recompiles little).
INSTALL_TARGET_DIR="${STYLE_PICKER_INSTALL_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/style-picker/cargo-install-target}"
INSTALL_ENV=(
  CARGO_TARGET_DIR="$INSTALL_TARGET_DIR"
  CARGO_PROFILE_RELEASE_LTO=false
  CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
  CARGO_PROFILE_RELEASE_DEBUG=false
  CARGO_PROFILE_RELEASE_INCREMENTAL=false
  CARGO_PROFILE_RELEASE_STRIP=true
)
cargo_install() { # cargo_install OPT-LEVEL ARGS... : `cargo install` with the install-time profile
  local opt=$1
  shift
  echo "\$ ${INSTALL_ENV[*]} CARGO_PROFILE_RELEASE_OPT_LEVEL=$opt cargo install $*"
  env "${INSTALL_ENV[@]}" CARGO_PROFILE_RELEASE_OPT_LEVEL="$opt" cargo install "$@"
}

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WB_VERSION="$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock 2>/dev/null || true)"
[[ -n "$WB_VERSION" ]] || die "no wasm-bindgen package in Cargo.lock (run 'cargo generate-lockfile' first)"

install_wasm_bindgen() {
  [[ "$(version_of wasm-bindgen --version)" == "wasm-bindgen $WB_VERSION"* ]]
}
if install_wasm_bindgen; then
  ok "wasm-bindgen $WB_VERSION present"
else
  wait_for_other_install wasm-bindgen-cli
  if ! install_wasm_bindgen; then
    todo "installing wasm-bindgen-cli $WB_VERSION (about 1 min, once per version)"
    # Not --locked: its lockfile pins crates that do not build on our toolchain.
    cargo_install 0 wasm-bindgen-cli --version "$WB_VERSION"
    install_wasm_bindgen || die "wasm-bindgen --version does not say $WB_VERSION after install"
  fi
  ok "wasm-bindgen $WB_VERSION installed"
fi

if want run test; then
  trunk_ok() { [[ "$(version_of trunk --version)" == "trunk $TRUNK_VERSION"* ]]; }
  if trunk_ok; then
    ok "trunk $TRUNK_VERSION present"
  else
    wait_for_other_install trunk
    if ! trunk_ok; then
      todo "installing trunk $TRUNK_VERSION (about 4 min on two idle cores, once)"
      cargo_install 0 trunk --locked --version "$TRUNK_VERSION"
      trunk_ok || die "trunk --version does not say $TRUNK_VERSION after install"
    fi
    ok "trunk $TRUNK_VERSION installed"
  fi
fi

if want browser test; then
  if [[ -n "$(version_of wasm-pack --version)" ]]; then
    ok "$(version_of wasm-pack --version) present"
  else
    wait_for_other_install wasm-pack
    if [[ -z "$(version_of wasm-pack --version)" ]]; then
      todo "installing wasm-pack (about 2 min, once)"
      cargo_install 0 wasm-pack --locked || {
        todo "wasm-pack --locked failed; retrying without --locked"
        cargo_install 0 wasm-pack
      }
    fi
    ok "$(version_of wasm-pack --version) installed"
  fi

  # Firefox's WebDriver, for `wasm-pack test --headless --firefox`.
  if [[ -n "$(version_of geckodriver --version)" ]]; then
    ok "$(version_of geckodriver --version) present"
  else
    wait_for_other_install geckodriver
    if [[ -z "$(version_of geckodriver --version)" ]]; then
      todo "installing geckodriver (about 1 min, once)"
      cargo_install 0 geckodriver --locked || {
        todo "geckodriver --locked failed; retrying without --locked"
        cargo_install 0 geckodriver
      }
    fi
    ok "$(version_of geckodriver --version) installed"
  fi
fi

# ------------------------------------------------ the background jobs --------
wait_jobs
if [[ -n "$NIGHTLY_PENDING" ]]; then
  nightly_ready || die "Rust $RELEASE_TOOLCHAIN or its rust-src missing after install"
  ok "Rust $RELEASE_TOOLCHAIN installed"
fi
for i in "${!NPM_DIRS[@]}"; do
  "${NPM_CHECKS[$i]}" || die "${NPM_LABELS[$i]}: not in tools/${NPM_DIRS[$i]}/node_modules after npm ci"
  ok "${NPM_LABELS[$i]} installed"
done
if want test; then
  command -v brotli >/dev/null || die "brotli still missing after apt"
fi
if want browser test; then
  for c in chromium chromedriver firefox-esr; do
    command -v "$c" >/dev/null || die "$c still missing after apt"
  done
fi

if want run test; then
  # A bare `trunk build` / `trunk serve` (no --offline, no PATH from our
  # scripts) looks for the pinned wasm-opt in its cache dir before it would
  # download one; put the npm build there. It is one self-contained node script.
  TRUNK_WASM_OPT="${XDG_CACHE_HOME:-$HOME/.cache}/trunk/wasm-opt-$WASM_OPT_VERSION/bin/wasm-opt"
  if [[ "$(version_of "$TRUNK_WASM_OPT" --version)" == *"($WASM_OPT_VERSION)"* ]]; then
    ok "wasm-opt $WASM_OPT_VERSION in Trunk's cache present"
  else
    mkdir -p "$(dirname "$TRUNK_WASM_OPT")"
    cp tools/wasm-opt/node_modules/binaryen/bin/wasm-opt "$TRUNK_WASM_OPT"
    chmod +x "$TRUNK_WASM_OPT"
    ok "wasm-opt $WASM_OPT_VERSION copied to Trunk's cache ($TRUNK_WASM_OPT)"
  fi
fi

ok "setup ($MODE) complete"

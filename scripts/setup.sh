#!/usr/bin/env bash
# Installs what scripts/run.sh and scripts/test.sh need; idempotent, prints one
# line per item, and takes a few seconds when everything is already there.
#
#   bash scripts/setup.sh [test|run|browser]
#     test     (default) everything
#     run      what `scripts/run.sh` needs: toolchain, release nightly, wasm-opt, wasm-bindgen, trunk
#     browser  what `ONLY=browser scripts/test.sh` needs: toolchain, wasm-bindgen,
#              wasm-pack, chromium + chromedriver, firefox-esr + geckodriver, fonts (no trunk)
#
# Debian packages come from apt (only when something is missing; sudo when not
# root); Rust tools from crates.io with `cargo install`, run from the repo so
# the pinned toolchain in rust-toolchain.toml builds them.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

MODE="${1:-test}"
case "$MODE" in
  test | run | browser) ;;
  *) echo "usage: $0 [test|run|browser]" >&2; exit 2 ;;
esac
want() { # want run|browser|test ... -> is this item needed in $MODE?
  local m
  for m in "$@"; do [[ "$m" == "$MODE" ]] && return 0; done
  return 1
}

TRUNK_VERSION="0.22.1"

ok()   { echo "${C_GREEN}✓${C_RESET} $*"; }
todo() { echo "${C_YELLOW}→${C_RESET} $*"; }
die()  { echo "${C_RED}✗ $*${C_RESET}" >&2; exit 1; }

# ---------------------------------------------------------------- apt --------
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

APT_MISSING=()
check_apt() { # check_apt LABEL PACKAGE TEST-COMMAND...
  local label=$1 pkg=$2; shift 2
  if "$@" >/dev/null 2>&1; then ok "$label present"; else
    todo "$label missing (apt: $pkg)"; APT_MISSING+=("$pkg"); fi
}

check_apt "C compiler (cc)" "gcc libc6-dev" command -v cc
check_apt "CA certificates" ca-certificates test -s /etc/ssl/certs/ca-certificates.crt
if grep -q '^name = "openssl-sys"$' Cargo.lock 2>/dev/null; then
  check_apt "pkg-config" pkg-config command -v pkg-config
  check_apt "OpenSSL headers" libssl-dev have_pkg libssl-dev
fi
if want run test; then
  # wasm-opt comes from npm (see tools/package.json), so node and npm are needed.
  check_apt "node + npm" "nodejs npm" command -v npm
  # brotli 11, as a CDN compresses: scripts/size.sh reports the first view with it.
  check_apt "brotli" brotli command -v brotli
fi
if want browser test; then
  check_apt "chromium" chromium command -v chromium
  check_apt "chromedriver" chromium-driver command -v chromedriver
  check_apt "firefox" firefox-esr command -v firefox-esr
  # chromium only *recommends* Latin fonts; we install without recommends.
  check_apt "fonts (Latin)" fonts-liberation have_pkg fonts-liberation
  check_apt "fonts (Korean/CJK)" fonts-noto-cjk have_pkg fonts-noto-cjk
fi

if ((${#APT_MISSING[@]})); then
  SUDO=()
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null || die "not root and no sudo: install ${APT_MISSING[*]} by hand"
    SUDO=(sudo)
  fi
  # shellcheck disable=SC2207 # split "gcc libc6-dev" into words on purpose
  PKGS=($(printf '%s\n' "${APT_MISSING[@]}" | tr ' ' '\n'))
  todo "apt-get install ${PKGS[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -q
  "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${PKGS[@]}"
  ok "apt packages installed"
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
if toolchain_ready; then
  ok "Rust $TOOLCHAIN with wasm32-unknown-unknown, rustfmt, clippy present"
else
  todo "installing Rust $TOOLCHAIN + wasm32-unknown-unknown, rustfmt, clippy"
  rustup toolchain install "$TOOLCHAIN" --profile minimal --no-self-update \
    --target wasm32-unknown-unknown --component rustfmt --component clippy
  rustup target add --toolchain "$TOOLCHAIN" wasm32-unknown-unknown
  rustup component add --toolchain "$TOOLCHAIN" rustfmt clippy
  toolchain_ready || die "Rust $TOOLCHAIN still incomplete after install"
  ok "Rust $TOOLCHAIN installed"
fi

if want run test; then
  # The release build's nightly (RELEASE_TOOLCHAIN, by default RELEASE_NIGHTLY;
  # common.sh): build-std compiles the standard library from rust-src, so no
  # wasm32 rust-std is needed. --no-self-update: setup leaves rustup alone.
  # RUSTUP_AUTO_INSTALL=0: asking about a missing toolchain must not install it.
  nightly_ready() {
    local sysroot
    sysroot="$(RUSTUP_AUTO_INSTALL=0 rustc "+$RELEASE_TOOLCHAIN" --print sysroot 2>/dev/null)" || return 1
    [[ -f "$sysroot/lib/rustlib/src/rust/library/Cargo.lock" ]]
  }
  if [[ "$RELEASE_TOOLCHAIN" == stable ]]; then
    ok "release build on stable (RELEASE_TOOLCHAIN=stable): $RELEASE_NIGHTLY not needed"
  elif nightly_ready; then
    ok "Rust $RELEASE_TOOLCHAIN with rust-src (release build) present"
  else
    todo "installing Rust $RELEASE_TOOLCHAIN + rust-src for the release build (about 1 min)"
    rustup toolchain install "$RELEASE_TOOLCHAIN" --profile minimal --component rust-src --no-self-update
    rustup component add --toolchain "$RELEASE_TOOLCHAIN" rust-src
    nightly_ready || die "Rust $RELEASE_TOOLCHAIN or its rust-src still missing after install"
    ok "Rust $RELEASE_TOOLCHAIN installed"
  fi
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

version_of() { "$@" 2>/dev/null | head -n1 || true; }

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
    todo "installing wasm-bindgen-cli $WB_VERSION (about 3 min, once per version)"
    # Not --locked: its lockfile pins crates that do not build on our toolchain.
    cargo install wasm-bindgen-cli --version "$WB_VERSION"
    install_wasm_bindgen || die "wasm-bindgen --version does not say $WB_VERSION after install"
  fi
  ok "wasm-bindgen $WB_VERSION installed"
fi

if want browser test; then
  if [[ -n "$(version_of wasm-pack --version)" ]]; then
    ok "$(version_of wasm-pack --version) present"
  else
    wait_for_other_install wasm-pack
    if [[ -z "$(version_of wasm-pack --version)" ]]; then
      todo "installing wasm-pack (about 2 min, once)"
      cargo install wasm-pack --locked || {
        todo "wasm-pack --locked failed; retrying without --locked"
        cargo install wasm-pack
      }
    fi
    ok "$(version_of wasm-pack --version) installed"
  fi
fi

if want browser test; then
  # Firefox's WebDriver, for `wasm-pack test --headless --firefox`.
  if [[ -n "$(version_of geckodriver --version)" ]]; then
    ok "$(version_of geckodriver --version) present"
  else
    wait_for_other_install geckodriver
    if [[ -z "$(version_of geckodriver --version)" ]]; then
      todo "installing geckodriver (about 3 min, once)"
      cargo install geckodriver --locked || {
        todo "geckodriver --locked failed; retrying without --locked"
        cargo install geckodriver
      }
    fi
    ok "$(version_of geckodriver --version) installed"
  fi
fi

if want run test; then
  # Debian's binaryen 108 breaks wasm-bindgen's externref table export; the
  # version Trunk.toml names comes from npm into tools/node_modules.
  WASM_OPT_VERSION="$(awk -F'"' '/^wasm_opt[[:space:]]*=/{print $2; exit}' Trunk.toml)"
  # axe-core (the end-to-end tests' accessibility check) and terser (the
  # loader's minifier, loader/post-build.sh) come from the same npm install.
  wasm_opt_ok() {
    [[ "$(version_of tools/node_modules/.bin/wasm-opt --version)" == *"($WASM_OPT_VERSION)"* ]] \
      && [[ -f tools/node_modules/axe-core/axe.min.js ]] \
      && [[ -x tools/node_modules/.bin/terser ]]
  }
  if wasm_opt_ok; then
    ok "wasm-opt $WASM_OPT_VERSION (npm binaryen), terser and axe-core present"
  else
    todo "installing wasm-opt $WASM_OPT_VERSION (npm binaryen), terser and axe-core (a few seconds)"
    npm ci --prefix tools --no-audit --no-fund --loglevel=error
    wasm_opt_ok || die "tools/node_modules/.bin/wasm-opt is not $WASM_OPT_VERSION after npm ci"
    ok "wasm-opt $WASM_OPT_VERSION installed"
  fi

  # A bare `trunk build` / `trunk serve` (no --offline, no PATH from our
  # scripts) looks for the pinned wasm-opt in its cache dir before it would
  # download one; put the npm build there. It is one self-contained node script.
  TRUNK_WASM_OPT="${XDG_CACHE_HOME:-$HOME/.cache}/trunk/wasm-opt-$WASM_OPT_VERSION/bin/wasm-opt"
  if [[ "$(version_of "$TRUNK_WASM_OPT" --version)" == *"($WASM_OPT_VERSION)"* ]]; then
    ok "wasm-opt $WASM_OPT_VERSION in Trunk's cache present"
  else
    mkdir -p "$(dirname "$TRUNK_WASM_OPT")"
    cp tools/node_modules/binaryen/bin/wasm-opt "$TRUNK_WASM_OPT"
    chmod +x "$TRUNK_WASM_OPT"
    ok "wasm-opt $WASM_OPT_VERSION copied to Trunk's cache ($TRUNK_WASM_OPT)"
  fi

  trunk_ok() { [[ "$(version_of trunk --version)" == "trunk $TRUNK_VERSION"* ]]; }
  if trunk_ok; then
    ok "trunk $TRUNK_VERSION present"
  else
    wait_for_other_install trunk
    if ! trunk_ok; then
      todo "installing trunk $TRUNK_VERSION (about 10 min, once)"
      cargo install trunk --locked --version "$TRUNK_VERSION"
      trunk_ok || die "trunk --version does not say $TRUNK_VERSION after install"
    fi
    ok "trunk $TRUNK_VERSION installed"
  fi
fi

# ----------------------------------------------- host kit (issue 14) --------
# Self-contained (node + npm, and this file's want/ok/todo/die): the types
# check's typescript and @types/react (tools/, read by tools/check-types.mjs),
# and the React host example built into examples/react-host/dist/, which
# content-api serves at /examples/react-host/. Each part is skipped when it is
# already up to date.
if want run test; then
  host_kit_tools_ok() {
    [[ -x tools/node_modules/.bin/tsc && -f tools/node_modules/@types/react/index.d.ts ]]
  }
  if host_kit_tools_ok; then
    ok "typescript ($(tools/node_modules/.bin/tsc --version)) and @types/react present"
  else
    todo "installing typescript and @types/react (npm ci --prefix tools)"
    npm ci --prefix tools --no-audit --no-fund --loglevel=error
    host_kit_tools_ok || die "tools/node_modules has no typescript or @types/react after npm ci"
    ok "typescript and @types/react installed"
  fi

  REACT_HOST=examples/react-host
  if [[ -x "$REACT_HOST/node_modules/.bin/vite" \
    && ! "$REACT_HOST/package-lock.json" -nt "$REACT_HOST/node_modules/.package-lock.json" ]]; then
    ok "React host example's packages present"
  else
    todo "installing the React host example's packages (npm ci --prefix $REACT_HOST)"
    npm ci --prefix "$REACT_HOST" --no-audit --no-fund --loglevel=error
    ok "React host example's packages installed"
  fi
  react_host_built() { # dist/index.html newer than its sources (and host.css) and its packages
    [[ -f "$REACT_HOST/dist/index.html" ]] && [[ -z "$(find "$REACT_HOST/src" "$REACT_HOST/index.html" \
      "$REACT_HOST/vite.config.mjs" "$REACT_HOST/node_modules/.package-lock.json" examples/host.css \
      -newer "$REACT_HOST/dist/index.html" -print -quit)" ]]
  }
  if react_host_built; then
    ok "React host example built ($REACT_HOST/dist)"
  else
    todo "building the React host example (vite build, a few seconds)"
    npm run --prefix "$REACT_HOST" --silent build -- --logLevel warn
    react_host_built || die "$REACT_HOST/dist/index.html is missing after vite build"
    ok "React host example built ($REACT_HOST/dist)"
  fi
fi

ok "setup ($MODE) complete"

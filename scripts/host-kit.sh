#!/usr/bin/env bash
# The host kit, after the release build (dist/): the npm package and the host
# examples that install it.
#
#   bash scripts/host-kit.sh      (scripts/test.sh runs it after trunk_build)
#   bash scripts/host-kit.sh run  (scripts/run.sh: the package and the React host it
#                                  serves; no server-render test, no Next.js build)
#
# 1. scripts/package.sh: target/npm/style-picker-<version>.tgz and its stable
#    copy target/npm/style-picker.tgz (deterministic: the same dist/ packs to
#    the same bytes).
# 2. The package's own test on a server (npm/test/: React 18.3 and 19, each
#    installing the tarball), then examples/react-host and examples/next-host.
#    Each depends on "style-picker": "file:…/target/npm/style-picker.tgz":
#    `npm ci` when the lockfile or the tarball changed since the last
#    install, then the examples' builds (vite build into dist/, next build
#    into .next/) when a source, the packages or the tarball is newer than
#    the last build.
#
# The lockfiles carry no `integrity` for the tarball: it changes with every
# build of the wasm, and `npm ci` would refuse the new one (EINTEGRITY) or,
# worse, install the old one from npm's cache. Without it npm ci installs the
# tarball as it is now. A lockfile that has one (after an `npm install`) has
# it removed here, with a note.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ok()   { echo "${C_GREEN}✓${C_RESET} $*"; }
todo() { echo "${C_YELLOW}→${C_RESET} $*"; }
die()  { echo "${C_RED}✗ $*${C_RESET}" >&2; exit 1; }

MODE="${1:-test}"
case "$MODE" in test | run) ;; *) echo "usage: $0 [test|run]" >&2; exit 2 ;; esac
TARBALL=target/npm/style-picker.tgz
export NEXT_TELEMETRY_DISABLED=1

todo "npm package (scripts/package.sh)"
bash scripts/package.sh
[[ -f "$TARBALL" ]] || die "$TARBALL is missing after scripts/package.sh"
TARBALL_SHA="$(sha256sum "$TARBALL" | cut -d' ' -f1)"

# newer_than STAMP PATH... -> is any PATH (file or folder, recursively) newer than STAMP?
newer_than() {
  local stamp=$1
  shift
  [[ -n "$(find "$@" -newer "$stamp" -print -quit 2>/dev/null)" ]]
}

# installed DIR: npm ci in DIR when its lockfile or the tarball changed.
installed() {
  local dir=$1 stamp="$1/node_modules/.style-picker-tarball.sha256"
  # The tarball's integrity would pin one build's bytes (see above).
  if node -e '
    const f = process.argv[1], lock = JSON.parse(require("fs").readFileSync(f, "utf8"));
    const entry = lock.packages?.["node_modules/style-picker"];
    if (!entry?.integrity) process.exit(1);
    delete entry.integrity;
    require("fs").writeFileSync(f, JSON.stringify(lock, null, 2) + "\n");
  ' "$dir/package-lock.json"; then
    todo "$dir/package-lock.json: removed the tarball's integrity (it changes with every build); commit the change"
  fi
  if [[ -f "$dir/node_modules/.package-lock.json" && -f "$stamp" \
    && ! "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" \
    && "$(cat "$stamp")" == "$TARBALL_SHA" ]]; then
    ok "$dir: packages present, with this build's style-picker"
  else
    todo "$dir: npm ci"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
    echo "$TARBALL_SHA" >"$stamp"
    ok "$dir: packages installed"
  fi
}

# The package on a server, with React 18.3 and 19: importing it does nothing,
# and StylePicker's server markup holds the attributes, never the token.
if [[ "$MODE" == test ]]; then
  installed npm/test/react-18
  installed npm/test/react-19
  node --test --test-reporter=dot npm/test/ssr.test.mjs \
    || die "npm/test/ssr.test.mjs failed (run it with: node --test npm/test/ssr.test.mjs)"
  ok "the package on a server (React 18.3 and 19): no token in the markup"
fi

# The React host: vite build into dist/ (content-api serves it at /examples/react-host/).
REACT_HOST=examples/react-host
installed "$REACT_HOST"
if [[ -f "$REACT_HOST/dist/index.html" ]] && ! newer_than "$REACT_HOST/dist/index.html" \
  "$REACT_HOST/src" "$REACT_HOST/index.html" "$REACT_HOST/vite.config.mjs" \
  "$REACT_HOST/node_modules/.style-picker-tarball.sha256" examples/host.css; then
  ok "$REACT_HOST built (dist/)"
else
  todo "$REACT_HOST: vite build"
  npm run --prefix "$REACT_HOST" --silent build -- --logLevel warn
  [[ -f "$REACT_HOST/dist/index.html" ]] || die "$REACT_HOST/dist/index.html is missing after vite build"
  ok "$REACT_HOST built (dist/)"
fi

[[ "$MODE" == test ]] || exit 0

# The Next.js host: next build into .next/ (the e2e tests run `next start`).
NEXT_HOST=examples/next-host
installed "$NEXT_HOST"
if [[ -f "$NEXT_HOST/.next/BUILD_ID" ]] && ! newer_than "$NEXT_HOST/.next/BUILD_ID" \
  "$NEXT_HOST/app" "$NEXT_HOST/proxy.ts" "$NEXT_HOST/next.config.ts" "$NEXT_HOST/tsconfig.json" \
  "$NEXT_HOST/node_modules/.style-picker-tarball.sha256"; then
  ok "$NEXT_HOST built (.next/)"
else
  todo "$NEXT_HOST: next build (about a minute)"
  start=$SECONDS
  (cd "$NEXT_HOST" && node node_modules/next/dist/bin/next build) >target/npm/next-build.log 2>&1 \
    || { tail -40 target/npm/next-build.log >&2; die "$NEXT_HOST: next build failed (log: target/npm/next-build.log)"; }
  ok "$NEXT_HOST built (.next/, $((SECONDS - start)) s; log: target/npm/next-build.log)"
fi

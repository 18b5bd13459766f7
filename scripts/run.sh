#!/usr/bin/env bash
# Build the page and serve it with the local Content API:   bash scripts/run.sh
#
#   PORT=8787 (default)  port on 127.0.0.1
#   REQUIRE_TOKEN=…      the API answers 401 without this bearer token (or
#                        sp_session cookie), like the real gateway
# Steps: setup of the stable toolchain · content-api's build in the background
# · the release nightly · the page's cargo build in the background (logs in
# target/bg-logs/) · setup of the rest (wasm-bindgen, Trunk, npm tools: on a
# fresh machine minutes of compiling) · trunk build --release (its cargo part
# then done) · content-api
# (a dev build: seconds, where the size-tuned release profile takes minutes) ·
# target/debug/content-api in the foreground (Ctrl-C stops it).
# Once it listens, prints the address and one URL per demo scenario.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PORT="${PORT:-8787}"
if ! [[ "$PORT" =~ ^[0-9]{1,5}$ ]] || ((10#$PORT < 1 || 10#$PORT > 65535)); then
  echo "PORT=$PORT is not a port number (1-65535)" >&2
  exit 2
fi
PORT=$((10#$PORT))
ADDR="127.0.0.1:$PORT"
PREFIX_PATH="/shop/style-picker/"

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }
say_port_taken() {
  echo "${C_RED}✗ port $PORT on 127.0.0.1 is already in use.${C_RESET}" >&2
  if command -v ss >/dev/null; then ss -ltnp "sport = :$PORT" 2>/dev/null | tail -n +2 | sed 's/^/    /' >&2 || true; fi
  echo "  Stop whatever is listening there, or pick another port: PORT=8788 bash scripts/run.sh" >&2
}
# Check early so nobody waits for a build only to be told at the end.
if port_taken; then say_port_taken; exit 1; fi

hdr() { echo; echo "${C_BOLD}── $*${C_RESET}"; }

hdr "setup"
# content-api's build needs only the stable toolchain and the page's cargo
# build (the size-tuned nightly release build that test.sh and CI use too,
# docs/decisions.md) only the nightly: each starts as soon as it can, beside the next
# downloads and the tool installs (bg_start, common.sh).
trap bg_stop EXIT
trap 'exit 130' INT TERM
bash scripts/setup.sh stable
bg_start content-api-build api_build
bash scripts/setup.sh nightly
bg_start page-cargo-build page_cargo_build
bash scripts/setup.sh run

# Their exit status is not needed: the steps below run the same builds in the
# foreground, at once when they are done, and show the error when one failed.
hdr "trunk build --release"
wait "${BG_PIDS[1]}" || true
trunk_build
hdr "npm package + host examples"
bash scripts/host-kit.sh run
hdr "content-api build"
wait "${BG_PIDS[0]}" || true
BG_PIDS=()
api_build
trap - INT TERM

if port_taken; then say_port_taken; exit 1; fi

print_urls() { # print_urls BASE
  local base=$1 name
  echo
  echo "${C_GREEN}${C_BOLD}Open: ${base}/?eventDraftId=draft-demo${C_RESET}"
  echo "Scenarios (the Content API fakes the job by the draft id):"
  printf '  %-9s %s\n' "normal" "${base}/?eventDraftId=draft-demo"
  for name in fail never slow35 flaky busy garbage slow hang gone xss badurl savefail saveauth saveslow savebad; do
    printf '  %-9s %s\n' "$name" "${base}/?eventDraftId=${name}-demo"
  done
  printf '  %-9s %s\n' "english" "${base}/?eventDraftId=draft-demo&lang=en"
  printf '  %-9s %s\n' "notfound" "${base}/?jobId=job_doesnotexist&eventDraftId=draft-demo"
  printf '  %-9s %s\n' "denied" "${base}/?eventDraftId=denied-demo   (403: sign in again)"
  echo "The page under a path prefix (as on a CDN): ${base}${PREFIX_PATH}?eventDraftId=draft-demo"
  echo "${C_BOLD}Example host app with two <style-picker> elements:${C_RESET} ${base}/examples/host.html"
  echo "${C_BOLD}React 19 host example (examples/react-host):${C_RESET} ${base}/examples/react-host/"
  echo "  (its events are logged on screen; to see the sign-in alert, run with"
  echo "   REQUIRE_TOKEN=demo-token and set the cookie sp_session=wrong: the session"
  echo "   endpoint then hands out that token)"
  echo "${C_DIM}Ctrl-C stops the server.${C_RESET}"
  echo
}

hdr "content-api on http://$ADDR (dist/)"
# Foreground pipeline: Ctrl-C reaches the server and this reader alike. Every
# line is passed through; the listening line also triggers the URL list.
set +e
API_ARGS=(--addr "$ADDR" --dist dist --examples examples --prefix "$PREFIX_PATH")
[[ -n "${REQUIRE_TOKEN:-}" ]] && API_ARGS+=(--require-token "$REQUIRE_TOKEN")
target/debug/content-api "${API_ARGS[@]}" 2>&1 | {
  shown=""
  while IFS= read -r line; do
    printf '%s\n' "$line"
    if [[ -z "$shown" && "$line" =~ listening\ on\ (https?://[^[:space:]]+) ]]; then
      print_urls "${BASH_REMATCH[1]%/}"
      shown=1
    fi
  done
}
rc=${PIPESTATUS[0]}
set -e
# 130 = SIGINT (Ctrl-C), a normal way out.
if ((rc != 0 && rc != 130)); then
  if port_taken; then say_port_taken; else echo "${C_RED}✗ content-api exited with status $rc${C_RESET}" >&2; fi
  exit "$rc"
fi

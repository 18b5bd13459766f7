#!/usr/bin/env bash
# The release build, what ships:   bash scripts/build.sh
#
# Installs what the build needs when it is missing (scripts/setup.sh run),
# then writes dist/ with Trunk on the pinned nightly (trunk_build in
# scripts/common.sh, which scripts/run.sh and scripts/test.sh use too),
# prints its first-view size, and packs the npm package from it
# (scripts/package.sh: target/npm/style-picker.tgz).
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

bash scripts/setup.sh run
trunk_build
MAX_BROTLI_KIB= MAX_GZIP_KB= bash scripts/size.sh dist | tail -n 1
bash scripts/package.sh

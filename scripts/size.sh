#!/usr/bin/env bash
# First-view size of a built page: every .html, .js, .wasm and .css file under
# DIST (default dist/), raw bytes and gzip -9 bytes each, plus totals.
#
#   bash scripts/size.sh [DIST]
#   MAX_GZIP_KB=N bash scripts/size.sh   # exit 1 when the gzipped total > N KB
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DIST="${1:-dist}"
[[ -d "$DIST" ]] || { echo "size: no directory '$DIST' (run 'trunk build --release' first)" >&2; exit 1; }

FILES=()
while IFS= read -r -d '' f; do FILES+=("$f"); done < <(
  find "$DIST" -type f \( -name '*.html' -o -name '*.js' -o -name '*.wasm' -o -name '*.css' \) -print0 | sort -z)
((${#FILES[@]})) || { echo "size: no .html/.js/.wasm/.css files in '$DIST'" >&2; exit 1; }

kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }

total_raw=0 total_gz=0
declare -A kind_raw=() kind_gz=()
printf '%-52s %12s %12s\n' "file (first view)" "raw bytes" "gzip -9"
for f in "${FILES[@]}"; do
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  ext="${f##*.}"
  kind_raw[$ext]=$((${kind_raw[$ext]:-0} + raw))
  kind_gz[$ext]=$((${kind_gz[$ext]:-0} + gz))
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz))
  printf '%-52s %12d %12d\n' "${f#"$DIST"/}" "$raw" "$gz"
done
echo "----------------------------------------------------------------------------"
for ext in html js wasm css; do
  if [[ -n "${kind_raw[$ext]:-}" ]]; then
    printf '%-52s %12d %12d\n' "  all .$ext" "${kind_raw[$ext]}" "${kind_gz[$ext]}"
  fi
done
printf '%-52s %12d %12d\n' "total" "$total_raw" "$total_gz"
echo "first view: $(kb "$total_gz") KB gzipped ($(kb "$total_raw") KB raw; 1 KB = 1024 bytes)"

if [[ -n "${MAX_GZIP_KB:-}" ]]; then
  if ((total_gz > MAX_GZIP_KB * 1024)); then
    echo "${C_RED}size budget exceeded: $(kb "$total_gz") KB > ${MAX_GZIP_KB} KB gzipped${C_RESET}" >&2
    exit 1
  fi
  echo "within budget of ${MAX_GZIP_KB} KB gzipped"
fi

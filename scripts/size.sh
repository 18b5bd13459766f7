#!/usr/bin/env bash
# First-view size of a built page: every .html, .js, .wasm and .css file under
# DIST (default dist/), raw, gzip -9 and brotli -q 11 bytes each, plus totals;
# fails when over the budget. A file with the same bytes as one already
# counted (dist/style-picker.js for hosts, element-<hash>.js for index.html:
# a page loads one of the two) is listed but counted once.
#
#   bash scripts/size.sh [DIST]
#   MAX_BROTLI_KIB=100 MAX_GZIP_KB=120 bash scripts/size.sh   # the defaults (the aim)
#   MAX_BROTLI_KIB= MAX_GZIP_KB= bash scripts/size.sh        # report only
#
# 1 KiB = 1 KB = 1024 bytes here, as in docs/performance.md. brotli comes from
# the `brotli` command (Debian's package of that name; scripts/setup.sh) or,
# failing that, Python's `brotli` module.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DIST="${1:-dist}"
MAX_BROTLI_KIB="${MAX_BROTLI_KIB-100}"
MAX_GZIP_KB="${MAX_GZIP_KB-120}"
[[ -d "$DIST" ]] || { echo "size: no directory '$DIST' (run 'trunk build --release' first)" >&2; exit 1; }

if command -v brotli >/dev/null; then
  brotli_bytes() { brotli -q 11 -c -- "$1" | wc -c; }
elif python3 -c 'import brotli' 2>/dev/null; then
  brotli_bytes() {
    python3 -c 'import brotli, sys; print(len(brotli.compress(open(sys.argv[1], "rb").read(), quality=11)))' "$1"
  }
else
  echo "size: no brotli (apt-get install brotli, or pip install brotli; scripts/setup.sh does)" >&2
  exit 1
fi

FILES=()
while IFS= read -r -d '' f; do FILES+=("$f"); done < <(
  find "$DIST" -type f \( -name '*.html' -o -name '*.js' -o -name '*.wasm' -o -name '*.css' \) -print0 | sort -z)
((${#FILES[@]})) || { echo "size: no .html/.js/.wasm/.css files in '$DIST'" >&2; exit 1; }

kib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }
row() { printf '%-48s %10s %10s %10s\n' "$@"; }

total_raw=0 total_gz=0 total_br=0
declare -A kind_raw=() kind_gz=() kind_br=() counted=()
row "file (first view)" "raw bytes" "gzip -9" "brotli 11"
for f in "${FILES[@]}"; do
  sum=$(sha256sum <"$f" | cut -d' ' -f1)
  if [[ -n "${counted[$sum]:-}" ]]; then
    row "${f#"$DIST"/}" "(same bytes as ${counted[$sum]}: counted once)" "" ""
    continue
  fi
  counted[$sum]="${f#"$DIST"/}"
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(brotli_bytes "$f")
  ext="${f##*.}"
  kind_raw[$ext]=$((${kind_raw[$ext]:-0} + raw))
  kind_gz[$ext]=$((${kind_gz[$ext]:-0} + gz))
  kind_br[$ext]=$((${kind_br[$ext]:-0} + br))
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br))
  row "${f#"$DIST"/}" "$raw" "$gz" "$br"
done
echo "-------------------------------------------------------------------------------"
for ext in html js wasm css; do
  if [[ -n "${kind_raw[$ext]:-}" ]]; then
    row "  all .$ext" "${kind_raw[$ext]}" "${kind_gz[$ext]}" "${kind_br[$ext]}"
  fi
done
row "total" "$total_raw" "$total_gz" "$total_br"
echo "first view: $(kib "$total_br") KiB brotli, $(kib "$total_gz") KB gzip ($(kib "$total_raw") KB raw)"

over=0
if [[ -n "$MAX_BROTLI_KIB" ]] && ((total_br > MAX_BROTLI_KIB * 1024)); then
  echo "${C_RED}size budget exceeded: $(kib "$total_br") KiB > ${MAX_BROTLI_KIB} KiB brotli${C_RESET}" >&2
  over=1
fi
if [[ -n "$MAX_GZIP_KB" ]] && ((total_gz > MAX_GZIP_KB * 1024)); then
  echo "${C_RED}size budget exceeded: $(kib "$total_gz") KB > ${MAX_GZIP_KB} KB gzip${C_RESET}" >&2
  over=1
fi
((over == 0)) || exit 1
[[ -z "$MAX_BROTLI_KIB$MAX_GZIP_KB" ]] || echo "within budget (${MAX_BROTLI_KIB:-no} KiB brotli, ${MAX_GZIP_KB:-no} KB gzip)"

#!/usr/bin/env bash
# Where the release wasm's bytes go: the release build's wasm,
# through wasm-bindgen and the same wasm-opt -Oz as Trunk's, but with the
# function names kept (-g), then `twiggy top` summed by crate and module,
# `twiggy dominators` and `twiggy garbage`. Sizes are of code before
# compression (brotli takes about 3.1x off).
#
#   source scripts/common.sh && trunk_build   # once, for the release wasm
#   bash scripts/twiggy.sh
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

wasm="$RELEASE_TARGET_DIR/wasm32-unknown-unknown/release/style-picker.wasm"
[[ -f "$wasm" ]] || { echo "twiggy: no $wasm (source scripts/common.sh && trunk_build first)" >&2; exit 1; }
command -v twiggy >/dev/null || cargo install twiggy --locked
out="$REPO_ROOT/target/twiggy"
mkdir -p "$out"
wasm-bindgen --target web --out-dir "$out" --out-name sp "$wasm"
wasm-opt -Oz -g --strip-dwarf --strip-producers --low-memory-unused --converge \
  --enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-multivalue \
  "$out/sp_bg.wasm" -o "$out/named.wasm"
twiggy top -n 100000 -f csv "$out/named.wasm" >"$out/top.csv"
echo "## twiggy top, summed by crate (style-picker by module), names section left out"
python3 - "$out/top.csv" <<'PY'
import collections, csv, re, sys
rows = list(csv.DictReader(open(sys.argv[1])))
agg, total = collections.Counter(), 0
for r in rows:
    name, size = r["Name"], int(r["ShallowSize"])
    if "function names" in name:
        continue
    m = re.search(r"style_picker\[[0-9a-f]+\]::(\w+)(?:::(\w+))?", name)
    if m:
        key = "style_picker::" + m.group(1) + ("::" + m.group(2) if m.group(2) else "")
    else:
        m = re.match(r"[<&(]*(\w+)", name)
        key = m.group(1) if m else name[:30]
    agg[key] += size
    total += size
print(f"| bytes | share | where |\n|---:|---:|---|")
for key, size in agg.most_common(30):
    print(f"| {size:,} | {100 * size / total:.1f} % | {key} |")
print(f"| {total:,} | 100 % | all code and data |")
PY
echo
echo "## twiggy dominators (depth 2, top 12)"
twiggy dominators -d 2 -r 12 "$out/named.wasm" | cut -c1-200
echo
echo "## twiggy garbage"
twiggy garbage "$out/named.wasm" | tail -4 | cut -c1-160

#!/bin/sh
# Trunk post_build hook (Trunk.toml): what Trunk cannot do itself.
#  - dist/style-picker.js, the element's loader (npm/element.js and the
#    call that defines the element), under a stable name (hosts link it;
#    index.html too), with this build's hashed file names filled in by
#    loader/element.sh;
#  - the element's types and Custom Elements Manifest (npm/) beside it;
#  - in index.html, preload hints for the glue and the wasm in place of the
#    rust link Trunk leaves when it injects no script (the strict CSP allows
#    no inline one): the browser fetches them while it parses the page, not
#    after the loader has run.
# Fails loudly when a file it needs is missing.
set -eu
dir="${TRUNK_STAGING_DIR:?run me from trunk (post_build hook)}"
here="$(dirname "$0")"

one() { # one GLOB -> the one file name in $dir that matches
  set -- "$dir"/$1
  if [ $# -ne 1 ] || [ ! -e "$1" ]; then
    echo "post-build: expected exactly one file like $dir/$1" >&2
    exit 1
  fi
  basename "$1"
}
js="$(one 'style-picker-*.js')"
wasm="$(one 'style-picker-*_bg.wasm')"
css="$(one 'main-*.css')"

sh "$here/element.sh" "$dir/style-picker.js" "$js" "$wasm" "$css" define
cp "$here/../npm/style-picker.d.ts" "$here/../npm/custom-elements.json" "$dir/"
hints="<link rel=modulepreload href=./$js><link rel=preload href=./$wasm as=fetch type=application/wasm crossorigin>"
sed -i -E "s|<link[^>]*data-trunk[^>]*>|$hints|" "$dir/index.html"
grep -q "rel=preload href=./$wasm" "$dir/index.html" || { echo "post-build: no rust link to replace in index.html" >&2; exit 1; }
echo "post-build: style-picker.js -> $js, $wasm, $css"

#!/bin/sh
# Trunk post_build hook (Trunk.toml): what Trunk cannot do itself.
#  - dist/style-picker.js, the element's loader (loader/element.js and the
#    call that defines the element), under a stable name (hosts link it;
#    index.html too), with this build's hashed file names filled in;
#  - the element's types and Custom Elements Manifest beside it.
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

{
  sed -e "s|__JS__|$js|g" -e "s|__WASM__|$wasm|g" -e "s|__CSS__|$css|g" "$here/element.js"
  echo "defineStylePicker();"
} >"$dir/style-picker.js"
cp "$here/style-picker.d.ts" "$here/custom-elements.json" "$dir/"
echo "post-build: style-picker.js -> $js, $wasm, $css"

#!/bin/sh
# Trunk post_build hook (Trunk.toml): writes the stable dist/style-picker.js
# from loader/style-picker.js with the hashed file names of this build, and
# adds preload hints for them to index.html, so the browser fetches the wasm
# while it parses the page; shortens the names the glue and the wasm share
# (loader/shorten-names.mjs, needs node); copies the types and the Custom
# Elements Manifest beside the loader. Fails loudly when a file is missing.
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

# The names the glue and the wasm link by, shortened in both (3.8 KiB brotli).
node "$here/shorten-names.mjs" "$dir/$js" "$dir/$wasm"

# Minified (terser from tools/, scripts/setup.sh installs it), keeping the
# header comment that says how to use the element.
terser="$here/../tools/node_modules/.bin/terser"
if [ ! -x "$terser" ]; then
  echo "post-build: no $terser; run: npm ci --prefix tools (scripts/setup.sh does)" >&2
  exit 1
fi
sed -e "s|__JS__|$js|g" -e "s|__WASM__|$wasm|g" -e "s|__CSS__|$css|g" \
  -e '1s|^// |/*! |' -e '1s|$| */|' "$here/style-picker.js" \
  | "$terser" --module --compress --mangle --comments some -o "$dir/style-picker.js"

# For TypeScript and React hosts: the element's types and its Custom Elements
# Manifest, beside the loader (tools/check-types.mjs checks both against it).
cp "$here/style-picker.d.ts" "$here/custom-elements.json" "$dir/"

hints="<link rel=modulepreload href=./$js><link rel=preload href=./$wasm as=fetch type=application/wasm crossorigin>"
# After the loader's own <script> (the minifier drops quotes and reorders
# attributes); and without Trunk's leftover <link data-trunk rel=rust>, which
# stays when inject_scripts is off.
sed -i -E -e "s|(<script[^>]*style-picker\.js[^>]*></script>)|\1$hints|" \
  -e 's|<link[^>]*data-trunk[^>]*>||g' "$dir/index.html"
if ! grep -q "$wasm" "$dir/index.html"; then
  echo "post-build: no <script src=./style-picker.js> in index.html:" >&2
  cat "$dir/index.html" >&2
  exit 1
fi
echo "post-build: style-picker.js -> $js, $wasm, $css"

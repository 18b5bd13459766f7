#!/bin/sh
# Trunk post_build hook (Trunk.toml): what Trunk cannot do itself.
#  - the element's loader (npm/element.js with this build's hashed file names
#    filled in by loader/element.sh, and the call that defines the element),
#    twice with the same bytes:
#      dist/style-picker.js, under a stable name for hosts that link it;
#      dist/element-<hash>.js, named by its content, for index.html: a
#      returning visitor's browser revalidates index.html alone and takes
#      every file it names from its cache;
#  - the element's types and Custom Elements Manifest (npm/) beside them;
#  - in index.html, the hashed loader in place of style-picker.js, and
#    preload hints for the glue and the wasm in place of the rust link Trunk
#    leaves when it injects no script (the strict CSP allows no inline one):
#    the browser fetches them while it parses the page, not after the loader
#    has run.
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
loader="element-$(sha256sum "$dir/style-picker.js" | cut -c1-16).js"
cp "$dir/style-picker.js" "$dir/$loader"
cp "$here/../npm/style-picker.d.ts" "$here/../npm/custom-elements.json" "$dir/"

hints="<link rel=modulepreload href=./$js><link rel=preload href=./$wasm as=fetch type=application/wasm crossorigin>"
sed -i -E -e "s|<link[^>]*data-trunk[^>]*>|$hints|" -e "s|src=\"?\./style-picker\.js\"?|src=./$loader|" "$dir/index.html"
grep -q "rel=preload href=./$wasm" "$dir/index.html" || { echo "post-build: no rust link to replace in index.html" >&2; exit 1; }
grep -q "src=./$loader" "$dir/index.html" || { echo "post-build: no style-picker.js script in index.html" >&2; exit 1; }
echo "post-build: $loader (= style-picker.js) -> $js, $wasm, $css"

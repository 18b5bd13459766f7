#!/bin/sh
# The one place the element's build-time names are filled in. npm/element.js
# names the page's glue, wasm and stylesheet __JS__, __WASM__ and __CSS__, in
# literal `import("./__JS__")` and `new URL("./__WASM__", import.meta.url)`;
# this writes it to OUT with the names given, the files beside OUT:
#
#   sh loader/element.sh OUT JS WASM CSS           the npm package's element.js (scripts/package.sh;
#                                                   the host's bundler minifies it)
#   sh loader/element.sh OUT JS WASM CSS define    dist/'s loader (loader/post-build.sh): it also
#                                                   defines <style-picker>, and drops the comment
#                                                   lines, indentation and blank lines, which are
#                                                   a third of the first view's loader bytes
#
# Fails when a name is left unfilled or a name is not a plain file name.
set -eu
[ $# -ge 4 ] || { echo "element.sh: usage: element.sh OUT JS WASM CSS [define]" >&2; exit 2; }
out=$1 js=$2 wasm=$3 css=$4
for name in "$js" "$wasm" "$css"; do
  case "$name" in
    */* | *'|'* | '') echo "element.sh: '$name' is not a file name" >&2; exit 1 ;;
  esac
done
fill() { sed -e "s|__JS__|$js|g" -e "s|__WASM__|$wasm|g" -e "s|__CSS__|$css|g" "$(dirname "$0")/../npm/element.js"; }
if [ "${5:-}" = define ]; then
  # Whole-line comments only: no line of element.js continues a string or a template.
  { fill | sed -E -e '/^[[:space:]]*\/\//d' -e '/^[[:space:]]*\/\*.*\*\/[[:space:]]*$/d' -e 's/^[[:space:]]+//' -e '/^$/d'
    echo "defineStylePicker();"; } >"$out"
else
  fill >"$out"
fi
if grep -q '__\(JS\|WASM\|CSS\)__' "$out"; then
  echo "element.sh: a build-time name was left in $out" >&2
  exit 1
fi

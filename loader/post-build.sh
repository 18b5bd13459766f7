#!/bin/sh
# Trunk post_build hook (Trunk.toml): writes the stable dist/style-picker.js
# from loader/style-picker.js with the hashed file names of this build;
# builds the loader's small first wasm (src/bin/first-answer.rs) and adds
# preload hints for it to index.html, so the browser fetches it while it
# parses the page; shortens the names the glue and the wasm share
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
# The loader's small first wasm (src/bin/first-answer.rs): built here with
# the same toolchain, profile and environment Trunk's cargo build had (the
# release page's nightly switches reach this hook as Trunk's own environment),
# then bound and optimized as Trunk does the page's.
first_answer() {
  profile=debug
  set -- --target wasm32-unknown-unknown --bin first-answer --no-default-features
  if [ "${TRUNK_PROFILE:-debug}" = release ]; then profile=release; set -- "$@" --release; fi
  if [ "${TRUNK_OFFLINE:-}" = true ]; then set -- "$@" --offline; fi
  (cd "$here/.." && cargo build --quiet "$@")
  target_dir="${CARGO_TARGET_DIR:-$here/../target}"
  out="$(mktemp -d)"
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name first-answer \
    "$target_dir/wasm32-unknown-unknown/$profile/first-answer.wasm"
  if [ "$profile" = release ]; then
    # index.html's data-wasm-opt-params for the page, the same here.
    "$here/../tools/node_modules/.bin/wasm-opt" -Oz --low-memory-unused --strip-producers --strip-target-features --converge \
      -o "$out/first-answer_bg.wasm" "$out/first-answer_bg.wasm"
  fi
  node "$here/shorten-names.mjs" "$out/first-answer.js" "$out/first-answer_bg.wasm"
  hash="$(cat "$out/first-answer.js" "$out/first-answer_bg.wasm" | sha256sum | cut -c1-16)"
  ejs="first-answer-$hash.js"
  ewasm="first-answer-${hash}_bg.wasm"
  sed "s|first-answer_bg.wasm|$ewasm|g" "$out/first-answer.js" \
    | "$terser" --module --compress --mangle -o "$dir/$ejs"
  cp "$out/first-answer_bg.wasm" "$dir/$ewasm"
  rm -rf "$out"
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
first_answer
sed -e "s|__JS__|$js|g" -e "s|__WASM__|$wasm|g" -e "s|__CSS__|$css|g" \
  -e "s|__EJS__|$ejs|g" -e "s|__EWASM__|$ewasm|g" \
  -e '1s|^// |/*! |' -e '1s|$| */|' "$here/style-picker.js" \
  | "$terser" --module --compress --mangle --comments some -o "$dir/style-picker.js"

# For TypeScript and React hosts: the element's types and its Custom Elements
# Manifest, beside the loader (tools/check-types.mjs checks both against it).
cp "$here/style-picker.d.ts" "$here/custom-elements.json" "$dir/"

# The first wasm is what the first answer waits for; the page's own files
# follow it (style-picker.js fetches them once it is in), so that on a slow
# line they do not share its bandwidth.
hints="<link rel=modulepreload href=./$ejs><link rel=preload href=./$ewasm as=fetch type=application/wasm crossorigin>"
# At the end of <head>, after the loader and the CSS, which the first paint
# needs; and without Trunk's leftover <link data-trunk rel=rust>, which stays
# when inject_scripts is off.
sed -i -E -e "s|</head>|$hints</head>|" \
  -e 's|<link[^>]*data-trunk[^>]*>||g' "$dir/index.html"
if ! grep -q "$ewasm" "$dir/index.html"; then
  echo "post-build: no </head> in index.html:" >&2
  cat "$dir/index.html" >&2
  exit 1
fi
echo "post-build: style-picker.js -> $ejs, $ewasm; $js, $wasm, $css"

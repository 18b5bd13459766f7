#!/usr/bin/env bash
# What Leptos alone weighs: builds a minimal Leptos 0.8 CSR page (a status
# line and a counter button) with exactly the release build's settings (the
# pinned nightly, build-std, immediate-abort, this repo's Cargo.lock and
# profile), then runs wasm-bindgen, wasm-opt -Oz and brotli 11 on it and on
# this page's own wasm, side by side. The floor under any first-view budget.
#
#   bash scripts/floor.sh          # after scripts/setup.sh run (or test)
#
# Builds in target/floor (the first time about 2 minutes); writes nothing else.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

work="$REPO_ROOT/target/floor"
mkdir -p "$work/crate/src" "$work/out"
cp Cargo.lock "$work/crate/Cargo.lock"
cat >"$work/crate/Cargo.toml" <<'EOF'
[package]
name = "floor"
version = "0.1.0"
edition = "2021"

[dependencies]
leptos = { version = "0.8", features = ["csr"] }

[profile.release]
opt-level = "z"
lto = true
codegen-units = 1
panic = "abort"

[workspace]
EOF
cat >"$work/crate/src/main.rs" <<'EOF'
use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| {
        let n = RwSignal::new(0u32);
        view! {
            <p role="status">"대기 중"</p>
            <button on:click=move |_| n.update(|x| *x += 1)>{move || n.get()}</button>
        }
    });
}
EOF

build() { # build MANIFEST TARGET_DIR (release_env: scripts/common.sh)
  env "${release_env[@]}" CARGO_TARGET_DIR="$2" \
    cargo build --quiet --release --target wasm32-unknown-unknown --manifest-path "$1"
}
build "$work/crate/Cargo.toml" "$work/target"
build "$REPO_ROOT/Cargo.toml" "$RELEASE_TARGET_DIR"

measure() { # measure LABEL WASM
  local out="$work/out/$1"
  wasm-bindgen --target web --out-dir "$out" --out-name app "$2"
  wasm-opt -Oz --enable-reference-types --low-memory-unused "$out/app_bg.wasm" -o "$out/opt.wasm"
  local wasm_br js_br
  wasm_br=$(brotli -q 11 -c "$out/opt.wasm" | wc -c)
  js_br=$(brotli -q 11 -c "$out/app.js" | wc -c)
  awk -v l="$1" -v raw="$(stat -c%s "$out/opt.wasm")" -v w="$wasm_br" -v j="$js_br" 'BEGIN {
    printf "%-34s wasm %7d B raw, %6.1f KiB br   glue js %5.1f KiB br (not minified)\n", l, raw, w / 1024, j / 1024 }'
}
echo "toolchain: $RELEASE_TOOLCHAIN"
measure "minimal Leptos page (the floor)" "$work/target/wasm32-unknown-unknown/release/floor.wasm"
measure "style-picker" "$RELEASE_TARGET_DIR/wasm32-unknown-unknown/release/style-picker.wasm"

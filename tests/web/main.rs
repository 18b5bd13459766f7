//! Browser tests: the real components, a scripted fake Content Service and
//! millisecond timings, read by role and text. Run with
//! `wasm-pack test --headless --chrome` (or `--firefox`).
#![cfg(target_arch = "wasm32")]

mod editor;
mod embedding;
mod support;
mod waiting_and_cards;
mod watching;
mod wire;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

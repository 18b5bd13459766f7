//! Memory over many regenerate cycles (the bench's soak, in small): the live
//! allocations of the wasm heap, counted by this test binary's allocator,
//! must not grow from one cycle to the next once the page has warmed up.
//! The bench's soak (`bench/extra.py`) watches the same over 1,000 cycles in Chromium,
//! but only in 64 KiB pages of linear memory; this counts allocations and
//! names the sizes of those that stayed, which is how two leaks were found
//! (a Leptos interval's closure, and screens' subscriptions to `view`).
//! A test binary of its own: its allocator counts only this test, and it
//! has the browser test runner's time limit to itself.
#![cfg(target_arch = "wasm32")]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

use style_picker::shell::Method;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

use support::*;

wasm_bindgen_test_configure!(run_in_browser);

// The browser tests' fake service and page helpers (not all of them used here).
#[allow(dead_code)]
#[path = "web/support.rs"]
mod support;

const WATCH: &str = "?jobId=job-1&eventDraftId=draft-1";

/// The system allocator, counting the bytes it has handed out and not had
/// back, in all and by allocation size (1,024 bytes and more in one count).
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);
const SIZES: usize = 1025;
#[allow(clippy::declare_interior_mutable_const)]
const NONE: AtomicIsize = AtomicIsize::new(0);
static BY_SIZE: [AtomicIsize; SIZES] = [NONE; SIZES];

fn count(size: usize, by: isize) {
    LIVE.fetch_add(by * size as isize, Ordering::Relaxed);
    BY_SIZE[size.min(SIZES - 1)].fetch_add(by, Ordering::Relaxed);
}

// SAFETY: every call goes to `System` unchanged; only the counts are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            count(layout.size(), 1);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        count(layout.size(), -1);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            count(layout.size(), -1);
            count(new_size, 1);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Live bytes, and live allocations by size.
fn snapshot() -> (isize, Vec<isize>) {
    let sizes = BY_SIZE.iter().map(|c| c.load(Ordering::Relaxed)).collect();
    (LIVE.load(Ordering::Relaxed), sizes)
}

/// One cycle as the bench's soak runs it: 다시 생성, a new job (its generate
/// and its status request), FAILED again.
async fn cycle(page: &Page, api: &FakeApi) {
    let ended = api.ended();
    api.then_status([ok(FAILED)]);
    page.button("다시 생성")
        .expect("다시 생성 on the alert")
        .click();
    page.wait_for("the next job's FAILED", |p| {
        api.ended() >= ended + 2 && !api.busy() && p.button("다시 생성").is_some()
    })
    .await;
    api.forget_seen();
}

/// Lets the JavaScript engine collect what the page dropped. Event handlers
/// and animation-frame callbacks are wasm-bindgen closures owned by
/// JavaScript: their Rust side is freed only when the garbage collector
/// finalizes them, whenever it gets round to it, so without this a count
/// would see them as left behind. Chromium runs with `--expose-gc`
/// (webdriver.json); elsewhere, enough garbage makes the engine collect.
/// Finalizers run in tasks of their own after a collection, hence the waits.
async fn collect_garbage() {
    let gc = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("gc"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    for _ in 0..8 {
        match &gc {
            Some(gc) => {
                let _ = gc.call0(&JsValue::NULL);
            }
            None => {
                for _ in 0..64 {
                    std::hint::black_box(js_sys::Array::new_with_length(1 << 16));
                }
            }
        }
        sleep(100).await;
    }
}

/// Runs `step` `WARM` times, then `CYCLES` times between two counts, and
/// fails if the live allocations grew in step with the cycles.
async fn assert_flat<F: std::future::Future<Output = ()>>(what: &str, mut step: impl FnMut() -> F) {
    // Fewer than the bench's (flat after the first 100 of 1,000): this runs
    // within the browser tests' time limit, and a leak of one allocation a
    // cycle already shows as 120.
    const WARM: u32 = 30;
    const CYCLES: u32 = 120;
    for _ in 0..WARM {
        step().await;
    }
    collect_garbage().await;
    let (before, sizes_before) = snapshot();
    for _ in 0..CYCLES {
        step().await;
    }
    collect_garbage().await;
    let (after, sizes_after) = snapshot();
    let per_cycle = (after - before) as f64 / f64::from(CYCLES);
    let allocations = |sizes: &[isize]| sizes.iter().sum::<isize>();
    let more = allocations(&sizes_after) - allocations(&sizes_before);
    let stayed: Vec<String> = (0..SIZES)
        .filter(|&s| sizes_after[s] != sizes_before[s])
        .map(|s| format!("{s} B × {:+}", sizes_after[s] - sizes_before[s]))
        .collect();
    // Counted in allocations, not bytes: a queue or a map that reaches a new
    // high-water mark doubles its buffer once (one allocation for another),
    // while anything a cycle builds and leaves (a closure, a signal, a
    // subscription) adds allocations in step with the cycles. The leaks
    // found here were each one or more allocations a cycle.
    assert!(
        more * 20 < CYCLES as isize,
        "{what}: {more} more live allocations after {CYCLES} cycles (after {WARM} to \
         warm up); the wasm heap grew by {} bytes, {per_cycle:.1} a cycle; allocations \
         that stayed, by size: {}",
        after - before,
        stayed.join(", ")
    );
}

#[wasm_bindgen_test]
async fn regenerate_cycles_leave_no_memory_behind() {
    let api = FakeApi::new([ok(FAILED)]);
    let page = mount(WATCH, &api);
    page.wait_for_role("alert").await;
    assert_flat("다시 생성 → FAILED", || cycle(&page, &api)).await;
    assert_eq!(api.count(Method::Post), 0, "forgotten after each cycle");
}

/// The owner going back and forth between the cards and the editor (다른
/// 스타일, 이 스타일 선택), typing a title each time: both are rebuilt
/// each way, under the completed screen and the picker, which live on.
#[wasm_bindgen_test]
async fn editor_round_trips_leave_no_memory_behind() {
    let api = FakeApi::new([ok(&completed())]);
    let page = mount(WATCH, &api);
    page.open_editor(0).await;
    let mut n = 0u32;
    assert_flat("다른 스타일 → 이 스타일 선택", || {
        n += 1;
        let title = format!("세일 {}", n % 7);
        let page = &page;
        async move {
            page.type_into("제목", &title);
            page.button("다른 스타일").expect("다른 스타일").click();
            page.wait_for("the cards", |p| p.button("이 스타일 선택").is_some())
                .await;
            page.button("이 스타일 선택")
                .expect("이 스타일 선택")
                .click();
            page.wait_for("the editor", |p| p.input("제목").is_some())
                .await;
        }
    })
    .await;
    assert_eq!(api.count(Method::Put), 0, "nothing saved");
}

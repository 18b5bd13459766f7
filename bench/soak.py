#!/usr/bin/env python3
"""The soak benchmark: does memory, the DOM or the request rate grow as an owner keeps going, on
our page and its peers. Three parts (--soak-parts, all by default):

    python bench/soak.py [--soak-parts cycles,saves,background] [--soak-cycles N] [--soak-saves N]
                         [--background-minutes M] LABEL=DIR [LABEL=DIR ...]

  cycles      --soak-cycles FAILED -> 다시 생성 -> FAILED cycles in one page, with the metrics after
              a forced GC (JS heap, DOM nodes, listeners, wasm memory) at --checkpoints; the
              growth per 100 cycles after cycle 100.
  saves       --soak-saves saves in the editor (change 제목, 저장, saved; bench/editor.py's steps),
              with the metrics at --save-checkpoints.
  background  all apps in background tabs of ONE Chromium for --background-minutes, a blank tab
              in front, pressing 계속 기다리기 (a JS click over the tab's own DevTools websocket: a
              hidden tab gets no CDP input) and counting the status requests per minute.

No throttling in the first two. The first app is ours: every ratio is ours / other.
"""

from __future__ import annotations

import json
import math
import time
from urllib.parse import urlsplit
from urllib.request import urlopen

import editor
import harness as H
from harness import M, CDPSocket, Failure, RawTab, f1, fmt_bytes, fmt_ms, log, median, new_job, wait_js

KEEP_WAITING_TEXT = "계속 기다리기"

# chromedriver starts Chromium with these by default; they turn off what Chrome does to
# hidden tabs (timer throttling, backgrounding), so the background part drops them.
BACKGROUND_SWITCHES = ["disable-background-timer-throttling", "disable-backgrounding-occluded-windows"]

# Captures the linear memory of every wasm instance the page creates, for heap_metrics
# (window.__bench_wasm_mem). Our loader calls the wasm-bindgen glue itself, so Trunk's
# TrunkApplicationStarted (measure.WASM_MEM_JS) never fires on our page.
WASM_CAPTURE_JS = r"""
(() => {
  if (window.top !== window || window.__bench_wasm_wrapped) return;
  window.__bench_wasm_wrapped = true;
  window.__bench_wasm_instances = 0;
  addEventListener('TrunkApplicationStarted', () => { window.__bench_trunk_started = true; });
  const W = WebAssembly;
  const keep = (inst) => {
    try {
      const ex = inst && inst.exports;
      if (!ex) return;
      window.__bench_wasm_instances++;
      const mem = ex.memory || Object.values(ex).find((v) => v instanceof W.Memory);
      if (mem) { window.__bench_wasm_mem = mem; window.__bench_wasm_via = 'wrapped WebAssembly API'; }
    } catch (e) { /* */ }
  };
  const pick = (r) => { keep(r instanceof W.Instance ? r : r && r.instance); return r; };
  const streaming = W.instantiateStreaming;
  if (streaming) W.instantiateStreaming = function (...a) { return streaming.apply(this, a).then(pick); };
  const instantiate = W.instantiate;
  W.instantiate = function (...a) { return instantiate.apply(this, a).then(pick); };
  const Instance = W.Instance;
  const Wrapped = function (...a) { const i = new Instance(...a); keep(i); return i; };
  Wrapped.prototype = Instance.prototype;
  W.Instance = Wrapped;
})();
"""


def heap_init(d):
    """Init scripts and domains for heap_metrics on a fresh page."""
    for src in (WASM_CAPTURE_JS, M.WASM_MEM_JS):
        d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": src})
    d.execute_cdp_cmd("Performance.enable", {})
    d.execute_cdp_cmd("HeapProfiler.enable", {})


WASM_SOURCE_JS = ("return window.__bench_wasm_mem ? ((window.__bench_wasm_via || 'TrunkApplicationStarted') + "
                  "(window.__bench_trunk_started ? ', TrunkApplicationStarted fired' : ', TrunkApplicationStarted never fired'))"
                  " : (window.__bench_wasm_instances ? 'an instance without memory' : null)")


def wasm_source(d):
    return d.execute_script(WASM_SOURCE_JS)



# --------------------------------------------------------------------------- the three parts


def checkpoints(spec: str, total: int):
    pts = sorted({int(x) for x in spec.split(",") if x.strip()} | {0, total})
    return [p for p in pts if 0 <= p <= total]


def growth(points, key, from_cycle=100):
    """Per-100 growth of metric `key` from the checkpoint at `from_cycle` (or the first after it) to the end."""
    pts = [(c, m.get(key)) for c, m in points if m.get(key) is not None]
    if not pts:
        return None
    start = next(((c, v) for c, v in pts if c >= from_cycle), None)
    end = pts[-1]
    if start is None or end[0] <= start[0]:
        return None
    return (end[1] - start[1]) / (end[0] - start[0]) * 100


def soak_cycles(browser, app, srv, args, errors):
    label = app["label"]
    srv.reset("failed")
    total = args.soak_cycles
    marks = checkpoints(args.checkpoints, total)
    rec = {"cycles_done": 0, "points": [], "cycle_ms": []}
    d = browser.start()
    t_start = time.perf_counter()
    try:
        M.Browser.prepare(d, None, 1, inject=False)
        heap_init(d)
        d.get(M.page_url(srv, jobId=new_job("soak", label), eventDraftId="draft-1"))
        if not d.execute_async_script(M.WAIT_ALERT_JS, M.REGENERATE_TEXT, int(args.timeout * 1000)):
            raise Failure(f"{label}: first FAILED state (alert + {M.REGENERATE_TEXT}) never appeared")
        time.sleep(0.3)
        rec["points"].append((0, M.heap_metrics(d)))
        rec["wasm_memory_source"] = wasm_source(d)
        for k in range(1, total + 1):
            with srv.lock:
                n_gen = len(srv.generated)
            t0 = time.perf_counter()
            if not M.click_button(d, M.REGENERATE_TEXT):
                raise Failure(f"{label}: cycle {k}: no {M.REGENERATE_TEXT} button")

            def answered():
                with srv.lock:
                    return len(srv.generated) > n_gen and srv.status_counts.get(srv.generated[-1], 0) >= 1

            if not M.wait_until(answered, 15):
                raise Failure(f"{label}: cycle {k}: no generate + status request seen")
            if not d.execute_async_script(M.WAIT_ALERT_JS, M.REGENERATE_TEXT, 15000):
                raise Failure(f"{label}: cycle {k}: FAILED state not shown again")
            rec["cycle_ms"].append((time.perf_counter() - t0) * 1000)
            rec["cycles_done"] = k
            with srv.lock:  # the server's request log would grow by 2 per cycle: keep it short
                del srv.log[:-50]
            if k in marks:
                checkpoint(d, rec, f"soak cycles {label} {k}/{total}", k)
    except Exception as e:
        errors.append(f"soak cycles {label}: {e}")
        log(f"  soak cycles {label}: ERROR {e}")
        rec["error"] = str(e)[:400]
    finally:
        M.quit_quietly(d)
    rec["wall_s"] = time.perf_counter() - t_start
    rec["cycle_ms_median"] = median(rec["cycle_ms"])
    del rec["cycle_ms"][200:]  # keep the JSON small; the median is over all
    for key in ("JSHeapUsedSize", "Nodes", "JSEventListeners", "WasmMemory"):
        rec[f"growth_per_100_{key}"] = growth(rec["points"], key)
    return rec


def checkpoint(d, rec, what, at):
    """Settles, reads the metrics after a forced GC into rec["points"] at `at`, and logs them."""
    time.sleep(0.3)
    m = M.heap_metrics(d)
    rec["points"].append((at, m))
    log(f"  {what}: JS heap {fmt_bytes(m['JSHeapUsedSize'])}, nodes {m['Nodes']:.0f}, "
        f"listeners {m['JSEventListeners']:.0f}, wasm {fmt_bytes(m.get('WasmMemory'))}")


def soak_saves(browser, app, srv, args, errors):
    label = app["label"]
    total = args.soak_saves
    marks = checkpoints(args.save_checkpoints, total)
    rec = {"saves_done": 0, "points": [], "save_ms": []}
    srv.selectdelay = args.selectdelay
    d = None
    t_start = time.perf_counter()
    try:
        srv.reset("complete2")
        d = browser.start()
        M.Browser.prepare(d, None, 1, inject=False)
        heap_init(d)
        d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": editor.EDITOR_JS})
        d.get(M.page_url(srv, jobId=new_job("saves", label), eventDraftId="draft-1"))
        if not editor.reach_editor(d, label, args.timeout, args.editor_wait):
            if label in set(args.editor_optional):
                rec["n/a"] = "no editor"
                return rec
            raise Failure(f"{label}: the confirm step led to no {editor.TITLE_LABEL} field (editor expected)")
        time.sleep(0.3)
        rec["points"].append((0, M.heap_metrics(d)))
        rec["wasm_memory_source"] = wasm_source(d)
        for i in range(1, total + 1):
            s = editor.one_save(d, srv, label, i)
            rec["save_ms"].append(s["toSelected"])
            rec["saves_done"] = i
            if i in marks:
                checkpoint(d, rec, f"soak saves {label} {i}/{total}", i)
    except Exception as e:
        errors.append(f"soak saves {label}: {e}")
        log(f"  soak saves {label}: ERROR {e}")
        rec["error"] = str(e)[:400]
    finally:
        if d is not None:
            M.quit_quietly(d)
    rec["wall_s"] = time.perf_counter() - t_start
    rec["save_ms_median"] = median(rec["save_ms"])
    rec["save_ms_first10"] = median(rec["save_ms"][:10])
    rec["save_ms_last10"] = median(rec["save_ms"][-10:])
    del rec["save_ms"][300:]
    for key in ("JSHeapUsedSize", "Nodes", "JSEventListeners", "WasmMemory"):
        pts = rec["points"]
        rec[f"delta_{key}"] = (pts[-1][1].get(key) - pts[0][1].get(key)) if len(pts) > 1 and \
            pts[-1][1].get(key) is not None and pts[0][1].get(key) is not None else None
    return rec


PRESS_JS = r"""
(() => {
  const vis = document.visibilityState;
  const alert = document.querySelector('[role="alert"]');
  if (!alert) return { state: 'no-alert', vis };
  const btns = Array.from(document.querySelectorAll('button')).filter((b) => !b.disabled);
  let kind = 'keep', b = btns.find((x) => x.textContent.trim() === __KEEP__);
  if (!b) { kind = 'regen'; b = btns.find((x) => x.textContent.trim() === __REGEN__); }
  if (!b) return { state: 'alert-no-button', vis, text: (alert.textContent || '').trim().slice(0, 200) };
  b.click();
  return { state: 'pressed', kind, vis, text: (alert.textContent || '').trim().slice(0, 200) };
})()
""".replace("__KEEP__", json.dumps(KEEP_WAITING_TEXT)).replace("__REGEN__", json.dumps(M.REGENERATE_TEXT))

LIVE_JS = ("(() => { const s = document.querySelector('[role=\"status\"]');"
           " return !!s && (s.textContent || '').includes(" + json.dumps(M.LIVE_MESSAGE) + "); })()")


def soak_background(browser, apps, servers, args, errors):
    """All apps in background tabs of ONE Chromium, a blank tab in front."""
    minutes = args.background_minutes
    excluded = [] if args.bg_keep_chromedriver_switches else BACKGROUND_SWITCHES
    res = {"minutes": minutes, "apps": {}, "browser": "one Chromium, one tab per app, a blank tab in front",
           "excluded_switches": excluded}
    d = browser.start(exclude_switches=excluded)
    socks = {}
    t_wall0 = time.perf_counter()
    try:
        first = True
        for app in apps:
            label = app["label"]
            srv = servers[label]
            srv.reset("processing")
            if not first:
                d.switch_to.new_window("tab")
            first = False
            heap_init(d)
            job = new_job("bg", label)
            d.get(M.page_url(srv, jobId=job, eventDraftId="draft-1"))
            wait_js(d, "return " + LIVE_JS + ";", args.timeout, f"{label}: role=status with the server's words")
            res["apps"][label] = {"job": job, "url": d.current_url, "presses": [], "points": [], "states": {}}
        d.switch_to.new_window("tab")
        d.get(servers[apps[0]["label"]].origin + "/__bench_blank")
        front_vis = d.execute_script("return document.visibilityState")
        addr = (d.capabilities.get("goog:chromeOptions") or {}).get("debuggerAddress")
        if not addr:
            raise Failure("chromedriver reported no debuggerAddress: cannot reach the background tabs")
        targets = json.loads(urlopen(f"http://{addr}/json/list", timeout=10).read())
        for app in apps:
            label = app["label"]
            port = servers[label].port
            t = next((t for t in targets if t.get("type") == "page" and urlsplit(t.get("url", "")).port == port
                      and "__bench_blank" not in t.get("url", "")), None)
            if not t:
                raise Failure(f"{label}: its tab is not among the DevTools targets")
            socks[label] = RawTab(CDPSocket(t["webSocketDebuggerUrl"]))
            socks[label].execute_cdp_cmd("Performance.enable", {})
            socks[label].execute_cdp_cmd("HeapProfiler.enable", {})
        t0 = time.time()
        res["front_tab_visibility"] = front_vis
        for label, tab in socks.items():
            A = res["apps"][label]
            A["visibility_at_start"] = tab.evaluate("document.visibilityState")
            A["points"].append((0.0, M.heap_metrics(tab)))
            A["wasm_memory_source"] = tab.execute_script(WASM_SOURCE_JS)
            A["served_at_start"] = servers[label].status_total()
            A["waiting_release"] = False
            A["visible_seen"] = 0
            log(f"  background {label}: visibilityState {A['visibility_at_start']}")
            if A["visibility_at_start"] != "hidden":
                errors.append(f"background {label}: document.visibilityState is {A['visibility_at_start']!r}, not hidden")
        end = t0 + minutes * 60
        next_metrics = t0 + args.bg_metrics_every * 60
        next_log = t0 + 60
        while time.time() < end:
            for label, tab in socks.items():
                A = res["apps"][label]
                try:
                    r = tab.evaluate(PRESS_JS, timeout=30)
                except Exception as e:
                    raise Failure(f"background {label}: the tab did not answer: {e}")
                A["states"][r["state"]] = A["states"].get(r["state"], 0) + 1
                if r.get("vis") != "hidden":
                    A["visible_seen"] += 1
                if r["state"] == "pressed":
                    A["presses"].append({"t": time.time() - t0, "kind": r["kind"], "text": r.get("text")})
                elif r["state"] == "alert-no-button":
                    A.setdefault("stuck", []).append({"t": time.time() - t0, "text": r.get("text")})
                    if len(A["stuck"]) > 30:
                        raise Failure(f"background {label}: an alert without {KEEP_WAITING_TEXT} / "
                                      f"{M.REGENERATE_TEXT} for 30 polls: {r.get('text')!r}")
            now = time.time()
            if now >= next_metrics:
                for label, tab in socks.items():
                    res["apps"][label]["points"].append((round((now - t0) / 60, 2), M.heap_metrics(tab)))
                next_metrics += args.bg_metrics_every * 60
            if now >= next_log:
                log("  background {:.0f}/{} min: ".format((now - t0) / 60, minutes) + ", ".join(
                    f"{lab} {len(A['presses'])} presses, {servers[lab].status_total() - A['served_at_start']} status"
                    for lab, A in res["apps"].items()))
                next_log += 60
            time.sleep(args.bg_poll)
        t_end = time.time()
        for label, tab in socks.items():
            A = res["apps"][label]
            A["visibility_at_end"] = tab.evaluate("document.visibilityState")
            A["points"].append((round((t_end - t0) / 60, 2), M.heap_metrics(tab)))
            srv = servers[label]
            with srv.lock:
                ts = [e["t"] for e in srv.log if e["path"].startswith("/api/content/jobs/")]
            per_min = [0] * max(1, math.ceil(minutes))
            for t in ts:
                if t0 <= t < t_end:
                    per_min[min(len(per_min) - 1, int((t - t0) // 60))] += 1
            A["status_per_minute"] = per_min
            A["status_requests"] = sum(per_min)
            A["status_rate_per_min"] = A["status_requests"] / ((t_end - t0) / 60)
            A["watches"] = 1 + len(A["presses"])
            A["keep_waiting_presses"] = sum(1 for p in A["presses"] if p["kind"] == "keep")
            A["regenerate_presses"] = sum(1 for p in A["presses"] if p["kind"] == "regen")
            gaps = [b["t"] - a["t"] for a, b in zip(A["presses"], A["presses"][1:])]
            A["seconds_between_presses_median"] = median(gaps)
            log(f"  background {label}: {A['watches']} watches, {A['status_requests']} status requests "
                f"({A['status_rate_per_min']:.1f}/min), visibility at end {A['visibility_at_end']}")
            if A["visibility_at_end"] != "hidden" or A["visible_seen"]:
                errors.append(f"background {label}: the tab was visible at some poll ({A['visible_seen']} polls)")
        res["elapsed_min"] = (t_end - t0) / 60
    except Exception as e:
        errors.append(f"soak background: {e}")
        log(f"  soak background: ERROR {e}")
        res["error"] = str(e)[:400]
    finally:
        for tab in socks.values():
            tab.sock.close()
        M.quit_quietly(d)
    res["wall_s"] = time.perf_counter() - t_wall0
    return res


def run(browser, apps, servers, args, errors):
    out = {"cycles": {}, "saves": {}, "background": None}
    parts = H.labels(args.soak_parts)
    if "cycles" in parts:
        for app in apps:
            out["cycles"][app["label"]] = soak_cycles(browser, app, servers[app["label"]], args, errors)
    if "saves" in parts:
        for app in apps:
            out["saves"][app["label"]] = soak_saves(browser, app, servers[app["label"]], args, errors)
    if "background" in parts and args.background_minutes > 0:
        log(f"  background: {args.background_minutes} min, all apps in one Chromium ...")
        out["background"] = soak_background(browser, apps, servers, args, errors)
    return out


# --------------------------------------------------------------------------- report


def metric_cell(m, key):
    if not m or m.get(key) is None:
        return "n/a"
    v = m[key]
    return fmt_bytes(v) if key in ("JSHeapUsedSize", "WasmMemory", "JSHeapTotalSize") else f"{v:,.0f}"


def signed(v, key):
    if v is None:
        return "n/a"
    if key in ("JSHeapUsedSize", "WasmMemory"):
        return f"{v / 1024:+,.1f} KiB"
    return f"{v:+,.1f}"


def report(result, apps, others):
    L = []
    S = result["soak"]
    if S.get("cycles"):
        L += ["", f"## Soak: {result['args']['soak_cycles']} regenerate cycles (FAILED → 다시 생성 → FAILED), forced GC, no throttling", "",
              "| app | cycle | JS heap | DOM nodes | listeners | wasm memory |", "|---|---:|---:|---:|---:|---:|"]
        for lab in apps:
            c = S["cycles"].get(lab) or {}
            for cyc, m in c.get("points", []):
                L.append(f"| {lab} | {cyc} | {metric_cell(m, 'JSHeapUsedSize')} | {metric_cell(m, 'Nodes')} | "
                         f"{metric_cell(m, 'JSEventListeners')} | {metric_cell(m, 'WasmMemory')} |")
            if c.get("error"):
                L.append(f"| {lab} | error | {c['error']} | | | |")
        L += ["", "| app | growth per 100 cycles after cycle 100: JS heap | nodes | listeners | wasm memory | cycles | cycle ms median | wasm memory read via |",
              "|---|---:|---:|---:|---:|---:|---:|---|"]
        for lab in apps:
            c = S["cycles"].get(lab) or {}
            L.append(f"| {lab} | {signed(c.get('growth_per_100_JSHeapUsedSize'), 'JSHeapUsedSize')} | "
                     f"{signed(c.get('growth_per_100_Nodes'), 'Nodes')} | {signed(c.get('growth_per_100_JSEventListeners'), 'x')} | "
                     f"{signed(c.get('growth_per_100_WasmMemory'), 'WasmMemory')} | {c.get('cycles_done')} | "
                     f"{fmt_ms(c.get('cycle_ms_median'))} | {c.get('wasm_memory_source') or 'n/a (no wasm)'} |")
    if S.get("saves"):
        L += ["", f"## Soak: {result['args']['soak_saves']} saves in the editor (change 제목, 저장, saved), forced GC, no throttling", "",
              "| app | saves | JS heap | DOM nodes | listeners | wasm memory |", "|---|---:|---:|---:|---:|---:|"]
        for lab in apps:
            c = S["saves"].get(lab) or {}
            if c.get("n/a"):
                L.append(f"| {lab} | n/a (no editor) | | | | |")
                continue
            for n, m in c.get("points", []):
                L.append(f"| {lab} | {n} | {metric_cell(m, 'JSHeapUsedSize')} | {metric_cell(m, 'Nodes')} | "
                         f"{metric_cell(m, 'JSEventListeners')} | {metric_cell(m, 'WasmMemory')} |")
            if c.get("error"):
                L.append(f"| {lab} | error | {c['error']} | | | |")
        L += ["", "| app | Δ JS heap | Δ nodes | Δ listeners | Δ wasm memory | click → style-selected, first 10 / last 10 (ms) |",
              "|---|---:|---:|---:|---:|---:|"]
        for lab in apps:
            c = S["saves"].get(lab) or {}
            if c.get("n/a"):
                continue
            L.append(f"| {lab} | {signed(c.get('delta_JSHeapUsedSize'), 'JSHeapUsedSize')} | {signed(c.get('delta_Nodes'), 'x')} | "
                     f"{signed(c.get('delta_JSEventListeners'), 'x')} | {signed(c.get('delta_WasmMemory'), 'WasmMemory')} | "
                     f"{f1(c.get('save_ms_first10'))} / {f1(c.get('save_ms_last10'))} |")
    B = S.get("background")
    if B:
        L += ["", f"## Soak: background, {B['minutes']} min, processing mode ({B['browser']}; 계속 기다리기 pressed "
              "with JS button.click() from DevTools Runtime.evaluate: a hidden tab gets no CDP input, and "
              "chromedriver's switch_to.window would bring it to the front)", ""]
        if B.get("error"):
            L.append(f"error: {B['error']}")
        L += ["| app | visibilityState start / end | watches | status requests | per minute | per minute, each minute | "
              "s between presses (median) | JS heap start → 10 min → end | nodes | listeners | wasm memory |",
              "|---|---|---:|---:|---:|---|---:|---|---|---|---|"]
        for lab in apps:
            A = B["apps"].get(lab)
            if not A:
                continue
            pts = A.get("points", [])
            sel = [pts[0]] + [p for p in pts[1:-1] if abs(p[0] - 10) < 1][:1] + ([pts[-1]] if len(pts) > 1 else [])
            series = lambda key: " → ".join(metric_cell(m, key) for _, m in sel)  # noqa: E731
            L.append(f"| {lab} | {A.get('visibility_at_start')} / {A.get('visibility_at_end')} | {A.get('watches')} | "
                     f"{A.get('status_requests')} | {f1(A.get('status_rate_per_min'))} | "
                     f"{' '.join(str(x) for x in A.get('status_per_minute', []))} | "
                     f"{f1(A.get('seconds_between_presses_median'))} | {series('JSHeapUsedSize')} | {series('Nodes')} | "
                     f"{series('JSEventListeners')} | {series('WasmMemory')} |")
        L.append(f"(metric points at minutes: {', '.join(str(p[0]) for p in (B['apps'].get(apps[0]) or {}).get('points', []))}, "
                 f"taken in whatever state each page is in; front tab visibilityState {B.get('front_tab_visibility')}; "
                 + (f"chromedriver's --{' --'.join(B['excluded_switches'])} dropped, so Chrome throttles hidden tabs as it does for a user"
                    if B.get("excluded_switches") else "chromedriver's switches kept: no hidden-tab timer throttling") + ")")
    return L


def figures(result, apps):
    """(name, {app: value}, formatter) for the run's summary table."""
    F = []
    kib = lambda x: "n/a" if x is None else f"{x / 1024:+,.1f} KiB"  # noqa: E731
    num = lambda x: "n/a" if x is None else f"{x:+,.1f}"  # noqa: E731
    C = result["soak"].get("cycles") or {}
    if C:
        F.append(("soak: JS heap per 100 cycles after 100", {a: (C.get(a) or {}).get("growth_per_100_JSHeapUsedSize") for a in apps}, kib))
        F.append(("soak: DOM nodes per 100 cycles after 100", {a: (C.get(a) or {}).get("growth_per_100_Nodes") for a in apps}, num))
        F.append(("soak: listeners per 100 cycles after 100", {a: (C.get(a) or {}).get("growth_per_100_JSEventListeners") for a in apps}, num))
    Sv = result["soak"].get("saves") or {}
    if Sv:
        F.append(("soak: JS heap over the saves", {a: (Sv.get(a) or {}).get("delta_JSHeapUsedSize") for a in apps}, kib))
    B = result["soak"].get("background")
    if B and B.get("apps"):
        F.append(("background: status requests per minute", {a: (B["apps"].get(a) or {}).get("status_rate_per_min") for a in apps},
                  lambda x: "n/a" if x is None else f"{x:.1f}"))
    return F


def add_args(ap):
    ap.add_argument("--soak-parts", default="cycles,saves,background")
    ap.add_argument("--soak-cycles", type=int, default=1000)
    ap.add_argument("--checkpoints", default="0,100,200,500,1000", help="cycles: metrics after these cycles (and the last)")
    ap.add_argument("--soak-saves", type=int, default=200)
    ap.add_argument("--save-checkpoints", default="0,50,100,200", help="saves: metrics after these saves (and the last)")
    editor.add_editor_args(ap)
    ap.add_argument("--background-minutes", type=float, default=60)
    ap.add_argument("--bg-metrics-every", type=float, default=10, help="background: minutes between metric points")
    ap.add_argument("--bg-poll", type=float, default=1.0, help="background: seconds between looks at each tab")
    ap.add_argument("--bg-keep-chromedriver-switches", action="store_true",
                    help="background: keep chromedriver's --" + " --".join(BACKGROUND_SWITCHES) +
                         " (no hidden-tab throttling); by default they are dropped, as in a user's Chrome")


def check(args):
    unknown = set(H.labels(args.soak_parts)) - {"cycles", "saves", "background"}
    return f"--soak-parts: unknown {sorted(unknown)} (cycles, saves, background)" if unknown else None


if __name__ == "__main__":
    H.main("soak", __doc__, add_args, run, report, figures, check)

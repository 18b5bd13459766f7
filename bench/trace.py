#!/usr/bin/env python3
"""The load-trace benchmark: where the time of a slow cold load goes, request by request and on
the main thread, on our page and its peers.

    python bench/trace.py [--trace-runs N] LABEL=DIR [LABEL=DIR ...]

Slow 4G + CPU x4, cache disabled, a fresh Chromium per load, the page in processing mode until
role=status shows the server's words. It records chromedriver's performance log: the CDP Network
events and a Chrome trace (TRACE_CATEGORIES). Per app, a waterfall (every document/js/wasm/css
request and the first status request: sent, response start, end, as the throttled network saw
them) with the main-thread milestones found in the trace (script evaluation, wasm streaming
compile, instantiate, first status fetch, live), as a table and as a text bar chart; the median
of --trace-runs loads. The raw trace of each app's first load is written to bench/results/
(Chrome trace format: chrome://tracing, Perfetto). The first app is ours: every ratio is ours / other.
"""

from __future__ import annotations

import json
import math
import re
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import harness as H
from harness import M, RESULTS, Failure, fmt_bytes, fmt_ms, log, median

TRACE_CATEGORIES = ("devtools.timeline,v8,v8.wasm,disabled-by-default-devtools.timeline,loading,"
                    "blink.user_timing")
PERF_PREFS = {"enableNetwork": True, "enablePage": True, "traceCategories": TRACE_CATEGORIES}


def classify(url: str, doc_url: str) -> str | None:
    if url == doc_url:
        return "document"
    path = urlsplit(url).path
    if "/api/content/jobs/" in path and path.endswith("/status"):
        return "status"
    ext = Path(path).suffix.lower()
    return {".js": "js", ".mjs": "js", ".wasm": "wasm", ".css": "css"}.get(ext)


def short(url: str) -> str:
    p = urlsplit(url).path
    name = p.rsplit("/", 1)[-1] or "/"
    if "/api/content/jobs/" in p:
        return "(first request)"
    return re.sub(r"-[0-9a-f]{12,}(?=[._])", "-…", name) if len(name) > 30 else name


def parse_perf_log(entries, doc_url: str):
    """chromedriver performance log -> network requests, trace events, the document's navigationStart."""
    net: dict[str, dict] = {}
    trace = []
    for e in entries:
        m = json.loads(e["message"])["message"]
        meth, p = m.get("method"), m.get("params", {})
        if meth == "Tracing.dataCollected":
            trace.append(p)
        elif meth == "Network.requestWillBeSent":
            r = net.setdefault(p["requestId"], {})
            if "sent" not in r:  # keep the first (a redirect sends again under the same id)
                r.update({"url": p["request"]["url"], "type": p.get("type"), "sent": p["timestamp"]})
        elif meth == "Network.responseReceived":
            r = net.setdefault(p["requestId"], {})
            t = p["response"].get("timing") or {}
            r.update({"received": p["timestamp"], "status": p["response"].get("status"),
                      "headersEnd": (t["requestTime"] + t["receiveHeadersEnd"] / 1000) if t.get("requestTime") else None})
        elif meth == "Network.loadingFinished":
            net.setdefault(p["requestId"], {}).update({"finished": p["timestamp"], "bytes": p.get("encodedDataLength")})
        elif meth == "Network.loadingFailed":
            net.setdefault(p["requestId"], {}).update({"failed": p["timestamp"], "error": p.get("errorText")})
    doc_id = next((rid for rid, r in net.items() if r.get("url") == doc_url and r.get("type") == "Document"), None)
    nav = None
    for ev in trace:
        if ev.get("name") == "navigationStart" and doc_id and \
                ((ev.get("args") or {}).get("data") or {}).get("navigationId") == doc_id:
            nav = ev
            break
    return net, trace, nav


# Wasm trace events (category v8.wasm, Chromium 156) read as milestones: name -> (key, label, bar label).
WASM_TASKS = {"wasm.FinishStreaming": ("wasm-finish", "wasm: streaming compile finishes (FinishStreaming)", "wasm compile finish"),
              "wasm.AsyncInstantiate": ("wasm-instantiate", "wasm: instantiate (AsyncInstantiate)", "wasm instantiate"),
              # names of other V8 versions, in case they show up instead
              "v8.wasm.finishedStreamingCompilation": ("wasm-finish", "wasm: streaming compile finishes", "wasm compile finish"),
              "v8.wasm.compiledModule": ("wasm-compiled", "wasm: module compiled", "wasm compiled"),
              "v8.wasm.instantiate": ("wasm-instantiate", "wasm: instantiate", "wasm instantiate")}


def mark(key, what, bar, event, start, end, thread, kind, **extra):
    return {"key": key, "what": what, "bar": bar, "event": event, "start": start, "end": end, "thread": thread,
            "kind": kind, **extra}


def trace_milestones(trace, pid, t0_us, urls_by_kind):
    """Events of the page's renderer read as milestones, in ms from navigation start."""
    names = {e["tid"]: (e.get("args") or {}).get("name") for e in trace
             if e.get("ph") == "M" and e.get("name") == "thread_name" and e.get("pid") == pid}
    evs = sorted((e for e in trace if e.get("pid") == pid and e.get("ph") != "M"), key=lambda e: e.get("ts", 0))
    ms = lambda us: (us - t0_us) / 1000.0  # noqa: E731
    th = lambda e: names.get(e.get("tid"), str(e.get("tid")))  # noqa: E731
    out = []
    wasm_names: dict[str, int] = {}
    script_urls = set(urls_by_kind.get("js", []))
    compiles: dict[str, tuple] = {}
    evals: dict[str, tuple] = {}
    modules = []
    chunks, lazy = [], []
    stream_start = None
    seen = set()
    for e in evs:
        name = e.get("name", "")
        args = e.get("args") or {}
        data = args.get("data") or {}
        start = ms(e["ts"])
        end = start + (e.get("dur") or 0) / 1000.0
        if "wasm" in e.get("cat", "") or "wasm" in name:
            wasm_names[name] = wasm_names.get(name, 0) + 1
        if name == "wasm.StartStreamingCompilation" and stream_start is None:
            stream_start = start
        elif name in WASM_TASKS and e.get("ph") == "X" and WASM_TASKS[name][0] not in seen:
            key, what, bar = WASM_TASKS[name]
            seen.add(key)
            if key == "wasm-finish" and stream_start is not None:
                out.append(mark("wasm-stream", "wasm: streaming compile, StartStreamingCompilation → end of FinishStreaming",
                                "wasm streaming compile", "wasm.*", stream_start, end, th(e), "span"))
            out.append(mark(key, what, bar, name, start, end, th(e), "task"))
        elif name == "wasm.OnBytesReceived":
            chunks.append((start, end, args.get("bytes") or 0))
        elif name == "wasm.CompileLazy":
            lazy.append((start, end))
        url = data.get("url") or args.get("fileName")
        if name in ("v8.compileModule", "v8.compile") and url in script_urls and url not in compiles:
            compiles[url] = (start, end, name, th(e))
        elif name == "EvaluateScript" and url in script_urls and url not in evals:
            evals[url] = (start, end, name, th(e))
        elif name == "v8.evaluateModule" and th(e) == "CrRendererMain":
            modules.append((start, end))
    if chunks:
        out.append(mark("wasm-chunks", "wasm: received bytes compiled on the main thread (wasm.OnBytesReceived)",
                        "wasm bytes compiled", "wasm.OnBytesReceived", chunks[0][0], chunks[-1][1], "CrRendererMain", "span",
                        count=len(chunks), kib=sum(c[2] for c in chunks) / 1024, sum_ms=sum(c[1] - c[0] for c in chunks)))
    if lazy:
        out.append(mark("wasm-lazy", "wasm: lazy function compiles (wasm.CompileLazy), first → last in the trace",
                        "wasm lazy compiles", "wasm.CompileLazy", lazy[0][0], lazy[-1][1], "CrRendererMain", "span",
                        count=len(lazy), sum_ms=sum(b - a for a, b in lazy)))
    for url, (a, b, name, t) in compiles.items():
        out.append(mark(f"compile {short(url)}", f"compile {short(url)}", f"compile {short(url)}", name, a, b, t, "task"))
    for url, (a, b, name, t) in evals.items():
        out.append(mark(f"evaluate {short(url)}", f"evaluate {short(url)}", f"evaluate {short(url)}", name, a, b, t, "task"))
    for i, (a, b) in enumerate(modules):
        out.append(mark(f"module {i + 1}", f"evaluate module #{i + 1} (v8.evaluateModule carries no URL)",
                        f"evaluate module #{i + 1}", "v8.evaluateModule", a, b, "CrRendererMain", "task"))
    for e in evs:
        if e.get("name") == "ResourceSendRequest":
            u = ((e.get("args") or {}).get("data") or {}).get("url", "")
            if "/api/content/jobs/" in u and u.endswith("/status"):
                out.append(mark("status-sent", "first status fetch sent (ResourceSendRequest)", "first status fetch",
                                "ResourceSendRequest", ms(e["ts"]), ms(e["ts"]), th(e), "instant"))
                break
    for e in evs:
        if e.get("name") == "firstContentfulPaint":
            out.append(mark("fcp", "first contentful paint", "FCP", "firstContentfulPaint", ms(e["ts"]), ms(e["ts"]),
                            th(e), "instant"))
            break
    return out, {"wasm_event_names": wasm_names, "wasm_lazy_compiles": len(lazy)}


def trace_one(browser, srv, label, args, run_idx):
    srv.reset("processing")
    d = browser.start(perf_prefs=PERF_PREFS)
    try:
        M.Browser.prepare(d, M.SLOW4G, 4, inject=True)
        url = M.page_url(srv, jobId=f"bench-trace-{uuid.uuid4().hex[:8]}", eventDraftId="draft-1")
        # (no get_log before the navigation: chromedriver restarts tracing after a read, and the
        # navigation's first events were lost that way)
        d.get(url)
        r = d.execute_async_script(M.WAIT_JS, "live", int(args.timeout * 1000), 0)
        if r.get("timedOut") or r.get("liveAt") is None:
            raise Failure(f"{label}: role=status never showed the server's words (trace run {run_idx + 1})")
        entries = d.get_log("performance")
    finally:
        M.quit_quietly(d)
    doc_url = r["href"]
    net, trace, nav = parse_perf_log(entries, doc_url)
    if not nav:
        raise Failure(f"{label}: no navigationStart for the document in the trace ({len(trace)} events)")
    t0 = nav["ts"]
    pid = nav["pid"]
    rows = []
    first_status_seen = False
    for q in sorted(net.values(), key=lambda q: q.get("sent", 1e18)):
        if "sent" not in q:
            continue
        kind = classify(q["url"], doc_url)
        if kind is None:
            continue
        if kind == "status":
            if first_status_seen:
                continue
            first_status_seen = True
        ms = lambda s: None if s is None else s * 1000 - t0 / 1000  # noqa: E731  (seconds -> ms from nav)
        rows.append({"key": f"{kind} {short(q['url'])}", "kind": kind, "url": q["url"], "type": q.get("type"),
                     "start": ms(q["sent"]), "responseStart": ms(q.get("headersEnd")), "end": ms(q.get("finished")),
                     "mainThreadReceived": ms(q.get("received")), "bytes": q.get("bytes"),
                     "status": q.get("status"), "error": q.get("error")})
    urls_by_kind: dict[str, list] = {}
    for row in rows:
        urls_by_kind.setdefault(row["kind"], []).append(row["url"])
    marks, info = trace_milestones(trace, pid, t0, urls_by_kind)
    # In-page times are ms since performance.timeOrigin, which is this navigationStart.
    marks.append(mark("status-visible", "role=status visible (in-page MutationObserver)", "role=status visible",
                      "in-page", r["statusAt"], r["statusAt"], "CrRendererMain", "instant"))
    marks.append(mark("live", "live: role=status shows the server's words (in-page MutationObserver)", "live",
                      "in-page", r["liveAt"], r["liveAt"], "CrRendererMain", "instant"))
    fcp_trace = next((m["start"] for m in marks if m["key"] == "fcp"), None)
    # Who else kept a main thread busy during the load (2 cores are shared by every process).
    pname = {e["pid"]: (e.get("args") or {}).get("name") for e in trace if e.get("name") == "process_name"}
    tname = {(e["pid"], e["tid"]): (e.get("args") or {}).get("name") for e in trace if e.get("name") == "thread_name"}
    busy: dict[str, float] = {}
    t_live = t0 + r["liveAt"] * 1000
    for e in trace:
        if e.get("name") == "RunTask" and e.get("ph") == "X" and t0 <= e.get("ts", 0) <= t_live:
            who = f"{pname.get(e['pid'], e['pid'])}{' (this page)' if e['pid'] == pid else ''} / {tname.get((e['pid'], e['tid']), e['tid'])}"
            busy[who] = busy.get(who, 0.0) + (e.get("dur") or 0) / 1000
    busy = dict(sorted(busy.items(), key=lambda kv: -kv[1])[:5])
    return {
        "rows": rows, "marks": marks, "info": info, "pid": pid, "n_trace_events": len(trace), "busy_ms": busy,
        "n_page_events": sum(1 for e in trace if e.get("pid") == pid),
        "fcp_in_page": r.get("fcp"), "fcp_trace": fcp_trace, "liveAt": r["liveAt"], "statusAt": r["statusAt"],
        "trace_events": trace, "doc_url": doc_url,
        "wasm_requests": sum(1 for x in rows if x["kind"] == "wasm"),
    }


# --------------------------------------------------------------------------- the benchmark


def run(browser, apps, servers, args, errors):
    out = {}
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for app in apps:
        label = app["label"]
        runs = []
        for i in range(args.trace_runs):
            try:
                t = trace_one(browser, servers[label], label, args, i)
            except Exception as e:
                errors.append(f"trace {label} #{i + 1}: {e}")
                log(f"  trace {label} #{i + 1}: ERROR {e}")
                continue
            if i == 0 or not any(r.get("trace_file") for r in runs):
                RESULTS.mkdir(parents=True, exist_ok=True)
                path = RESULTS / f"trace-{label}-{stamp}.json"
                path.write_text(json.dumps({"traceEvents": t["trace_events"], "displayTimeUnit": "ms",
                                            "metadata": {"app": label, "url": t["doc_url"], "condition": "slow4g + CPU x4",
                                                         "categories": TRACE_CATEGORIES}}))
                t["trace_file"] = str(path)
            del t["trace_events"]
            runs.append(t)
            wasm = [m for m in t["marks"] if m["key"].startswith("wasm")]
            log(f"  trace {label} #{i + 1}: live {t['liveAt']:.0f} ms, {len(t['rows'])} requests, "
                f"{len(wasm)} wasm milestones, {t['n_page_events']} page trace events")
        if not runs:
            out[label] = {"runs": [], "rows": [], "marks": []}
            continue
        # Median per item over runs (items keyed by kind + file name, milestones by label).
        def med_rows(key_fn, lists, fields):
            keys = []
            for lst in lists:
                for x in lst:
                    if key_fn(x) not in keys:
                        keys.append(key_fn(x))
            res = []
            for k in keys:
                xs = [next((x for x in lst if key_fn(x) == k), None) for lst in lists]
                xs = [x for x in xs if x is not None]
                row = dict(xs[0])
                for f in fields:
                    row[f] = median([x.get(f) for x in xs])
                row["n"] = len(xs)
                res.append(row)
            return res
        rows = med_rows(lambda x: x["key"], [r["rows"] for r in runs], ("start", "responseStart", "end", "mainThreadReceived", "bytes"))
        marks = med_rows(lambda x: x["key"], [r["marks"] for r in runs], ("start", "end", "count", "kib", "sum_ms"))
        wasm_names = {}
        for r in runs:
            for k, v in r["info"]["wasm_event_names"].items():
                wasm_names[k] = max(wasm_names.get(k, 0), v)
        out[label] = {
            "runs": runs, "rows": rows, "marks": sorted(marks, key=lambda m: m["start"] if m["start"] is not None else 1e9),
            "live_median": median([r["liveAt"] for r in runs]),
            "status_median": median([r["statusAt"] for r in runs]),
            "fcp_offset_ms": median([(r["fcp_trace"] - r["fcp_in_page"]) for r in runs
                                     if r.get("fcp_trace") is not None and r.get("fcp_in_page") is not None]),
            "wasm_event_names": wasm_names,
            "busy_ms": {k: median([r["busy_ms"].get(k) for r in runs]) for k in runs[0]["busy_ms"]},
            "trace_file": next((r.get("trace_file") for r in runs if r.get("trace_file")), None),
            "n": len(runs),
        }
        has_wasm_file = any(x["kind"] == "wasm" for x in rows)
        if has_wasm_file and not any(m["key"] in ("wasm-finish", "wasm-compiled") for m in marks):
            errors.append(f"trace {label}: a .wasm was loaded but the trace holds no wasm compile event "
                          f"(categories {TRACE_CATEGORIES!r}; wasm event names seen: {sorted(wasm_names)})")
    return out


def bar_chart(rows, marks, width=100):
    items = []
    for r in rows:
        items.append((r["key"], r["start"], r["responseStart"], r["end"], "req"))
    for m in marks:
        items.append((m["bar"] + (f" ({m['count']:.0f})" if m.get("count") else ""), m["start"], None, m["end"],
                      "mark" if m["kind"] == "instant" else m["kind"]))
    ends = [x[3] for x in items if x[3] is not None] + [x[1] for x in items if x[1] is not None]
    if not ends:
        return "(nothing to draw)"
    total = max(ends)
    step = max(10.0, math.ceil(total / width / 10) * 10)
    col = lambda t: int(round(max(0.0, t) / step))  # noqa: E731
    lines = [f"scale: 1 character = {step:.0f} ms; '-' request sent → response start, '=' response start → end, "
             f"'#' one task, '~' a span of several, '|' an instant"]
    namew = min(46, max(len(x[0]) for x in items))
    for name, start, mid, end, kind in sorted(items, key=lambda x: (x[1] if x[1] is not None else 1e9)):
        if start is None:
            continue
        a = col(start)
        bar = " " * a
        if kind == "req":
            m = col(mid) if mid is not None else a
            e = col(end) if end is not None else m
            bar += "-" * max(0, m - a) + "=" * max(1 if end is not None else 0, e - m)
        elif kind == "task":
            bar += "#" * max(1, col(end) - a)
        elif kind == "span":
            bar += "~" * max(1, col(end) - a)
        else:
            bar += "|"
        lines.append(f"{name[:namew]:<{namew}} {bar}  {start:,.0f}" + (f"–{end:,.0f}" if end is not None and end != start else ""))
    return "\n".join(lines)


def report(result, apps, others):
    T = result["trace"]
    L = ["", f"## Load trace, slow4g + CPU x4, cache disabled (median of {result['args']['trace_runs']} traced loads; "
         "ms from navigation start)", "",
         "Network times are the DevTools Network events (the throttled network): sent = requestWillBeSent, "
         "response start = timing.requestTime + receiveHeadersEnd, end = loadingFinished; 'main thread got it' = "
         "responseReceived, when the renderer took the response. Tracing itself slows the page: compare with the "
         "cold section, not across."]
    for lab in apps:
        t = T.get(lab) or {}
        L += ["", f"### {lab}" + (f" (raw trace: {t['trace_file']})" if t.get("trace_file") else ""), ""]
        if not t.get("rows"):
            L.append("no successful traced load")
            continue
        L += ["| request | type | bytes | sent | response start | end | main thread got it |",
              "|---|---|---:|---:|---:|---:|---:|"]
        for r in t["rows"]:
            L.append(f"| {r['key']} | {r.get('type')} | {fmt_bytes(r.get('bytes'))} | {fmt_ms(r['start'])} | "
                     f"{fmt_ms(r['responseStart'])} | {fmt_ms(r['end'])} | {fmt_ms(r['mainThreadReceived'])} |")
        L += ["", "| milestone | trace event | thread | start | end |", "|---|---|---|---:|---:|"]
        for m in t["marks"]:
            extra = ""
            if m.get("count"):
                extra = f" ({m['count']:.0f}" + (f", {m['kib']:.0f} KiB" if m.get("kib") else "") + \
                    (f", Σ {m['sum_ms']:.1f} ms" if m.get("sum_ms") is not None else "") + ")"
            L.append(f"| {m['what']}{extra} | {m['event']} | {m['thread']} | {fmt_ms(m['start'])} | "
                     f"{fmt_ms(m['end']) if m['kind'] != 'instant' else ''} |")
        L += ["", "```", bar_chart(t["rows"], t["marks"]), "```"]
        if t.get("busy_ms"):
            L.append("Main threads busy from navigation start to live (RunTask, ms, median): "
                     + "; ".join(f"{k} {v:,.0f}" for k, v in t["busy_ms"].items() if v is not None) + ".")
        if t.get("fcp_offset_ms") is not None:
            L.append(f"Clock check: trace FCP − in-page FCP = {t['fcp_offset_ms']:+.1f} ms (median).")
    return L


def figures(result, apps):
    """(name, {app: value}, formatter) for the run's summary table."""
    T = result["trace"]
    ms = lambda x: "n/a" if x is None else f"{x:,.1f} ms"  # noqa: E731

    def mark_end(a, pred):
        ends = [m["end"] for m in (T.get(a) or {}).get("marks", []) if pred(m)]
        return max(ends) if ends else None

    return [
        ("traced load: live (slow4g + CPU x4, tracing on)", {a: (T.get(a) or {}).get("live_median") for a in apps}, ms),
        ("traced load: wasm streaming compile finished", {a: mark_end(a, lambda m: m["key"] == "wasm-finish") for a in apps}, ms),
    ]


def add_args(ap):
    ap.add_argument("--trace-runs", type=int, default=3, help="traced loads per app (median)")


if __name__ == "__main__":
    H.main("trace", __doc__, add_args, run, report, figures)

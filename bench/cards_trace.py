"""COMPLETED -> three cards under CPU x4, traced (issue 13's spread).

For each app and run: a fresh Chromium with CPU x4 and no network throttling
loads the page, the bench server answers COMPLETED on the second status
request, and a trace (devtools.timeline, v8, v8.wasm, V8's GC) is read back.
It prints, per run: the latency (responseEnd -> 3 images in the DOM, as
measure.py's completion section takes it), the main thread's busy time and
its layouts and paints over the last 1.5 s of waiting (what a COMPLETED
answer has to queue behind), the wasm functions compiled lazily around the
answer (V8's func_index; bench/wasm_names.py names them), the main thread's
tasks from the answer to the cards with what ran in them, and the top events.

  BENCH=../shared/bench; $BENCH/.venv/bin/python bench/cards_trace.py \
      leptos=dist vanilla=$BENCH/peers/vanilla --runs 3
"""
import sys, uuid, argparse, collections
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
import extra as X
M = X.M
from pathlib import Path
from urllib.parse import urlsplit

CATS = ("devtools.timeline,v8,v8.wasm,disabled-by-default-devtools.timeline,blink.user_timing,"
        "disabled-by-default-v8.gc,v8.execute")
X.PERF_PREFS = {"enableNetwork": True, "enablePage": True, "traceCategories": CATS}

ap = argparse.ArgumentParser()
ap.add_argument("apps", nargs="+")
ap.add_argument("--runs", type=int, default=8)
ap.add_argument("--chromium", default="/usr/bin/chromium")
ap.add_argument("--chromedriver", default="/usr/bin/chromedriver")
ap.add_argument("--timeout", type=float, default=60)
args = ap.parse_args()
apps = X.parse_apps(args.apps)
servers = {a["label"]: X.ExtraServer(a["label"], Path(a["dir"]), "auto", "localhost").start() for a in apps}
browser = X.ExtraBrowser(args)
for i in range(args.runs):
    for app in apps:
        label = app["label"]; srv = servers[label]
        srv.reset("complete2")
        url = M.page_url(srv, jobId=f"bench-done-{uuid.uuid4().hex[:8]}", eventDraftId="draft-1")
        d = browser.start(perf_log=True)
        try:
            M.Browser.prepare(d, None, 4)
            d.get(url)
            r = d.execute_async_script(M.WAIT_JS, "cards", 60000, 0)
            entries = d.get_log("performance")
        finally:
            M.quit_quietly(d)
        st = sorted((x for x in r.get("resources", []) if "/status" in urlsplit(x["name"]).path), key=lambda x: x["end"])
        cards = r.get("cardsAt")
        before = [x for x in st if x["end"] and x["end"] <= cards]
        resp_end = before[-1]["end"]
        net, trace, doc_id, nav = X.parse_perf_log(entries, r["href"])
        t0 = nav["ts"]; pid = nav["pid"]
        tname = {(e["pid"], e["tid"]): (e.get("args") or {}).get("name") for e in trace if e.get("name") == "thread_name"}
        lo, hi = t0 + resp_end * 1000 - 2000, t0 + cards * 1000 + 1000
        agg = collections.Counter(); cnt = collections.Counter()
        tops = []
        for e in trace:
            if e.get("pid") != pid or e.get("ph") != "X": continue
            ts = e.get("ts", 0); dur = e.get("dur") or 0
            if ts + dur < lo or ts > hi: continue
            th = tname.get((e["pid"], e["tid"]), e["tid"])
            key = f"{th}:{e['name']}"
            agg[key] += dur / 1000; cnt[key] += 1
            if th == "CrRendererMain" and e["name"] == "RunTask":
                tops.append((round((ts - t0) / 1000 - resp_end, 1), round(dur / 1000, 1)))
        lat = cards - resp_end
        lz = [e for e in trace if e.get("pid") == pid and e.get("name") == "wasm.CompileLazy" and lo <= e.get("ts",0) <= hi]
        win = [e for e in trace if e.get("pid") == pid and e.get("ph") == "X" and tname.get((e["pid"], e["tid"])) == "CrRendererMain" and t0 + (resp_end-1500)*1000 <= e.get("ts",0) <= t0 + resp_end*1000]
        fr = collections.Counter(e["name"] for e in win if e["name"] in ("Layout","UpdateLayoutTree","Paint","RunTask"))
        busy = sum((e.get("dur") or 0) for e in win if e["name"]=="RunTask")/1000
        print(f"  last 1.5 s of waiting: main busy {busy:.1f} ms, {dict(fr)}")
        print("  lazy:", [(e.get("args") or {}) for e in lz][:20])
        main = [e for e in trace if e.get("pid") == pid and e.get("ph") == "X" and tname.get((e["pid"], e["tid"])) == "CrRendererMain"]
        rel = lambda ts: (ts - t0) / 1000 - resp_end
        tasks = [e for e in main if e["name"] == "RunTask" and rel(e["ts"]) <= lat + 0.5 and rel(e["ts"] + (e.get("dur") or 0)) >= -1]
        for t in tasks:
            if (t.get("dur") or 0) < 1000: continue
            a, b = t["ts"], t["ts"] + t["dur"]
            kids = [e for e in main if a <= e["ts"] <= b and e is not t and (e.get("dur") or 0) >= 300]
            print(f"  task {rel(a):.1f}+{t['dur']/1000:.1f}:", ", ".join(f"{e['name']}@{rel(e['ts']):.1f}+{e['dur']/1000:.1f}" + (f"[{(e.get('args') or {}).get('data',{}).get('functionName','')}]" if e['name'] in ('FunctionCall',) else '') for e in kids[:25]))
        t_lo, t_hi = t0 + resp_end * 1000, t0 + cards * 1000
        inside = sum(max(0, min(e["ts"] + (e.get("dur") or 0), t_hi) - max(e["ts"], t_lo))
                     for e in main if e["name"] == "RunTask") / 1000
        print(f"\n== {label} run {i+1}: latency {lat:.1f} ms (responseEnd {resp_end:.0f}); "
              f"main thread busy {inside:.1f} ms of it, idle {lat - inside:.1f}")
        by = collections.Counter()
        for e in main:
            if e["name"] in ("RunTask", "ThreadControllerImpl::RunTask"):
                continue
            a, b = max(e["ts"], t_lo), min(e["ts"] + (e.get("dur") or 0), t_hi)
            if b > a:
                by[e["name"]] += (b - a) / 1000
        print("  in it (nested events overlap):", ", ".join(f"{k} {v:.1f}" for k, v in by.most_common(8)))
        print("  main RunTasks (start rel. responseEnd, dur):", [t for t in tops if t[1] > 0.3])
        for k, v in agg.most_common(14):
            print(f"  {v:7.1f} ms  x{cnt[k]:<4} {k}")
        sys.stdout.flush()

#!/usr/bin/env python3
"""One table of the headline figures of a bench run (scripts/bench.sh), from the JSON of
measure.py and of bench/trace.py, bench/editor.py and bench/soak.py; the first app is ours,
ratios are ours/other.

    python bench/summary.py [--measure F] [--bench F ...] [--loadavg-before "1 2 3"] [--loadavg-after "1 2 3"]

Exit status 1 when a figure is missing for ours, or measure.py counted failed runs.
Standard library only.
"""

from __future__ import annotations

import argparse
import json
import sys


def get(d, *path):
    for p in path:
        if d is None:
            return None
        if isinstance(p, int):
            d = d[p] if isinstance(d, (list, tuple)) and len(d) > p else None
        else:
            d = d.get(p) if isinstance(d, dict) else None
    return d


def ms(x):
    return "n/a" if x is None else f"{x:,.1f} ms"


def kib(x):
    return "n/a" if x is None else f"{x / 1024:,.1f} KiB"


def skib(x):
    return "n/a" if x is None else f"{x / 1024:+,.1f} KiB"


def num(x):
    return "n/a" if x is None else f"{x:+,.1f}"


def times(x):
    return "n/a" if x is None else f"{x:.2f}x"


def spread(rng):
    lo, hi = (rng or (None, None))[:2] if rng else (None, None)
    return hi / lo if lo and hi is not None else None


def figures(measure, bench, apps):
    """(name, section ran?, {app: value}, formatter)"""
    F = []
    if measure:
        F.append(("first view, brotli 11", "size" in measure,
                  {a: get(measure, "size", a, "brotli11") for a in apps}, kib))
        for key, name in (("status_median", "slow4g: role=status visible"),
                          ("first_poll_median", "slow4g: first status request sent"),
                          ("live_median", "slow4g: live (server's words shown)")):
            F.append((name + " (median)", get(measure, "cold", "slow4g") is not None,
                      {a: get(measure, "cold", "slow4g", "summary", a, key) for a in apps}, ms))
        F.append(("completion → 3 cards, CPU x4 (median)", get(measure, "completion", "cpu4") is not None,
                  {a: get(measure, "completion", "cpu4", "summary", a, "latency_median") for a in apps}, ms))
        F.append(("completion, CPU x4: spread max/min", get(measure, "completion", "cpu4") is not None,
                  {a: spread(get(measure, "completion", "cpu4", "summary", a, "latency_range")) for a in apps}, times))
        F.append(("completion, unthrottled: spread max/min", get(measure, "completion", "fast") is not None,
                  {a: spread(get(measure, "completion", "fast", "summary", a, "latency_range")) for a in apps}, times))
        for cname, label in (("slow4g", "slow 4G + CPU x4"), ("fast", "unthrottled")):
            F.append((f"reload of a finished job → 3 cards, {label} (median)", get(measure, "reload", cname) is not None,
                      {a: get(measure, "reload", cname, "summary", a, "cards_median") for a in apps}, ms))
        for cname, label in (("cpu4", "CPU x4"), ("fast", "unthrottled")):
            F.append((f"main thread while waiting, {label}: busy ms per s (median)", get(measure, "busy", cname) is not None,
                      {a: get(measure, "busy", cname, "summary", a, "busy_median") for a in apps},
                      lambda x: "n/a" if x is None else f"{x:.1f}"))
            F.append((f"main thread while waiting, {label}: layouts per s (median)", get(measure, "busy", cname) is not None,
                      {a: get(measure, "busy", cname, "summary", a, "layouts_median") for a in apps},
                      lambda x: "n/a" if x is None else f"{x:.1f}"))
        F.append((f"JS heap over {get(measure, 'args', 'heap_cycles')} regenerate cycles (measure.py)", "heap" in measure,
                  {a: get(measure, "heap", a, "delta_median") for a in apps}, skib))
    if bench:
        F.append(("keystroke → preview, CPU x4 (median)", "editor" in bench,
                  {a: get(bench, "editor", a, "keystroke_preview", "median") for a in apps}, ms))
        F.append(("저장 → style-selected, CPU x4 (median)", "editor" in bench,
                  {a: get(bench, "editor", a, "save_selected", "median") for a in apps}, ms))
        cycles = get(bench, "soak", "cycles") or {}
        ran = bool(cycles)
        n = get(bench, "args", "soak_cycles")
        F.append((f"soak: JS heap per 100 cycles, cycle 100 → {n}", ran,
                  {a: get(cycles, a, "growth_per_100_JSHeapUsedSize") for a in apps}, skib))
        F.append((f"soak: DOM nodes per 100 cycles, cycle 100 → {n}", ran,
                  {a: get(cycles, a, "growth_per_100_Nodes") for a in apps}, num))
        F.append((f"soak: listeners per 100 cycles, cycle 100 → {n}", ran,
                  {a: get(cycles, a, "growth_per_100_JSEventListeners") for a in apps}, num))
        F.append((f"soak: wasm memory per 100 cycles, cycle 100 → {n}", ran,
                  {a: get(cycles, a, "growth_per_100_WasmMemory") for a in apps}, skib))
        saves = get(bench, "soak", "saves") or {}
        F.append((f"soak: JS heap over {get(bench, 'args', 'soak_saves')} saves", bool(saves),
                  {a: get(saves, a, "delta_JSHeapUsedSize") for a in apps}, skib))
        bg = get(bench, "soak", "background", "apps") or {}
        F.append((f"background {get(bench, 'soak', 'background', 'minutes')} min: status requests per minute", bool(bg),
                  {a: get(bg, a, "status_rate_per_min") for a in apps}, lambda x: "n/a" if x is None else f"{x:.1f}"))
    return F


def merged(runs):
    """The runs of bench/'s benchmarks as one: each one's section, args and errors (the apps of the first)."""
    if not runs:
        return None
    out = {"apps": runs[0]["apps"], "args": {}, "errors": []}
    for r in runs:
        script = f"bench/{r.get('benchmark', 'extra')}.py"
        if [a["label"] for a in r["apps"]] != [a["label"] for a in out["apps"]]:
            print(f"note: {script} measured other apps: {[a['label'] for a in r['apps']]}", file=sys.stderr)
        out["args"].update(r.get("args") or {})
        out["errors"] += [f"{script}: {e}" for e in r.get("errors") or []]
        for name in ("trace", "editor", "soak"):
            if name in r:
                out[name] = r[name]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--measure", help="measure.py --json file")
    ap.add_argument("--bench", action="append", default=[], metavar="F",
                    help="the --json file of bench/trace.py, editor.py or soak.py (once for each)")
    ap.add_argument("--loadavg-before", default=None)
    ap.add_argument("--loadavg-after", default=None)
    ap.add_argument("--elapsed", default=None, help="wall time of the whole run, as text")
    args = ap.parse_args()
    measure = json.load(open(args.measure)) if args.measure else None
    bench = merged([json.load(open(f)) for f in args.bench])
    src = measure or bench
    if not src:
        sys.exit("summary.py: give --measure and/or --bench")
    apps = [a["label"] for a in src["apps"] if not a.get("size_only")]
    if measure and bench and [a["label"] for a in bench["apps"]] != apps:
        print(f"note: measure.py apps {apps} and bench/'s apps {[a['label'] for a in bench['apps']]} differ", file=sys.stderr)
    ours, others = apps[0], apps[1:]
    problems = []
    L = ["", "## Summary: headline figures (" + ", ".join(f"{ours}/{o}" for o in others) + ")", "",
         "| figure | " + " | ".join(apps) + " | " + " | ".join(f"{ours}/{o}" for o in others) + " |",
         "|---|" + "---:|" * (len(apps) + len(others))]
    for name, ran, vals, fmt in figures(measure, bench, apps):
        if not ran:
            continue
        if vals.get(ours) is None:
            problems.append(f"no figure for {ours}: {name}")
        rs = []
        for o in others:
            a, b = vals.get(ours), vals.get(o)
            rs.append("n/a" if a is None or not b else f"{a / b:.2f}x")
        L.append(f"| {name} | " + " | ".join(fmt(vals.get(a)) for a in apps) + " | " + " | ".join(rs) + " |")
    L.append("")
    if args.loadavg_before or args.loadavg_after:
        L.append(f"Load average (1, 5, 15 min): before the run {args.loadavg_before}, after {args.loadavg_after}"
                 + (f"; the run took {args.elapsed}" if args.elapsed else "") + ".")
    if measure:
        for sec in ("cold", "completion"):
            for cname, C in (measure.get(sec) or {}).items():
                for a, s in (C.get("summary") or {}).items():
                    if s.get("n_ok", 0) < s.get("n", 0):
                        problems.append(f"measure.py {sec} {cname} {a}: {s['n_ok']}/{s['n']} runs reached the state")
        for a, h in (measure.get("heap") or {}).items():
            if h.get("n_ok", 0) < h.get("n", 0):
                problems.append(f"measure.py heap {a}: {h['n_ok']}/{h['n']} runs completed")
    if bench:
        problems += bench["errors"]
    if problems:
        L += ["", "Problems:"] + [f"- {p}" for p in problems]
    print("\n".join(L))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()

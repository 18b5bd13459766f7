#!/usr/bin/env python3
"""The editor benchmark: how soon a keystroke in 제목 shows in the preview, and a click on 저장
reaches the host, on our page and its peers (CPU x4, no network throttling, an instant select API).

    python bench/editor.py [--runs N] [--keystrokes N] [--saves N] LABEL=DIR [LABEL=DIR ...]

Per app, --runs fresh Chromiums, each on a COMPLETED job: choose the first card and confirm
(trusted clicks), then (a) trusted keystrokes in 제목 (CDP Input.dispatchKeyEvent), timed from
keydown's event.timeStamp to the typed text in the preview (a MutationObserver finds it by its
text) and to the next animation frame; (b) saves, timed from a trusted click on 저장 to the
`style-selected` event on document and to role=status saying it was saved; each save checks that
exactly one PUT carries the new title. Apps whose confirm step opens no 제목 field are
"n/a (no editor)", but only those named by --editor-optional (default: react): for any other app
that is an error. The first app is ours: every ratio is ours / other.

bench/soak.py's saves part reuses the steps here (reach_editor, one_save).
"""

from __future__ import annotations

import json
import math
import statistics
import time

import harness as H
from harness import M, Failure, f1, fmt_ratio, log, new_job, ratio, wait_js

SAVE_TEXT = "저장"
SAVED_TEXTS = ("저장했어요",)  # ours: "저장했어요. 이벤트 초안에 반영됐어요." vanilla: "저장했어요."
CONFIRM_TEXTS = ("이 스타일 선택", "이 스타일로 편집하기")  # ours; vanilla and react
TITLE_LABEL = "제목"
# Typed before the measured keystrokes, so the preview can be found by its text alone (a single
# "a" is in many texts of the page; this is in none).
MARKER = "ZQXJ"
TITLE_MAX = 40
KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"


# --------------------------------------------------------------------------- small helpers


def pctl(xs, p):
    xs = sorted(x for x in xs if x is not None)
    if not xs:
        return None
    k = (len(xs) - 1) * p
    lo, hi = math.floor(k), math.ceil(k)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def stats(xs):
    xs = [x for x in xs if x is not None]
    if not xs:
        return {"n": 0, "median": None, "min": None, "max": None, "p90": None}
    return {"n": len(xs), "median": statistics.median(xs), "min": min(xs), "max": max(xs), "p90": pctl(xs, 0.9)}


def trusted_click_at(d, x, y):
    for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
        ev = {"type": kind, "x": x, "y": y}
        if kind != "mouseMoved":
            ev.update({"button": "left", "clickCount": 1})
        d.execute_cdp_cmd("Input.dispatchMouseEvent", ev)


# --------------------------------------------------------------------------- reaching the editor

CARD_JS = r"""
const g = document.querySelector('[role="radiogroup"]');
if (!g) return null;
const r = g.querySelector('[role="radio"]:not([aria-disabled="true"]), input[type="radio"]:not(:disabled)');
if (!r) return null;
const target = r.matches('input') ? (r.closest('label') || r) : r;
target.scrollIntoView({ block: 'center' });
const b = target.getBoundingClientRect();
return [b.left + b.width / 2, b.top + b.height / 2];
"""

CARD_CHECKED_JS = r"""
const g = document.querySelector('[role="radiogroup"]');
return !!g && !!g.querySelector('[role="radio"][aria-checked="true"], input[type="radio"]:checked');
"""

# The text input labelled 제목 (by <label for> or wrapping), or null.
TITLE_INPUT_JS = r"""
const lab = Array.from(document.querySelectorAll('label')).find((l) => l.textContent.trim() === arguments[0]);
const inp = lab && (lab.control || (lab.htmlFor && document.getElementById(lab.htmlFor)));
return inp && inp.matches('input:not([type]), input[type="text"], textarea') && inp.getClientRects().length > 0 ? inp : null;
"""


def find_title_center(d):
    return d.execute_script(
        "const inp = (function(){" + TITLE_INPUT_JS + "}).apply(null, [arguments[0]]);"
        "if (!inp) return null; inp.scrollIntoView({block: 'center'});"
        "const b = inp.getBoundingClientRect(); return [b.left + Math.min(b.width / 2, 40), b.top + b.height / 2];",
        TITLE_LABEL)


def title_state(d):
    return d.execute_script(
        "const inp = (function(){" + TITLE_INPUT_JS + "}).apply(null, [arguments[0]]);"
        "return inp ? {value: inp.value, focused: document.activeElement === inp} : null;", TITLE_LABEL)


def reach_editor(d, label, timeout_s, editor_wait_s):
    """Cards -> choose the first card (trusted click) -> confirm (trusted click) -> the 제목 field.
    Returns True when the editor is there, False when the confirm step led to no 제목 field."""
    wait_js(d, "const imgs = document.querySelectorAll('img[src*=\"/__bench_img/\"]');"
               "return imgs.length >= 3 && Array.from(imgs).every((i) => i.closest('[role=\"radiogroup\"]'));",
            timeout_s, f"{label}: 3 card images in a radiogroup")
    pos = d.execute_script(CARD_JS)
    if not pos:
        raise Failure(f"{label}: no choosable card in the radiogroup")
    trusted_click_at(d, *pos)
    wait_js(d, CARD_CHECKED_JS, 5, f"{label}: a card checked after the click")
    for text in CONFIRM_TEXTS:
        if M.click_button(d, text):
            break
    else:
        raise Failure(f"{label}: no enabled confirm button ({' / '.join(CONFIRM_TEXTS)})")
    end = time.perf_counter() + editor_wait_s
    while time.perf_counter() < end:
        if d.execute_script("return !!(function(){" + TITLE_INPUT_JS + "}).apply(null, [arguments[0]]);", TITLE_LABEL):
            return True
        time.sleep(0.05)
    return False


# --------------------------------------------------------------------------- in-page editor probes

EDITOR_JS = r"""
(() => {
  if (window.__ed) return;
  const SAVED = __SAVED__;
  const E = window.__ed = { cur: null, save: null, previewEl: null, preview: null };
  const inField = (n) => { const p = n.parentElement; return !p || !!p.closest('input, textarea, [contenteditable]'); };
  const find = (text) => {
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) if (n.data.includes(text) && !inField(n)) return n.parentElement;
    return null;
  };
  const shows = (text) => {
    const el = E.previewEl;
    if (el && el.isConnected && (el.textContent || '').includes(text)) return true;
    const found = find(text);
    if (found) E.previewEl = found;
    return !!found;
  };
  E.describe = () => {
    const el = E.previewEl;
    if (!el) return null;
    return el.tagName.toLowerCase() + Array.from(el.classList).map((c) => '.' + c).join('');
  };
  const savedStatus = (records) => {
    const cands = new Set();
    for (const r of records) {
      const t = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      const s = t && t.closest('[role="status"]');
      if (s) cands.add(s);
      for (const a of r.addedNodes) {
        if (a.nodeType !== 1) continue;
        if (a.matches('[role="status"]')) cands.add(a);
        a.querySelectorAll('[role="status"]').forEach((x) => cands.add(x));
      }
    }
    for (const s of cands) if (s.isConnected && SAVED.some((x) => (s.textContent || '').includes(x))) return s;
    return null;
  };
  new MutationObserver((records) => {
    const now = performance.now();
    const c = E.cur;
    if (c && c.previewAt === null && shows(c.expect)) {
      c.previewAt = now;
      c.previewEl = E.describe();
      requestAnimationFrame(() => { c.frameAt = performance.now(); });
    }
    const s = E.save;
    if (s && s.clickAt !== null && s.savedAt === null) {
      const st = savedStatus(records);
      if (st) { s.savedAt = now; s.savedText = (st.textContent || '').trim().slice(0, 200); }
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
  addEventListener('keydown', (e) => { const c = E.cur; if (c && c.keyAt === null) c.keyAt = e.timeStamp; }, true);
  addEventListener('input', (e) => { const c = E.cur; if (c && c.inputAt === null) c.inputAt = e.timeStamp; }, true);
  addEventListener('click', (e) => { const s = E.save; if (s && s.clickAt === null && e.isTrusted) { s.clickAt = e.timeStamp; s.clickTarget = e.target && e.target.tagName; } }, true);
  document.addEventListener('style-selected', (e) => {
    const s = E.save;
    if (s && s.selectedAt === null) { s.selectedAt = performance.now(); s.detail = e.detail; s.composed = e.composed; s.bubbles = e.bubbles; }
    else if (s) s.extraEvents = (s.extraEvents || 0) + 1;
  }, true);
})();
""".replace("__SAVED__", json.dumps(list(SAVED_TEXTS)))

ARM_KEY_JS = "window.__ed.cur = {expect: arguments[0], keyAt: null, inputAt: null, " \
             "previewAt: null, frameAt: null, previewEl: null}; return true;"

# Wait for the armed keystroke to reach the preview and a frame to pass, then one more frame.
WAIT_KEY_JS = r"""
const ms = arguments[0], done = arguments[arguments.length - 1];
const t0 = Date.now();
const poll = () => {
  const c = window.__ed.cur;
  if (c.frameAt !== null) { requestAnimationFrame(() => setTimeout(() => done(Object.assign({}, c)), 0)); return; }
  if (Date.now() - t0 > ms) { done(Object.assign({ timedOut: true }, c)); return; }
  setTimeout(poll, 5);
};
poll();
"""

ARM_SAVE_JS = "window.__ed.save = {clickAt: null, selectedAt: null, savedAt: null, savedText: null, detail: null}; return true;"

WAIT_SAVE_JS = r"""
const ms = arguments[0], done = arguments[arguments.length - 1];
const t0 = Date.now();
const poll = () => {
  const s = window.__ed.save;
  if (s.selectedAt !== null && s.savedAt !== null) {
    requestAnimationFrame(() => setTimeout(() => done(JSON.parse(JSON.stringify(s))), 0)); return;
  }
  if (Date.now() - t0 > ms) { done(Object.assign({ timedOut: true }, JSON.parse(JSON.stringify(s)))); return; }
  setTimeout(poll, 5);
};
poll();
"""


def key_event(ch: str):
    if ch.isalpha():
        code, vk = "Key" + ch.upper(), ord(ch.upper())
    else:
        code, vk = "Digit" + ch, ord(ch)
    return ({"type": "keyDown", "key": ch, "code": code, "text": ch, "unmodifiedText": ch,
             "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk},
            {"type": "keyUp", "key": ch, "code": code, "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk})


def focus_title(d, label):
    pos = find_title_center(d)
    if not pos:
        raise Failure(f"{label}: no 제목 field")
    trusted_click_at(d, *pos)
    st = title_state(d)
    if not st or not st["focused"]:
        raise Failure(f"{label}: 제목 not focused after a click on it")


def set_title(d, label, text, timeout_s=10):
    """Select all in the focused 제목 and type `text` (trusted Input.insertText); waits for the preview."""
    down = {"type": "keyDown", "key": "a", "code": "KeyA", "modifiers": 2, "windowsVirtualKeyCode": 65,
            "commands": ["selectAll"]}
    d.execute_cdp_cmd("Input.dispatchKeyEvent", down)
    d.execute_cdp_cmd("Input.dispatchKeyEvent", {"type": "keyUp", "key": "a", "code": "KeyA", "modifiers": 2,
                                                 "windowsVirtualKeyCode": 65})
    d.execute_script(ARM_KEY_JS, text)
    d.execute_cdp_cmd("Input.insertText", {"text": text})
    r = d.execute_async_script(WAIT_KEY_JS, int(timeout_s * 1000))
    if r.get("timedOut"):
        raise Failure(f"{label}: the preview never showed {text!r} (제목 value {title_state(d)})")
    st = title_state(d)
    if not st or st["value"] != text:
        raise Failure(f"{label}: 제목 holds {st and st['value']!r}, expected {text!r}")
    return r


def type_keystrokes(d, label, n, timeout_s=10):
    """MARKER, then n trusted keystrokes; per keystroke the in-page record (ms since timeOrigin)."""
    set_title(d, label, MARKER, timeout_s)
    preview = d.execute_script("return window.__ed.describe()")
    typed = MARKER
    out = []
    for i in range(n):
        ch = KEY_CHARS[i % len(KEY_CHARS)]
        typed += ch
        down, up = key_event(ch)
        d.execute_script(ARM_KEY_JS, typed)
        d.execute_cdp_cmd("Input.dispatchKeyEvent", down)
        r = d.execute_async_script(WAIT_KEY_JS, int(timeout_s * 1000))
        d.execute_cdp_cmd("Input.dispatchKeyEvent", up)
        if r.get("timedOut"):
            raise Failure(f"{label}: keystroke {i + 1} ({typed!r}) never reached the preview "
                          f"(제목 value {title_state(d)}, keydown seen {r.get('keyAt') is not None})")
        if r.get("keyAt") is None:
            raise Failure(f"{label}: keystroke {i + 1}: no keydown seen by the capturing listener")
        rec = {
            "char": ch, "keyAt": r["keyAt"], "previewAt": r["previewAt"], "frameAt": r["frameAt"],
            "toPreview": r["previewAt"] - r["keyAt"], "toFrame": r["frameAt"] - r["keyAt"],
            "toInputEvent": None if r.get("inputAt") is None else r["inputAt"] - r["keyAt"],
            "previewEl": r.get("previewEl"),
        }
        if rec["toPreview"] <= 0:
            raise Failure(f"{label}: keystroke {i + 1}: preview at {r['previewAt']:.1f} is not after keydown "
                          f"{r['keyAt']:.1f}: the listener or the clock is wrong")
        out.append(rec)
    st = title_state(d)
    if not st or st["value"] != typed:
        raise Failure(f"{label}: after typing, 제목 holds {st and st['value']!r}, expected {typed!r}")
    return {"preview": preview, "keys": out}


def one_save(d, srv, label, i, timeout_s=20):
    """Change 제목, click 저장 (trusted), wait for style-selected and the saved status."""
    title = f"{MARKER} save {i:04d}"
    focus_title(d, label)
    set_title(d, label, title)
    with srv.lock:
        n_before = len(srv.selects)
    d.execute_script(ARM_SAVE_JS)
    if not M.click_button(d, SAVE_TEXT):
        raise Failure(f"{label}: save {i}: no enabled {SAVE_TEXT} button")
    r = d.execute_async_script(WAIT_SAVE_JS, int(timeout_s * 1000))
    with srv.lock:
        sent = srv.selects[n_before:]
    if r.get("timedOut"):
        raise Failure(f"{label}: save {i}: click seen {r.get('clickAt') is not None}, style-selected "
                      f"{r.get('selectedAt') is not None}, saved status {r.get('savedAt') is not None}, "
                      f"PUTs served {len(sent)}")
    if r.get("clickAt") is None:
        raise Failure(f"{label}: save {i}: the click listener saw no trusted click")
    if len(sent) != 1:
        raise Failure(f"{label}: save {i}: {len(sent)} PUT requests, expected 1")
    body = sent[0]["body"] or {}
    if (body.get("editedContent") or {}).get("title") != title:
        raise Failure(f"{label}: save {i}: PUT body title {(body.get('editedContent') or {}).get('title')!r}, expected {title!r}")
    detail = r.get("detail") or {}
    if (detail.get("editedContent") or {}).get("title") != title:
        raise Failure(f"{label}: save {i}: style-selected detail title "
                      f"{(detail.get('editedContent') or {}).get('title')!r}, expected {title!r}")
    return {
        "i": i, "toSelected": r["selectedAt"] - r["clickAt"], "toSaved": r["savedAt"] - r["clickAt"],
        "savedText": r.get("savedText"), "clickTarget": r.get("clickTarget"), "composed": r.get("composed"),
        "bubbles": r.get("bubbles"), "draft": sent[0]["draft"], "extraEvents": r.get("extraEvents", 0),
    }


def open_editor(browser, srv, label, args, cpu):
    """A fresh Chromium on a COMPLETED job, at the editor. Returns (driver, has_editor)."""
    srv.reset("complete2")
    d = browser.start()
    try:
        M.Browser.prepare(d, None, cpu, inject=False)
        d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": EDITOR_JS})
        d.get(M.page_url(srv, jobId=new_job("edit", label), eventDraftId="draft-1"))
        has = reach_editor(d, label, args.timeout, args.editor_wait)
        return d, has
    except Exception:
        M.quit_quietly(d)
        raise


# --------------------------------------------------------------------------- the benchmark


def run(browser, apps, servers, args, errors):
    out = {}
    optional = set(args.editor_optional)
    for app in apps:
        label = app["label"]
        srv = servers[label]
        srv.selectdelay = args.selectdelay
        res = {"runs": [], "has_editor": None}
        for n in range(args.runs):
            rec = {}
            d = None
            try:
                d, has = open_editor(browser, srv, label, args, 4)
                if not has:
                    if label in optional:
                        res["has_editor"] = False
                        log(f"  editor {label}: n/a (no editor: the confirm step shows no {TITLE_LABEL} field)")
                        break
                    raise Failure(f"{label}: the confirm step led to no {TITLE_LABEL} field (editor expected)")
                res["has_editor"] = True
                focus_title(d, label)
                ks = type_keystrokes(d, label, args.keystrokes)
                rec["preview"] = ks["preview"]
                rec["keys"] = ks["keys"]
                rec["saves"] = [one_save(d, srv, label, i + 1) for i in range(args.saves)]
                res["runs"].append(rec)
                k = stats([x["toPreview"] for x in rec["keys"]])
                s = stats([x["toSelected"] for x in rec["saves"]])
                log(f"  editor {label} #{n + 1}: keystroke→preview median {f1(k['median'])} ms ({ks['preview']}), "
                    f"save→style-selected median {f1(s['median'])} ms")
            except Exception as e:
                errors.append(f"editor {label} #{n + 1}: {e}")
                log(f"  editor {label} #{n + 1}: ERROR {e}")
                res["error"] = str(e)[:400]
            finally:
                if d is not None:
                    M.quit_quietly(d)
        keys = [k for r in res["runs"] for k in r["keys"]]
        saves = [s for r in res["runs"] for s in r["saves"]]
        res["keystroke_preview"] = stats([k["toPreview"] for k in keys])
        res["keystroke_frame"] = stats([k["toFrame"] for k in keys])
        res["keystroke_input_event"] = stats([k["toInputEvent"] for k in keys])
        res["save_selected"] = stats([s["toSelected"] for s in saves])
        res["save_status"] = stats([s["toSaved"] for s in saves])
        res["preview_elements"] = sorted({r["preview"] for r in res["runs"] if r.get("preview")})
        res["saved_texts"] = sorted({s["savedText"] for s in saves if s.get("savedText")})
        out[label] = res
    return out


def report(result, apps, others):
    E = result["editor"]
    L = ["", f"## Editor, CPU x4, no network throttling, instant select API ({result['args']['runs']} fresh "
         f"Chromium run(s) per app; {result['args']['keystrokes']} keystrokes and {result['args']['saves']} saves each)", "",
         "| app | preview element | keystroke → preview median | min–max | p90 | → next frame median | p90 | "
         "vs " + ", vs ".join(others) + " | 저장 click → style-selected median | min–max | → saved status median | "
         "vs " + ", vs ".join(others) + " |",
         "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for lab in apps:
        e = E.get(lab) or {}
        if e.get("has_editor") is False:
            L.append(f"| {lab} | n/a (no editor) | | | | | | | | | | |")
            continue
        k, kf, s, ss = e.get("keystroke_preview", {}), e.get("keystroke_frame", {}), e.get("save_selected", {}), e.get("save_status", {})
        kr = ", ".join(fmt_ratio(ratio(k.get("median"), (E.get(o) or {}).get("keystroke_preview", {}).get("median"))) for o in others)
        sr = ", ".join(fmt_ratio(ratio(s.get("median"), (E.get(o) or {}).get("save_selected", {}).get("median"))) for o in others)
        L.append(f"| {lab} | {', '.join(e.get('preview_elements') or []) or 'n/a'} | {f1(k.get('median'))} | "
                 f"{f1(k.get('min'))}–{f1(k.get('max'))} | {f1(k.get('p90'))} | {f1(kf.get('median'))} | {f1(kf.get('p90'))} | "
                 f"{kr} | {f1(s.get('median'))} | {f1(s.get('min'))}–{f1(s.get('max'))} | {f1(ss.get('median'))} | {sr} |"
                 + (f" error: {e['error']}" if e.get("error") else ""))
    L.append("")
    L.append("Times in ms, in-page: keydown / click `event.timeStamp` (capturing listener) → MutationObserver "
             "callback seeing the typed text in the preview, → requestAnimationFrame after it; → `style-selected` "
             "(capturing listener on document), → role=status text containing " + " / ".join(SAVED_TEXTS) + ".")
    return L


def figures(result, apps):
    """(name, {app: value}, formatter) for the run's summary table."""
    E = result["editor"]
    ms = lambda x: "n/a" if x is None else f"{x:,.1f} ms"  # noqa: E731
    return [
        ("keystroke → preview, median", {a: (E.get(a) or {}).get("keystroke_preview", {}).get("median") for a in apps}, ms),
        ("keystroke → next frame, median", {a: (E.get(a) or {}).get("keystroke_frame", {}).get("median") for a in apps}, ms),
        ("저장 → style-selected, median", {a: (E.get(a) or {}).get("save_selected", {}).get("median") for a in apps}, ms),
        ("저장 → saved status, median", {a: (E.get(a) or {}).get("save_status", {}).get("median") for a in apps}, ms),
    ]


def add_editor_args(ap):
    """The options of the editor's save API and of reaching it; bench/soak.py's saves use them too."""
    ap.add_argument("--selectdelay", type=float, default=0.0, help="seconds the select API waits before answering (0: instant)")
    ap.add_argument("--editor-optional", type=H.labels, default="react",
                    help="comma-separated labels that may have no editor (n/a); any other app without one is an error")
    ap.add_argument("--editor-wait", type=float, default=8, help="seconds to wait for the 제목 field after confirming")


def add_args(ap):
    ap.add_argument("--runs", type=int, default=3, help="fresh-Chromium runs per app (keystrokes and saves pooled)")
    ap.add_argument("--keystrokes", type=int, default=30, help=f"keystrokes per run (at most {TITLE_MAX - len(MARKER)})")
    ap.add_argument("--saves", type=int, default=15, help="timed saves per run")
    add_editor_args(ap)


def check(args):
    if args.keystrokes > TITLE_MAX - len(MARKER):
        return f"--keystrokes: at most {TITLE_MAX - len(MARKER)} (제목 holds {TITLE_MAX} characters, {len(MARKER)} are the marker)"
    return None


if __name__ == "__main__":
    H.main("editor", __doc__, add_args, run, report, figures, check)

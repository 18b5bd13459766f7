#!/usr/bin/env python3
"""More benchmarks of style-picker beside its peers, on top of the shared measure.py.

    python bench/extra.py --sections trace,editor,soak leptos=DIR react=DIR vanilla=DIR [--runs N] [--json F]

The first app is "ours": every ratio is first / other. It imports measure.py (from
$BENCH_DIR/measure, default $REPO/../shared/bench) and reuses its AppServer, Browser,
click_button, heap_metrics, WAIT_JS, WAIT_ALERT_JS and constants; what it adds:

  trace   slow4g + CPU x4, cache disabled, a fresh Chromium per load, processing mode: a Chrome
          performance trace and the CDP Network events (chromedriver's performance log) until
          role=status shows the server's words; a waterfall per app (every document/js/wasm/css
          request and the first status request: sent, response start, end, as the throttled
          network saw them) with the main-thread milestones found in the trace (script
          evaluation, wasm streaming compile, instantiate, first status fetch, live), as a table
          and as a text bar chart; median of --trace-runs; the raw trace of each app's first
          run is written to bench/results/ (Chrome trace format: chrome://tracing, Perfetto).
  editor  CPU x4, no network throttling, an instant select API: (a) trusted keystrokes in 제목
          (CDP Input.dispatchKeyEvent), keydown's event.timeStamp -> the typed text in the
          preview (MutationObserver) -> the next animation frame; (b) a trusted click on 저장 ->
          the `style-selected` event on document -> role=status saying it was saved.
          Apps whose confirm step opens no 제목 field are "n/a (no editor)", but only those named
          by --editor-optional (default: react): for any other app that is an error.
  soak    (1) FAILED -> 다시 생성 cycles with forced-GC metrics at checkpoints; (2) saves in the
          editor; (3) all apps in background tabs of ONE Chromium for --background-minutes,
          pressing 계속 기다리기 (JS click: a hidden tab gets no CDP input) and counting.

Markdown on stdout, progress on stderr, everything (raw runs included) as JSON in --json
(default bench/results/extra-<timestamp>.json). Exit status 1 when an app that should reach a
state did not (the tables still print, with the error).
"""

from __future__ import annotations

import argparse
import base64
import json
import math
import os
import platform
import re
import socket
import statistics
import struct
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import urlopen

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BENCH_DIR = Path(os.environ.get("BENCH_DIR") or (REPO / ".." / "shared" / "bench")).resolve()
MEASURE_DIR = BENCH_DIR / "measure"
if not (MEASURE_DIR / "measure.py").is_file():
    sys.exit(f"extra.py: no {MEASURE_DIR}/measure.py (set BENCH_DIR to the shared bench folder)")
sys.path.insert(0, str(MEASURE_DIR))
import measure as M  # noqa: E402  (the shared harness: server, browser, helpers)

RESULTS = HERE / "results"
log = M.log
median = M.median
fmt_ms = M.fmt_ms
fmt_bytes = M.fmt_bytes

SAVE_TEXT = "저장"
SAVED_TEXTS = ("저장했어요",)  # ours: "저장했어요. 이벤트 초안에 반영됐어요." vanilla: "저장했어요."
CONFIRM_TEXTS = ("이 스타일 선택", "이 스타일로 편집하기")  # ours; vanilla and react
TITLE_LABEL = "제목"
KEEP_WAITING_TEXT = "계속 기다리기"
# Typed before the measured keystrokes, so the preview can be found by its text alone (a single
# "a" is in many texts of the page; this is in none).
MARKER = "ZQXJ"
TITLE_MAX = 40
KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"


class Failure(RuntimeError):
    """An app did not reach a state it should reach."""


# --------------------------------------------------------------------------- server


class ExtraServer(M.AppServer):
    """measure.py's AppServer, plus `PUT /api/content/{draft}/select` answered 200 `{}`
    after `selectdelay` seconds (0: an instant API); every body is kept in `selects`."""

    def __init__(self, *a, selectdelay: float = 0.0, **kw):
        self.selects: list[dict] = []
        self.selectdelay = selectdelay
        super().__init__(*a, **kw)

    def reset(self, mode: str) -> None:
        super().reset(mode)
        with self.lock:
            self.selects = []

    def status_total(self) -> int:
        with self.lock:
            return sum(self.status_counts.values())

    def _handler_class(self):
        base = super()._handler_class()
        srv = self

        class Handler(base):
            def do_PUT(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                path = unquote(urlsplit(self.path).path)
                m = re.fullmatch(r"/api/content/([^/]+)/select", path)
                if not m:
                    self._json(404, {"code": "NOT_FOUND", "message": "unknown endpoint"})
                    return
                try:
                    body = json.loads(raw or b"null")
                except ValueError:
                    body = {"__unparsed": raw.decode("utf-8", "replace")[:500]}
                with srv.lock:
                    srv.selects.append({"t": time.time(), "draft": m.group(1), "body": body,
                                        "content_type": self.headers.get("Content-Type", "")})
                    delay = srv.selectdelay
                if delay:
                    time.sleep(delay)
                self._json(200, {})

        return Handler


# --------------------------------------------------------------------------- browser

TRACE_CATEGORIES = ("devtools.timeline,v8,v8.wasm,disabled-by-default-devtools.timeline,loading,"
                    "blink.user_timing")
PERF_PREFS = {"enableNetwork": True, "enablePage": True, "traceCategories": TRACE_CATEGORIES}


# chromedriver starts Chromium with these by default; they turn off what Chrome does to
# hidden tabs (timer throttling, backgrounding), so the background soak drops them.
BACKGROUND_SWITCHES = ["disable-background-timer-throttling", "disable-backgrounding-occluded-windows"]


class ExtraBrowser(M.Browser):
    """measure.py's Browser; start(perf_log=True) also turns on chromedriver's performance log
    (CDP Network/Page events and a trace with TRACE_CATEGORIES); start(exclude_switches=[...])
    drops some of chromedriver's default Chromium switches."""

    def start(self, perf_log: bool = False, exclude_switches: list | None = None):
        if not perf_log and not exclude_switches:
            return super().start()
        plain = M.Options

        def options():  # measure.Browser.start builds its Options() by this module-level name
            o = plain()
            if perf_log:
                o.set_capability("goog:loggingPrefs", {"performance": "ALL"})
                o.add_experimental_option("perfLoggingPrefs", PERF_PREFS)
            if exclude_switches:
                o.add_experimental_option("excludeSwitches", list(exclude_switches))
            return o

        M.Options = options
        try:
            return super().start()
        finally:
            M.Options = plain


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


# --------------------------------------------------------------------------- raw CDP over a websocket

class CDPSocket:
    """A DevTools websocket to one page target, standard library only. Used for background tabs:
    chromedriver's switch_to.window brings a tab to the front (it becomes visible), this does not."""

    def __init__(self, ws_url: str, timeout: float = 60):
        u = urlsplit(ws_url)
        self.sock = socket.create_connection((u.hostname, u.port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {u.path} HTTP/1.1\r\nHost: {u.hostname}:{u.port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        buf = b""
        while b"\r\n\r\n" not in buf:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise RuntimeError("devtools websocket closed during the handshake")
            buf += chunk
        head, self.buf = buf.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise RuntimeError(f"devtools websocket refused: {head[:200]!r}")
        self.next_id = 0
        self.lock = threading.Lock()

    def _send(self, payload: bytes, opcode: int = 1):
        n = len(payload)
        head = bytes([0x80 | opcode])
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 65536:
            head += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i & 3] for i, b in enumerate(payload))
        self.sock.sendall(head + mask + masked)

    def _exact(self, n: int) -> bytes:
        while len(self.buf) < n:
            chunk = self.sock.recv(max(65536, n - len(self.buf)))
            if not chunk:
                raise RuntimeError("devtools websocket closed")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def _message(self) -> bytes:
        parts = []
        while True:
            b0, b1 = self._exact(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._exact(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._exact(8))[0]
            mask = self._exact(4) if b1 & 0x80 else None
            data = self._exact(n)
            if mask:
                data = bytes(b ^ mask[i & 3] for i, b in enumerate(data))
            op = b0 & 0x0F
            if op == 8:
                raise RuntimeError("devtools websocket closed by the browser")
            if op == 9:
                self._send(data, 10)
                continue
            if op == 10:
                continue
            parts.append(data)
            if b0 & 0x80:
                return b"".join(parts)

    def call(self, method: str, params: dict | None = None, timeout: float = 60):
        with self.lock:
            self.next_id += 1
            my = self.next_id
            self.sock.settimeout(timeout)
            self._send(json.dumps({"id": my, "method": method, "params": params or {}}).encode())
            while True:
                msg = json.loads(self._message())
                if msg.get("id") == my:
                    if "error" in msg:
                        raise RuntimeError(f"{method}: {msg['error']}")
                    return msg.get("result", {})

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


class RawTab:
    """The two driver methods measure.heap_metrics uses, over a CDPSocket."""

    def __init__(self, sock: CDPSocket):
        self.sock = sock

    def execute_cdp_cmd(self, method, params):
        return self.sock.call(method, params)

    def execute_script(self, src):
        return self.evaluate(f"(() => {{ {src} }})()")

    def evaluate(self, expr, timeout=60):
        r = self.sock.call("Runtime.evaluate", {"expression": expr, "returnByValue": True, "awaitPromise": True},
                           timeout=timeout)
        if "exceptionDetails" in r:
            raise RuntimeError(f"evaluate: {r['exceptionDetails'].get('text')} {r['exceptionDetails'].get('exception', {}).get('description', '')[:200]}")
        return r.get("result", {}).get("value")


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


def ratio(a, b):
    if a is None or b in (None, 0):
        return None
    return a / b


def fmt_ratio(r):
    return "n/a" if r is None else f"{r:.2f}x"


def f1(x):
    return "n/a" if x is None else f"{x:.1f}"


def new_job(kind, label):
    return f"bench-{kind}-{label}-{uuid.uuid4().hex[:8]}"


def wait_js(d, cond_js: str, timeout_s: float, what: str):
    """execute_async_script: poll a JS expression until truthy (returns its value) or fail."""
    r = d.execute_async_script(
        """const cond = new Function(arguments[0]), ms = arguments[1], done = arguments[arguments.length - 1];
        const t0 = Date.now();
        const poll = () => { let v = null; try { v = cond(); } catch (e) { v = null; }
          if (v) { done(v); return; } if (Date.now() - t0 > ms) { done(null); return; } setTimeout(poll, 20); };
        poll();""", cond_js, int(timeout_s * 1000))
    if not r:
        raise Failure(f"{what}: not seen within {timeout_s:.0f} s")
    return r


def trusted_click_at(d, x, y):
    for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
        ev = {"type": kind, "x": x, "y": y}
        if kind != "mouseMoved":
            ev.update({"button": "left", "clickCount": 1})
        d.execute_cdp_cmd("Input.dispatchMouseEvent", ev)


def loadavg():
    return tuple(round(x, 2) for x in os.getloadavg())


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
        "return inp ? {value: inp.value, focused: document.activeElement === inp, id: inp.id} : null;", TITLE_LABEL)


def reach_editor(d, srv, label, timeout_s, editor_wait_s):
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
  const SAVED = __SAVED__, MARKER = __MARKER__;
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
  addEventListener('beforeinput', (e) => { const c = E.cur; if (c && c.beforeInputAt === null) c.beforeInputAt = e.timeStamp; }, true);
  addEventListener('input', (e) => { const c = E.cur; if (c && c.inputAt === null) { c.inputAt = e.timeStamp; c.inputSeenAt = performance.now(); } }, true);
  addEventListener('click', (e) => { const s = E.save; if (s && s.clickAt === null && e.isTrusted) { s.clickAt = e.timeStamp; s.clickTarget = e.target && e.target.tagName; } }, true);
  document.addEventListener('style-selected', (e) => {
    const s = E.save;
    if (s && s.selectedAt === null) { s.selectedAt = performance.now(); s.detail = e.detail; s.composed = e.composed; s.bubbles = e.bubbles; }
    else if (s) s.extraEvents = (s.extraEvents || 0) + 1;
  }, true);
})();
""".replace("__SAVED__", json.dumps(list(SAVED_TEXTS))).replace("__MARKER__", json.dumps(MARKER))

ARM_KEY_JS = "window.__ed.cur = {expect: arguments[0], keyAt: null, beforeInputAt: null, inputAt: null, " \
             "inputSeenAt: null, previewAt: null, frameAt: null, previewEl: null}; return true;"

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
        has = reach_editor(d, srv, label, args.timeout, args.editor_wait)
        return d, has
    except Exception:
        M.quit_quietly(d)
        raise


# --------------------------------------------------------------------------- section: trace


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
    """chromedriver performance log -> network requests, trace events, navigation start (µs)."""
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
                r.update({"url": p["request"]["url"], "method": p["request"]["method"], "type": p.get("type"),
                          "sent": p["timestamp"]})
        elif meth == "Network.responseReceived":
            r = net.setdefault(p["requestId"], {})
            t = p["response"].get("timing") or {}
            r.update({"received": p["timestamp"], "status": p["response"].get("status"),
                      "fromCache": p["response"].get("fromDiskCache") or p["response"].get("fromPrefetchCache"),
                      "headersEnd": (t["requestTime"] + t["receiveHeadersEnd"] / 1000) if t.get("requestTime") else None,
                      "requestTime": t.get("requestTime"), "protocol": p["response"].get("protocol")})
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
    return net, trace, doc_id, nav


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
    d = browser.start(perf_log=True)
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
    net, trace, doc_id, nav = parse_perf_log(entries, doc_url)
    if not nav:
        raise Failure(f"{label}: no navigationStart for the document in the trace ({len(trace)} events)")
    t0 = nav["ts"]
    pid = nav["pid"]
    rows = []
    first_status_seen = False
    for rid, q in sorted(net.items(), key=lambda kv: kv[1].get("sent", 1e18)):
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


def section_trace(browser, apps, servers, args, errors):
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


# --------------------------------------------------------------------------- section: editor


def section_editor(browser, apps, servers, args, errors):
    out = {}
    optional = set(args.editor_optional)
    for app in apps:
        label = app["label"]
        srv = servers[label]
        srv.selectdelay = args.selectdelay
        res = {"runs": [], "has_editor": None}
        for run in range(args.runs):
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
                log(f"  editor {label} #{run + 1}: keystroke→preview median {f1(k['median'])} ms ({ks['preview']}), "
                    f"save→style-selected median {f1(s['median'])} ms")
            except Exception as e:
                errors.append(f"editor {label} #{run + 1}: {e}")
                log(f"  editor {label} #{run + 1}: ERROR {e}")
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


# --------------------------------------------------------------------------- section: soak


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
        d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": EDITOR_JS})
        d.get(M.page_url(srv, jobId=new_job("saves", label), eventDraftId="draft-1"))
        if not reach_editor(d, srv, label, args.timeout, args.editor_wait):
            if label in set(args.editor_optional):
                rec["n/a"] = "no editor"
                return rec
            raise Failure(f"{label}: the confirm step led to no {TITLE_LABEL} field (editor expected)")
        time.sleep(0.3)
        rec["points"].append((0, M.heap_metrics(d)))
        rec["wasm_memory_source"] = wasm_source(d)
        for i in range(1, total + 1):
            s = one_save(d, srv, label, i)
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


def section_soak(browser, apps, servers, args, errors):
    out = {"cycles": {}, "saves": {}, "background": None}
    parts = [p for p in args.soak_parts.split(",") if p]
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


def report_md(result) -> str:
    L = []
    apps = [a["label"] for a in result["apps"]]
    ours = apps[0]
    others = apps[1:]
    env = result["env"]
    L.append(f"# bench/extra.py — {result['started']}")
    L.append("")
    L.append(f"{env.get('browser')} / chromedriver {env.get('chromedriver')} / {env['cpus']} CPUs / load avg before "
             f"{env['loadavg_before']}, after {env.get('loadavg_after')}")
    if "trace" in result:
        T = result["trace"]
        L += ["", f"## Load trace, slow4g + CPU x4, cache disabled (median of {result['args']['trace_runs']} traced loads; "
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
    if "editor" in result:
        E = result["editor"]
        L += ["", f"## Editor, CPU x4, no network throttling, instant select API ({result['args']['runs']} fresh "
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
    if "soak" in result:
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
    L += ["", "## Summary" + (" (ratios: " + ", ".join(f"{ours}/{o}" for o in others) + ")" if others else ""), "",
          "| figure | " + " | ".join(apps) + " | " + " | ".join(f"{ours}/{o}" for o in others) + " |",
          "|---|" + "---:|" * (len(apps) + len(others))]
    for name, vals, fmt in summary_figures(result, apps):
        cells = [fmt(vals.get(a)) for a in apps]
        rs = [fmt_ratio(ratio(vals.get(ours), vals.get(o))) for o in others]
        L.append(f"| {name} | " + " | ".join(cells) + " | " + " | ".join(rs) + " |")
    if result.get("errors"):
        L += ["", "## Errors", ""] + [f"- {e}" for e in result["errors"]]
    L += ["", f"Took {result['elapsed_s']:.0f} s (" + ", ".join(f"{k} {v:.0f} s" for k, v in result["section_s"].items())
          + f"). JSON: {result['json_path']}"]
    return "\n".join(L)


def summary_figures(result, apps):
    """(name, {app: value}, formatter) for the summary; also used by bench/summary.py."""
    F = []
    ms = lambda x: "n/a" if x is None else f"{x:,.1f} ms"  # noqa: E731
    kib = lambda x: "n/a" if x is None else f"{x / 1024:+,.1f} KiB"  # noqa: E731
    num = lambda x: "n/a" if x is None else f"{x:+,.1f}"  # noqa: E731
    if "trace" in result:
        T = result["trace"]
        F.append(("traced load: live (slow4g + CPU x4, tracing on)", {a: (T.get(a) or {}).get("live_median") for a in apps}, ms))

        def mark_end(a, pred):
            ms_ = [m["end"] for m in (T.get(a) or {}).get("marks", []) if pred(m)]
            return max(ms_) if ms_ else None
        F.append(("traced load: wasm streaming compile finished", {a: mark_end(a, lambda m: m["key"] == "wasm-finish") for a in apps}, ms))
    if "editor" in result:
        E = result["editor"]
        F.append(("keystroke → preview, median", {a: (E.get(a) or {}).get("keystroke_preview", {}).get("median") for a in apps}, ms))
        F.append(("keystroke → next frame, median", {a: (E.get(a) or {}).get("keystroke_frame", {}).get("median") for a in apps}, ms))
        F.append(("저장 → style-selected, median", {a: (E.get(a) or {}).get("save_selected", {}).get("median") for a in apps}, ms))
        F.append(("저장 → saved status, median", {a: (E.get(a) or {}).get("save_status", {}).get("median") for a in apps}, ms))
    if "soak" in result:
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


def parse_apps(specs):
    apps = []
    for spec in specs:
        if "=" not in spec:
            sys.exit(f"name the apps LABEL=DIR (got {spec!r})")
        label, d = spec.split("=", 1)
        p = Path(d).expanduser()
        if not (p / "index.html").is_file():
            sys.exit(f"{label}: {p}/index.html not found")
        if any(a["label"] == label for a in apps):
            sys.exit(f"duplicate label {label!r}")
        apps.append({"label": label, "dir": str(p.resolve())})
    return apps


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("apps", nargs="+", metavar="LABEL=DIR", help="built static apps; the first is ours (ratios are first/other)")
    ap.add_argument("--sections", default="trace,editor,soak")
    ap.add_argument("--runs", type=int, default=3, help="editor: fresh-Chromium runs per app (keystrokes and saves pooled)")
    ap.add_argument("--trace-runs", type=int, default=3, help="trace: traced loads per app (median)")
    ap.add_argument("--keystrokes", type=int, default=30, help=f"editor: keystrokes per run (at most {TITLE_MAX - len(MARKER)})")
    ap.add_argument("--saves", type=int, default=15, help="editor: timed saves per run")
    ap.add_argument("--selectdelay", type=float, default=0.0, help="seconds the select API waits before answering (0: instant)")
    ap.add_argument("--editor-optional", default="react",
                    help="comma-separated labels that may have no editor (n/a); any other app without one is an error")
    ap.add_argument("--editor-wait", type=float, default=8, help="seconds to wait for the 제목 field after confirming")
    ap.add_argument("--soak-parts", default="cycles,saves,background")
    ap.add_argument("--soak-cycles", type=int, default=1000)
    ap.add_argument("--checkpoints", default="0,100,200,500,1000", help="soak cycles: metrics after these cycles (and the last)")
    ap.add_argument("--soak-saves", type=int, default=200)
    ap.add_argument("--save-checkpoints", default="0,50,100,200", help="soak saves: metrics after these saves (and the last)")
    ap.add_argument("--background-minutes", type=float, default=60)
    ap.add_argument("--bg-metrics-every", type=float, default=10, help="background: minutes between metric points")
    ap.add_argument("--bg-poll", type=float, default=1.0, help="background: seconds between looks at each tab")
    ap.add_argument("--bg-keep-chromedriver-switches", action="store_true",
                    help="background: keep chromedriver's --" + " --".join(BACKGROUND_SWITCHES) +
                         " (no hidden-tab throttling); by default they are dropped, as in a user's Chrome")
    ap.add_argument("--timeout", type=float, default=60, help="seconds to wait for a page state")
    ap.add_argument("--img-host", default="localhost")
    ap.add_argument("--encoding", choices=["auto", "br", "gzip", "identity"], default="auto")
    ap.add_argument("--json", default=None)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    args = ap.parse_args()
    args.editor_optional = [x for x in args.editor_optional.split(",") if x]
    sections = [s for s in args.sections.split(",") if s]
    unknown = set(sections) - {"trace", "editor", "soak"}
    if unknown:
        sys.exit(f"extra.py: unknown sections {sorted(unknown)} (trace, editor, soak)")
    if args.keystrokes > TITLE_MAX - len(MARKER):
        sys.exit(f"--keystrokes: at most {TITLE_MAX - len(MARKER)} (제목 holds {TITLE_MAX} characters, {len(MARKER)} are the marker)")
    apps = parse_apps(args.apps)

    started = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    t_start = time.perf_counter()
    json_path = Path(args.json) if args.json else RESULTS / f"extra-{time.strftime('%Y%m%d-%H%M%S')}.json"
    json_path.parent.mkdir(parents=True, exist_ok=True)
    servers = {a["label"]: ExtraServer(a["label"], Path(a["dir"]), args.encoding, args.img_host,
                                       selectdelay=args.selectdelay).start() for a in apps}
    browser = ExtraBrowser(args)
    errors: list[str] = []
    result = {
        "started": started, "args": vars(args), "apps": apps, "bench_dir": str(BENCH_DIR),
        "env": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
                "loadavg_before": loadavg(), "chrome_args": M.CHROME_ARGS},
        "section_s": {},
    }
    try:
        for name, fn in (("trace", section_trace), ("editor", section_editor), ("soak", section_soak)):
            if name in sections:
                log(f"{name} ...")
                t = time.perf_counter()
                result[name] = fn(browser, apps, servers, args, errors)
                result["section_s"][name] = time.perf_counter() - t
    finally:
        for s in servers.values():
            s.stop()
    result["env"].update(browser.versions)
    result["env"]["loadavg_after"] = loadavg()
    result["errors"] = errors
    result["elapsed_s"] = time.perf_counter() - t_start
    result["json_path"] = str(json_path)
    json_path.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str))
    print(report_md(result))
    if errors:
        log(f"extra.py: {len(errors)} error(s):\n  " + "\n  ".join(errors))
        sys.exit(1)


if __name__ == "__main__":
    main()

"""What the benchmarks in this folder share: measure.py's harness with a save API, a Chromium with
more switches, a DevTools websocket client, and the command line, JSON and markdown of a run.

Not run by itself: bench/trace.py, bench/editor.py and bench/soak.py each call main() here.
It imports the shared measure.py (from $BENCH_DIR/measure, default $REPO/../shared/bench) and
reuses its AppServer, Browser, click_button, heap_metrics, WAIT_JS, WAIT_ALERT_JS and constants.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import platform
import re
import socket
import struct
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BENCH_DIR = Path(os.environ.get("BENCH_DIR") or (REPO / ".." / "shared" / "bench")).resolve()
MEASURE_DIR = BENCH_DIR / "measure"
if not (MEASURE_DIR / "measure.py").is_file():
    sys.exit(f"bench: no {MEASURE_DIR}/measure.py (set BENCH_DIR to the shared bench folder)")
sys.path.insert(0, str(MEASURE_DIR))
import measure as M  # noqa: E402  (the shared harness: server, browser, helpers)

RESULTS = HERE / "results"
log = M.log
median = M.median
fmt_ms = M.fmt_ms
fmt_bytes = M.fmt_bytes


class Failure(RuntimeError):
    """An app did not reach a state it should reach."""


# --------------------------------------------------------------------------- server


class BenchServer(M.AppServer):
    """measure.py's AppServer, plus `PUT /api/content/{draft}/select` answered 200 `{}`
    after `selectdelay` seconds (0: an instant API); every body is kept in `selects`."""

    def __init__(self, *a, **kw):
        self.selects: list[dict] = []
        self.selectdelay = 0.0
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


class BenchBrowser(M.Browser):
    """measure.py's Browser; start(perf_prefs={...}) also turns on chromedriver's performance log
    with those perfLoggingPrefs; start(exclude_switches=[...]) drops some of chromedriver's
    default Chromium switches."""

    def start(self, perf_prefs: dict | None = None, exclude_switches: list | None = None):
        if not perf_prefs and not exclude_switches:
            return super().start()
        plain = M.Options

        def options():  # measure.Browser.start builds its Options() by this module-level name
            o = plain()
            if perf_prefs:
                o.set_capability("goog:loggingPrefs", {"performance": "ALL"})
                o.add_experimental_option("perfLoggingPrefs", perf_prefs)
            if exclude_switches:
                o.add_experimental_option("excludeSwitches", list(exclude_switches))
            return o

        M.Options = options
        try:
            return super().start()
        finally:
            M.Options = plain


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


def loadavg():
    return tuple(round(x, 2) for x in os.getloadavg())


def labels(spec: str) -> list[str]:
    """An option's comma-separated list of names."""
    return [x for x in spec.split(",") if x]


# --------------------------------------------------------------------------- one run: command line, JSON, markdown


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


def report_md(result, report, figures) -> str:
    """The run's markdown: a header, the benchmark's own tables (`report`), a summary table of
    its headline figures (`figures`) with the ratios of the first app to each other, errors."""
    name = result["benchmark"]
    apps = [a["label"] for a in result["apps"]]
    ours, others = apps[0], apps[1:]
    env = result["env"]
    L = [f"# bench/{name}.py — {result['started']}", "",
         f"{env.get('browser')} / chromedriver {env.get('chromedriver')} / {env['cpus']} CPUs / load avg before "
         f"{env['loadavg_before']}, after {env.get('loadavg_after')}"]
    L += report(result, apps, others)
    L += ["", "## Summary" + (" (ratios: " + ", ".join(f"{ours}/{o}" for o in others) + ")" if others else ""), "",
          "| figure | " + " | ".join(apps) + " | " + " | ".join(f"{ours}/{o}" for o in others) + " |",
          "|---|" + "---:|" * (len(apps) + len(others))]
    for fig, vals, fmt in figures(result, apps):
        cells = [fmt(vals.get(a)) for a in apps]
        rs = [fmt_ratio(ratio(vals.get(ours), vals.get(o))) for o in others]
        L.append(f"| {fig} | " + " | ".join(cells) + " | " + " | ".join(rs) + " |")
    if result.get("errors"):
        L += ["", "## Errors", ""] + [f"- {e}" for e in result["errors"]]
    L += ["", f"Took {result['elapsed_s']:.0f} s (" + ", ".join(f"{k} {v:.0f} s" for k, v in result["section_s"].items())
          + f"). JSON: {result['json_path']}"]
    return "\n".join(L)


def main(name: str, doc: str, add_args, run, report, figures, check=None):
    """The command line of bench/<name>.py:

        python bench/<name>.py [options] LABEL=DIR [LABEL=DIR ...]

    Serves each app (BenchServer), runs `run(browser, apps, servers, args, errors)` once, writes
    everything (raw runs included) as JSON to --json (default bench/results/<name>-<timestamp>.json)
    under the key `name`, prints the markdown on stdout (progress goes to stderr), and exits 1
    when `errors` is not empty. `add_args(parser)` adds the benchmark's options, `check(args)`
    may refuse them (a message) after parsing."""
    ap = argparse.ArgumentParser(prog=f"bench/{name}.py", description=doc,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("apps", nargs="+", metavar="LABEL=DIR", help="built static apps; the first is ours (ratios are first/other)")
    add_args(ap)
    ap.add_argument("--timeout", type=float, default=60, help="seconds to wait for a page state")
    ap.add_argument("--img-host", default="localhost")
    ap.add_argument("--encoding", choices=["auto", "br", "gzip", "identity"], default="auto")
    ap.add_argument("--json", default=None)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    args = ap.parse_args()
    refused = check(args) if check else None
    if refused:
        sys.exit(f"bench/{name}.py: {refused}")
    apps = parse_apps(args.apps)

    started = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    t_start = time.perf_counter()
    json_path = Path(args.json) if args.json else RESULTS / f"{name}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    json_path.parent.mkdir(parents=True, exist_ok=True)
    servers = {a["label"]: BenchServer(a["label"], Path(a["dir"]), args.encoding, args.img_host).start() for a in apps}
    browser = BenchBrowser(args)
    errors: list[str] = []
    result = {
        "benchmark": name, "started": started, "args": vars(args), "apps": apps, "bench_dir": str(BENCH_DIR),
        "env": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
                "loadavg_before": loadavg(), "chrome_args": M.CHROME_ARGS},
        "section_s": {},
    }
    try:
        log(f"{name} ...")
        t = time.perf_counter()
        result[name] = run(browser, apps, servers, args, errors)
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
    print(report_md(result, report, figures))
    if errors:
        log(f"bench/{name}.py: {len(errors)} error(s):\n  " + "\n  ".join(errors))
        sys.exit(1)

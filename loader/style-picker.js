// <style-picker>: waits for a Content Service image job and lets a store
// owner pick one of its three styles. This file has a stable name; it loads
// the hashed files beside it, wherever dist/ is served from.
//
//   <script type="module" src="/path/to/style-picker/style-picker.js"></script>
//   <style-picker job-id="…" event-draft-id="…" lang="ko" api-base="" heading-level="2"></style-picker>
//
//   picker.token = "…";              // Authorization: Bearer … (never an attribute)
//   picker.eventInfo = { title: … }; // sent with every generate request
//   picker.addEventListener("style-selected", (e) => e.detail);   // {jobId, eventDraftId, style, imageUrl, editedContent}, once saved
//   picker.addEventListener("style-picker-auth", (e) => e.detail); // {status: 401 | 403}
//
// Changing an attribute starts over as a new page with that query would;
// removing the element stops every request and timer it started.
// Written by loader/post-build.sh from loader/style-picker.js at build time.

const here = import.meta.url;
let loaded = false;

// The page's wasm (Leptos and the three screens): most of the bytes. Fetched
// once `after` settles, so that on a slow line it does not share the
// bandwidth with what the first answer waits for; the wasm beside its glue.
let page = null;
function loadPage(after) {
  return (page ??= after.catch(() => {}).then(() => {
    const wasm = fetch(new URL("./__WASM__", here));
    wasm.catch(() => {}); // the glue's init reports it
    return import("./__JS__").then(async (glue) => {
      await glue.default({ module_or_path: wasm });
      loaded = true;
      return glue.mount;
    });
  }));
}

// The small first wasm (src/bin/first-answer.rs): the polling machine and
// the wire, no UI. It reads the head start's answer while the page's wasm is
// still on its way (src/shell/early.rs).
let first = null;
function loadFirst() {
  return (first ??= import("./__EJS__").then(async (glue) => {
    await glue.default({ module_or_path: new URL("./__EWASM__", here) });
    return glue.firstAnswer;
  }));
}

// Settles once the document is parsed: at once, unless this file was loaded
// async and runs while the parser is still on the element's first paint.
function parsed() {
  if (document.readyState !== "loading") return Promise.resolve();
  return new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
}

// The first status request, sent while the wasm is still on its way; the
// page takes it over when it is exactly the request its machine asks for
// first, and aborts it otherwise (src/shell/head_start.rs). This only sends:
// what the answer means is the machine's to decide. Ids must pass the
// contract's rule, which the page checks again (src/api/ids.rs).
const ID = /^[A-Za-z0-9._-]{1,128}$/;
const API_BASE_META = 'meta[name="style-picker-api-base"]';
function headStart(el, token) {
  let job, draft, base;
  if (el.hasAttribute("page")) {
    const query = new URLSearchParams(location.search);
    job = query.get("jobId");
    draft = query.get("eventDraftId");
    base = document.querySelector(API_BASE_META)?.content;
  } else {
    job = el.getAttribute("job-id");
    draft = el.getAttribute("event-draft-id");
    base = el.getAttribute("api-base");
  }
  if (loaded || !navigator.onLine || !ID.test(job ?? "") || !ID.test(draft ?? "")) return undefined;
  // As src/shell/page.rs normalize_base and src/shell/host.rs credentials_for.
  base = (base ?? "").trim().replace(/\/+$/, "");
  if (!/^https?:\/\//i.test(base) && !(base[0] === "/" && base[1] !== "/")) base = "";
  const origin = location.origin.toLowerCase() + "/";
  const credentials = !base || base[0] === "/" || (base.toLowerCase() + "/").startsWith(origin)
    ? "same-origin" : "include";
  const url = `${base}/api/content/jobs/${job}/status`;
  const headers = { accept: "application/json" };
  const authorization = token != null && token.trim() ? `Bearer ${token}` : undefined;
  if (authorization) headers.authorization = authorization;
  const controller = new AbortController();
  const at = performance.now();
  const response = fetch(url, { headers, credentials, cache: "no-store", signal: controller.signal });
  const head = { url, authorization, credentials, at, response, abort: () => controller.abort() };
  // When the answer reached the browser: the page may mount later, and the
  // next request is 2 s after the answer, not after the page read it.
  // Aborted or failed, the page reads that itself, or never asks.
  const answered = () => { head.answered = performance.now(); };
  response.then(answered, answered);
  return head;
}

// The element's styles, for a host page that does not link them. Once the
// document is parsed: index.html links them itself, after this file, which
// may run first.
const css = new URL("./__CSS__", here).href;
parsed().then(() => {
  if ([...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href === css)) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = css;
  document.head.append(link);
});

class StylePickerElement extends HTMLElement {
  static observedAttributes = ["job-id", "event-draft-id", "lang", "api-base", "heading-level"];
  #picker = null;
  #token = null;
  #eventInfo = null;
  #scheduled = false;

  connectedCallback() {
    // A host may set properties before this class was defined.
    for (const name of ["token", "eventInfo"]) {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        const value = this[name];
        delete this[name];
        this[name] = value;
      }
    }
    this.#schedule();
  }

  disconnectedCallback() {
    this.#unmount();
  }

  attributeChangedCallback(_name, before, after) {
    if (before !== after && this.isConnected) this.#schedule();
  }

  get token() {
    return this.#token;
  }

  set token(value) {
    this.#token = value == null || value === "" ? null : String(value);
    this.#picker?.setToken(this.#token ?? undefined);
  }

  get eventInfo() {
    return this.#eventInfo;
  }

  set eventInfo(value) {
    this.#eventInfo = value ?? null;
    this.#picker?.setEventInfo(this.#eventInfo ?? undefined);
  }

  // Several changes in one task make one fresh start.
  async #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    const head = headStart(this, this.#token);
    const mount = await (head ? this.#firstAnswer(head) : loadPage(Promise.resolve()));
    await parsed(); // the page replaces the whole first paint
    this.#scheduled = false;
    if (!this.isConnected) {
      head?.abort();
      return;
    }
    this.#unmount();
    const attr = (name) => this.getAttribute(name) ?? undefined;
    const picker = mount(this, attr("job-id"), attr("event-draft-id"), attr("lang"),
      attr("api-base"), attr("heading-level"), this.hasAttribute("page"), head);
    if (this.#token != null) picker.setToken(this.#token);
    if (this.#eventInfo != null) picker.setEventInfo(this.#eventInfo);
    this.#picker = picker;
  }

  // Before the page mounts: when the static first paint has a live region,
  // the first wasm's machine reads a copy of the head start's answer, and
  // while the job is being drawn its words go there. Resolves to the page's
  // mount, which replaces the first paint and takes the request over.
  #firstAnswer(head) {
    // index.html loads this file async, so the element may be connected
    // while its first paint is still being parsed: look for the live region
    // once the document is parsed, with the first wasm already on its way.
    const early = document.readyState === "loading";
    const reader = early ? loadFirst() : null;
    return parsed().then(() => {
      const status = this.querySelector('[role="status"]');
      if (!status) return loadPage(Promise.resolve());
      const response = head.response.then((r) => r.clone());
      response.catch(() => {}); // the page reads that itself
      const attr = (name) => this.getAttribute(name) ?? undefined;
      const first = reader ?? loadFirst();
      // The head start with the copy of its response; through the prototype
      // it still shows when the answer arrives (answered).
      const copy = Object.assign(Object.create(head), { response });
      first
        .then((firstAnswer) => firstAnswer(attr("job-id"), attr("event-draft-id"), attr("lang"),
          attr("api-base"), this.hasAttribute("page"), copy))
        .then((text) => {
          if (text && this.contains(status)) status.textContent = text;
        }, () => {});
      return loadPage(first);
    });
  }

  #unmount() {
    const picker = this.#picker;
    this.#picker = null;
    picker?.unmount();
  }
}

if (!customElements.get("style-picker")) customElements.define("style-picker", StylePickerElement);

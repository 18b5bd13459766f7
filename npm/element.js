// <style-picker>: waits for a Content Service image job and lets a store
// owner pick and edit one of its three styles. docs/embedding.md says how to
// use it. This file only defines the element and loads the page's wasm;
// every rule of the contract lives in the wasm (src/). The names in capitals
// are filled in at build time, in one place (loader/element.sh), and stay
// literal `new URL("./…", import.meta.url)` and `import("./…")`, so that a
// host's bundler emits the files with its own.

// The page's wasm and its glue, fetched side by side, once per document;
// the wasm is compiled while the glue loads, streamed, so that the browser
// keeps the compiled code with its cached copy for the next visit. A load
// that fails, or has not finished after 8 s, is dropped: the next element
// connected, or 다시 시도, starts another, past the HTTP cache.
let page = null;
let tries = 0;
function loadPage() {
  return (page ??= (() => {
    const stop = new AbortController();
    const wasm = fetch(new URL("./__WASM__", import.meta.url), { signal: stop.signal, cache: tries++ ? "reload" : "default" })
      .then((response) => WebAssembly.compileStreaming(response).catch((error) => {
        // A server that does not say application/wasm: compiled from the bytes.
        if (!response.ok || /^application\/wasm/i.test(response.headers.get("content-type"))) throw error;
        return response.arrayBuffer().then((bytes) => WebAssembly.compile(bytes));
      }));
    wasm.catch(() => {}); // reported below, once the glue is there
    const loaded = Promise.race([
      import("./__JS__").then(async (glue) => {
        await glue.default({ module_or_path: await wasm });
        return glue.mount;
      }),
      new Promise((_, late) => setTimeout(late, 8e3)),
    ]);
    loaded.catch(() => {
      stop.abort();
      page = null;
    });
    return loaded;
  })());
}

// Settles once the document is parsed: the page replaces the element's
// whole first paint (index.html's), which must all be there first.
function parsed() {
  if (document.readyState !== "loading") return Promise.resolve();
  return new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
}

// The element's styles, for a host page that does not link them (index.html
// does). Its rules sit in `@layer style-picker`, so the host's own win
// wherever this link lands.
function linkStyles() {
  const css = new URL("./__CSS__", import.meta.url).href;
  parsed().then(() => {
    if ([...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href === css)) return;
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = css;
    document.head.append(link);
  });
}

/** Defines `<style-picker>` once; does nothing without a DOM. */
export function defineStylePicker() {
  if (typeof window === "undefined" || typeof customElements === "undefined") return;
  if (customElements.get("style-picker")) return;
  class StylePickerElement extends HTMLElement {
    static observedAttributes = ["job-id", "event-draft-id", "lang", "api-base", "heading-level", "token-required"];
    #picker = null;
    #token = null;
    #eventInfo = null;
    #scheduled = false;

    connectedCallback() {
      // A host (or a React component) may set properties before this class was defined.
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
      if (this.#picker) this.#picker.setToken(this.#token ?? undefined);
      else if (this.isConnected) this.#schedule(); // it may have waited for this
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
      const mount = await loadPage().catch(() => null);
      await parsed();
      this.#scheduled = false;
      if (!this.isConnected) return;
      this.#unmount();
      if (!mount) return this.#failed();
      if (this.hasAttribute("token-required") && this.#token == null) return;
      const attr = (name) => this.getAttribute(name) ?? undefined;
      const picker = mount(this, attr("job-id"), attr("event-draft-id"), attr("lang"),
        attr("api-base"), attr("heading-level"), this.hasAttribute("page"));
      // Before the first request, which goes out once this task ends.
      if (this.#token != null) picker.setToken(this.#token);
      if (this.#eventInfo != null) picker.setEventInfo(this.#eventInfo);
      this.#picker = picker;
    }

    // The page's own files did not load: an alert in plain text, with a
    // button that loads them again, and `style-picker-error` for the host.
    #failed() {
      const lang = this.hasAttribute("page") ? new URLSearchParams(location.search).get("lang") : this.getAttribute("lang");
      const en = /^\s*en\b/i.test(lang);
      const [headline, advice, again] = en
        ? ["The page could not load.", "Check your connection and try again.", "Try again"]
        : ["페이지를 불러오지 못했어요.", "인터넷 연결을 확인한 뒤 다시 시도해 주세요.", "다시 시도"];
      const add = (parent, tag, className, text = "") => {
        const node = parent.appendChild(document.createElement(tag));
        node.className = className;
        node.textContent = text;
        return node;
      };
      const focused = this.contains(document.activeElement);
      this.replaceChildren();
      const panel = add(this, "div", "style-picker");
      panel.lang = en ? "en" : "ko";
      const alert = add(panel, "div", "alert");
      alert.setAttribute("role", "alert");
      add(alert, "p", "headline", headline);
      add(alert, "p", "", advice);
      const button = add(add(panel, "div", "actions"), "button", "primary");
      button.type = "button";
      add(button, "span", "spinner").setAttribute("aria-hidden", "true");
      button.append(again);
      button.onclick = () => {
        button.setAttribute("aria-busy", "true");
        this.#schedule();
      };
      if (focused) button.focus();
      this.dispatchEvent(new CustomEvent("style-picker-error", { detail: { reason: "load" }, bubbles: true, composed: true }));
    }

    #unmount() {
      const picker = this.#picker;
      this.#picker = null;
      picker?.unmount();
    }
  }
  customElements.define("style-picker", StylePickerElement);
  linkStyles();
}

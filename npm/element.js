// <style-picker>: waits for a Content Service image job and lets a store
// owner pick and edit one of its three styles. docs/embedding.md says how to
// use it. This file only defines the element and loads the page's wasm;
// every rule of the contract lives in the wasm (src/). The names in capitals
// are filled in at build time, in one place (loader/element.sh), and stay
// literal `new URL("./…", import.meta.url)` and `import("./…")`, so that a
// host's bundler emits the files with its own.

// The page's wasm and its glue, fetched side by side, once per document.
let page = null;
function loadPage() {
  return (page ??= (() => {
    const wasm = fetch(new URL("./__WASM__", import.meta.url));
    wasm.catch(() => {}); // the glue's init reports it
    return import("./__JS__").then(async (glue) => {
      await glue.default({ module_or_path: wasm });
      return glue.mount;
    });
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
      const mount = await loadPage();
      await parsed();
      this.#scheduled = false;
      if (!this.isConnected) return;
      this.#unmount();
      if (this.hasAttribute("token-required") && this.#token == null) return;
      const attr = (name) => this.getAttribute(name) ?? undefined;
      const picker = mount(this, attr("job-id"), attr("event-draft-id"), attr("lang"),
        attr("api-base"), attr("heading-level"), this.hasAttribute("page"));
      // Before the first request, which goes out once this task ends.
      if (this.#token != null) picker.setToken(this.#token);
      if (this.#eventInfo != null) picker.setEventInfo(this.#eventInfo);
      this.#picker = picker;
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

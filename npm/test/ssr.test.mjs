// The packed package on a server, with React 18.3 and with React 19 (each
// installed from the tarball in react-18/ and react-19/ beside this file):
//
//   node --test npm/test/ssr.test.mjs     (scripts/host-kit.sh runs it)
//
// - `import "style-picker"` and `import "style-picker/react"` in Node do
//   nothing and throw nothing;
// - StylePicker rendered to HTML, given a token and eventInfo, writes exactly
//   the element's non-secret attributes: neither the token nor any of
//   eventInfo's values is anywhere in the markup.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const TOKEN = "secret-token-8d1f";
const EVENT_INFO = { title: "secret-title-51c2", giftName: "secret-gift-77aa", brandColor: "#e4572e" };

/** The attributes of every `<style-picker …>` start tag in `html`, as [name, value] lists. */
function startTags(html) {
  return [...html.matchAll(/<style-picker\b([^>]*)>/g)].map(([, inner]) =>
    [...inner.matchAll(/([^\s=]+)(?:="([^"]*)")?/g)].map(([, name, value]) => [name, value ?? ""]),
  );
}

for (const react of ["react-18", "react-19"]) {
  const dir = path.join(here, react);
  const require = createRequire(path.join(dir, "package.json"));
  const load = (specifier) => import(pathToFileURL(require.resolve(specifier)).href);

  describe(`style-picker with ${react}`, () => {
    test("importing the element and the component on a server does nothing and throws nothing", async () => {
      const element = await load("style-picker");
      assert.equal(typeof element.defineStylePicker, "function");
      element.defineStylePicker(); // no DOM: a no-op
      const { StylePicker } = await load("style-picker/react");
      assert.equal(typeof StylePicker, "object", "a forwardRef component");
      assert.equal(typeof globalThis.customElements, "undefined", "nothing defined a DOM");
    });

    test("the server's markup has the attributes and no token, no eventInfo", async () => {
      const React = await load("react");
      const { renderToString } = await load("react-dom/server");
      const { StylePicker } = await load("style-picker/react");
      const errors = [];
      const consoleError = console.error;
      console.error = (...args) => errors.push(args.join(" "));
      let html;
      try {
        html = renderToString(
          React.createElement(
            "main",
            null,
            React.createElement(StylePicker, {
              jobId: "job-1",
              eventDraftId: "draft-1",
              lang: "en",
              apiBase: "/host",
              headingLevel: 3,
              theme: "dark",
              tokenRequired: true,
              token: TOKEN,
              eventInfo: EVENT_INFO,
              onStyleSelected() {},
              onAuthRefused() {},
              className: "picker wide",
              style: { marginTop: 8, "--style-picker-accent": "#e4572e" },
              id: "picker",
            }),
          ),
        );
      } finally {
        console.error = consoleError;
      }
      assert.deepEqual(errors, [], "React's server render warns about nothing");
      for (const secret of [TOKEN, ...Object.values(EVENT_INFO).filter((v) => v.startsWith("secret"))]) {
        assert.ok(!html.includes(secret), `${secret} is not in the markup: ${html}`);
      }
      const tags = startTags(html);
      assert.equal(tags.length, 1, html);
      assert.deepEqual(Object.fromEntries(tags[0]), {
        "job-id": "job-1",
        "event-draft-id": "draft-1",
        lang: "en",
        "api-base": "/host",
        "heading-level": "3",
        theme: "dark",
        "token-required": "",
        class: "picker wide",
        style: "margin-top:8px;--style-picker-accent:#e4572e",
        id: "picker",
      });
    });

    test("without the optional props, no attribute but the ones given", async () => {
      const React = await load("react");
      const { renderToString } = await load("react-dom/server");
      const { StylePicker } = await load("style-picker/react");
      const html = renderToString(React.createElement(StylePicker, { eventDraftId: "draft-2", tokenRequired: false }));
      assert.deepEqual(startTags(html), [[["event-draft-id", "draft-2"]]], html);
    });
  });
}

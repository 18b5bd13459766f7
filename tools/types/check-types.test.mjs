// check-types.mjs's own test (node's test runner; check-types.mjs runs it
// after its checks pass): on a copy of npm/, src/ and style/ it
// passes, and with any one name changed on one side (the loader, the Rust
// side, the d.ts, the manifest, the React component) it fails and names the
// change.
//
//   node --test tools/types/check-types.test.mjs
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const script = path.join(here, "check-types.mjs");

/** Runs the names check on a copy of npm/, src/ and style/, after `change(dir)`. */
async function checkCopy(change) {
  const dir = mkdtempSync(path.join(tmpdir(), "check-types-"));
  try {
    for (const part of ["npm", "src", "style"]) cpSync(path.join(root, part), path.join(dir, part), { recursive: true });
    change?.(dir);
    const run = await promisify(execFile)(process.execPath, [script, "--root", dir, "--names-only"]).then(
      (ok) => ({ code: 0, ...ok }),
      (failed) => ({ code: failed.code, stdout: failed.stdout, stderr: failed.stderr }),
    );
    return { code: run.code, out: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Replaces the one occurrence of `from` in `dir/file` with `to`. */
const edit = (file, from, to) => (dir) => {
  const at = path.join(dir, file);
  const text = readFileSync(at, "utf8");
  assert.equal(text.split(from).length, 2, `${file} holds ${JSON.stringify(from)} exactly once`);
  writeFileSync(at, text.replace(from, to));
};

describe("check-types.mjs", { concurrency: 2 }, () => {
  test("the sources as they are agree", async () => {
    const { code, out } = await checkCopy();
    assert.equal(code, 0, out);
    assert.match(out, /check-types: ok/);
  });

  const drifts = [
    ["an attribute the loader observes and the types do not", "npm/element.js", '"api-base", ', '"api-base", "size", ', /"size"/],
    ["a property renamed in the loader", "npm/element.js", "get token()", "get bearer()", /"bearer"/],
    ["an event the loader dispatches and the types do not", "npm/element.js", 'new CustomEvent("style-picker-error"', 'new CustomEvent("style-picker-failed"', /style-picker-failed/],
    ["an event renamed on the Rust side", "src/shell/events.rs", '"style-picker-auth"', '"style-picker-signin"', /style-picker-signin/],
    ["a detail key renamed on the Rust side", "src/wire/bodies.rs", "    pub image_url: &'a str,", "    pub picture_url: &'a str,", /pictureUrl/],
    ["an editedContent key renamed on the Rust side", "src/wire/bodies.rs", "    pub guide: &'a str,", "    pub how_to_join: &'a str,", /howToJoin/],
    ["a style added on the Rust side", "src/wire/style.rs", 'Style::Trendy => "trendy",', 'Style::Trendy => "trendy",\n            Style::Retro => "retro",', /"retro"/],
    ["an attribute renamed in the d.ts", "npm/style-picker.d.ts", '"api-base"?:', '"api-url"?:', /"api-url"/],
    ["an event renamed in the manifest", "npm/custom-elements.json", '"name": "style-picker-auth"', '"name": "style-picker-denied"', /style-picker-denied/],
    ["an attribute the React component does not write", "npm/react.js", '    "api-base": text(apiBase),\n', "", /"api-base"/],
    ["an event the React component does not hear", "npm/react.js", '["style-picker-auth", "onAuthRefused"]', '["style-picker-denied", "onAuthRefused"]', /style-picker-denied/],
    ["a React prop misspelt in react.d.ts", "npm/react.d.ts", "  apiBase?: string | undefined;", "  apiURL?: string | undefined;", /apiURL/],
  ];

  for (const [what, file, from, to, named] of drifts) {
    test(`fails on ${what}`, async () => {
      const { code, out } = await checkCopy(edit(file, from, to));
      assert.equal(code, 1, out);
      assert.match(out, named);
    });
  }
});

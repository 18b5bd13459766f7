// Called by loader/post-build.sh: shortens the names that wasm-bindgen's glue
// and the wasm use to reach each other, in both files at once.
//
//   node loader/shorten-names.mjs DIR/style-picker-HASH.js DIR/style-picker-HASH_bg.wasm
//
// wasm-bindgen names every import after its Rust path plus a 16-hex-digit
// hash (`__wbg_setattribute_7a1b…`), and many exports after whole generic
// types. Those names sit in the wasm's import and export sections and again
// in the JS, and hashes do not compress: 3.8 KiB brotli of the first view
// (2026-12-01). No minifier can rename them, since each file holds half of the link.
// This gives each import of the glue's module, and each export the glue
// reads as `wasm.NAME`, a name of one or two letters in both files.
//
// Safe by construction or it fails the build: every old name must be found
// exactly where expected and nowhere after, and the new wasm must validate.

import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";

const [jsPath, wasmPath] = process.argv.slice(2);
if (!jsPath || !wasmPath) {
  fail("usage: shorten-names.mjs GLUE.js MODULE_bg.wasm");
}
let js = readFileSync(jsPath, "utf8");
const wasm = readFileSync(wasmPath);

function fail(message) {
  console.error(`shorten-names: ${message}`);
  process.exit(1);
}

// a, b, …, Z, aa, ab, …: never a JS keyword of one or two letters
// ("do", "if", "in" are skipped), never `__proto__`.
const RESERVED = new Set(["do", "if", "in"]);
function* shortNames() {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (const a of letters) yield a;
  for (const a of letters) for (const b of letters) if (!RESERVED.has(a + b)) yield a + b;
}

// --- the wasm binary: sections, LEB128 and names --------------------------
function readU32(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}
function u32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
}
function readName(bytes, at) {
  const [length, start] = readU32(bytes, at);
  return [bytes.subarray(start, start + length).toString("utf8"), start + length];
}
function name(text) {
  const bytes = Buffer.from(text, "utf8");
  return Buffer.concat([u32(bytes.length), bytes]);
}
// Skips an import's description (func, table, memory, global, tag).
function skipImportDesc(bytes, at) {
  const kind = bytes[at++];
  const limits = () => {
    const [flags, next] = readU32(bytes, at);
    [, at] = readU32(bytes, next);
    if (flags & 1) [, at] = readU32(bytes, at);
  };
  if (kind === 0) [, at] = readU32(bytes, at);
  else if (kind === 1) { at += 1; limits(); }
  else if (kind === 2) limits();
  else if (kind === 3) at += 2;
  else if (kind === 4) { at += 1; [, at] = readU32(bytes, at); }
  else fail(`unknown import kind ${kind}`);
  return at;
}

const sections = [];
for (let at = 8; at < wasm.length; ) {
  const id = wasm[at];
  const [size, start] = readU32(wasm, at + 1);
  sections.push({ id, body: wasm.subarray(start, start + size) });
  at = start + size;
}
const importSection = sections.find((s) => s.id === 2);
const exportSection = sections.find((s) => s.id === 7);
if (!importSection || !exportSection) fail(`${basename(wasmPath)} has no import or export section`);

// A section's vector of entries; `entry(at)` reads one, returns [entry, next].
function readVector(body, entry) {
  const [count, first] = readU32(body, 0);
  const entries = [];
  for (let i = 0, at = first; i < count; i++) {
    let item;
    [item, at] = entry(at);
    entries.push(item);
  }
  return entries;
}
const imports = readVector(importSection.body, (at) => {
  const body = importSection.body;
  const [module, afterModule] = readName(body, at);
  const [field, afterField] = readName(body, afterModule);
  const end = skipImportDesc(body, afterField);
  return [{ module, field, desc: body.subarray(afterField, end) }, end];
});
const exports = readVector(exportSection.body, (at) => {
  const body = exportSection.body;
  const [field, afterField] = readName(body, at);
  const [, end] = readU32(body, afterField + 1); // kind byte, then index
  return [{ field, desc: body.subarray(afterField, end) }, end];
});

// The glue's own module (`"./style-picker-HASH_bg.js"`-like, the key of the
// JS imports object): the module of (almost) every import.
const moduleCounts = new Map();
for (const { module } of imports) moduleCounts.set(module, (moduleCounts.get(module) ?? 0) + 1);
const glueModule = [...moduleCounts].sort((a, b) => b[1] - a[1])[0][0];

// --- the JS: the imports object's keys and `wasm.NAME` reads --------------
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
function replaceExactly(pattern, replacement, what, expected) {
  let found = 0;
  js = js.replace(pattern, () => {
    found++;
    return replacement;
  });
  if (expected !== undefined ? found !== expected : found === 0) {
    fail(`${what}: found ${found} times in ${basename(jsPath)}, expected ${expected ?? "at least 1"}`);
  }
}

const importNames = shortNames();
const newImport = new Map();
for (const entry of imports) {
  if (entry.module !== glueModule || newImport.has(entry.field)) continue;
  newImport.set(entry.field, importNames.next().value);
}
// The module key, quoted as the minifier left it, then each function's key.
replaceExactly(
  new RegExp(`(["'])${escape(glueModule)}\\1(?=\\s*:)`, "g"),
  '"m"',
  `the imports object's key ${glueModule}`,
  1,
);
for (const [old, short] of newImport) {
  replaceExactly(new RegExp(`(?<![\\w$])${escape(old)}(?=\\s*:)`, "g"), short, `import ${old}`, 1);
}

const exportNames = shortNames();
const newExport = new Map();
for (const entry of exports) {
  const read = new RegExp(`(?<![\\w$])wasm\\.${escape(entry.field)}(?![\\w$])`, "g");
  if (!read.test(js)) continue; // not the glue's: leave it as it is
  const short = exportNames.next().value;
  newExport.set(entry.field, short);
  replaceExactly(read, `wasm.${short}`, `export ${entry.field}`);
}

// An import's name must be gone entirely; an export's may remain as the name
// of the JS function that wraps it, but not as a string another read could use.
for (const old of [...newImport.keys(), glueModule]) {
  if (new RegExp(`(?<![\\w$])${escape(old)}(?![\\w$])`).test(js)) {
    fail(`${old} is still read somewhere in ${basename(jsPath)}`);
  }
}
for (const old of newExport.keys()) {
  if (new RegExp(`wasm\\.${escape(old)}(?![\\w$])|["'\`]${escape(old)}["'\`]`).test(js)) {
    fail(`the export ${old} is still read somewhere in ${basename(jsPath)}`);
  }
}

// --- write both --------------------------------------------------------------
function section(id, entries) {
  const body = Buffer.concat([u32(entries.length), ...entries]);
  return Buffer.concat([Buffer.from([id]), u32(body.length), body]);
}
const out = [wasm.subarray(0, 8)];
for (const s of sections) {
  if (s.id === 2) {
    out.push(
      section(
        2,
        imports.map((e) => {
          const renamed = e.module === glueModule;
          return Buffer.concat([
            name(renamed ? "m" : e.module),
            name(renamed ? newImport.get(e.field) : e.field),
            e.desc,
          ]);
        }),
      ),
    );
  } else if (s.id === 7) {
    out.push(section(7, exports.map((e) => Buffer.concat([name(newExport.get(e.field) ?? e.field), e.desc]))));
  } else {
    out.push(Buffer.concat([Buffer.from([s.id]), u32(s.body.length), s.body]));
  }
}
const shortened = Buffer.concat(out);
if (!WebAssembly.validate(shortened)) fail("the rewritten wasm does not validate");

writeFileSync(wasmPath, shortened);
writeFileSync(jsPath, js);
console.log(
  `shorten-names: ${newImport.size} imports, ${newExport.size} exports; ` +
    `wasm ${wasm.length} -> ${shortened.length} B, js -> ${Buffer.byteLength(js)} B`,
);

#!/usr/bin/env bash
# The npm package `style-picker`, from the release build in dist/:
#
#   bash scripts/package.sh        (after trunk_build; scripts/host-kit.sh runs it)
#
# writes the package's files to target/npm/package/ and packs them (`npm pack`)
# into target/npm/style-picker-<version>.tgz, copied to
# target/npm/style-picker.tgz, the stable name the examples depend on
# (`"style-picker": "file:../../target/npm/style-picker.tgz"`). The version
# is the crate's (Cargo.toml). dist/ is read, never changed.
#
# In the package the wasm, its glue and the styles have fixed names beside
# element.js, which refers to them as `new URL("./…", import.meta.url)` and
# `import("./…")`: a host's bundler (Vite, webpack, Next.js) emits them with
# its own assets (loader/element.sh fills those names in, as it does for
# dist/). The glue's own default wasm URL is pointed at the same file. Every
# other file of the package is in npm/ as it is published.
set -euo pipefail
source "$(dirname "$0")/common.sh"

DIST="${DIST:-dist}"
OUT=target/npm
PKG="$OUT/package"

die() { echo "${C_RED}package: $*${C_RESET}" >&2; exit 1; }

one() { # one GLOB -> the one file in $DIST that matches
  local found=("$DIST"/$1)
  [[ ${#found[@]} -eq 1 && -f "${found[0]}" ]] || die "expected exactly one $DIST/$1 (run the release build first: source scripts/common.sh && trunk_build)"
  echo "${found[0]}"
}
[[ -f "$DIST/index.html" ]] || die "$DIST/index.html is missing (run the release build first: source scripts/common.sh && trunk_build)"
glue="$(one 'style-picker-*.js')"
wasm="$(one 'style-picker-*_bg.wasm')"
css="$(one 'main-*.css')"

version="$(sed -n '/^\[package\]/,/^\[/s/^version *= *"\([^"]*\)".*/\1/p' Cargo.toml | head -n1)"
[[ -n "$version" ]] || die "no [package] version in Cargo.toml"

rm -rf "$PKG"
mkdir -p "$PKG"

# The files host bundlers emit, under fixed names.
cp "$wasm" "$PKG/style-picker_bg.wasm"
cp "$css" "$PKG/style-picker.css"
# wasm-bindgen's default `new URL("<name>_bg.wasm", import.meta.url)` (the
# element always passes the wasm itself, but bundlers resolve the URL anyway).
sed -E 's#new URL\((["'"'"'])(\./)?[A-Za-z0-9_.-]*_bg\.wasm\1#new URL(\1./style-picker_bg.wasm\1#g' "$glue" >"$PKG/style-picker-glue.js"
sh loader/element.sh "$PKG/element.js" style-picker-glue.js style-picker_bg.wasm style-picker.css

# The entries, their types, the element's types and manifest, the docs: npm/
# holds every other file the package publishes.
cp npm/index.js npm/index.d.ts npm/react.js npm/react.d.ts npm/style-picker.d.ts npm/README.md npm/CHANGELOG.md "$PKG/"
node - "$PKG" "$version" npm/custom-elements.json <<'JS'
// package.json with the crate's version; the manifest with the package's
// module (index.js defines the element on import; dist/ has style-picker.js).
const fs = require("node:fs");
const path = require("node:path");
const [pkgDir, version, manifest] = process.argv.slice(2);
const pkg = JSON.parse(fs.readFileSync("npm/package.json", "utf8"));
pkg.version = version;
fs.writeFileSync(path.join(pkgDir, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
const cem = JSON.parse(fs.readFileSync(manifest, "utf8"));
const rename = (value) => (value === "style-picker.js" ? "index.js" : value);
for (const mod of cem.modules ?? []) {
  mod.path = rename(mod.path);
  if (mod.description) mod.description = "Defines <style-picker> when imported in a browser (`import \"style-picker\"`); does nothing on a server. Types: index.d.ts.";
  for (const exp of mod.exports ?? []) if (exp.declaration) exp.declaration.module = rename(exp.declaration.module);
}
fs.writeFileSync(path.join(pkgDir, "custom-elements.json"), `${JSON.stringify(cem, null, 2)}\n`);

// Every file the package names exists, and every `new URL("…", import.meta.url)`
// and `import("…")` in its scripts points at a file in it: what a bundler
// resolves at build time.
const files = new Set(fs.readdirSync(pkgDir));
const problems = [];
for (const name of pkg.files) if (!files.has(name)) problems.push(`files lists ${name}, which is missing`);
for (const name of [...files].filter((f) => f.endsWith(".js"))) {
  const text = fs.readFileSync(path.join(pkgDir, name), "utf8").replace(/^\s*\/\/.*$/gm, ""); // not the comments
  const refs = [
    ...text.matchAll(/new URL\(\s*(["'])([^"']+)\1\s*,\s*import\.meta\.url\s*\)/g),
    ...text.matchAll(/import\(\s*(["'])(\.[^"']+)\1\s*\)/g),
    ...text.matchAll(/from\s*(["'])(\.[^"']+)\1/g),
  ].map((m) => m[2]);
  for (const ref of refs) {
    if (!ref.startsWith("./")) problems.push(`${name}: ${ref} is not "./…" (bundlers may read it as a package)`);
    else if (!files.has(ref.slice(2))) problems.push(`${name}: ${ref} is not in the package`);
  }
  if (/__(JS|WASM|CSS)__/.test(text)) problems.push(`${name}: a build-time name was not filled in`);
}
if (problems.length) {
  console.error(`package: ${problems.join("\n package: ")}`);
  process.exit(1);
}
JS

# Imported on a server, the package does nothing and throws nothing.
node --input-type=module -e "
  const mod = await import('$(realpath "$PKG")/index.js');
  if (typeof mod.defineStylePicker !== 'function') throw new Error('no defineStylePicker export');
  await import('$(realpath "$PKG")/element.js');
" || die "importing the package in Node failed"

tarball="$(cd "$PKG" && npm pack --pack-destination .. --silent)"
cp "$OUT/$tarball" "$OUT/style-picker.tgz"
size() { du -b "$1" | cut -f1; }
echo "package: $OUT/$tarball ($(size "$OUT/$tarball") bytes; also $OUT/style-picker.tgz), from $DIST/"

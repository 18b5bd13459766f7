#!/usr/bin/env node
// The host kit's types against the element, so they cannot drift:
//
//   node tools/types/check-types.mjs    (scripts/test.sh runs it after the release build)
//
// 1. Names. npm/style-picker.d.ts and npm/custom-elements.json name the
//    same attributes as the element (npm/element.js's observedAttributes,
//    and those style/main.css selects on, such as `theme`), the same
//    properties as its public accessors, the same events as
//    src/shell/events.rs's constants and npm/element.js's own `new
//    CustomEvent("…")`, the same detail keys as the Rust side
//    sets, and the same styles as `Style::key`; EventInfo types every field
//    the editor reads (`EventFields`). The React component (npm/react.js)
//    writes every attribute and listens to every event of the Rust side, and its props
//    (npm/react.d.ts) are those names in camelCase. dist/ and the npm
//    package (target/npm/package/, when built) hold copies of the types
//    identical to their sources.
// 2. tsc --noEmit (typescript pinned in tools/types/package.json), with React 19's
//    types and with React 18.3's (@types/react-18):
//    examples/types/uses.tsx, which uses every member, type-checks;
//    examples/types/wrong.tsx fails on exactly its lines marked `wrong:`;
//    examples/react-host (TSX) type-checks.
//
// 3. The check itself fails when a name drifts (tools/types/check-types.test.mjs).
//
// Exits non-zero with one line per difference. Needs `npm ci --prefix tools/types`.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

// --root DIR: check another tree (tools/types/check-types.test.mjs does, on copies
// with one name changed); --names-only: step 1 alone, without dist/ and tsc.
const here = path.dirname(fileURLToPath(import.meta.url));
const rootAt = process.argv.indexOf("--root");
const root = rootAt > 0 ? path.resolve(process.argv[rootAt + 1]) : path.resolve(here, "../..");
const namesOnly = process.argv.includes("--names-only");
const read = (rel) => readFileSync(path.join(root, rel), "utf8");
const problems = [];
const sorted = (names) => [...new Set(names)].sort();

/** Records a problem when two name lists differ (as sets). */
function same(what, expected, [actualName, actual]) {
  const [want, got] = [sorted(expected), sorted(actual)];
  if (want.join("\n") !== got.join("\n")) {
    const missing = want.filter((n) => !got.includes(n));
    const extra = got.filter((n) => !want.includes(n));
    problems.push(
      `${what}: ${actualName} differs` +
        (missing.length ? `; missing ${JSON.stringify(missing)}` : "") +
        (extra.length ? `; not in the element ${JSON.stringify(extra)}` : ""),
    );
  }
}

// ---------------------------------------------------------------- the element
/**
 * What npm/element.js defines: tag, observed attributes, accessors, and the
 * events it dispatches itself (`new CustomEvent("…"`: the load failure's).
 */
function loaderElement(source) {
  const file = ts.createSourceFile("element.js", source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const found = { tag: null, attributes: null, properties: [], upgraded: null, events: [] };
  const strings = (node) =>
    ts.isArrayLiteralExpression(node) ? node.elements.filter(ts.isStringLiteral).map((e) => e.text) : null;
  const visit = (node) => {
    if (ts.isClassDeclaration(node)) {
      for (const member of node.members) {
        const name = member.name && ts.isIdentifier(member.name) ? member.name.text : null;
        if (ts.isPropertyDeclaration(member) && name === "observedAttributes" && member.initializer) {
          found.attributes = strings(member.initializer);
        }
        if ((ts.isGetAccessorDeclaration(member) || ts.isSetAccessorDeclaration(member)) && name) {
          found.properties.push(name);
        }
      }
    }
    if (ts.isNewExpression(node) && node.expression.getText(file) === "CustomEvent" && node.arguments?.[0]) {
      if (ts.isStringLiteral(node.arguments[0])) found.events.push(node.arguments[0].text);
    }
    // connectedCallback's `for (const name of ["token", …])`: properties set before the upgrade.
    if (ts.isForOfStatement(node)) found.upgraded = strings(node.expression) ?? found.upgraded;
    if (
      ts.isCallExpression(node) &&
      node.expression.getText(file) === "customElements.define" &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.tag = node.arguments[0].text;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

const camel = (snake) => snake.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const withoutComments = (rust) => rust.replace(/\/\/[^\n]*/g, "");

/** Every `.rs` file under `dir`, as [path, text]. */
function rustFiles(dir) {
  const out = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...rustFiles(rel));
    else if (entry.name.endsWith(".rs")) out.push([rel, read(rel)]);
  }
  return out;
}

/**
 * The fields of every `struct NAME { … }` in `rust`, by name, camelCased when
 * the struct is `#[serde(rename_all = "camelCase")]`: [{ key, type }].
 */
function rustStructs(rust) {
  const structs = new Map();
  const re = /((?:#\[[^\]]*\]\s*)*)(?:pub(?:\([^)]*\))?\s+)?struct (\w+)(?:<[^>{]*>)?\s*\{([^}]*)\}/g;
  for (const [, attributes, name, body] of rust.matchAll(re)) {
    const camelCase = /rename_all\s*=\s*"camelCase"/.test(attributes);
    const fields = [...body.matchAll(/(?:pub(?:\([^)]*\))?\s+)?(\w+)\s*:\s*([^,]+),?/g)].map(([, field, type]) => ({
      key: camelCase ? camel(field) : field,
      type: type.trim(),
    }));
    structs.set(name, fields);
  }
  return structs;
}

/**
 * The Rust side: event names (`pub const …: &str = "…"` in events.rs); the
 * detail keys the element sets: the identifier-like string literals of
 * events.rs (`{status}`) and the fields of the serde struct `SelectedDetail`
 * (src/, the `style-selected` detail) with those of the structs its fields
 * are (`editedContent`); and the style keys (`Style::… => "…"`).
 */
function rustSide() {
  const events = read("src/shell/events.rs");
  const code = withoutComments(events);
  const eventNames = [...code.matchAll(/pub const \w+: &str = "([^"]+)";/g)].map((m) => m[1]);
  const keys = [...code.matchAll(/"([A-Za-z][A-Za-z0-9]*)"/g)].map((m) => m[1]).filter((k) => !eventNames.includes(k));
  const styles = [];
  const structs = new Map();
  for (const [, text] of rustFiles("src")) {
    const rust = withoutComments(text);
    styles.push(...[...rust.matchAll(/Style::\w+ => "(\w+)"/g)].map((m) => m[1]));
    for (const [name, fields] of rustStructs(rust)) structs.set(name, fields);
  }
  const detail = (name, depth = 0) =>
    (structs.get(name) ?? []).flatMap(({ key, type }) => {
      const inner = type.match(/^(\w+)/)?.[1];
      return [key, ...(depth < 2 && inner && structs.has(inner) ? detail(inner, depth + 1) : [])];
    });
  if (!structs.has("SelectedDetail")) problems.push("src/: no struct SelectedDetail (the style-selected detail) found");
  keys.push(...detail("SelectedDetail"));
  // The eventInfo fields the editor reads (`EventFields`, snake_case in Rust).
  const eventInfo = (structs.get("EventFields") ?? []).map(({ key }) => camel(key));
  return { eventNames, keys, styles: sorted(styles), eventInfo };
}

/**
 * The attributes style/main.css selects on (`style-picker[theme…]`): they
 * restyle the element without being observed. `page` is index.html's own
 * (the standalone page), not for hosts.
 */
function cssAttributes(css) {
  const names = [...css.matchAll(/style-picker\[([a-z][a-z0-9-]*)/g)].map((m) => m[1]);
  return names.filter((n) => n !== "page");
}

/**
 * What npm/react.js writes and hears: the keys of the object its
 * `attributes()` returns (`[CLASS]` is `class`) and its EVENTS pairs
 * (event name, prop name).
 */
function reactComponent(source) {
  const file = ts.createSourceFile("react.js", source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const found = { attributes: null, events: null };
  const visit = (node) => {
    if (ts.isFunctionDeclaration(node) && node.name?.text === "attributes") {
      const returned = node.body?.statements.find(ts.isReturnStatement)?.expression;
      if (returned && ts.isObjectLiteralExpression(returned)) {
        found.attributes = returned.properties.map((p) => {
          if (ts.isComputedPropertyName(p.name)) return p.name.expression.getText(file) === "CLASS" ? "class" : null;
          return p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null;
        });
      }
    }
    if (ts.isVariableDeclaration(node) && node.name.getText(file) === "EVENTS" && node.initializer) {
      const pairs = ts.isArrayLiteralExpression(node.initializer) ? node.initializer.elements : [];
      found.events = pairs.filter(ts.isArrayLiteralExpression).map((pair) => pair.elements.filter(ts.isStringLiteral).map((e) => e.text));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

// ------------------------------------------------------------------ the d.ts
/** The member names of every interface in the d.ts, by interface name (merged). */
function dtsInterfaces(source) {
  const file = ts.createSourceFile("style-picker.d.ts", source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const interfaces = new Map();
  const aliases = new Map();
  const nameOf = (n) => (n && (ts.isIdentifier(n) || ts.isStringLiteral(n)) ? n.text : null);
  const visit = (node) => {
    if (ts.isInterfaceDeclaration(node)) {
      const list = interfaces.get(node.name.text) ?? [];
      for (const member of node.members) {
        const name = nameOf(member.name);
        if (!name) continue;
        const kind = ts.isMethodSignature(member) ? "method" : ts.isPropertySignature(member) ? "property" : "accessor";
        list.push({ name, kind });
      }
      interfaces.set(node.name.text, list);
    }
    if (ts.isTypeAliasDeclaration(node) && ts.isUnionTypeNode(node.type)) {
      const literals = node.type.types
        .filter((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))
        .map((t) => t.literal.text);
      aliases.set(node.name.text, literals);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  const members = (name, kinds = ["property", "accessor"]) => {
    const list = interfaces.get(name);
    if (!list) {
      problems.push(`style-picker.d.ts: no interface ${name}`);
      return [];
    }
    return list.filter((m) => kinds.includes(m.kind)).map((m) => m.name);
  };
  return { members, aliases };
}

// ----------------------------------------------------------------- the checks
const element = loaderElement(read("npm/element.js"));
const rust = rustSide();
const dts = dtsInterfaces(read("npm/style-picker.d.ts"));
const cem = JSON.parse(read("npm/custom-elements.json"));

if (!element.tag || !element.attributes) {
  problems.push("npm/element.js: no customElements.define or no static observedAttributes found");
}
const attributes = sorted([...(element.attributes ?? []), ...cssAttributes(read("style/main.css"))]);
const properties = sorted(element.properties);
const events = sorted([...rust.eventNames, ...element.events]);
same("properties set before the upgrade", properties, ["connectedCallback's list", element.upgraded ?? []]);

// The d.ts.
same("attributes", attributes, ["d.ts StylePickerAttributes", dts.members("StylePickerAttributes")]);
same("properties", properties, ["d.ts StylePickerElement accessors", dts.members("StylePickerElement", ["accessor"])]);
for (const map of ["StylePickerEventMap", "HTMLElementEventMap", "DocumentEventMap", "WindowEventMap"]) {
  same("events", events, [`d.ts ${map}`, dts.members(map)]);
}

// The React component (when present). It hears the picker's events (the Rust
// side's); the loader's own `style-picker-error` reaches a React host through a
// ref or a container's listener.
if (existsSync(path.join(root, "npm/react.js"))) {
  const react = reactComponent(read("npm/react.js"));
  const reactDts = dtsInterfaces(read("npm/react.d.ts"));
  const passthrough = ["class", "style", "id"];
  same("attributes", [...attributes, ...passthrough], ["npm/react.js attributes()", react.attributes ?? []]);
  same("events", rust.eventNames, ["npm/react.js EVENTS", (react.events ?? []).map(([event]) => event)]);
  const camelCase = (kebab) => kebab.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  const eventProps = (react.events ?? []).map(([, prop]) => prop);
  same(
    "React props",
    [...attributes.map(camelCase), ...properties, ...eventProps, "className", "style", "id"],
    ["npm/react.d.ts StylePickerReactProps", reactDts.members("StylePickerReactProps")],
  );
}
same("tag", [element.tag], ["d.ts HTMLElementTagNameMap", dts.members("HTMLElementTagNameMap")]);
same("tag", [element.tag], ["d.ts JSX IntrinsicElements", dts.members("IntrinsicElements")]);
same(
  "event detail keys",
  rust.keys,
  ["d.ts StyleSelectedDetail + EditedContent + StylePickerAuthDetail", [
    ...dts.members("StyleSelectedDetail"),
    ...dts.members("EditedContent"),
    ...dts.members("StylePickerAuthDetail"),
  ]],
);
same("styles", rust.styles, ["d.ts Style", dts.aliases.get("Style") ?? []]);
const knownInfo = dts.members("EventInfo");
const unknownInfo = rust.eventInfo.filter((f) => !knownInfo.includes(f));
if (unknownInfo.length) problems.push(`eventInfo: the editor reads ${JSON.stringify(unknownInfo)}, not typed in d.ts EventInfo`);

// The Custom Elements Manifest.
if (!/^2\./.test(cem.schemaVersion ?? "")) problems.push(`custom-elements.json: schemaVersion ${cem.schemaVersion} is not 2.x`);
const modules = cem.modules ?? [];
const declaration = modules.flatMap((m) => m.declarations ?? []).find((d) => d.customElement);
if (!declaration) {
  problems.push("custom-elements.json: no custom element declaration");
} else {
  same("tag", [element.tag], ["custom-elements.json tagName", [declaration.tagName]]);
  same("attributes", attributes, ["custom-elements.json attributes", (declaration.attributes ?? []).map((a) => a.name)]);
  same("properties", properties, ["custom-elements.json members", (declaration.members ?? []).filter((m) => m.kind === "field").map((m) => m.name)]);
  same("events", events, ["custom-elements.json events", (declaration.events ?? []).map((e) => e.name)]);
  const definition = modules.flatMap((m) => m.exports ?? []).find((e) => e.kind === "custom-element-definition");
  same("tag", [element.tag], ["custom-elements.json custom-element-definition", [definition?.name]]);
  same("module", ["style-picker.js"], ["custom-elements.json module path", modules.map((m) => m.path)]);
}

// Steps 1's dist/ part and 2, unless --names-only.
if (!namesOnly) builtAndCompiled();
function builtAndCompiled() {
  // dist/ holds the same files (when it is built).
  if (existsSync(path.join(root, "dist/index.html"))) {
    for (const name of ["style-picker.d.ts", "custom-elements.json"]) {
      const copy = path.join(root, "dist", name);
      if (!existsSync(copy)) problems.push(`dist/${name} is missing (loader/post-build.sh copies it)`);
      else if (readFileSync(copy, "utf8") !== read(`npm/${name}`)) problems.push(`dist/${name} differs from npm/${name}: rebuild`);
    }
  } else {
    console.log("check-types: no dist/index.html, so dist/'s copies are not checked");
  }
  // So does the npm package (when it is built: scripts/package.sh).
  const pkg = "target/npm/package";
  if (existsSync(path.join(root, pkg, "package.json"))) {
    const copies = [["npm/style-picker.d.ts", "style-picker.d.ts"], ["npm/index.d.ts", "index.d.ts"], ["npm/react.d.ts", "react.d.ts"]];
    for (const [source, name] of copies) {
      const copy = path.join(root, pkg, name);
      if (!existsSync(copy)) problems.push(`${pkg}/${name} is missing (scripts/package.sh copies it)`);
      else if (readFileSync(copy, "utf8") !== read(source)) problems.push(`${pkg}/${name} differs from ${source}: run scripts/package.sh`);
    }
  } else {
    console.log(`check-types: no ${pkg}/, so the package's copies are not checked`);
  }

  // ------------------------------------------------------------------------ tsc
  const tsc = path.join(here, "node_modules/typescript/bin/tsc");
  function runTsc(project) {
    const run = spawnSync(process.execPath, [tsc, "--noEmit", "--pretty", "false", "-p", project], {
      cwd: root,
      encoding: "utf8",
    });
    return { code: run.status, out: `${run.stdout}${run.stderr}` };
  }

  // With React 19's types and with React 18.3's: the same files, two configs.
  for (const [react, config] of [["React 19", "tsconfig"], ["React 18.3", "tsconfig.react18"]]) {
    const uses = runTsc(`examples/types/${config}.json`);
    if (uses.code !== 0) problems.push(`tsc (${react}): examples/types/uses.tsx must type-check:\n${uses.out}`);
    else console.log(`check-types: tsc ${ts.version} (${react}'s types): examples/types/uses.tsx type-checks`);

    const wrongFile = "examples/types/wrong.tsx";
    const marked = read(wrongFile)
      .split("\n")
      .flatMap((line, i) => (/^\s*[^\s/].*(\/\/|\{\/\*) wrong:/.test(line) ? [i + 1] : []));
    const wrong = runTsc(`examples/types/${config}.wrong.json`);
    const errorLines = sorted(
      [...wrong.out.matchAll(/^examples\/types\/wrong\.tsx\((\d+),\d+\): error/gm)].map((m) => Number(m[1])),
    ).map(Number);
    const otherErrors = wrong.out.split("\n").filter((l) => / error TS/.test(l) && !l.startsWith(wrongFile));
    if (wrong.code === 0) problems.push(`tsc (${react}): examples/types/wrong.tsx type-checks, but it must fail`);
    if (otherErrors.length) problems.push(`tsc (${react}): wrong.tsx's run has errors elsewhere:\n${otherErrors.join("\n")}`);
    const unflagged = marked.filter((n) => !errorLines.includes(n));
    const unexpected = errorLines.filter((n) => !marked.includes(n));
    if (unflagged.length) problems.push(`tsc (${react}): wrong.tsx lines ${unflagged.join(", ")} are marked wrong but type-check`);
    if (unexpected.length) problems.push(`tsc (${react}): wrong.tsx lines ${unexpected.join(", ")} fail but are not marked wrong:\n${wrong.out}`);
    if (wrong.code !== 0 && !unflagged.length && !unexpected.length && !otherErrors.length) {
      console.log(`check-types: tsc (${react}'s types): examples/types/wrong.tsx fails, on exactly its ${marked.length} marked lines`);
    }
  }

  if (existsSync(path.join(root, "examples/react-host/node_modules/style-picker/react.d.ts"))) {
    const host = runTsc("examples/react-host/tsconfig.json");
    if (host.code !== 0) problems.push(`tsc: examples/react-host must type-check:\n${host.out}`);
    else console.log("check-types: tsc: examples/react-host type-checks");
  } else {
    problems.push(
      "examples/react-host/node_modules has no style-picker: run `bash scripts/host-kit.sh` (the package, then `npm ci` in the examples)",
    );
  }
}

if (problems.length) {
  console.error(`check-types: ${problems.length} problem(s):\n- ${problems.join("\n- ")}`);
  process.exit(1);
}
console.log(
  `check-types: ok: <${element.tag}> ${attributes.length} attributes, ${properties.length} properties, ` +
    `${events.length} events, ${rust.keys.length} detail keys agree in the element, the d.ts and the manifest`,
);

// And the check itself can fail: on copies of the sources with one name
// changed each, it does (node's test runner, tools/types/check-types.test.mjs).
if (!namesOnly) {
  const self = spawnSync(process.execPath, ["--test", "--test-reporter=spec", path.join(here, "check-types.test.mjs")], { stdio: "inherit" });
  if (self.status !== 0) {
    console.error("check-types: its self-test failed");
    process.exit(1);
  }
}

//! The rooms of `src/` keep to what docs/architecture.md says they may use,
//! and no two files import each other. Read from the sources, natively.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The code of every `.rs` file under `dir`, comments dropped, by path.
fn sources(dir: &str) -> BTreeMap<PathBuf, String> {
    fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let code: String = fs::read_to_string(&path)
                    .unwrap()
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("//"))
                    .map(|l| format!("{l}\n"))
                    .collect();
                out.insert(path, code);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut out);
    assert!(!out.is_empty(), "no sources under {dir}");
    out
}

/// Fails naming each file of `room` whose code mentions one of `banned`.
fn room_avoids(room: &str, banned: &[&str]) {
    let found: Vec<String> = sources(room)
        .iter()
        .flat_map(|(path, code)| {
            banned
                .iter()
                .filter(|b| code.contains(*b))
                .map(move |b| format!("{} uses {b}", path.display()))
        })
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

const BROWSER: &[&str] = &[
    "web_sys",
    "js_sys",
    "wasm_bindgen",
    "leptos",
    "gloo",
    "send_wrapper",
];

#[test]
fn the_core_uses_no_browser_crate_and_nothing_of_ours_but_the_wire() {
    room_avoids("src/core", BROWSER);
    room_avoids(
        "src/core",
        &["crate::shell", "crate::ui", "crate::i18n", "style_picker::"],
    );
}

#[test]
fn the_wire_uses_nothing_of_ours() {
    room_avoids(
        "src/wire",
        &[
            "crate::core",
            "crate::shell",
            "crate::ui",
            "crate::i18n",
            "leptos",
        ],
    );
}

#[test]
fn the_shell_knows_nothing_of_the_views() {
    room_avoids("src/shell", &["leptos", "crate::ui"]);
}

#[test]
fn the_words_know_only_the_core_and_the_wire() {
    let code = &sources("src")[&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n.rs")];
    for banned in ["crate::shell", "crate::ui", "web_sys", "leptos"] {
        assert!(!code.contains(banned), "src/i18n.rs uses {banned}");
    }
}

#[test]
fn no_two_files_import_each_other() {
    let all = sources("src");
    // `use super::name` in a room's file names the room's file `name.rs`.
    let imports = |path: &Path, code: &str| -> Vec<PathBuf> {
        let dir = path.parent().unwrap();
        code.split("super::")
            .skip(1)
            .filter_map(|rest| {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let file = dir.join(format!("{name}.rs"));
                all.contains_key(&file).then_some(file)
            })
            .collect()
    };
    let edges: Vec<(PathBuf, PathBuf)> = all
        .iter()
        .filter(|(p, _)| !p.ends_with("mod.rs"))
        .flat_map(|(p, code)| imports(p, code).into_iter().map(move |t| (p.clone(), t)))
        .filter(|(from, to)| from != to)
        .collect();
    let circles: Vec<String> = edges
        .iter()
        .filter(|(a, b)| a < b && edges.contains(&(b.clone(), a.clone())))
        .map(|(a, b)| format!("{} <-> {}", a.display(), b.display()))
        .collect();
    assert!(circles.is_empty(), "{}", circles.join("\n"));
    assert!(!edges.is_empty(), "no import read: the reader is broken");
}

#[test]
fn every_test_docs_architecture_names_is_there() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = fs::read_to_string(root.join("docs/architecture.md")).unwrap();
    let mut code = String::new();
    for dir in ["src", "tests", "e2e/tests"] {
        for text in sources(dir).values() {
            code.push_str(text);
        }
    }
    // In the tables' last column: `a_test_name`, or an e2e test file's `module`.
    let named: Vec<&str> = doc
        .lines()
        .filter(|l| l.starts_with('|'))
        .filter_map(|l| l.trim_end_matches('|').rsplit('|').next())
        .flat_map(|cell| cell.split('`').skip(1).step_by(2))
        .filter(|n| {
            n.contains('_')
                && n.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit())
        })
        .collect();
    assert!(named.len() > 50, "only {} test names read", named.len());
    let missing: Vec<&&str> = named
        .iter()
        .filter(|n| !code.contains(&format!("fn {n}(")))
        .filter(|n| !root.join(format!("e2e/tests/e2e/{n}.rs")).exists())
        .collect();
    assert!(
        missing.is_empty(),
        "docs/architecture.md names tests that do not exist: {missing:?}"
    );
}

//! axe-core (from npm, `tools/axe/node_modules/axe-core`) run in the page through
//! WebDriver: WCAG 2.2 A/AA and best practices.

use fantoccini::Client;
use serde::Deserialize;

/// The rule tags checked.
pub const TAGS: [&str; 6] = [
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22aa",
    "best-practice",
];

/// One rule that failed, with where and why.
#[derive(Debug, Clone, Deserialize)]
pub struct Violation {
    pub id: String,
    pub impact: Option<String>,
    pub help: String,
    pub nodes: Vec<String>,
}

/// Where `scripts/setup.sh` installs axe-core: `tools/axe/` (its own npm
/// project), or `tools/` as it once did.
const PLACES: [&str; 2] = [
    "tools/axe/node_modules/axe-core/axe.min.js",
    "tools/node_modules/axe-core/axe.min.js",
];

fn source() -> String {
    let root = crate::paths::repo_root();
    PLACES
        .iter()
        .find_map(|place| std::fs::read_to_string(root.join(place)).ok())
        .unwrap_or_else(|| {
            panic!(
                "axe-core is in none of {PLACES:?} under {} (bash scripts/setup.sh installs it with npm)",
                root.display()
            )
        })
}

const RUN: &str = r#"
const [runOnly, done] = arguments;
axe.run(document, { runOnly, resultTypes: ['violations'] })
  .then((r) => done(r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')} :: ${(n.failureSummary || '').replace(/\s+/g, ' ')}`),
  }))))
  .catch((e) => done([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }]));
"#;

/// Runs axe on the current document (injecting it once per document).
pub async fn check(client: &Client) -> Vec<Violation> {
    run(client, serde_json::json!({ "type": "tag", "values": TAGS })).await
}

/// Runs only the named axe rules (e.g. `heading-order`) on the current document.
pub async fn check_rules(client: &Client, rules: &[&str]) -> Vec<Violation> {
    run(
        client,
        serde_json::json!({ "type": "rule", "values": rules }),
    )
    .await
}

async fn run(client: &Client, run_only: serde_json::Value) -> Vec<Violation> {
    let loaded = client
        .execute("return typeof window.axe === 'object';", vec![])
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    if !loaded {
        client
            .execute(&source(), vec![])
            .await
            .unwrap_or_else(|e| panic!("injecting axe-core: {e}"));
    }
    let value = client
        .execute_async(RUN, vec![run_only])
        .await
        .unwrap_or_else(|e| panic!("running axe: {e}"));
    serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("unexpected axe result ({e}): {value}"))
}

//! Contract, "Theming": the host's design system decides the look. The
//! `theme` attribute beats the system's `prefers-color-scheme` (the system's
//! emulated by DevTools, which only a real browser session can); the
//! `--style-picker-*` custom properties, on the element or any ancestor,
//! restyle it; a host rule wins over the element's own rules whatever its
//! specificity (`@layer style-picker`); axe finds nothing under a host
//! theme, light and dark (the built-in look in both schemes: the other axe
//! tests). One page, one editor; writes `theme-light.png` and `theme-dark.png`.
//!
//! The editor is read as a person meets it: its labels and the 저장 button,
//! and the computed colours behind them.

use std::time::Duration;

use e2e::page::{with_page, Page};
use serde::Deserialize;
use serde_json::json;

/// What the 제목 field and the 저장 button look like right now.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Look {
    /// The first opaque background behind the 제목 label: the editor's own.
    backdrop: String,
    /// The label's text colour.
    text: String,
    /// The system colour `CanvasText` beside the 제목 input: what native
    /// controls there are drawn with, light or dark as their used scheme is.
    canvas_text: String,
    /// The 제목 input's `font-family` and corner radius.
    font: String,
    field_radius: String,
    /// The background of the 저장 button (the primary one).
    save: String,
}

const LOOK_JS: &str = r#"
const byText = (sel, t) => Array.from(document.querySelectorAll(sel)).find(e => e.textContent.trim() === t);
const label = byText('label', '제목');
const save = byText('button', '저장');
if (!label || !save) return null;
const input = document.getElementById(label.getAttribute('for'));
let el = label;
const clear = c => c === 'transparent' || /^rgba\(.*,\s*0\)$/.test(c);
while (el && clear(getComputedStyle(el).backgroundColor)) el = el.parentElement;
const s = getComputedStyle(input);
const probe = document.createElement('span');
probe.style.color = 'CanvasText';
input.after(probe);
const canvasText = getComputedStyle(probe).color;
probe.remove();
return {
  backdrop: el ? getComputedStyle(el).backgroundColor : 'transparent',
  text: getComputedStyle(label).color,
  canvasText,
  font: s.fontFamily,
  fieldRadius: s.borderTopLeftRadius,
  save: getComputedStyle(save).backgroundColor,
};
"#;

async fn look(page: &Page) -> Look {
    let value = page
        .client
        .execute(LOOK_JS, vec![])
        .await
        .unwrap_or_else(|e| panic!("reading the editor's look: {e}"));
    serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("no editor to read ({e}): {value}"))
}

/// `rgb(r, g, b)` or `rgba(r, g, b, a)` as three 0–255 channels.
fn rgb(css: &str) -> [f64; 3] {
    let inner = css
        .split_once('(')
        .and_then(|(_, rest)| rest.strip_suffix(')'))
        .unwrap_or_else(|| panic!("not an rgb() colour: {css}"));
    let parts: Vec<f64> = inner
        .split(',')
        .map(|p| p.trim().parse().unwrap_or_else(|_| panic!("{css}")))
        .collect();
    [parts[0], parts[1], parts[2]]
}

/// WCAG relative luminance, 0 (black) to 1 (white).
fn luminance(css: &str) -> f64 {
    let lin = |c: f64| {
        let c = c / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let [r, g, b] = rgb(css);
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// WCAG contrast ratio of two colours.
fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// A light scheme's backdrop is near white, a dark one's near black (the
/// built-in #f4f6fb and #11151f are 0.92 and 0.008). Native controls follow:
/// their `CanvasText` is dark on light and light on dark.
fn assert_scheme(look: &Look, dark: bool, when: &str) {
    let lum = luminance(&look.backdrop);
    let ok = if dark { lum < 0.1 } else { lum > 0.7 };
    let name = if dark { "dark" } else { "light" };
    assert!(ok, "{when}: the editor should be {name}: {look:#?}");
    assert_eq!(
        luminance(&look.canvas_text) > 0.5,
        dark,
        "{when}: native controls follow: {look:#?}"
    );
    let ratio = contrast(&look.text, &look.backdrop);
    assert!(ratio >= 4.5, "{when}: label contrast {ratio:.2}: {look:#?}");
}

/// Sets (`Some`) or removes the element's `theme` attribute.
async fn set_theme(page: &Page, theme: Option<&str>) {
    page.client
        .execute(
            "const el = document.querySelector('style-picker'); const [t] = arguments; \
             if (t === null) el.removeAttribute('theme'); else el.setAttribute('theme', t);",
            vec![json!(theme)],
        )
        .await
        .unwrap_or_else(|e| panic!("setting theme={theme:?}: {e}"));
}

/// Sets custom properties as inline style on `target` (`html` or
/// `style-picker`), as a host's design system would on an ancestor or on the
/// element; a `null` value removes one. CSSOM, so the strict CSP allows it.
async fn set_props(page: &Page, target: &str, props: serde_json::Value) {
    page.client
        .execute(
            "const [sel, props] = arguments; const el = document.querySelector(sel); \
             for (const [k, v] of Object.entries(props)) \
               v === null ? el.style.removeProperty(k) : el.style.setProperty(k, v);",
            vec![json!(target), props],
        )
        .await
        .unwrap_or_else(|e| panic!("setting custom properties on {target}: {e}"));
}

/// The attribute changes nothing but the look: the editor is still there.
async fn assert_editor_kept(page: &Page) {
    page.wait_for_form(Duration::from_secs(1)).await;
}

/// The built-in accent, light (#3559e0).
const DEFAULT_ACCENT: &str = "rgb(53, 89, 224)";

/// A host's palette for each scheme (teal, Material-like), its own font and
/// square corners, as docs/theming.md maps one; every pair keeps AA.
fn host_theme(dark: bool) -> serde_json::Value {
    let (page_bg, colours) = if dark {
        (
            "#0b0b0b",
            [
                "#80cbc4", "#00251a", "#121212", "#1e1e1e", "#ececec", "#b0b0b0", "#3a3a3a",
                "#ef9a9a",
            ],
        )
    } else {
        (
            "#eeeeee",
            [
                "#00796b", "#ffffff", "#fafafa", "#ffffff", "#212121", "#616161", "#e0e0e0",
                "#c62828",
            ],
        )
    };
    let names = [
        "--style-picker-accent",
        "--style-picker-accent-fg",
        "--style-picker-bg",
        "--style-picker-surface",
        "--style-picker-fg",
        "--style-picker-muted",
        "--style-picker-border",
        "--style-picker-danger",
    ];
    let mut props: serde_json::Map<_, _> = names
        .iter()
        .zip(colours)
        .map(|(n, c)| (n.to_string(), json!(c)))
        .collect();
    props.insert(
        "--style-picker-font".into(),
        json!("\"Noto Serif CJK KR\", serif"),
    );
    props.insert("--style-picker-radius".into(), json!("6px"));
    props.insert("--style-picker-control-radius".into(), json!("6px"));
    props.insert("background".into(), json!(page_bg));
    json!(props)
}

#[tokio::test]
async fn the_theme_attribute_and_the_hosts_properties_decide_the_look() {
    with_page(Duration::from_secs(60), |page| async move {
        page.open_editor(&e2e::unique("draft"), "").await;
        page.type_into("제목", "봄맞이 세일 이벤트").await;
        page.type_into("경품", "아메리카노 1잔 (선착순 100명)")
            .await;
        page.type_into("참여 방법", "댓글로 친구를 태그해 주세요")
            .await;

        // The attribute against the system, both ways; `auto` follows it.
        for (system_dark, theme) in [(true, "light"), (false, "dark")] {
            page.set_scheme(system_dark).await;
            set_theme(&page, Some(theme)).await;
            assert_scheme(&look(&page).await, theme == "dark", theme);
            assert_editor_kept(&page).await;
        }
        set_theme(&page, Some("auto")).await;
        for system_dark in [false, true] {
            page.set_scheme(system_dark).await;
            assert_scheme(&look(&page).await, system_dark, "theme=auto");
        }
        set_theme(&page, None).await;
        page.set_scheme(false).await;

        // Custom properties on an ancestor: inherited through the element.
        let before = look(&page).await;
        assert_eq!(
            before.save, DEFAULT_ACCENT,
            "the built-in look: {before:#?}"
        );
        set_props(
            &page,
            "html",
            json!({
                "--style-picker-accent": "rgb(0, 121, 107)",
                "--style-picker-bg": "rgb(250, 250, 250)",
                "--style-picker-font": "\"Noto Serif CJK KR\", serif",
                "--style-picker-radius": "10px",
            }),
        )
        .await;
        let themed = look(&page).await;
        assert_eq!(themed.save, "rgb(0, 121, 107)", "accent: {themed:#?}");
        assert_eq!(themed.backdrop, "rgb(250, 250, 250)", "bg: {themed:#?}");
        assert!(
            themed.font.starts_with("\"Noto Serif CJK KR\""),
            "font: {themed:#?}"
        );
        // Fields are rounded 4 px less than the panels.
        assert_eq!(themed.field_radius, "6px", "radius: {themed:#?}");
        // On the element itself: it beats the ancestor's, in either scheme.
        set_props(
            &page,
            "style-picker",
            json!({ "--style-picker-accent": "rgb(194, 65, 12)" }),
        )
        .await;
        assert_eq!(look(&page).await.save, "rgb(194, 65, 12)");
        set_theme(&page, Some("dark")).await;
        assert_eq!(
            look(&page).await.save,
            "rgb(194, 65, 12)",
            "a token holds in dark too"
        );
        set_theme(&page, None).await;
        // A host rule of lower specificity than the element's, in a sheet
        // of its own: it wins because the element's rules are in a layer.
        page.client
            .execute(
                "const s = new CSSStyleSheet(); \
                 s.replaceSync('button { background-color: rgb(1, 2, 3); }'); \
                 document.adoptedStyleSheets = [...document.adoptedStyleSheets, s];",
                vec![],
            )
            .await
            .expect("adding the host's sheet");
        assert_eq!(
            look(&page).await.save,
            "rgb(1, 2, 3)",
            "the host's rule wins"
        );
        page.client
            .execute("document.adoptedStyleSheets = [];", vec![])
            .await
            .expect("removing the host's sheet");
        let none = json!({
            "--style-picker-accent": null, "--style-picker-bg": null,
            "--style-picker-font": null, "--style-picker-radius": null,
        });
        set_props(&page, "html", none.clone()).await;
        set_props(&page, "style-picker", none).await;
        let after = look(&page).await;
        assert_eq!(
            after.save, DEFAULT_ACCENT,
            "the built-in look again: {after:#?}"
        );
        assert_eq!(after.font, before.font);
        // Its own display: block does not undo the host's `hidden`.
        let display = page
            .client
            .execute(
                "const el = document.querySelector('style-picker'); el.hidden = true; \
                 const d = getComputedStyle(el).display; el.hidden = false; return d;",
                vec![],
            )
            .await
            .expect("hiding the element");
        assert_eq!(display, json!("none"), "hidden hides it");

        // A host theme on the page's root, the scheme from the attribute:
        // axe, and the screenshots for docs/theming.md.
        let mut failures = Vec::new();
        page.set_viewport_exactly(1280, 900).await;
        for dark in [false, true] {
            let name = if dark { "dark" } else { "light" };
            page.set_scheme(!dark).await;
            set_theme(&page, Some(name)).await;
            set_props(&page, "html", host_theme(dark)).await;
            assert_scheme(&look(&page).await, dark, name);
            let found = e2e::axe::check(&page.client).await;
            println!("axe | host theme {name:<5} | {} violations", found.len());
            for v in found {
                failures.push(format!(
                    "host theme {name}: {} {}: {:?}",
                    v.id, v.help, v.nodes
                ));
            }
            page.client
                .execute(
                    "window.scrollTo(0, 0); document.activeElement?.blur();",
                    vec![],
                )
                .await
                .expect("scroll");
            tokio::time::sleep(Duration::from_millis(300)).await;
            page.screenshot(&format!("theme-{name}")).await;
        }
        assert_editor_kept(&page).await;
        page.assert_no_csp_violations("themes").await;
        assert!(
            failures.is_empty(),
            "axe violations:\n{}",
            failures.join("\n")
        );
    })
    .await;
}

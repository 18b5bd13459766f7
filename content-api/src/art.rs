//! The three event images, drawn as self-contained SVG (nothing external is
//! referenced: no fonts, images, scripts or links).
//!
//! Colours are seeded from a hash of the `eventDraftId`, so different drafts
//! get different pictures, and the same draft always gets the same one.

use std::fmt::Write as _;

/// One of the three image styles, in the order the page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// Flat, one colour, plain type.
    Simple,
    /// Gradients, ornaments, stars.
    Fancy,
    /// Bold asymmetric shapes, neon duotone.
    Trendy,
}

impl Style {
    /// All styles: simple, fancy, trendy.
    pub const ALL: [Style; 3] = [Style::Simple, Style::Fancy, Style::Trendy];

    /// The wire name (`simple`, `fancy`, `trendy`).
    pub fn as_str(self) -> &'static str {
        match self {
            Style::Simple => "simple",
            Style::Fancy => "fancy",
            Style::Trendy => "trendy",
        }
    }

    /// The style of a wire name.
    pub fn parse(name: &str) -> Option<Style> {
        Style::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

impl serde::Serialize for Style {
    /// As its wire name.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Style {
    /// From its wire name; anything else is an error.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Style::parse(&name)
            .ok_or_else(|| serde::de::Error::unknown_variant(&name, &["simple", "fancy", "trendy"]))
    }
}

/// Image width in pixels.
pub const WIDTH: u32 = 600;
/// Image height in pixels.
pub const HEIGHT: u32 = 600;

/// FNV-1a, 64 bit: a stable hash (unlike `std`'s, which is seeded per run).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// `hsl(h,s%,l%)`.
fn hsl(hue: u64, saturation: u8, lightness: u8) -> String {
    format!("hsl({},{}%,{}%)", hue % 360, saturation, lightness)
}

/// Escapes text for XML content and attributes (ids are already restricted
/// to a safe charset; this keeps the drawing safe whatever it is given).
fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Draws the `style` image for `event_draft_id`.
pub fn draw(style: Style, event_draft_id: &str) -> String {
    let seed = fnv1a(event_draft_id);
    let hue = seed % 360;
    let label = xml_escape(event_draft_id);
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{} event image for {label}">"#,
        style.as_str()
    );
    match style {
        Style::Simple => simple(&mut svg, hue, &label),
        Style::Fancy => fancy(&mut svg, hue, seed, &label),
        Style::Trendy => trendy(&mut svg, hue, seed, &label),
    }
    svg.push_str("</svg>\n");
    svg
}

/// Flat, one colour, plain type.
fn simple(svg: &mut String, hue: u64, label: &str) {
    let ink = hsl(hue, 45, 35);
    let _ = write!(
        svg,
        r#"<rect width="600" height="600" fill="{paper}"/><rect x="60" y="60" width="480" height="480" fill="none" stroke="{ink}" stroke-width="4"/><text x="300" y="270" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="64" fill="{ink}">EVENT</text><line x1="200" y1="310" x2="400" y2="310" stroke="{ink}" stroke-width="3"/><text x="300" y="370" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="24" fill="{ink}">{label}</text><text x="300" y="500" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="18" letter-spacing="6" fill="{ink}">SIMPLE</text>"#,
        paper = hsl(hue, 30, 94),
    );
}

/// Gradients, ornaments, stars.
fn fancy(svg: &mut String, hue: u64, seed: u64, label: &str) {
    let _ = write!(
        svg,
        r##"<defs><radialGradient id="bg" cx="50%" cy="40%" r="75%"><stop offset="0" stop-color="{a}"/><stop offset="0.6" stop-color="{b}"/><stop offset="1" stop-color="{c}"/></radialGradient><linearGradient id="gold" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#fff4c2"/><stop offset="0.5" stop-color="#e8b923"/><stop offset="1" stop-color="#9c6b00"/></linearGradient></defs><rect width="600" height="600" fill="url(#bg)"/><rect x="30" y="30" width="540" height="540" rx="24" fill="none" stroke="url(#gold)" stroke-width="6"/><rect x="46" y="46" width="508" height="508" rx="16" fill="none" stroke="url(#gold)" stroke-width="2" stroke-dasharray="2 8"/>"##,
        a = hsl(hue + 20, 80, 70),
        b = hsl(hue, 70, 45),
        c = hsl(hue + 330, 75, 20),
    );
    // Corner ornaments.
    for (x, y) in [(46, 46), (554, 46), (46, 554), (554, 554)] {
        let _ = write!(
            svg,
            r#"<circle cx="{x}" cy="{y}" r="18" fill="url(#gold)"/><circle cx="{x}" cy="{y}" r="8" fill="{}"/>"#,
            hsl(hue, 70, 45)
        );
    }
    // Stars scattered from the seed.
    let mut s = seed;
    for i in 0..14u64 {
        s = s.rotate_left(7) ^ s.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let x = 80 + (s % 440);
        let y = 80 + ((s >> 16) % 180) + if i % 2 == 0 { 0 } else { 260 };
        let r = 6 + (s >> 32) % 10;
        let _ = write!(
            svg,
            r##"<path d="{}" fill="#fff8dc" opacity="0.9"/>"##,
            star(x, y, r)
        );
    }
    let _ = write!(
        svg,
        r##"<text x="300" y="290" text-anchor="middle" font-family="Georgia, 'Times New Roman', serif" font-style="italic" font-size="84" fill="url(#gold)" stroke="#5a3d00" stroke-width="1.5">Event</text><path d="M170 320 Q300 360 430 320" fill="none" stroke="url(#gold)" stroke-width="4"/><text x="300" y="390" text-anchor="middle" font-family="Georgia, serif" font-size="24" fill="#fff8dc">{label}</text><text x="300" y="500" text-anchor="middle" font-family="Georgia, serif" font-size="20" letter-spacing="8" fill="url(#gold)">✦ FANCY ✦</text>"##
    );
}

/// A five-pointed star path centred on (`cx`, `cy`) with outer radius `r`.
fn star(cx: u64, cy: u64, r: u64) -> String {
    let mut d = String::new();
    for k in 0..10 {
        let radius = if k % 2 == 0 {
            r as f64
        } else {
            r as f64 * 0.42
        };
        let angle = std::f64::consts::PI * (k as f64 / 5.0) - std::f64::consts::FRAC_PI_2;
        let (x, y) = (
            cx as f64 + radius * angle.cos(),
            cy as f64 + radius * angle.sin(),
        );
        let _ = write!(d, "{}{x:.1} {y:.1}", if k == 0 { "M" } else { "L" });
    }
    d.push('Z');
    d
}

/// Bold asymmetric shapes, neon duotone.
fn trendy(svg: &mut String, hue: u64, seed: u64, label: &str) {
    let neon = hsl(hue, 100, 60);
    let other = hsl(hue + 150, 100, 55);
    let tilt = (seed >> 8) % 20;
    let _ = write!(
        svg,
        r##"<rect width="600" height="600" fill="#0d0d12"/><polygon points="0,0 {w},0 0,{h}" fill="{neon}"/><circle cx="470" cy="430" r="190" fill="{other}" opacity="0.92"/><rect x="330" y="40" width="220" height="60" fill="none" stroke="{neon}" stroke-width="6" transform="rotate({tilt} 440 70)"/><g transform="rotate(-8 300 300)"><text x="40" y="340" font-family="Impact, 'Arial Black', sans-serif" font-weight="900" font-size="120" fill="#ffffff" stroke="#0d0d12" stroke-width="4">EVENT</text><rect x="40" y="362" width="300" height="44" fill="#0d0d12"/><text x="52" y="393" font-family="'Courier New', monospace" font-size="22" fill="{neon}">{label}</text></g><text x="560" y="570" text-anchor="end" font-family="Impact, 'Arial Black', sans-serif" font-size="30" fill="#0d0d12">TRENDY</text>"##,
        w = 380 + (seed >> 20) % 120,
        h = 260 + (seed >> 28) % 160,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_round_trip() {
        for style in Style::ALL {
            assert_eq!(Style::parse(style.as_str()), Some(style));
        }
        assert_eq!(Style::parse("other"), None);
    }

    #[test]
    fn three_different_self_contained_images() {
        let images: Vec<String> = Style::ALL.iter().map(|s| draw(*s, "draft-1")).collect();
        assert_ne!(images[0], images[1]);
        assert_ne!(images[1], images[2]);
        for svg in &images {
            assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
            assert!(svg.trim_end().ends_with("</svg>"));
            assert!(!svg.contains("href"), "nothing external");
            assert!(!svg.contains("<script"));
            assert!(!svg.contains("url(http"));
        }
        assert!(images[1].contains("Gradient"), "fancy has gradients");
    }

    #[test]
    fn drafts_get_their_own_colours_and_are_stable() {
        assert_ne!(
            draw(Style::Simple, "draft-1"),
            draw(Style::Simple, "draft-2")
        );
        assert_eq!(
            draw(Style::Trendy, "draft-1"),
            draw(Style::Trendy, "draft-1")
        );
    }

    #[test]
    fn text_is_escaped() {
        let svg = draw(Style::Simple, "<a&b>");
        assert!(svg.contains("&lt;a&amp;b&gt;"));
        assert!(!svg.contains("<a&b>"));
    }
}

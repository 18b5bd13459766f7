//! The owner's edits of the chosen image (contract, "Editing"; the upstream
//! service's UFR-CONT-020): the six fields, their bounds, the colours and the
//! post frames.
//!
//! [`Form`] is what the fields show, as typed; [`EditedContent`] is the one
//! validated type a save sends, made only by [`Form::validate`].

use crate::wire::Style;

/// The longest title, in characters after trimming.
pub const TITLE_MAX: usize = 40;
/// The longest prize and how-to-join texts, in characters after trimming.
pub const TEXT_MAX: usize = 80;

/// One field of the editor, in the form's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// 제목 / Title: 1 to 40 characters.
    Title,
    /// 경품 / Prize: up to 80 characters.
    Prize,
    /// 참여 방법 / How to join: up to 80 characters.
    Guide,
    /// 배경색 / Background.
    Background,
    /// 글자색 / Text colour.
    Text,
    /// 강조색 / Accent colour.
    Accent,
}

impl Field {
    /// Every field, in the form's order (focus goes to the first bad one).
    pub const ALL: [Field; 6] = [
        Field::Title,
        Field::Prize,
        Field::Guide,
        Field::Background,
        Field::Text,
        Field::Accent,
    ];

    /// A stable name, for element ids.
    pub fn key(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Prize => "prize",
            Field::Guide => "guide",
            Field::Background => "background",
            Field::Text => "text",
            Field::Accent => "accent",
        }
    }

    /// The most characters a text field takes; `None` for a colour.
    pub fn max_chars(self) -> Option<usize> {
        match self {
            Field::Title => Some(TITLE_MAX),
            Field::Prize | Field::Guide => Some(TEXT_MAX),
            _ => None,
        }
    }

    /// The input's `maxlength`: a quarter above the bound, so a paste of a
    /// megabyte never reaches the form (nor the tab's storage at every
    /// keystroke), while a text just over the bound still shows its message.
    pub fn input_limit(self) -> Option<usize> {
        self.max_chars().map(|max| max + max / 4)
    }

    /// Its place in [`Field::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Why a field's value cannot be saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    /// The title is empty after trimming.
    #[error("it is required")]
    Required,
    /// More characters than the field takes (the limit is given).
    #[error("it is longer than {0} characters")]
    TooLong(usize),
    /// Not a `#rrggbb` colour.
    #[error("it is not a #rrggbb colour")]
    NotAColor,
}

/// An sRGB colour, written `#rrggbb` in lower case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Color([u8; 3]);

impl Color {
    /// A colour from its red, green and blue.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self([r, g, b])
    }

    /// Reads `#rrggbb` in either case; `#rgb` (a host's brand colour may be
    /// written short) when `short` is allowed. White space around is ignored.
    pub fn parse(text: &str, short: bool) -> Option<Color> {
        let hex = text.trim().strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| u8::from_str_radix(&hex[i..=i], 16).ok();
        match hex.len() {
            6 => {
                let pair = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
                Some(Color([pair(0)?, pair(2)?, pair(4)?]))
            }
            3 if short => Some(Color([digit(0)? * 17, digit(1)? * 17, digit(2)? * 17])),
            _ => None,
        }
    }

    /// `#rrggbb`, lower case: the form the wire and `<input type=color>` use.
    pub fn hex(self) -> String {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut out = String::with_capacity(7);
        out.push('#');
        for byte in self.0 {
            out.push(DIGITS[usize::from(byte >> 4)] as char);
            out.push(DIGITS[usize::from(byte & 15)] as char);
        }
        out
    }

    /// WCAG 2 relative luminance, 0 (black) to 1 (white).
    fn luminance(self) -> f32 {
        let channel = |c: u8| {
            let c = f32::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.0.map(channel);
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    /// WCAG 2 contrast ratio against `other`, 1 to 21.
    pub fn contrast(self, other: Color) -> f32 {
        let (a, b) = (self.luminance(), other.luminance());
        let (light, dark) = if a > b { (a, b) } else { (b, a) };
        (light + 0.05) / (dark + 0.05)
    }
}

/// The contrast WCAG AA asks of body text (4.5:1).
pub const AA_CONTRAST: f32 = 4.5;

/// A style's own colours: background, text and accent, before the owner edits them.
pub fn style_colors(style: Style) -> [Color; 3] {
    match style {
        Style::Simple => [
            Color::rgb(0xff, 0xff, 0xff),
            Color::rgb(0x1d, 0x24, 0x33),
            Color::rgb(0x35, 0x59, 0xe0),
        ],
        Style::Fancy => [
            Color::rgb(0x2b, 0x0f, 0x3a),
            Color::rgb(0xff, 0xf6, 0xe5),
            Color::rgb(0xff, 0xb8, 0x00),
        ],
        Style::Trendy => [
            Color::rgb(0xf4, 0xff, 0x6b),
            Color::rgb(0x11, 0x11, 0x11),
            Color::rgb(0xe0, 0x1e, 0x63),
        ],
    }
}

/// What the host page knows of the event (`eventInfo`), as far as the editor reads it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventFields {
    /// `eventInfo.title` → 제목.
    pub title: Option<String>,
    /// `eventInfo.giftName` → 경품.
    pub gift_name: Option<String>,
    /// `eventInfo.brandColor` → 강조색.
    pub brand_color: Option<String>,
}

/// The editor's six fields as the owner typed them (or as they were filled):
/// not yet checked; [`Form::validate`] makes an [`EditedContent`] of them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Form([String; 6]);

impl Form {
    /// A new form for `style`: the host's event details where it has them,
    /// otherwise empty texts and the style's own colours (contract, "Editing").
    pub fn prefilled(style: Style, event: &EventFields) -> Self {
        let [background, text, accent] = style_colors(style);
        let accent = event
            .brand_color
            .as_deref()
            .and_then(|c| Color::parse(c, true))
            .unwrap_or(accent);
        let text_of = |t: &Option<String>| t.as_deref().map(str::trim).unwrap_or("").to_owned();
        Form([
            text_of(&event.title),
            text_of(&event.gift_name),
            String::new(),
            background.hex(),
            text.hex(),
            accent.hex(),
        ])
    }

    /// A form of these values, in [`Field::ALL`]'s order (kept text read back).
    pub fn from_values(values: [String; 6]) -> Self {
        Form(values)
    }

    /// The value of `field`, as typed.
    pub fn get(&self, field: Field) -> &str {
        &self.0[field.index()]
    }

    /// Replaces the value of `field`.
    pub fn set(&mut self, field: Field, value: String) {
        self.0[field.index()] = value;
    }

    /// Moves the colours still at `from`'s own to `to`'s own; colours the
    /// owner chose stay. Used when another style is chosen.
    pub fn restyle(&mut self, from: Style, to: Style) {
        let fields = [Field::Background, Field::Text, Field::Accent];
        for ((field, old), new) in fields
            .into_iter()
            .zip(style_colors(from))
            .zip(style_colors(to))
        {
            if Color::parse(self.get(field), false) == Some(old) {
                self.set(field, new.hex());
            }
        }
    }

    /// Why `field` cannot be saved as it is, if it cannot.
    pub fn check(&self, field: Field) -> Result<(), FieldError> {
        let value = self.get(field);
        match field.max_chars() {
            Some(max) => {
                let chars = value.trim().chars().count();
                if field == Field::Title && chars == 0 {
                    Err(FieldError::Required)
                } else if chars > max {
                    Err(FieldError::TooLong(max))
                } else {
                    Ok(())
                }
            }
            None => Color::parse(value, false)
                .map(|_| ())
                .ok_or(FieldError::NotAColor),
        }
    }

    /// The problem of each field, in the form's order; `None` where it is fine.
    pub fn problems(&self) -> [Option<FieldError>; 6] {
        Field::ALL.map(|field| self.check(field).err())
    }

    /// The contrast of the text colour on the background, when both are colours.
    pub fn text_contrast(&self) -> Option<f32> {
        let color = |field| Color::parse(self.get(field), false);
        Some(color(Field::Text)?.contrast(color(Field::Background)?))
    }

    /// The content to save: texts trimmed, colours in lower case; or the first
    /// field that is out of bounds.
    pub fn validate(&self) -> Result<EditedContent, Field> {
        if let Some(bad) = Field::ALL.into_iter().find(|f| self.check(*f).is_err()) {
            return Err(bad);
        }
        let color = |field| Color::parse(self.get(field), false).unwrap_or(Color([0; 3]));
        Ok(EditedContent {
            title: self.get(Field::Title).trim().to_owned(),
            prize: self.get(Field::Prize).trim().to_owned(),
            guide: self.get(Field::Guide).trim().to_owned(),
            background: color(Field::Background),
            text: color(Field::Text),
            accent: color(Field::Accent),
        })
    }
}

/// Edited texts and colours that are within the contract's bounds: made only
/// by [`Form::validate`], so nothing out of bounds can be sent.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EditedContent {
    title: String,
    prize: String,
    guide: String,
    background: Color,
    text: Color,
    accent: Color,
}

impl EditedContent {
    /// The trimmed title (1 to 40 characters).
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The trimmed prize (0 to 80 characters).
    pub fn prize(&self) -> &str {
        &self.prize
    }

    /// The trimmed how-to-join text (0 to 80 characters).
    pub fn guide(&self) -> &str {
        &self.guide
    }

    /// Background, text and accent colours.
    pub fn colors(&self) -> [Color; 3] {
        [self.background, self.text, self.accent]
    }
}

/// Everything one save sends: the job, the chosen style and its image, the edits.

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Platform {
    /// Instagram 1:1, 1080×1080: the default.
    #[default]
    Instagram,
    /// Kakao 1:1, 800×800.
    Kakao,
    /// Naver 4:3, 800×600.
    Naver,
}

impl Platform {
    /// Every frame, in the picker's order.
    pub const ALL: [Platform; 3] = [Platform::Instagram, Platform::Kakao, Platform::Naver];

    /// A stable name, for the kept edits and the DOM.
    pub fn key(self) -> &'static str {
        match self {
            Platform::Instagram => "instagram",
            Platform::Kakao => "kakao",
            Platform::Naver => "naver",
        }
    }

    /// The frame of that name.
    pub fn from_key(key: &str) -> Option<Platform> {
        Platform::ALL.into_iter().find(|p| p.key() == key)
    }

    /// The post's size in pixels, width by height.
    pub fn size(self) -> (u32, u32) {
        match self {
            Platform::Instagram => (1080, 1080),
            Platform::Kakao => (800, 800),
            Platform::Naver => (800, 600),
        }
    }
}

/// A simple-style form with these texts, for the tests of the form and of
/// what a save sends.
#[cfg(test)]
pub(super) fn form(title: &str, prize: &str, guide: &str) -> Form {
    let mut form = Form::prefilled(Style::Simple, &EventFields::default());
    form.set(Field::Title, title.into());
    form.set(Field::Prize, prize.into());
    form.set(Field::Guide, guide.into());
    form
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_take_a_little_more_than_the_bound() {
        assert_eq!(Field::Title.input_limit(), Some(50));
        assert_eq!(Field::Prize.input_limit(), Some(100));
        assert_eq!(Field::Guide.input_limit(), Some(100));
        assert_eq!(Field::Accent.input_limit(), None);
        let mut over = form("", "", "");
        over.set(Field::Title, "가".repeat(50));
        assert_eq!(over.check(Field::Title), Err(FieldError::TooLong(40)));
    }

    #[test]
    fn titles_count_characters_not_bytes() {
        for (title, ok) in [
            ("가".repeat(40), true),
            ("가".repeat(41), false),
            ("😀".repeat(40), true),
            ("😀".repeat(41), false),
            ("a".repeat(40), true),
            ("a".repeat(41), false),
            (format!("  {}  ", "가".repeat(40)), true),
            ("x".into(), true),
        ] {
            let f = form(&title, "", "");
            assert_eq!(f.check(Field::Title).is_ok(), ok, "{title:?}");
            if !ok {
                assert_eq!(f.check(Field::Title), Err(FieldError::TooLong(40)));
                assert_eq!(f.validate(), Err(Field::Title));
            }
        }
    }

    #[test]
    fn the_title_is_required_and_texts_are_trimmed() {
        for blank in ["", "   ", "\n\t "] {
            assert_eq!(
                form(blank, "", "").check(Field::Title),
                Err(FieldError::Required)
            );
        }
        let content = form("  봄 세일 ", " 커피 ", "\n댓글 달기 ")
            .validate()
            .unwrap();
        assert_eq!(
            (content.title(), content.prize(), content.guide()),
            ("봄 세일", "커피", "댓글 달기")
        );
    }

    #[test]
    fn prize_and_guide_take_zero_to_eighty() {
        for field in [Field::Prize, Field::Guide] {
            let mut f = form("t", "", "");
            assert_eq!(f.check(field), Ok(()));
            f.set(field, "가".repeat(80));
            assert_eq!(f.check(field), Ok(()));
            f.set(field, "🎁".repeat(81));
            assert_eq!(f.check(field), Err(FieldError::TooLong(80)));
            assert_eq!(f.validate(), Err(field));
        }
    }

    #[test]
    fn colours_are_rrggbb_and_sent_in_lower_case() {
        assert_eq!(
            Color::parse("#A1b2C3", false).map(Color::hex).as_deref(),
            Some("#a1b2c3")
        );
        assert_eq!(
            Color::parse("#abc", true).map(Color::hex).as_deref(),
            Some("#aabbcc")
        );
        for bad in [
            "#abc",
            "abcdef",
            "#abcdeg",
            "#abcdef0",
            "",
            "#",
            "red",
            "#ＡＢＣＤＥＦ",
        ] {
            assert_eq!(Color::parse(bad, false), None, "{bad:?}");
        }
        let mut f = form("t", "", "");
        f.set(Field::Accent, "#FF00AA".into());
        assert_eq!(f.validate().unwrap().colors()[2].hex(), "#ff00aa");
        f.set(Field::Background, "blue".into());
        assert_eq!(f.check(Field::Background), Err(FieldError::NotAColor));
        assert_eq!(f.validate(), Err(Field::Background));
    }

    #[test]
    fn the_first_bad_field_is_named() {
        let mut f = form("", &"x".repeat(81), "");
        f.set(Field::Text, "nope".into());
        assert_eq!(f.validate(), Err(Field::Title));
        assert_eq!(
            f.problems(),
            [
                Some(FieldError::Required),
                Some(FieldError::TooLong(80)),
                None,
                None,
                Some(FieldError::NotAColor),
                None
            ]
        );
    }

    #[test]
    fn contrast_follows_wcag() {
        let black = Color::rgb(0, 0, 0);
        let white = Color::rgb(255, 255, 255);
        assert!((black.contrast(white) - 21.0).abs() < 0.01);
        assert!((white.contrast(white) - 1.0).abs() < 0.001);
        // #777777 on white is the classic near miss (4.48:1).
        let grey = Color::parse("#777777", false).unwrap();
        assert!(grey.contrast(white) < AA_CONTRAST);
        assert!(Color::parse("#767676", false).unwrap().contrast(white) >= AA_CONTRAST);
        for style in Style::ALL {
            let [bg, text, _] = style_colors(style);
            assert!(
                text.contrast(bg) >= AA_CONTRAST,
                "{style:?}'s own colours pass AA"
            );
        }
    }

    #[test]
    fn the_host_fills_what_it_knows() {
        let event = EventFields {
            title: Some(" 봄맞이 세일 ".into()),
            gift_name: Some("아메리카노".into()),
            brand_color: Some("#F0A".into()),
        };
        let f = Form::prefilled(Style::Fancy, &event);
        assert_eq!(f.get(Field::Title), "봄맞이 세일");
        assert_eq!(f.get(Field::Prize), "아메리카노");
        assert_eq!(f.get(Field::Guide), "");
        assert_eq!(f.get(Field::Accent), "#ff00aa");
        assert_eq!(
            f.get(Field::Background),
            style_colors(Style::Fancy)[0].hex()
        );
        let odd = EventFields {
            brand_color: Some("brand-red".into()),
            ..EventFields::default()
        };
        let f = Form::prefilled(Style::Simple, &odd);
        assert_eq!(f.get(Field::Accent), style_colors(Style::Simple)[2].hex());
        assert_eq!(f.get(Field::Title), "");
    }

    #[test]
    fn another_style_moves_only_untouched_colours() {
        let mut f = Form::prefilled(Style::Simple, &EventFields::default());
        f.set(Field::Accent, "#123456".into());
        f.restyle(Style::Simple, Style::Trendy);
        let [bg, text, _] = style_colors(Style::Trendy);
        assert_eq!(f.get(Field::Background), bg.hex());
        assert_eq!(f.get(Field::Text), text.hex());
        assert_eq!(f.get(Field::Accent), "#123456");
    }
}

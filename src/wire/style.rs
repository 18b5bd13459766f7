//! The three styles and their images, as the status answer names them.

use super::ImageSource;

/// The three styles, in the order the page shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Style {
    /// 심플 / Simple.
    Simple,
    /// 화려한 / Fancy.
    Fancy,
    /// 트렌디 / Trendy.
    Trendy,
}

impl Style {
    /// Every style, in display order.
    pub const ALL: [Style; 3] = [Style::Simple, Style::Fancy, Style::Trendy];

    /// The wire name: `simple`, `fancy`, `trendy`.
    pub fn key(self) -> &'static str {
        match self {
            Style::Simple => "simple",
            Style::Fancy => "fancy",
            Style::Trendy => "trendy",
        }
    }

    /// The style of a wire name.
    pub fn from_key(key: &str) -> Option<Style> {
        Style::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// The three finished images, each already checked for safety.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageSet {
    pub simple: ImageSource,
    pub fancy: ImageSource,
    pub trendy: ImageSource,
}

impl ImageSet {
    /// The image of one style.
    pub fn get(&self, style: Style) -> &ImageSource {
        match style {
            Style::Simple => &self.simple,
            Style::Fancy => &self.fancy,
            Style::Trendy => &self.trendy,
        }
    }
}

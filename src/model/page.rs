//! Page setup: paper size, margins, alignment and font size, and repairing numbers a
//! file should not hold. How they are applied is layout's business.

use serde::{Deserialize, Serialize};

/// Paper, margins and alignment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, arbitrary::Arbitrary)]
#[serde(default)]
pub struct PageSetup {
    pub paper: Paper,
    pub margins_mm: Margins,
    pub alignment: Alignment,
    pub font_size_pt: f32,
}

impl Default for PageSetup {
    fn default() -> Self {
        Self {
            paper: Paper::Letter,
            margins_mm: Margins::uniform(25.4),
            alignment: Alignment::Justified,
            font_size_pt: 11.0,
        }
    }
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, arbitrary::Arbitrary,
)]
pub enum Paper {
    /// US Letter, 8.5 x 11 in.
    #[default]
    Letter,
    /// ISO A4, 210 x 297 mm.
    A4,
}

impl Paper {
    /// Width and height in millimetres.
    pub fn size_mm(self) -> (f32, f32) {
        match self {
            Self::Letter => (215.9, 279.4),
            Self::A4 => (210.0, 297.0),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, arbitrary::Arbitrary)]
#[serde(default)]
pub struct Margins {
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

impl PageSetup {
    /// Replaces numbers that are not numbers (NaN, infinity), which no dialog produces
    /// but a file can hold, with the defaults. Ranges are clamped by layout.
    pub fn sanitize(&mut self) {
        let default = Self::default();
        if !self.font_size_pt.is_finite() {
            self.font_size_pt = default.font_size_pt;
        }
        let m = &mut self.margins_mm;
        for v in [&mut m.top, &mut m.bottom, &mut m.left, &mut m.right] {
            if !v.is_finite() {
                *v = default.margins_mm.top;
            }
        }
    }
}

impl Margins {
    pub fn uniform(mm: f32) -> Self {
        Self {
            top: mm,
            bottom: mm,
            left: mm,
            right: mm,
        }
    }
}

impl Default for Margins {
    fn default() -> Self {
        Self::uniform(25.4)
    }
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, arbitrary::Arbitrary,
)]
pub enum Alignment {
    #[default]
    Justified,
    RaggedRight,
}

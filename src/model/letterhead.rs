//! The letterhead (a row of logos above the heading, a text line under it, a footer line
//! on every page), the logos of signatories, and the images a draft holds for them: which
//! are used, adding one within the draft's limit, and dropping the unused (the one rule
//! that keeps a draft from carrying images nothing prints).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::Memo;
use super::merge::Value;
use crate::images::{ImageBytes, ImageKey, MAX_TOTAL_IMAGE_BYTES};

/// The most logos in the letterhead's row.
pub const MAX_LOGOS: usize = 8;
/// The height of the logo row, in millimetres, and what it is kept within.
pub const DEFAULT_HEIGHT_MM: f32 = 16.0;
pub const MIN_HEIGHT_MM: f32 = 5.0;
pub const MAX_HEIGHT_MM: f32 = 50.0;

/// The coalition's identity on the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, arbitrary::Arbitrary)]
#[serde(default)]
pub struct Letterhead {
    /// The logos of the row above the heading, left to right.
    #[serde(deserialize_with = "super::limits::list")]
    pub logos: Vec<Logo>,
    pub align: LogoAlign,
    /// The height of the row; logos keep their aspect ratio (and shrink together when
    /// the row would be wider than the text).
    pub height_mm: f32,
    /// A line under the logos: the coalition's name, address, website (inline Markdown).
    pub text: String,
    /// A line at the foot of every page (inline Markdown).
    pub footer: String,
}

impl Default for Letterhead {
    fn default() -> Self {
        Self {
            logos: Vec::new(),
            align: LogoAlign::Centre,
            height_mm: DEFAULT_HEIGHT_MM,
            text: String::new(),
            footer: String::new(),
        }
    }
}

impl Letterhead {
    /// The row height as printed: a number that is not one, or out of range, is kept in
    /// range.
    pub fn printed_height_mm(&self) -> f32 {
        if self.height_mm.is_finite() {
            self.height_mm.clamp(MIN_HEIGHT_MM, MAX_HEIGHT_MM)
        } else {
            DEFAULT_HEIGHT_MM
        }
    }

    /// Keeps the row height to what the editor allows, as a draft is read: a hand-edited
    /// draft may hold NaN, which is never equal to itself, so the memo would never equal
    /// its saved copy (always "unsaved", relaid out every frame, a conflict in every
    /// merge). Infinity and NaN become the default, other numbers are clamped.
    pub fn sanitize(&mut self) {
        self.height_mm = self.printed_height_mm();
    }

    pub fn is_empty(&self) -> bool {
        self.logos.is_empty() && self.text.trim().is_empty() && self.footer.trim().is_empty()
    }
}

/// One printed image: which, what it says to a reader who cannot see it, or that it
/// says nothing (an artifact in the tagged PDF).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, arbitrary::Arbitrary)]
#[serde(default)]
pub struct Logo {
    pub image: ImageKey,
    /// What a screen reader says for it (usually the organization's name).
    pub alt: String,
    /// Ornament only: screen readers skip it, and it needs no alt text.
    pub decorative: bool,
}

impl Logo {
    /// A logo with nothing to say to a screen reader and not marked decorative: the
    /// accessible PDF needs one or the other.
    pub fn lacks_alt(&self) -> bool {
        !self.decorative && self.alt.trim().is_empty()
    }
}

/// How the logos of the row sit across the text width.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, arbitrary::Arbitrary,
)]
pub enum LogoAlign {
    Left,
    #[default]
    Centre,
    /// The first at the left margin, the last at the right, equal gaps between.
    Spread,
}

impl LogoAlign {
    pub const ALL: [Self; 3] = [Self::Left, Self::Centre, Self::Spread];

    pub fn label(self) -> &'static str {
        match self {
            Self::Left => "Left",
            Self::Centre => "Centred",
            Self::Spread => "Spread",
        }
    }
}

/// An image the draft holds: the file's bytes, and the name it was added from (for
/// people reading the list; the key is what refers to it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, arbitrary::Arbitrary)]
#[serde(default)]
pub struct StoredImage {
    pub name: String,
    pub data: ImageBytes,
}

/// Why an image was not added to the draft.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AddImageError {
    #[error(
        "the draft's images would come to {total} bytes, more than the {} MiB a draft holds",
        MAX_TOTAL_IMAGE_BYTES / 1024 / 1024
    )]
    TotalTooLarge { total: u64 },
    #[error("the letterhead already has {MAX_LOGOS} logos, as many as it holds")]
    TooManyLogos,
    #[error("the draft has no signatory {0}")]
    NoSignatory(usize),
}

/// Where a new logo goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LogoTarget {
    /// The end of the letterhead's row.
    Letterhead,
    /// A signatory's logo (replacing the one it had), by index.
    Signatory(usize),
}

impl Memo {
    /// Every image something prints or may print: the letterhead's logos, the
    /// signatories' (printed or not), and those of the versions a merge conflict keeps.
    pub fn used_images(&self) -> BTreeSet<&ImageKey> {
        let mut used: BTreeSet<&ImageKey> =
            self.letterhead.logos.iter().map(|l| &l.image).collect();
        used.extend(
            self.signatories
                .iter()
                .filter_map(|s| s.logo.as_ref())
                .map(|l| &l.image),
        );
        for conflict in &self.conflicts {
            for value in [&conflict.base, &conflict.ours, &conflict.theirs]
                .into_iter()
                .flatten()
            {
                match value {
                    Value::Signatory(s) => used.extend(s.logo.iter().map(|l| &l.image)),
                    Value::Letterhead(l) => used.extend(l.logos.iter().map(|l| &l.image)),
                    _ => {}
                }
            }
        }
        used
    }

    /// Drops the images nothing uses (a removed logo): what a saved draft holds.
    pub fn drop_unused_images(&mut self) {
        let used: BTreeSet<ImageKey> = self.used_images().into_iter().cloned().collect();
        self.images.retain(|key, _| used.contains(key));
    }

    /// The bytes of the images the draft holds, all together.
    pub fn image_bytes(&self) -> u64 {
        self.images
            .values()
            .map(|i| i.data.as_slice().len() as u64)
            .sum()
    }

    /// Stores `image` under its content key (once, however often it is added) when the
    /// draft's images stay within [`MAX_TOTAL_IMAGE_BYTES`]; the images nothing uses do
    /// not count, since saving drops them. So an image still held but unused (a logo
    /// just removed) counts again when it is added again.
    pub fn store_image(&mut self, image: StoredImage) -> Result<ImageKey, AddImageError> {
        let key = ImageKey::of(image.data.as_slice());
        let used = self.used_images();
        let counted = used.contains(&key) && self.images.contains_key(&key);
        if !counted {
            let total = self
                .images
                .iter()
                .filter(|(k, _)| used.contains(k))
                .map(|(_, i)| i.data.as_slice().len() as u64)
                .sum::<u64>()
                + image.data.as_slice().len() as u64;
            if total > MAX_TOTAL_IMAGE_BYTES {
                return Err(AddImageError::TotalTooLarge { total });
            }
        }
        self.images.entry(key.clone()).or_insert(image);
        Ok(key)
    }

    /// Adds `image` with its alt text where `target` says; the memo is unchanged when it
    /// cannot be added.
    pub fn add_logo(
        &mut self,
        target: LogoTarget,
        image: StoredImage,
        alt: &str,
        decorative: bool,
    ) -> Result<ImageKey, AddImageError> {
        match target {
            LogoTarget::Letterhead if self.letterhead.logos.len() >= MAX_LOGOS => {
                return Err(AddImageError::TooManyLogos);
            }
            LogoTarget::Signatory(i) if i >= self.signatories.len() => {
                return Err(AddImageError::NoSignatory(i + 1));
            }
            LogoTarget::Letterhead | LogoTarget::Signatory(_) => {}
        }
        let key = self.store_image(image)?;
        let logo = Logo {
            image: key.clone(),
            alt: alt.trim().to_owned(),
            decorative,
        };
        match target {
            LogoTarget::Letterhead => self.letterhead.logos.push(logo),
            LogoTarget::Signatory(i) => {
                if let Some(s) = self.signatories.get_mut(i) {
                    s.logo = Some(logo);
                }
            }
        }
        Ok(key)
    }

    #[cfg(test)]
    fn add_letterhead_logo(
        &mut self,
        image: StoredImage,
        alt: &str,
        decorative: bool,
    ) -> Result<ImageKey, AddImageError> {
        self.add_logo(LogoTarget::Letterhead, image, alt, decorative)
    }
}

/// The images table of a draft, bounded while it is read.
pub(super) fn images<'de, D>(d: D) -> Result<BTreeMap<ImageKey, StoredImage>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    super::limits::bounded_map(d, super::limits::MAX_IMAGES)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(bytes: &[u8]) -> StoredImage {
        StoredImage {
            name: "logo.png".into(),
            data: ImageBytes::new(bytes.to_vec()),
        }
    }

    #[test]
    fn the_same_image_added_twice_is_stored_once_and_unused_ones_are_dropped() {
        let mut memo = Memo::default();
        let a = memo
            .add_letterhead_logo(image(b"one"), "Alliance", false)
            .unwrap();
        let b = memo
            .add_letterhead_logo(image(b"one"), "Alliance again", false)
            .unwrap();
        assert_eq!(a, b);
        assert_eq!(memo.images.len(), 1);
        assert_eq!(memo.letterhead.logos.len(), 2);
        memo.letterhead.logos.clear();
        memo.drop_unused_images();
        assert!(memo.images.is_empty());
    }

    #[test]
    fn the_drafts_images_stay_within_their_total() {
        let mut memo = Memo::default();
        let chunk = vec![7u8; usize::try_from(MAX_TOTAL_IMAGE_BYTES / 4).unwrap()];
        for n in 0..4u8 {
            let mut bytes = chunk.clone();
            bytes[0] = n;
            memo.add_letterhead_logo(image(&bytes), "x", false).unwrap();
        }
        let before = memo.clone();
        let err = memo
            .add_letterhead_logo(image(b"one more"), "x", false)
            .unwrap_err();
        assert!(matches!(err, AddImageError::TotalTooLarge { .. }), "{err}");
        assert_eq!(memo, before, "nothing added");
    }

    #[test]
    fn a_row_height_out_of_range_or_not_a_number_is_kept_to_what_the_editor_allows() {
        let with = |height_mm: f32| Letterhead {
            height_mm,
            ..Letterhead::default()
        };
        let sanitized = |height_mm: f32| {
            let mut letterhead = with(height_mm);
            letterhead.sanitize();
            letterhead
        };
        assert_eq!(sanitized(f32::NAN), with(DEFAULT_HEIGHT_MM));
        assert_eq!(sanitized(f32::INFINITY), with(DEFAULT_HEIGHT_MM));
        assert_eq!(sanitized(f32::NEG_INFINITY), with(DEFAULT_HEIGHT_MM));
        assert_eq!(sanitized(-3.0), with(MIN_HEIGHT_MM));
        assert_eq!(sanitized(1.0e30), with(MAX_HEIGHT_MM));
        assert_eq!(sanitized(22.5), with(22.5), "a height in range is kept");
    }

    #[test]
    fn a_removed_logo_added_again_counts_against_the_total() {
        let mut memo = Memo::default();
        let quarter = usize::try_from(MAX_TOTAL_IMAGE_BYTES / 4).unwrap();
        let logo = |n: u8| {
            let mut bytes = vec![7u8; quarter];
            bytes[0] = n;
            image(&bytes)
        };
        // A, B, C and D: the draft's 8 MiB.
        for n in 0..4 {
            memo.add_letterhead_logo(logo(n), "x", false).unwrap();
        }
        // D removed (its image still held until a save), E added in its place.
        memo.letterhead.logos.pop();
        memo.add_letterhead_logo(logo(4), "E", false).unwrap();
        // D again would make 10 MiB.
        let before = memo.clone();
        let err = memo.add_letterhead_logo(logo(3), "D", false).unwrap_err();
        assert!(matches!(err, AddImageError::TotalTooLarge { .. }), "{err}");
        assert_eq!(memo, before, "nothing added");
        // With E removed, D fits again, and its bytes are held once.
        memo.letterhead.logos.pop();
        memo.add_letterhead_logo(logo(3), "D", false).unwrap();
        memo.drop_unused_images();
        assert_eq!(memo.image_bytes(), MAX_TOTAL_IMAGE_BYTES);
    }

    #[test]
    fn the_row_holds_at_most_eight_logos() {
        let mut memo = Memo::default();
        for n in 0..MAX_LOGOS {
            memo.add_letterhead_logo(image(&[u8::try_from(n).unwrap()]), "x", false)
                .unwrap();
        }
        assert_eq!(
            memo.add_letterhead_logo(image(b"ninth"), "x", false),
            Err(AddImageError::TooManyLogos)
        );
    }
}

#[cfg(test)]
mod merge_tests {
    use super::*;
    use crate::model::merge::{differences, merge};

    fn with_logo(bytes: &[u8], alt: &str) -> Memo {
        let mut memo = Memo::default();
        let image = StoredImage {
            name: "logo.png".into(),
            data: ImageBytes::new(bytes.to_vec()),
        };
        memo.add_logo(LogoTarget::Letterhead, image, alt, false)
            .unwrap();
        memo
    }

    #[test]
    fn a_partners_letterhead_accepted_or_merged_brings_its_images() {
        let ours = Memo::default();
        let theirs = with_logo(b"their logo", "Theirs");
        // Compare: accepting their letterhead brings the image its logo needs.
        let mut accepted = ours.clone();
        for d in differences(&ours, &theirs) {
            accepted.accept(&d);
        }
        assert_eq!(accepted.letterhead, theirs.letterhead);
        assert_eq!(accepted.images, theirs.images);
        // Merge: their new letterhead is taken, with its image.
        let merged = merge(&ours, &ours, &theirs);
        assert_eq!(merged.letterhead, theirs.letterhead);
        assert!(
            merged
                .images
                .contains_key(&theirs.letterhead.logos[0].image)
        );
        // Both changed it differently: a conflict, both images kept until someone chooses.
        let mine = with_logo(b"our logo", "Ours");
        let merged = merge(&ours, &mine, &theirs);
        assert_eq!(merged.conflicts.len(), 1);
        let mut saved = merged.clone();
        saved.drop_unused_images();
        assert_eq!(saved.images.len(), 2, "both sides' logos survive a save");
    }
}

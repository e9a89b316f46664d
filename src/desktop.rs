//! How memodraft presents itself to the desktop: its application id, the MIME type of
//! drafts and the name new drafts get. The launcher, metainfo and MIME files under
//! `packaging/` and `[package.metadata.deb]` name the same values (a test checks).

use std::path::Path;

/// The application id (reverse DNS): the window's app id (Wayland) and `WM_CLASS` (X11),
/// the launcher's file name, the icon's name and the metainfo's id. A desktop finds the
/// window's icon and launcher through it, so all must agree.
pub const APP_ID: &str = "org.memodraft.memodraft";

/// The MIME type of drafts, declared by `packaging/<APP_ID>.mime.xml`.
pub const DRAFT_MIME_TYPE: &str = "application/x-memodraft-draft";

/// How a new draft's file name ends. File managers recognise `NAME.memo.ron` as a draft
/// (and open it in memodraft on a double click); any `.ron` still opens from memodraft.
pub const DRAFT_SUFFIX: &str = ".memo.ron";

/// The file name offered for a new draft whose name is `stem`.
pub fn draft_file_name(stem: &str) -> String {
    format!("{stem}{DRAFT_SUFFIX}")
}

/// A draft's name without `.memo.ron` (or `.ron`, or any other extension): "march" for
/// `march.memo.ron` and `march.ron`, the base of the PDF or CSV named after the draft.
pub fn draft_stem(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_string_lossy();
    let without = |suffix: &str| {
        let cut = name.len().checked_sub(suffix.len())?;
        let (stem, end) = (name.get(..cut)?, name.get(cut..)?);
        (end.eq_ignore_ascii_case(suffix) && !stem.is_empty()).then(|| stem.to_owned())
    };
    without(DRAFT_SUFFIX).or_else(|| {
        Path::new(name.as_ref())
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drafts_stem_drops_memo_ron_or_its_extension() {
        let stem = |p: &str| draft_stem(Path::new(p));
        assert_eq!(stem("/d/march.memo.ron").as_deref(), Some("march"));
        assert_eq!(stem("march.MEMO.RON").as_deref(), Some("march"));
        assert_eq!(stem("march.ron").as_deref(), Some("march"));
        assert_eq!(stem("march.v2.ron").as_deref(), Some("march.v2"));
        assert_eq!(stem("march").as_deref(), Some("march"));
        assert_eq!(stem(".memo.ron").as_deref(), Some(".memo"));
        assert_eq!(stem("/").as_deref(), None);
        assert_eq!(draft_file_name("march"), "march.memo.ron");
    }
}

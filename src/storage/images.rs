//! Image files added to a draft (logos): read with a bound, checked by `images::check`
//! (format from the bytes, size from the header, then a full decode), and added where the
//! user asked. Every refusal names the file, says why once and what to do, and leaves the
//! memo as it was.

use std::path::{Path, PathBuf};

use super::{ReadError, read_limited};
use crate::images::{self, Format, ImageBytes, ImageError, ImageKey, MAX_IMAGE_BYTES};
use crate::model::{AddImageError, LogoTarget, Memo, StoredImage};

/// Why an image file was not added to a draft.
#[derive(Debug, thiserror::Error)]
pub enum ImageFileError {
    #[error("cannot read {}: {reason}. Check the file's name and that you may read it", path.display())]
    Read {
        path: PathBuf,
        reason: std::io::Error,
    },
    #[error(
        "cannot add {}: {reason}; the draft was not changed. {}",
        path.display(),
        reason.advice()
    )]
    Refused { path: PathBuf, reason: ImageError },
    #[error("cannot add {}: {reason}; the draft was not changed. Remove a logo first", path.display())]
    NoRoom {
        path: PathBuf,
        reason: AddImageError,
    },
}

/// The image at `path`, checked, ready to store: at most [`MAX_IMAGE_BYTES`] are read,
/// whatever the file says it holds.
pub fn read_image(path: &Path) -> Result<StoredImage, ImageFileError> {
    let refused = |reason| ImageFileError::Refused {
        path: path.to_owned(),
        reason,
    };
    let bytes = read_limited(path, MAX_IMAGE_BYTES).map_err(|e| match e {
        ReadError::Io(reason) => ImageFileError::Read {
            path: path.to_owned(),
            reason,
        },
        ReadError::TooLarge => refused(ImageError::TooLarge),
    })?;
    let named = path
        .extension()
        .and_then(|e| e.to_str())
        .and_then(Format::of_extension);
    images::check(&bytes, named).map_err(refused)?;
    Ok(StoredImage {
        name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        data: ImageBytes::new(bytes),
    })
}

/// Reads the image at `path` and adds it to `memo` where `target` says, with its alt
/// text: the one way the editor and `memodraft logo add` add a logo.
pub fn add_logo(
    memo: &mut Memo,
    target: LogoTarget,
    path: &Path,
    alt: &str,
    decorative: bool,
) -> Result<ImageKey, ImageFileError> {
    let image = read_image(path)?;
    memo.add_logo(target, image, alt, decorative)
        .map_err(|reason| ImageFileError::NoRoom {
            path: path.to_owned(),
            reason,
        })
}

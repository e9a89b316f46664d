//! Drafts on disk: RON load and atomic save, with a format version and explicit limits.
//! Uses model, ron and `std::fs`; never egui or printpdf.

pub mod images;
pub mod lock;
pub mod recovery;
mod save;
pub mod signatories;
pub mod sync_conflicts;

pub use save::{STALE_TEMPORARY_AGE, Saved, remove_stale_temporaries, resolve_links};

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::{DRAFT_VERSION, Memo};

/// The largest draft memodraft reads. A 1,000-signatory memo is about 300 KB.
pub const MAX_DRAFT_BYTES: u64 = 32 * 1024 * 1024;

/// Nesting depth of brackets accepted in a draft, far below what overflows the stack.
pub const MAX_NESTING: usize = 64;

/// Why a draft could not be read or written. Every variant names the file, says why once
/// and what to do.
///
/// The I/O reason is part of the message and deliberately not a `source`: anyhow's `{:#}`
/// prints a source after the message, which would say it twice.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    #[error("cannot read {}: {reason}. Check the file's name and that you may read it", path.display())]
    Read {
        path: PathBuf,
        reason: std::io::Error,
    },
    #[error(
        "{} is larger than {limit} bytes, the size drafts are limited to. Is this really a memodraft draft? Open a .ron draft saved by memodraft",
        path.display(),
        limit = MAX_DRAFT_BYTES
    )]
    TooLarge { path: PathBuf },
    #[error("{} is not a text file (invalid UTF-8 at byte {offset}); open a .ron draft saved by memodraft", path.display())]
    NotText { path: PathBuf, offset: usize },
    #[error("{}:{line}:{column}: {message}. Fix the draft at that place in a text editor, or restore a backup", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{} was written by a newer memodraft (draft version {found}; this one reads up to {supported}). Update memodraft to open it",
        path.display(),
        supported = DRAFT_VERSION
    )]
    NewerVersion { path: PathBuf, found: u32 },
    #[error(
        "cannot save {}: {reason}. The draft on disk was not changed; check that the folder exists, that you may write there and that the disk has room",
        path.display()
    )]
    Write {
        path: PathBuf,
        reason: std::io::Error,
    },
    #[error(
        "cannot save {} in place (its folder allows no new files): {reason}. {}",
        path.display(),
        save::in_place_advice(*restored, backup.as_deref())
    )]
    InPlace {
        path: PathBuf,
        reason: std::io::Error,
        /// The previous version was written back whole.
        restored: bool,
        backup: Option<PathBuf>,
    },
}

/// Why [`read_limited`] returned no bytes.
#[derive(Debug)]
pub enum ReadError {
    /// The file could not be opened or read.
    Io(std::io::Error),
    /// The file holds more than the limit.
    TooLarge,
}

/// The bytes of `path`, but never more than `limit`: a larger file is refused after at
/// most `limit + 1` bytes were read, whatever its metadata says (`/dev/zero` and pipes
/// report size 0; a file may grow while it is read). Every file storage reads goes
/// through here.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = fs::File::open(path).map_err(ReadError::Io)?;
    let said = file.metadata().map_or(0, |meta| meta.len());
    // A regular file that says it is too large is refused without reading it.
    if said > limit {
        return Err(ReadError::TooLarge);
    }
    // Room for what the file says it holds (and the byte that would prove it larger),
    // so that it is read in one call, not in reads of doubling size from 32 bytes.
    let mut bytes = Vec::with_capacity(usize::try_from(said.saturating_add(1)).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge);
    }
    Ok(bytes)
}

/// A syntax or type error in RON text, with its 1-based position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The sample memo shipped with memodraft, as its draft text.
pub const SAMPLE_DRAFT: &str = include_str!("../../assets/examples/sample-memo.ron");

/// The sample memo, parsed.
pub fn sample() -> Result<Memo, FromRonError> {
    from_ron(SAMPLE_DRAFT)
}

/// Reads the draft at `path`: at most [`MAX_DRAFT_BYTES`], UTF-8, RON of this or an
/// older draft version (migrated).
pub fn load_draft(path: &Path) -> Result<Memo, DraftError> {
    let bytes = read_limited(path, MAX_DRAFT_BYTES).map_err(|e| match e {
        ReadError::Io(reason) => DraftError::Read {
            path: path.to_owned(),
            reason,
        },
        ReadError::TooLarge => DraftError::TooLarge {
            path: path.to_owned(),
        },
    })?;
    let text = String::from_utf8(bytes).map_err(|e| DraftError::NotText {
        path: path.to_owned(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    from_ron(&text).map_err(|e| match e {
        FromRonError::Newer(found) => DraftError::NewerVersion {
            path: path.to_owned(),
            found,
        },
        FromRonError::Parse(ParseError {
            line,
            column,
            message,
        }) => DraftError::Parse {
            path: path.to_owned(),
            line,
            column,
            message,
        },
    })
}

/// Saves `memo` to `path`: through symbolic links to the file they point to, atomically
/// beside it with the previous version kept as `NAME.bak`; in place (verified, the old
/// bytes written back on failure) where the folder allows no new files. See [`Saved`].
pub fn save_draft(path: &Path, memo: &Memo) -> Result<Saved, DraftError> {
    save::save_draft_with(path, memo, create_temporary)
}

/// Where the previous version of a draft is kept: `memo.ron` -> `memo.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// The draft as pretty, diff-friendly RON.
pub fn to_ron(memo: &Memo) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .escape_strings(false)
        .indentor("  ".to_owned());
    let mut memo = memo.clone();
    memo.version = DRAFT_VERSION;
    memo.drop_unused_images();
    // Serializing plain data cannot fail; fall back to an empty draft rather than panic.
    let mut text = ron::ser::to_string_pretty(&memo, config).unwrap_or_default();
    text.push('\n');
    text
}

/// Why RON text is not a draft this build can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FromRonError {
    Newer(u32),
    Parse(ParseError),
}

/// Parses draft text, refusing drafts from a newer format version.
pub fn from_ron(text: &str) -> Result<Memo, FromRonError> {
    #[derive(Deserialize)]
    struct Probe {
        #[serde(default)]
        version: u32,
    }
    let options = ron::Options::default().with_recursion_limit(MAX_NESTING);
    let memo: Memo = match options.from_str(text) {
        Ok(memo) => memo,
        Err(e) => {
            // A newer draft is refused as newer, not as broken: its version, read alone.
            if let Ok(Probe { version }) = options.from_str::<Probe>(text)
                && version > DRAFT_VERSION
            {
                return Err(FromRonError::Newer(version));
            }
            return Err(FromRonError::Parse(ParseError {
                line: e.span.start.line,
                column: e.span.start.col,
                message: match e.code {
                    ron::Error::ExceededRecursionLimit => format!(
                        "nested more than {MAX_NESTING} levels deep, the limit for a draft (memodraft's own drafts nest at most 5)"
                    ),
                    code => code.to_string(),
                },
            }));
        }
    };
    if memo.version > DRAFT_VERSION {
        return Err(FromRonError::Newer(memo.version));
    }
    Ok(migrate(memo))
}

/// Brings an older draft up to [`DRAFT_VERSION`]. Version 0 means "no version field":
/// hand-written drafts, which are read as version 1.
fn migrate(mut memo: Memo) -> Memo {
    memo.version = DRAFT_VERSION;
    memo.page.sanitize();
    memo.letterhead.sanitize();
    memo.conflicts
        .iter_mut()
        .for_each(crate::model::Conflict::sanitize);
    // Version 3 names recommendations by id; older drafts (and hand-written ones) have none.
    memo.number_recommendations();
    memo.number_findings_and_quotes();
    memo.number_recipients();
    memo
}

/// Writes `bytes` to `path` so that a crash at any moment leaves either the old file or
/// the new one, never a truncated mix: a temporary file in the same folder is written,
/// flushed to disk and renamed over `path`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, bytes, create_temporary).map_err(AtomicError::into_io)
}

/// Why an atomic write failed: its temporary file could not be created (a folder that
/// allows no new files), or a later step failed.
#[derive(Debug)]
pub(crate) enum AtomicError {
    Create(std::io::Error),
    Write(std::io::Error),
}

impl AtomicError {
    pub(crate) fn into_io(self) -> std::io::Error {
        match self {
            Self::Create(e) | Self::Write(e) => e,
        }
    }
}

/// Creates the temporary file an atomic write of `target` goes through, in `dir`.
pub(crate) type CreateTemporary = fn(&Path, &Path) -> std::io::Result<tempfile::NamedTempFile>;

/// The temporary files of atomic writes: `.memodraft-XXXXXX.tmp` (six random letters or
/// digits) in the target's folder. [`remove_stale_temporaries`] removes only these.
pub(crate) const TEMP_PREFIX: &str = ".memodraft-";
pub(crate) const TEMP_SUFFIX: &str = ".tmp";
pub(crate) const TEMP_RANDOM_LEN: usize = 6;

pub(crate) fn create_temporary(
    dir: &Path,
    target: &Path,
) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .rand_bytes(TEMP_RANDOM_LEN);
    // A replaced file keeps its permissions; a new one gets the usual 0666 less the umask
    // (a temporary file alone would be 0600: unreadable to the web server the PDF is
    // posted from).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(match fs::metadata(target) {
            Ok(meta) => meta.permissions(),
            Err(_) => fs::Permissions::from_mode(0o666),
        });
    }
    #[cfg(not(unix))]
    let _ = target;
    builder.tempfile_in(dir)
}

/// [`write_atomic`] with the temporary file made by `create` (tests fail it on purpose).
pub(crate) fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    create: CreateTemporary,
) -> Result<(), AtomicError> {
    let dir = parent_dir(path);
    let mut tmp = create(dir, path).map_err(AtomicError::Create)?;
    let write = |tmp: &mut tempfile::NamedTempFile| {
        tmp.write_all(bytes)?;
        tmp.as_file().sync_all()
    };
    write(&mut tmp).map_err(AtomicError::Write)?;
    tmp.persist(path).map_err(|e| AtomicError::Write(e.error))?;
    // Make the rename itself durable.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The folder `path` is in (`.` for a bare file name).
pub(crate) fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saving_keeps_the_previous_version_as_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memo.ron");
        let first = Memo {
            subject: "first".into(),
            ..Memo::default()
        };
        save_draft(&path, &first).unwrap();
        assert!(
            !backup_path(&path).exists(),
            "nothing to back up on the first save"
        );
        let second = Memo {
            subject: "second".into(),
            ..Memo::default()
        };
        save_draft(&path, &second).unwrap();
        assert_eq!(load_draft(&path).unwrap().subject, "second");
        assert_eq!(load_draft(&backup_path(&path)).unwrap().subject, "first");
    }

    #[cfg(unix)]
    #[test]
    fn saved_files_get_normal_permissions_and_keep_existing_ones() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("memo.pdf");
        write_atomic(&new, b"%PDF").unwrap();
        let mode = fs::metadata(&new).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode & 0o044,
            0o044,
            "readable by group and others (umask allowing): {mode:o}"
        );
        fs::set_permissions(&new, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&new, b"%PDF-2").unwrap();
        assert_eq!(
            fs::metadata(&new).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[test]
    fn the_documented_example_and_the_sample_load() {
        let doc = include_str!("../../docs/draft-format.md");
        // The complete example, not the snippets of single fields before it.
        let example = doc.find("## Example").unwrap();
        let start = example + doc[example..].find("```ron\n").unwrap() + "```ron\n".len();
        let end = start + doc[start..].find("\n```").unwrap();
        let memo = from_ron(&doc[start..end]).unwrap();
        // The documented fingerprints are those of the documented sources.
        let es = crate::model::Language::Spanish;
        let states: Vec<_> = memo
            .passages()
            .into_iter()
            .map(|(p, _)| memo.passage_state(es, p))
            .filter(|s| *s != crate::model::PassageState::Missing)
            .collect();
        assert_eq!(
            states,
            [
                crate::model::PassageState::Reviewed,
                crate::model::PassageState::UpToDate
            ]
        );
        assert_eq!(
            memo.quotes[0].placement,
            crate::model::Placement::Finding(crate::model::FindingId(1))
        );
        let sample = from_ron(include_str!("../../assets/examples/sample-memo.ron")).unwrap();
        assert!(sample.findings.len() >= 4 && sample.signatories.len() >= 9);
    }

    #[test]
    fn a_version_1_contact_becomes_the_first_contact() {
        let v1 = r#"(version: 1, signatories: [
            (organization: "Nube", contact_name: "Rosa Díaz", contact_email: "rosa@nube.org", status: Confirmed),
            (organization: "Ágora", contact_name: "", contact_email: ""),
        ])"#;
        let memo = from_ron(v1).unwrap();
        let contacts: Vec<_> = memo.signatories.iter().map(|s| &s.contacts).collect();
        assert_eq!(
            contacts,
            [
                &vec![crate::model::Contact {
                    name: "Rosa Díaz".into(),
                    email: "rosa@nube.org".into()
                }],
                &vec![]
            ]
        );
        assert_eq!(memo.version, DRAFT_VERSION);
        let saved = to_ron(&memo);
        assert!(
            !saved.contains("contact_name") && saved.contains("contacts"),
            "{saved}"
        );
        assert_eq!(from_ron(&saved).unwrap(), memo);
    }

    #[test]
    fn findings_and_quotes_written_without_ids_get_their_own() {
        let memo = from_ron(
            r#"(subject: "x", findings: [(title: "A"), (title: "B")], quotes: [(text: "q"), (text: "r")])"#,
        )
        .unwrap();
        let ids: Vec<_> = memo.findings.iter().map(|f| f.id).collect();
        assert_ne!(ids[0], ids[1]);
        assert_ne!(memo.quotes[0].id, memo.quotes[1].id);
        let passages = memo.passages();
        let unique: std::collections::BTreeSet<_> = passages.iter().map(|(p, _)| *p).collect();
        assert_eq!(unique.len(), passages.len(), "each passage once");
    }

    #[test]
    fn a_letterhead_height_that_is_not_a_number_loads_as_the_default_and_equal_to_itself() {
        use crate::model::merge::Value;
        use crate::model::{Conflict, Letterhead};
        let memo = from_ron("(subject: \"Edited by hand\", letterhead: (height_mm: NaN))").unwrap();
        assert_eq!(memo.letterhead, Letterhead::default(), "the default height");
        // Equal to itself: the editor shows no unsaved change, a merge no conflict.
        assert_eq!(memo, memo.clone());
        // The same in a letterhead a merge conflict keeps.
        let nan = Letterhead {
            height_mm: f32::NAN,
            ..Letterhead::default()
        };
        let conflicted = Memo {
            conflicts: vec![Conflict {
                ours: Some(Value::Letterhead(nan.clone())),
                theirs: Some(Value::Letterhead(nan)),
                ..Conflict::default()
            }],
            ..Memo::default()
        };
        let loaded = from_ron(&to_ron(&conflicted)).unwrap();
        assert_eq!(loaded, loaded.clone());
    }

    #[test]
    fn newer_versions_are_refused_as_newer() {
        let err = from_ron("(version: 99, subject: \"x\", future_field: [1, 2])").unwrap_err();
        assert_eq!(err, FromRonError::Newer(99));
    }

    #[test]
    fn missing_fields_take_defaults() {
        let memo = from_ron("(subject: \"Only a subject\")").unwrap();
        assert_eq!(memo.subject, "Only a subject");
        assert_eq!(memo.heading, "MEMORANDUM");
        assert_eq!(memo.version, DRAFT_VERSION);
    }

    #[test]
    fn parse_errors_carry_line_and_column() {
        let err = from_ron("(\n  subject: \"x\",\n  to: [ (name: 3) ],\n)").unwrap_err();
        let FromRonError::Parse(e) = err else {
            panic!("expected a parse error, got {err:?}")
        };
        assert_eq!(e.line, 3, "{e:?}");
        assert!(e.column > 1, "{e:?}");
    }

    #[test]
    fn save_replaces_the_file_whole_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memo.ron");
        fs::write(&path, "old").unwrap();
        let memo = Memo {
            subject: "Nuevo asunto: Juárez".into(),
            ..Default::default()
        };
        save_draft(&path, &memo).unwrap();
        assert_eq!(load_draft(&path).unwrap(), memo);
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(
            names,
            ["memo.ron", "memo.ron.bak"],
            "the draft and its backup, no temporaries"
        );
        assert_eq!(fs::read_to_string(backup_path(&path)).unwrap(), "old");
    }

    #[test]
    fn saving_into_a_missing_folder_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gone").join("memo.ron");
        let err = save_draft(&path, &Memo::default()).unwrap_err();
        assert!(err.to_string().contains("memo.ron"), "{err}");
    }
}

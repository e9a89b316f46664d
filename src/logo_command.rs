//! `memodraft logo add | list | remove`: the letterhead's logos and signatories' logos from
//! the command line (for scripts and tests); part of the command line (`main.rs`). A draft
//! is saved only when the change succeeded, so an error leaves it as it was.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use clap::Subcommand;

use memodraft::model::{LogoTarget, Memo, organization_key};
use memodraft::storage;

#[derive(Subcommand)]
pub enum LogoCommand {
    /// Add a PNG or JPEG logo to the letterhead's row (or give it to a signatory).
    Add {
        /// The draft (.ron).
        draft: PathBuf,
        /// The image: PNG or JPEG, at most 2 MiB and 4,096 pixels on a side.
        image: PathBuf,
        /// What a screen reader says for it (usually the organization's name).
        #[arg(long, required_unless_present = "decorative")]
        alt: Option<String>,
        /// The logo is ornament only: screen readers skip it.
        #[arg(long)]
        decorative: bool,
        /// Give the logo to this signatory (its organization or short name) instead.
        #[arg(long)]
        signatory: Option<String>,
    },
    /// List the letterhead's logos and the signatories' logos.
    List {
        /// The draft (.ron).
        draft: PathBuf,
    },
    /// Remove logo N of the letterhead's row (as `logo list` numbers them).
    Remove {
        /// The draft (.ron).
        draft: PathBuf,
        /// The logo's number, from 1.
        n: usize,
    },
}

pub fn run(command: LogoCommand) -> Result<()> {
    match command {
        LogoCommand::Add {
            draft,
            image,
            alt,
            decorative,
            signatory,
        } => {
            let mut memo = storage::load_draft(&draft)?;
            let target = match signatory {
                Some(name) => LogoTarget::Signatory(signatory_index(&memo, &draft, &name)?),
                None => LogoTarget::Letterhead,
            };
            let alt = alt.unwrap_or_default();
            let key = storage::images::add_logo(&mut memo, target, &image, &alt, decorative)?;
            save(&draft, &memo)?;
            let place = match target {
                LogoTarget::Letterhead => {
                    format!("letterhead logo {}", memo.letterhead.logos.len())
                }
                LogoTarget::Signatory(i) => format!(
                    "the logo of {}",
                    memo.signatories
                        .get(i)
                        .map_or("", |s| s.organization.as_str())
                ),
            };
            println!(
                "added {} as {place} (image {}); saved {}",
                image.display(),
                key.short(),
                draft.display()
            );
        }
        LogoCommand::List { draft } => {
            let memo = storage::load_draft(&draft)?;
            print!("{}", list(&memo));
        }
        LogoCommand::Remove { draft, n } => {
            let mut memo = storage::load_draft(&draft)?;
            let count = memo.letterhead.logos.len();
            if n == 0 || n > count {
                bail!(
                    "{} has {count} letterhead logos, so there is no logo {n}; `memodraft logo list {}` numbers them",
                    draft.display(),
                    draft.display()
                );
            }
            let removed = memo.letterhead.logos.remove(n - 1);
            save(&draft, &memo)?;
            println!(
                "removed logo {n} ({}); saved {}",
                describe(&memo, &removed),
                draft.display()
            );
        }
    }
    Ok(())
}

fn save(draft: &Path, memo: &Memo) -> Result<()> {
    let saved = storage::save_draft(draft, memo)?;
    if let Some(note) = saved.note() {
        println!("{note}");
    }
    Ok(())
}

/// The signatory `name` names (its organization or short name, as a merge matches them).
fn signatory_index(memo: &Memo, draft: &Path, name: &str) -> Result<usize> {
    let key = organization_key(name);
    memo.signatories
        .iter()
        .position(|s| organization_key(&s.organization) == key || organization_key(&s.short_name) == key)
        .ok_or_else(|| {
            anyhow::anyhow!(
                "{} has no signatory named {name:?}; `memodraft signatories list {}` shows their names",
                draft.display(),
                draft.display()
            )
        })
}

/// "alliance.png, 600 x 200 PNG, alt \"...\"".
fn describe(memo: &Memo, logo: &memodraft::model::Logo) -> String {
    let image = memo.images.get(&logo.image);
    let name = image.map_or("(missing image)", |i| i.name.as_str());
    let size = image
        .and_then(|i| memodraft::images::probe(i.data.as_slice()).ok())
        .map_or_else(
            || "not printable".to_owned(),
            |p| format!("{} x {} {}", p.width, p.height, p.format.name()),
        );
    let alt = if logo.decorative {
        "decorative".to_owned()
    } else if logo.alt.trim().is_empty() {
        "NO ALT TEXT".to_owned()
    } else {
        format!("alt {:?}", logo.alt)
    };
    format!("{name}, {size}, {alt}")
}

/// One line per logo: the letterhead's numbered, then each signatory's.
fn list(memo: &Memo) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for (i, logo) in memo.letterhead.logos.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", i + 1, describe(memo, logo));
    }
    for s in &memo.signatories {
        if let Some(logo) = &s.logo {
            let _ = writeln!(
                out,
                "signatory {}: {}",
                s.organization,
                describe(memo, logo)
            );
        }
    }
    if out.is_empty() {
        out.push_str("no logos\n");
    }
    out
}

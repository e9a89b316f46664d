//! The `memodraft` command: parses arguments (clap) and runs a headless command, or opens
//! the editor. Errors are printed once, as one line naming the file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

mod logo_command;
mod merge_command;

use memodraft::fonts::Fonts;
use memodraft::model::{Language, Memo, Output, Part, Severity, SignOnStatus};
use memodraft::release::Format;
use memodraft::storage;
use memodraft::storage::signatories::{self, Outcome};

/// mimalloc: layout and the PDF writer allocate many small strings and vectors, and
/// glibc's allocator was about a sixth of the time of an export of a long memo.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Subcommand)]
enum SignatoriesCommand {
    /// Merge the rows of a sign-on CSV (web form or spreadsheet) into the draft.
    Import {
        /// The draft (.ron).
        draft: PathBuf,
        /// The CSV file: UTF-8, UTF-16 or Windows-1252; comma, semicolon or tab.
        csv: PathBuf,
        /// Show what would change without saving the draft.
        #[arg(long)]
        dry_run: bool,
        /// The drafting team has checked this sheet: rows that do not say their status
        /// are confirmed (they print), and so are the received entries they match.
        /// Without it they arrive as received and do not print until confirmed.
        #[arg(long)]
        confirm: bool,
    },
    /// Write the signatories as CSV (UTF-8 with BOM, opens in Excel with accents).
    Export {
        /// The draft (.ron).
        draft: PathBuf,
        /// Where to write [default: the draft's name with -signatories.csv].
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// List the signatories, optionally only those with one status.
    List {
        /// The draft (.ron).
        draft: PathBuf,
        /// invited, received, confirmed, declined or withdrawn.
        #[arg(long, value_parser = parse_status)]
        status: Option<SignOnStatus>,
    },
}

fn parse_status(s: &str) -> Result<SignOnStatus, String> {
    SignOnStatus::parse(s).ok_or_else(|| {
        let names: Vec<String> = SignOnStatus::ALL
            .iter()
            .map(|st| st.label().to_lowercase())
            .collect();
        format!("expected one of {}", names.join(", "))
    })
}

/// Which languages `export --lang` writes.
#[derive(Clone, Copy)]
enum Languages {
    One(Language),
    All,
}

fn parse_languages(s: &str) -> Result<Languages, String> {
    if s.eq_ignore_ascii_case("all") {
        return Ok(Languages::All);
    }
    Language::parse(s).map(Languages::One).ok_or_else(|| {
        let codes: Vec<&str> = Language::ALL.iter().map(|l| l.code()).collect();
        format!("expected {} or all", codes.join(", "))
    })
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s).ok_or_else(|| "expected html, md or txt".to_owned())
}

/// What `--help` says after the options: examples, and what a draft is.
const AFTER_HELP: &str = "\
Examples:
  memodraft                          open the editor on the last draft
  memodraft march.memo.ron           open a draft in the editor
  memodraft new march.memo.ron       start a blank draft dated today
  memodraft check march.memo.ron     list its problems (exit code 1 on errors)
  memodraft export march.memo.ron    write march.pdf

A draft is a text file (RON). New drafts are named NAME.memo.ron, which file managers open
in memodraft; any .ron draft opens from memodraft. Preferences and recovery copies of
unsaved changes are kept in ~/.local/share/memodraft on Linux, or in $MEMODRAFT_DATA_DIR if set.";

/// Draft coalition advocacy memos and export them as PDF.
#[derive(Parser)]
#[command(name = "memodraft", version, about, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A draft to open in the editor [default: the last draft opened].
    draft: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Lay out a draft and write it as PDF.
    Export {
        /// The draft (.ron).
        draft: PathBuf,
        /// Where to write the PDF [default: the draft's name with .pdf, or with .LANG.pdf
        /// when --lang is given]. With --lang all, each language's code is added to it.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The language to export: en, es, or all (one PDF per language)
        /// [default: the memo's own language].
        #[arg(long, value_parser = parse_languages)]
        lang: Option<Languages>,
        /// Refuse to export a language with passages not translated (exit 1), instead of
        /// printing them in the memo's own language.
        #[arg(long)]
        strict: bool,
    },
    /// Write the memo's press release as HTML, Markdown or text.
    ///
    /// The release takes the memo's release section (headline, dateline, lede, featured
    /// quotes, media contacts, boilerplate), or its defaults where the memo has none.
    Release {
        /// The draft (.ron).
        draft: PathBuf,
        /// html (one self-contained page), md (Markdown) or txt (an email's body).
        #[arg(long, value_parser = parse_format, default_value = "html")]
        format: Format,
        /// The language: en, es, or all (one file per language) [default: the memo's own].
        #[arg(long, value_parser = parse_languages)]
        lang: Option<Languages>,
        /// Where to write [default: the draft's name with -release.html, or
        /// -release.LANG.html when --lang is given]. With --lang all, each language's code
        /// is added to it.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// List the problems memodraft sees in a draft.
    ///
    /// Exits with 1 when any is an error, 0 when there are only warnings (or none).
    Check {
        /// The draft (.ron).
        draft: PathBuf,
    },
    /// Manage the co-signing organizations of a draft.
    #[command(subcommand)]
    Signatories(SignatoriesCommand),
    /// Manage the letterhead's logos and the signatories' logos.
    #[command(subcommand)]
    Logo(logo_command::LogoCommand),
    /// Merge two copies of a draft edited from a common one, by record.
    ///
    /// Follows git's merge-driver convention: the result replaces OURS; exit 0 when clean,
    /// 1 when conflicts were recorded in it, 2 on an error.
    Merge {
        /// The common ancestor (git's %O).
        #[arg(required_unless_present = "install_git_driver")]
        base: Option<PathBuf>,
        /// Our version (git's %A); the result is written here unless -o is given.
        #[arg(required_unless_present = "install_git_driver")]
        ours: Option<PathBuf>,
        /// Their version (git's %B).
        #[arg(required_unless_present = "install_git_driver")]
        theirs: Option<PathBuf>,
        /// Write the result here instead of over OURS.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Configure the git repository of the current folder to merge drafts (*.ron)
        /// with this memodraft: git config merge.memodraft.driver and .gitattributes.
        #[arg(long, conflicts_with_all = ["base", "ours", "theirs", "output"])]
        install_git_driver: bool,
    },
    /// List the differences between two drafts by part of the memo.
    ///
    /// Exit 0 when there are none, 1 when there are some.
    Diff {
        /// The draft compared from.
        a: PathBuf,
        /// The draft compared with.
        b: PathBuf,
    },
    /// Start a new draft: a blank memo dated today, as File > New makes.
    New {
        /// Where to write it; an existing file is never overwritten.
        output: PathBuf,
        /// Start from the bundled sample memo instead.
        #[arg(long)]
        sample: bool,
    },
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(err) => {
            eprintln!("memodraft: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Export {
            draft,
            output,
            lang,
            strict,
        }) => export(&draft, output.as_deref(), lang, strict),
        Some(Command::Check { draft }) => check(&draft),
        Some(Command::Release {
            draft,
            format,
            lang,
            output,
        }) => {
            release(&draft, format, lang, output.as_deref())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Signatories(command)) => {
            signatories_command(command)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Logo(command)) => {
            logo_command::run(command)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Merge {
            base,
            ours,
            theirs,
            output,
            install_git_driver,
        }) => {
            let result = match (install_git_driver, base, ours, theirs) {
                (true, ..) => merge_command::install_git_driver(),
                (false, Some(base), Some(ours), Some(theirs)) => {
                    merge_command::merge_drafts(&base, &ours, &theirs, output.as_deref())
                }
                _ => bail!("memodraft merge needs BASE OURS THEIRS, or --install-git-driver"),
            };
            // 1 means "conflicts recorded" to git: an error is 2.
            Ok(result.unwrap_or_else(|err| {
                eprintln!("memodraft: {err:#}");
                ExitCode::from(2)
            }))
        }
        Some(Command::Diff { a, b }) => merge_command::diff_drafts(&a, &b),
        Some(Command::New { output, sample }) => {
            new(&output, sample)?;
            Ok(ExitCode::SUCCESS)
        }
        #[cfg(feature = "editor")]
        None => {
            memodraft::ui::run(memodraft::ui::Config::for_user(cli.draft))?;
            Ok(ExitCode::SUCCESS)
        }
        #[cfg(not(feature = "editor"))]
        None => {
            eprintln!(
                "memodraft: this build has no editor (built without the `editor` feature); use `memodraft export DRAFT` or `memodraft --help`"
            );
            Ok(ExitCode::from(2))
        }
    }
}

fn export(
    draft: &Path,
    output: Option<&Path>,
    lang: Option<Languages>,
    strict: bool,
) -> Result<ExitCode> {
    let memo = storage::load_draft(draft)?;
    let languages = chosen_languages(&memo, draft, lang, "export")?;
    // Refused before anything is written, so --strict never leaves half the languages.
    let mut refused = false;
    for &language in &languages {
        refused |= translation_warnings(&memo, draft, language, Output::Memo, strict);
    }
    if refused {
        eprintln!(
            "memodraft: nothing exported: --strict refuses languages with passages not translated; translate them in the editor's Translation section or export without --strict"
        );
        return Ok(ExitCode::FAILURE);
    }
    let fonts = Fonts::new()?;
    for &language in &languages {
        let output = match (output, lang.is_some()) {
            (Some(out), false) => out.to_owned(),
            (Some(out), true) if languages.len() == 1 => out.to_owned(),
            (Some(out), true) => out.with_extension(format!("{}.pdf", language.code())),
            (None, false) => beside(draft, ".pdf"),
            (None, true) => beside(draft, &format!(".{}.pdf", language.code())),
        };
        let localized = memo.in_language(language);
        let printed = &localized.memo;
        let laid = memodraft::layout::layout(printed, &fonts, &printed.page);
        for warning in &laid.warnings {
            eprintln!("warning: {}: {}", draft.display(), warning.message);
        }
        let bytes = memodraft::pdf::export(
            &laid.document,
            &fonts,
            &memodraft::pdf::PdfOptions::default(),
        )
        .with_context(|| format!("cannot export {}", draft.display()))?;
        storage::write_atomic(&output, &bytes).with_context(|| {
            format!(
                "cannot write {}; nothing was written there",
                output.display()
            )
        })?;
        println!(
            "wrote {} ({}, {} pages)",
            output.display(),
            language.name(),
            laid.document.pages.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The languages `--lang` asks for (`command` names what is made, for the error).
fn chosen_languages(
    memo: &Memo,
    draft: &Path,
    lang: Option<Languages>,
    command: &str,
) -> Result<Vec<Language>> {
    Ok(match lang {
        None => vec![memo.language],
        Some(Languages::All) => memo.languages(),
        Some(Languages::One(language)) => {
            if !memo.languages().contains(&language) {
                bail!(
                    "{} has no {} translation (the memo is in {}); add one in the editor's Translation section, or {command} without --lang",
                    draft.display(),
                    language.name(),
                    memo.language.name()
                );
            }
            vec![language]
        }
    })
}

/// Prints what the translation into `language` lacks; returns whether `--strict` refuses
/// it.
fn translation_warnings(
    memo: &Memo,
    draft: &Path,
    language: Language,
    output: Output,
    strict: bool,
) -> bool {
    if language == memo.language {
        return false;
    }
    // Only what this output prints: the memo's PDF has no release texts, and the other way.
    let mut status = memo.translation_status(language);
    status.missing.retain(|p| p.printed_in(output));
    status.stale.retain(|p| p.printed_in(output));
    let missing = &status.missing;
    if !missing.is_empty() {
        let level = if strict { "error" } else { "warning" };
        eprintln!(
            "{level}: {}: {}: {} not translated{}: {}",
            draft.display(),
            language.name(),
            passages(missing.len()),
            if strict {
                String::new()
            } else {
                format!(", printed in {}", memo.language.name())
            },
            memo.describe_passages(missing)
        );
    }
    if !status.stale.is_empty() {
        eprintln!(
            "warning: {}: {}: {} stale (the {} changed since they were translated), printed as they are: {}",
            draft.display(),
            language.name(),
            passages(status.stale.len()),
            memo.language.name(),
            memo.describe_passages(&status.stale)
        );
    }
    strict && !missing.is_empty()
}

/// Writes the press release in each language asked for.
fn release(
    draft: &Path,
    format: Format,
    lang: Option<Languages>,
    output: Option<&Path>,
) -> Result<()> {
    let memo = storage::load_draft(draft)?;
    let languages = chosen_languages(&memo, draft, lang, "write the release")?;
    if memo.release.is_none() {
        eprintln!(
            "warning: {}: the memo has no press release section, so the release takes the defaults (no dateline city, no media contacts); start one in the editor's Press release section",
            draft.display()
        );
    }
    let today = jiff::ZonedDateTime::now().date();
    for issue in memo.check_on(today) {
        if issue.part == Part::Release {
            eprintln!("{}: {issue}", draft.display());
        }
    }
    let ext = format.extension();
    for &language in &languages {
        translation_warnings(&memo, draft, language, Output::Release, false);
        let code = language.code();
        let output = match (output, lang.is_some()) {
            (Some(out), true) if languages.len() > 1 => out.with_extension(format!("{code}.{ext}")),
            (Some(out), _) => out.to_owned(),
            (None, false) => beside(draft, &format!("-release.{ext}")),
            (None, true) => beside(draft, &format!("-release.{code}.{ext}")),
        };
        let doc = memodraft::release::compose_in(&memo, language).doc;
        storage::write_atomic(&output, format.render(&doc).as_bytes()).with_context(|| {
            format!(
                "cannot write {}; nothing was written there",
                output.display()
            )
        })?;
        println!("wrote {} ({}, {ext})", output.display(), language.name());
    }
    Ok(())
}

/// A file beside the draft named after it: `march.memo.ron` (or `march.ron`) and ".pdf"
/// give `march.pdf`.
fn beside(draft: &Path, ending: &str) -> PathBuf {
    let stem = memodraft::desktop::draft_stem(draft).unwrap_or_else(|| "memo".to_owned());
    draft.with_file_name(format!("{stem}{ending}"))
}

/// "1 passage", "3 passages".
fn passages(n: usize) -> String {
    if n == 1 {
        "1 passage".to_owned()
    } else {
        format!("{n} passages")
    }
}

fn check(draft: &Path) -> Result<ExitCode> {
    let memo = storage::load_draft(draft)?;
    // Never waits for the lock: a draft open in an editor can still be checked.
    if let Some(holder) = storage::lock::active(draft) {
        println!(
            "{}: open in the editor: {} (process {}); a change saved here is lost when they save theirs",
            draft.display(),
            holder.describe(),
            holder.pid
        );
    }
    let today = jiff::ZonedDateTime::now().date();
    let fonts = Fonts::new()?;
    // What the editor's problems panel lists: the memo's check and layout's warnings.
    let issues = memodraft::layout::layout(&memo, &fonts, &memo.page).problems(&memo, today);
    let errors = issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .count();
    for issue in &issues {
        println!("{}: {issue}", draft.display());
    }
    println!(
        "{}: sign-on: {}",
        draft.display(),
        memo.sign_on_summary(today)
    );
    let confirmed = memo.confirmed().count();
    println!(
        "{}: {errors} errors, {} warnings; {} findings, {} quotes, {confirmed} of {} signatories confirmed",
        draft.display(),
        issues.len() - errors,
        memo.findings.len(),
        memo.quotes.len(),
        memo.signatories.len(),
    );
    // As linters do: a script or CI step can stop on a draft that is not ready to send.
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn signatories_command(command: SignatoriesCommand) -> Result<()> {
    match command {
        SignatoriesCommand::Import {
            draft,
            csv,
            dry_run,
            confirm,
        } => {
            let mut memo = storage::load_draft(&draft)?;
            let options = signatories::ImportOptions {
                mapping: None,
                confirm,
                today: jiff::ZonedDateTime::now().date(),
            };
            let bytes = signatories::read_file(&csv)?;
            let received_before = received(&memo);
            let report = signatories::import_with(&mut memo.signatories, &bytes, &csv, &options)?;
            println!(
                "{}: {}, {} separated",
                csv.display(),
                report.encoding,
                report.delimiter_name()
            );
            for row in &report.rows {
                println!("{row}");
            }
            let added = report.count(|o| *o == Outcome::Added);
            let merged = report.count(|o| matches!(o, Outcome::Merged(_)));
            let skipped = report.count(|o| matches!(o, Outcome::Skipped(_)));
            let received = received(&memo);
            if received > received_before {
                println!(
                    "{} received, awaiting review: they do not print until confirmed (in the editor, or import a checked sheet again with --confirm)",
                    received - received_before
                );
            }
            if dry_run {
                println!(
                    "{added} added, {merged} merged, {skipped} skipped; dry run, {} not changed",
                    draft.display()
                );
            } else {
                let saved = storage::save_draft(&draft, &memo)?;
                println!(
                    "{added} added, {merged} merged, {skipped} skipped; saved {}",
                    draft.display()
                );
                if let Some(note) = saved.note() {
                    println!("{note}");
                }
            }
        }
        SignatoriesCommand::Export { draft, output } => {
            let memo = storage::load_draft(&draft)?;
            let output = output.unwrap_or_else(|| beside(&draft, "-signatories.csv"));
            storage::write_atomic(&output, &signatories::export_csv(&memo.signatories))
                .with_context(|| {
                    format!(
                        "cannot write {}; nothing was written there",
                        output.display()
                    )
                })?;
            println!(
                "wrote {} ({} signatories)",
                output.display(),
                memo.signatories.len()
            );
        }
        SignatoriesCommand::List { draft, status } => {
            let memo = storage::load_draft(&draft)?;
            for (i, s) in memo.signatories.iter().enumerate() {
                if status.is_some_and(|st| st != s.status) {
                    continue;
                }
                let place = s.place();
                println!(
                    "{:>4}  {:<9}  {}{}",
                    i + 1,
                    s.status.label().to_lowercase(),
                    s.organization,
                    if place.is_empty() {
                        String::new()
                    } else {
                        format!(" ({place})")
                    }
                );
            }
        }
    }
    Ok(())
}

/// How many signatories are received, awaiting review.
fn received(memo: &memodraft::model::Memo) -> usize {
    memo.signatories
        .iter()
        .filter(|s| s.status == SignOnStatus::Received)
        .count()
}

fn new(output: &Path, sample: bool) -> Result<()> {
    if output.exists() {
        bail!(
            "{} already exists; choose another name (memodraft never overwrites a draft with `new`)",
            output.display()
        );
    }
    let memo = if sample {
        // Parse the sample to be sure it is what this build reads, then write it.
        storage::sample()
            .map_err(|e| anyhow::anyhow!("the bundled sample memo is damaged: {e:?}"))?
    } else {
        memodraft::model::Memo::blank(jiff::ZonedDateTime::now().date())
    };
    storage::save_draft(output, &memo)?;
    println!("wrote {}", output.display());
    Ok(())
}

//! The `memodraft` command: parses arguments (clap) and runs a headless command, or opens
//! the editor. Errors are printed once, as one line naming the file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

use memodraft::fonts::Fonts;
use memodraft::model::Severity;
use memodraft::storage;

/// Draft coalition advocacy memos and export them as PDF.
#[derive(Parser)]
#[command(name = "memodraft", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A draft to open in the editor.
    draft: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Lay out a draft and write it as PDF.
    Export {
        /// The draft (.ron).
        draft: PathBuf,
        /// Where to write the PDF [default: the draft's name with .pdf].
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// List the problems memodraft sees in a draft.
    Check {
        /// The draft (.ron).
        draft: PathBuf,
    },
    /// Start a new draft from the sample memo.
    New {
        /// Where to write it; an existing file is never overwritten.
        output: PathBuf,
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
        Some(Command::Export { draft, output }) => {
            let output = output.unwrap_or_else(|| draft.with_extension("pdf"));
            export(&draft, &output)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Check { draft }) => check(&draft),
        Some(Command::New { output }) => {
            new(&output)?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            memodraft::ui::run(memodraft::ui::Config::for_user(cli.draft))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn export(draft: &Path, output: &Path) -> Result<()> {
    let memo = storage::load_draft(draft)?;
    let fonts = Fonts::new()?;
    let laid = memodraft::layout::layout(&memo, &fonts, &memo.page);
    for warning in &laid.warnings {
        eprintln!("warning: {}: {}", draft.display(), warning.message);
    }
    let bytes = memodraft::pdf::export(
        &laid.document,
        &fonts,
        &memodraft::pdf::PdfOptions::default(),
    )
    .with_context(|| format!("cannot export {}", draft.display()))?;
    storage::write_atomic(output, &bytes).with_context(|| {
        format!(
            "cannot write {}; nothing was written there",
            output.display()
        )
    })?;
    println!(
        "wrote {} ({} pages)",
        output.display(),
        laid.document.pages.len()
    );
    Ok(())
}

fn check(draft: &Path) -> Result<ExitCode> {
    let memo = storage::load_draft(draft)?;
    let issues = memo.check();
    let errors = issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .count();
    for issue in &issues {
        println!("{}: {issue}", draft.display());
    }
    let confirmed = memo.confirmed().count();
    println!(
        "{}: {errors} errors, {} warnings; {} findings, {} quotes, {confirmed} of {} signatories confirmed",
        draft.display(),
        issues.len() - errors,
        memo.findings.len(),
        memo.quotes.len(),
        memo.signatories.len(),
    );
    Ok(ExitCode::SUCCESS)
}

fn new(output: &Path) -> Result<()> {
    if output.exists() {
        bail!(
            "{} already exists; choose another name (memodraft never overwrites a draft with `new`)",
            output.display()
        );
    }
    // Parse the sample to be sure it is what this build reads, then write it.
    let memo = storage::sample()
        .map_err(|e| anyhow::anyhow!("the bundled sample memo is damaged: {e:?}"))?;
    storage::save_draft(output, &memo)?;
    println!("wrote {}", output.display());
    Ok(())
}

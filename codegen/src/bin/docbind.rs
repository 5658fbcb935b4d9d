//! The `docbind` command line. Run it from the workspace root, or through `cargo docbind`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as Level};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};
use docbind_codegen::emit::{self, Layout};
use docbind_codegen::model::{Diagnostic, Model, Severity};
use docbind_codegen::{build, load};

#[derive(Parser)]
#[command(
    name = "docbind",
    version,
    about = "Rust bindings from API reference docs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate Rust from reference pages (default: docs-src/ into generated/).
    Generate {
        #[arg(default_value = "docs-src")]
        paths: Vec<PathBuf>,
        /// The crate directory whose src/ receives the output.
        #[arg(long, default_value = "generated")]
        out: PathBuf,
    },
    /// Exit non-zero, with a diff, when the generated crate is not what generate would write.
    Check {
        #[arg(default_value = "docs-src")]
        paths: Vec<PathBuf>,
        #[arg(long, default_value = "generated")]
        out: PathBuf,
    },
    /// Print the IR of the pages as JSON.
    Dump {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print the diagnostics of the pages.
    Lint {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn main() -> ExitCode {
    match run(Cli::parse().command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<ExitCode, Box<dyn std::error::Error>> {
    match command {
        Command::Generate { paths, out } => {
            let model = load(&paths)?;
            report_errors(&model);
            let touched = build::write_files(&out, &emit::emit(&model, Layout::Crate))?;
            for path in &touched {
                println!("wrote {}", path.display());
            }
            if touched.is_empty() {
                println!("{} is up to date", out.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { paths, out } => {
            let model = load(&paths)?;
            let stale = docbind_codegen::stale_report(&out, &emit::emit(&model, Layout::Crate))?;
            if stale.is_empty() {
                println!("{} is up to date", out.display());
                return Ok(ExitCode::SUCCESS);
            }
            print!("{stale}");
            println!("{} is stale: run `cargo docbind generate`", out.display());
            Ok(ExitCode::FAILURE)
        }
        Command::Dump { paths } => {
            let model = load(&paths)?;
            println!("{}", serde_json::to_string_pretty(&model)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Lint { paths, format } => {
            let model = load(&paths)?;
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&model.diagnostics)?),
                Format::Human => render(&model.diagnostics)?,
            }
            let errors = model
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error);
            Ok(if errors {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

fn report_errors(model: &Model) {
    let errors: Vec<_> = model
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    for d in &errors {
        eprintln!("{}: error[{}]: {}", d.source, d.code, d.message);
    }
}

/// Diagnostics with a snippet of the page, as rustc shows them.
fn render(diagnostics: &[Diagnostic]) -> Result<(), Box<dyn std::error::Error>> {
    let mut files = SimpleFiles::new();
    let mut ids = std::collections::BTreeMap::new();
    let writer = termcolor::StandardStream::stdout(termcolor::ColorChoice::Auto);
    let config = term::Config::default();
    for d in diagnostics {
        let id = *ids.entry(d.source.file.clone()).or_insert_with(|| {
            let text = std::fs::read_to_string(Path::new(&d.source.file)).unwrap_or_default();
            files.add(d.source.file.clone(), text)
        });
        let level = match d.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
            Severity::Note => Level::Note,
        };
        let mut report = Report::new(level)
            .with_code(&d.code)
            .with_message(&d.message);
        if let Some(offset) = offset_of(files.get(id)?.source(), d.source.line, d.source.col) {
            report = report.with_labels(vec![Label::primary(id, offset..offset)]);
        } else {
            report = report.with_notes(vec![format!("at {}", d.source)]);
        }
        term::emit_to_write_style(&mut writer.lock(), &config, &files, &report)?;
    }
    Ok(())
}

fn offset_of(text: &str, line: u32, col: u32) -> Option<usize> {
    let start: usize = text
        .split_inclusive('\n')
        .take(line as usize - 1)
        .map(str::len)
        .sum();
    let line_text = text.get(start..)?.lines().next()?;
    let byte = line_text
        .char_indices()
        .nth(col as usize - 1)
        .map_or(line_text.len(), |(i, _)| i);
    (start + byte <= text.len()).then_some(start + byte)
}

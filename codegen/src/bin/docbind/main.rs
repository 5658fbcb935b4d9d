//! The `docbind` command line. Run it from the workspace root, or through `cargo docbind`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as Level};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};
use docbind_codegen::build::diagnostics::{self, Opened, plural};
use docbind_codegen::emit::{self, DocLanguage, Layout, Manifest, Runtime};
use docbind_codegen::locale::{self, Lexicon, lexicon};
use docbind_codegen::model::{Diagnostic, Model, Severity};
use docbind_codegen::{
    Stats, at, build, compile_cost, diff, extract_all, inputs, load_with, resolve, shell, verify,
};
mod timings;

#[derive(Parser)]
#[command(
    name = "docbind",
    version,
    about = "Rust bindings from API reference docs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Read the pages with this lexicon file too (as `docbind locale learn` writes one), merged
    /// with the built-in ones (repeatable).
    #[arg(long, global = true, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
    /// With --lexicon: read with those files alone, without the built-in lexicons (to see
    /// what a learned lexicon reads by itself).
    #[arg(long, global = true, requires = "lexicon")]
    no_builtin_lexicons: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Generate Rust from reference pages (default: docs-src/ into generated/).
    Generate {
        /// Pages, and folders of pages, to read.
        #[arg(default_value = "docs-src")]
        paths: Vec<PathBuf>,
        /// The crate folder: the output goes to DIR/src/.
        #[arg(long, value_name = "DIR", default_value = "generated")]
        out: PathBuf,
        #[command(flatten)]
        options: Options,
        /// Replace files in DIR that docbind did not write (they lack its header).
        #[arg(long)]
        force: bool,
        /// Fail on warnings in the pages too, not only on errors (for CI).
        #[arg(long, value_enum, value_name = "LINTS")]
        deny: Option<Deny>,
    },
    /// Exit 1, with a diff, when the generated crate is not what generate would write with the
    /// options its src/lib.rs records (with --lint, also when the pages have errors).
    Check {
        /// Pages, and folders of pages, to read.
        #[arg(default_value = "docs-src")]
        paths: Vec<PathBuf>,
        /// The crate folder that generate wrote.
        #[arg(long, value_name = "DIR", default_value = "generated")]
        out: PathBuf,
        /// Also fail on error diagnostics in the pages, and say what lint would, in brief.
        #[arg(long)]
        lint: bool,
        /// A diff and a verdict, or one JSON object.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Print the API changes between two versions of the pages, each judged on the wire and
    /// in Rust.
    Diff {
        /// The old pages: a folder, a page, or an IR dump (`docbind dump`, a `.json` file).
        old: PathBuf,
        /// The new pages, likewise.
        new: PathBuf,
        /// A line per change and the counts, or one JSON object.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// A file of fingerprints of known changes (one per line, `#` comments) to leave out.
        #[arg(long, value_name = "FILE")]
        ignore: Option<PathBuf>,
        /// Show docs-only changes too.
        #[arg(long)]
        all: bool,
        /// Exit 1 when a change of this class, or a worse one, is left.
        #[arg(long, value_enum, value_name = "CLASS")]
        fail_on: Option<FailOn>,
    },
    /// Print the IR of the pages as JSON.
    Dump {
        /// Pages, and folders of pages, to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print counts of what the pages hold, as one JSON object with --format json.
    Stats {
        /// Pages, and folders of pages, to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Text to read, or one JSON object.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Also time the parse against a bare pulldown-cmark pass over the same files, in
        /// the same run, and report peak memory against the corpus size.
        #[arg(long)]
        timings: bool,
    },
    /// Build the generated types in a scratch crate under target/ and run every JSON example
    /// of the pages through them: fully typed, lossless, or failed, with where.
    Verify {
        /// Pages, and folders of pages, to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// A line per example and the summary, or the summary alone as JSON.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Also send each request that has a documented response through the `reqwest`
        /// client to a mock server on 127.0.0.1 that answers with that response.
        #[arg(long)]
        replay: bool,
        /// The same API's pages in another language or version: a field or member they
        /// document for its type counts toward `fully_typed_ceiling`.
        #[arg(long, value_name = "FOLDER")]
        twin: Option<PathBuf>,
    },
    /// Time `cargo check` of the crate generated from the pages, whole and area by area,
    /// against a reference crate of plain serde structs built in the same run; print JSON.
    CompileCost {
        /// Pages, and folders of pages, to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// How many areas to check alone, those whose features enable the most areas first.
        #[arg(long, value_name = "N", default_value_t = 10)]
        largest: usize,
        /// An area to check alone as well, by its feature (repeatable).
        #[arg(long, value_name = "AREA")]
        area: Vec<String>,
        /// Another API's pages, whose whole crate is timed in the same run (repeatable).
        #[arg(long, value_name = "PATH")]
        also: Vec<PathBuf>,
    },
    /// Learn the words of a language from its pages, or measure how well they are read.
    Locale {
        #[command(subcommand)]
        command: LocaleCommand,
    },
    /// Print the diagnostics of the pages.
    Lint {
        /// Pages, and folders of pages, to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Each with a snippet of its page, or a JSON list.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
}

#[derive(Subcommand)]
enum LocaleCommand {
    /// Print a lexicon file learned from the pages of one language (see the README).
    Learn {
        /// The pages of the language to learn.
        folder: PathBuf,
        /// The English pages of the same API: column headers and constraint phrases are
        /// learned only by comparing pages of the same name.
        #[arg(long, value_name = "FOLDER")]
        english: Option<PathBuf>,
    },
    /// Print how much of what docbind reads from English pages it also reads from the same
    /// resource pages in another language (with --lexicon, through that lexicon), as JSON.
    Compare {
        /// The translated pages.
        folder: PathBuf,
        /// The English pages of the same API.
        #[arg(long, value_name = "FOLDER")]
        english: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Breaking,
    Additive,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

/// The options of `generate` that shape the crate. Its `src/lib.rs` records them, and `check`
/// reads them back from there.
#[derive(Parser)]
#[command(name = "generate")]
struct Options {
    /// Also write DIR/Cargo.toml for a standalone crate of this name.
    #[arg(long, value_name = "NAME")]
    crate_name: Option<String>,
    /// With --crate-name: depend on the runtime at PATH instead of its version, written into
    /// DIR/Cargo.toml as given (cargo reads a relative path from DIR).
    #[arg(long, value_name = "PATH", requires = "crate_name")]
    runtime_path: Option<String>,
    /// The language of doc comments: English where a page carries it, or the page's own.
    #[arg(long, value_enum, default_value_t = Language::English)]
    doc_language: Language,
}

impl Options {
    /// The options that `dir/src/lib.rs` records; the defaults where it records none.
    fn recorded(dir: &Path) -> Result<Options, Box<dyn std::error::Error>> {
        let lib = dir.join("src/lib.rs");
        let text = match std::fs::read_to_string(&lib) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            text => text.map_err(at(&lib))?,
        };
        let args = emit::recorded_options(&text).unwrap_or_default();
        Options::try_parse_from(std::iter::once("generate".to_owned()).chain(args)).map_err(|e| {
            format!("{}: the options it records do not read: {e}", lib.display()).into()
        })
    }

    fn manifest(&self) -> Option<Manifest<'_>> {
        let runtime = self
            .runtime_path
            .as_deref()
            .map_or(Runtime::Version, Runtime::Path);
        let name = self.crate_name.as_deref()?;
        Some(Manifest { name, runtime })
    }

    fn layout(&self) -> Layout<'_> {
        Layout::Crate {
            manifest: self.manifest(),
        }
    }

    /// The options as `generate` takes them.
    fn args(&self) -> Vec<&str> {
        emit::generate_options(self.manifest(), self.doc_language.into())
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    Warnings,
}

#[derive(Clone, Copy, ValueEnum)]
enum Language {
    English,
    Page,
}

impl From<Language> for DocLanguage {
    fn from(language: Language) -> Self {
        match language {
            Language::English => DocLanguage::English,
            Language::Page => DocLanguage::Page,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let learned = match cli.lexicon.is_empty() {
        true => Ok(None),
        false if cli.no_builtin_lexicons => Lexicon::only_files(&cli.lexicon).map(Some),
        false => Lexicon::with_files(&cli.lexicon).map(Some),
    };
    let result = learned
        .map_err(Into::into)
        .and_then(|lex| run(cli.command, lex.as_ref().unwrap_or_else(|| lexicon())));
    match result {
        Ok(code) => code,
        // `docbind dump … | head` is not a failure.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e)
            if e.downcast_ref::<serde_json::Error>()
                .and_then(|e| e.io_error_kind())
                == Some(std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// `println!` that returns the error instead of panicking when stdout is closed.
macro_rules! out {
    ($($arg:tt)*) => {
        writeln!(std::io::stdout().lock(), $($arg)*)?
    };
}

fn run(command: Command, lex: &Lexicon) -> Result<ExitCode, Box<dyn std::error::Error>> {
    match command {
        Command::Generate {
            paths,
            out,
            options,
            force,
            deny,
        } => {
            if let Some(name) = &options.crate_name {
                emit::check_crate_name(name)?;
            }
            let (model, opened) = read(lex, &paths)?;
            build::ensure_pages(&model, &paths)?;
            let [errors, warnings, _] = summarize(&model.diagnostics, &opened, &paths);
            if let Some(path) = &options.runtime_path
                && !out.join(path).join("Cargo.toml").exists()
            {
                eprintln!(
                    "warning: no Cargo.toml in {}: --runtime-path is read from DIR ({})",
                    out.join(path).display(),
                    out.display()
                );
            }
            let files = emit::emit(&model, options.layout(), options.doc_language.into());
            let written = match build::write_files(&out, &files, force) {
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    return Err(format!("{e}; --force replaces them").into());
                }
                written => written?,
            };
            for path in &written.written {
                out!("wrote {}", path.display());
            }
            for path in &written.removed {
                out!("removed {}", path.display());
            }
            if written.written.is_empty() && written.removed.is_empty() {
                out!("{} is up to date", out.display());
            }
            // The output is written either way, as the build-script API does: the status is
            // for scripts and CI.
            let failed = if errors > 0 {
                Some(plural(errors, "error"))
            } else if deny == Some(Deny::Warnings) && warnings > 0 {
                Some(format!("{} (--deny warnings)", plural(warnings, "warning")))
            } else {
                None
            };
            Ok(match failed {
                Some(what) => {
                    eprintln!("error: generate failed on {what} in the pages");
                    ExitCode::FAILURE
                }
                None => ExitCode::SUCCESS,
            })
        }
        Command::Check {
            paths,
            out,
            lint,
            format,
        } => {
            let options = Options::recorded(&out)?;
            let (model, opened) = read(lex, &paths)?;
            build::ensure_pages(&model, &paths)?;
            let files = emit::emit(&model, options.layout(), options.doc_language.into());
            let command = paths
                .iter()
                .map(|p| p.to_string_lossy())
                .chain(["--out".into(), out.to_string_lossy()])
                .chain(options.args().into_iter().map(Into::into));
            let regenerate = format!("docbind generate {}", shell::join(command));
            let stale = build::stale(&out, &files)?;
            let of = |severity| (model.diagnostics.iter()).filter(move |d| d.severity == severity);
            let errors = of(Severity::Error).count();
            let ok = stale.is_empty() && !(lint && errors > 0);
            match format {
                Format::Json => {
                    let stale: Vec<_> = (stale.iter())
                        .map(|(path, status)| serde_json::json!({ "file": path, "status": status }))
                        .collect();
                    let listed: Vec<Diagnostic> =
                        of(Severity::Error).map(|d| opened.diagnostic(d)).collect();
                    let report = serde_json::json!({
                        "out": out,
                        "stale": stale,
                        "regenerate": regenerate,
                        "diagnostics": {
                            "error": errors,
                            "warning": of(Severity::Warning).count(),
                            "note": of(Severity::Note).count(),
                        },
                        "errors": listed,
                        "ok": ok,
                    });
                    out!("{}", serde_json::to_string_pretty(&report)?);
                }
                Format::Human => {
                    if lint {
                        summarize(&model.diagnostics, &opened, &paths);
                    }
                    if stale.is_empty() {
                        out!("{} is up to date", out.display());
                    } else {
                        let diff = build::stale_report(&out, &files)?;
                        write!(std::io::stdout().lock(), "{diff}")?;
                        out!("{} is stale: run `{regenerate}`", out.display());
                    }
                    if lint && errors > 0 {
                        eprintln!(
                            "error: check failed on {} in the pages",
                            plural(errors, "error")
                        );
                    }
                }
            }
            Ok(if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::Diff {
            old,
            new,
            format,
            ignore,
            all,
            fail_on,
        } => {
            let ignore = match &ignore {
                Some(file) => {
                    diff::Ignore::parse(&std::fs::read_to_string(file).map_err(at(file))?)
                }
                None => diff::Ignore::default(),
            };
            let (old, new) = (model_of(lex, &old)?, model_of(lex, &new)?);
            let report = diff::Report::new(diff::diff(&old, &new), &ignore, all);
            match format {
                Format::Human => write!(std::io::stdout().lock(), "{report}")?,
                Format::Json => out!("{}", serde_json::to_string_pretty(&report)?),
            }
            let failing = match fail_on {
                None => 0,
                Some(FailOn::Breaking) => report.count(diff::Class::Breaking),
                Some(FailOn::Additive) => {
                    report.count(diff::Class::Breaking) + report.count(diff::Class::Additive)
                }
            };
            Ok(if failing > 0 {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Dump { paths } => {
            let model = load_with(lex, &paths)?;
            // Written as it serializes: the dump of a corpus is large.
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            serde_json::to_writer_pretty(&mut out, &model)?;
            writeln!(out)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats {
            paths,
            format,
            timings,
        } => {
            let started = Instant::now();
            let model = load_with(lex, &paths)?;
            let elapsed_ms = started.elapsed().as_millis() as u64;
            let mut report = serde_json::to_value(Stats::of(&model))?;
            drop(model);
            report["elapsed_ms"] = elapsed_ms.into();
            if timings {
                report["timings"] =
                    serde_json::to_value(timings::time_against_baseline(lex, &paths)?)?;
            }
            match format {
                Format::Json => out!("{}", serde_json::to_string(&report)?),
                // YAML is the plainest text that keeps the nesting.
                Format::Human => write!(
                    std::io::stdout().lock(),
                    "{}",
                    serde_yaml_ng::to_string(&report)?
                )?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::CompileCost {
            paths,
            largest,
            area,
            also,
        } => {
            let started = Instant::now();
            let model = load_with(lex, &paths)?;
            build::ensure_pages(&model, &paths)?;
            let mut others = Vec::new();
            for path in also {
                let paths = vec![path];
                let model = load_with(lex, &paths)?;
                build::ensure_pages(&model, &paths)?;
                others.push((model, paths));
            }
            let progress = |step: &str| {
                eprintln!(
                    "compile-cost: {step} ({:.0}s)",
                    started.elapsed().as_secs_f64()
                )
            };
            let figures = compile_cost::run(
                &model,
                &paths,
                &target_dir(),
                largest,
                &area,
                &others,
                progress,
            )?;
            out!("{}", serde_json::to_string_pretty(&figures)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify {
            paths,
            format,
            replay,
            twin,
        } => {
            let started = Instant::now();
            let (model, opened) = read(lex, &paths)?;
            let twin = twin.map(|t| model_of(lex, &t)).transpose()?;
            build::ensure_pages(&model, &paths)?;
            eprintln!(
                "verify: read {} pages in {:.1}s",
                model.pages.len(),
                started.elapsed().as_secs_f64()
            );
            let (report, path) = verify::run(
                &model,
                &paths,
                &target_dir(),
                replay,
                twin.as_ref(),
                |step| eprintln!("verify: {step} ({:.1}s)", started.elapsed().as_secs_f64()),
            )?;
            match format {
                Format::Json => out!("{}", serde_json::to_string(&report.summary)?),
                Format::Human => {
                    for e in &report.examples {
                        let what = match (&e.checked, e.skipped) {
                            (_, Some(reason)) => format!("skipped: {reason}"),
                            (Some(docbind::Checked::FullyTyped), _) => "fully typed".into(),
                            (Some(docbind::Checked::Lossless { untyped }), _) => {
                                let untyped: Vec<_> = untyped
                                    .iter()
                                    .map(|u| format!("{} at {}", u.what, or_root(&u.path)))
                                    .collect();
                                format!("lossless; kept untyped: {}", untyped.join(", "))
                            }
                            (Some(docbind::Checked::Failed { path, message }), _) => {
                                format!("FAILED at {}: {message}", or_root(path))
                            }
                            (None, None) => "no body".into(),
                        };
                        let rebuilt = match (e.rebuilt, &e.not_rebuilt) {
                            (Some(true), _) => "; rebuilt".into(),
                            (_, Some(why)) => format!("; NOT REBUILT: {why}"),
                            _ => String::new(),
                        };
                        let replayed = match (e.replayed, &e.not_replayed) {
                            (Some(true), _) => "; replayed".into(),
                            (_, Some(why)) => format!("; NOT REPLAYED: {why}"),
                            _ => String::new(),
                        };
                        let target = e
                            .target
                            .as_deref()
                            .map(|t| format!(" [{t}]"))
                            .unwrap_or_default();
                        let at = match e.source.parse() {
                            Ok(source) => opened.source(&source).to_string(),
                            Err(_) => e.source.clone(),
                        };
                        out!("{at}: {} {what}{rebuilt}{replayed}{target}", e.kind);
                    }
                    out!("{}", serde_json::to_string_pretty(&report.summary)?);
                }
            }
            eprintln!("verify: full report in {}", path.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Locale {
            command: LocaleCommand::Learn { folder, english },
        } => {
            let file = locale::learn::learn(&folder, english.as_deref())?;
            out!("{}", serde_json::to_string_pretty(&file)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Locale {
            command: LocaleCommand::Compare { folder, english },
        } => {
            let english = model_of(lexicon(), &english)?;
            let translated = model_of(lex, &folder)?;
            let written = locale::compare::words(std::slice::from_ref(&folder))?;
            let agreement = locale::compare::compare(&english, &translated, &written);
            out!("{}", serde_json::to_string_pretty(&agreement)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Lint { paths, format } => {
            let (model, opened) = read(lex, &paths)?;
            let diagnostics: Vec<_> = model
                .diagnostics
                .iter()
                .map(|d| opened.diagnostic(d))
                .collect();
            match format {
                Format::Json => out!("{}", serde_json::to_string_pretty(&diagnostics)?),
                Format::Human => render(&diagnostics)?,
            }
            let errors = diagnostics.iter().any(|d| d.severity == Severity::Error);
            Ok(if errors {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

/// What `lint` would say, in brief, on stderr: the first few diagnostics of each severity and
/// how many there are. Returns the counts of errors, warnings and notes.
fn summarize(diagnostics: &[Diagnostic], opened: &Opened, paths: &[PathBuf]) -> [usize; 3] {
    let (lines, counts) = diagnostics::brief(diagnostics, opened, |_| true);
    for (_, line) in lines {
        eprintln!("{line}");
    }
    if counts.iter().any(|&n| n > 0) {
        eprintln!("{}", diagnostics::summary(counts, paths));
    }
    counts
}

/// Reads the pages under `paths`, and where each opens from here.
fn read(lex: &Lexicon, paths: &[PathBuf]) -> Result<(Model, Opened), Box<dyn std::error::Error>> {
    let inputs = inputs(paths)?;
    let opened = Opened::new(&inputs);
    Ok((resolve::resolve(extract_all(lex, &inputs)?), opened))
}

/// The model of a folder or page, or of an IR dump (a `.json` file `docbind dump` wrote).
fn model_of(lex: &Lexicon, path: &Path) -> Result<Model, Box<dyn std::error::Error>> {
    eprintln!("reading {}", path.display());
    if path.is_file() && path.extension().is_some_and(|e| e == "json") {
        let text = std::fs::read_to_string(path).map_err(at(path))?;
        return Ok(serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    let paths = [path.to_owned()];
    let model = load_with(lex, &paths)?;
    build::ensure_pages(&model, &paths)?;
    Ok(model)
}

/// Where scratch crates go: cargo's target directory.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or("target".into(), PathBuf::from)
}

/// Diagnostics with a snippet of the page, as rustc shows them.
fn render(diagnostics: &[Diagnostic]) -> Result<(), Box<dyn std::error::Error>> {
    let mut files = SimpleFiles::new();
    let mut ids = std::collections::BTreeMap::new();
    let color = if std::io::stdout().is_terminal() {
        termcolor::ColorChoice::Auto
    } else {
        termcolor::ColorChoice::Never
    };
    let writer = termcolor::StandardStream::stdout(color);
    let config = term::Config::default();
    for d in diagnostics {
        let id = *ids.entry(d.source.file.clone()).or_insert_with(|| {
            let text = std::fs::read_to_string(Path::new(&*d.source.file)).unwrap_or_default();
            files.add(d.source.file.clone(), text)
        });
        let level = match d.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
            Severity::Note => Level::Note,
        };
        let mut report = Report::new(level)
            .with_code(d.code.name())
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

/// A JSON pointer as people read it: the whole value (the empty pointer) is `/`.
fn or_root(pointer: &str) -> &str {
    if pointer.is_empty() { "/" } else { pointer }
}

//! `stats --timings`: the parse timed against a bare pulldown-cmark pass over the same files,
//! in the same run.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use docbind_codegen::locale::Lexicon;
use docbind_codegen::{Input, at, extract_all, inputs, resolve};
use rayon::prelude::*;

/// How long the parse takes against the floor any markdown tool pays: reading the same files
/// and running pulldown-cmark over them with the same options, on the same threads. The bare
/// pass is also timed on one thread, one file after another, which is what the parse's use
/// of the threads is worth against.
#[derive(serde::Serialize)]
pub(crate) struct Timings {
    rounds: u32,
    threads: usize,
    /// Best of the rounds, in milliseconds.
    bare_pulldown_ms: f64,
    bare_pulldown_one_thread_ms: f64,
    docbind_ms: f64,
    /// docbind / bare pass.
    ratio: f64,
    /// docbind / bare pass on one thread.
    ratio_one_thread: f64,
    /// Where docbind's time goes, best of the rounds: `markdown` is a separate pass that reads
    /// the files and stops after the markdown stage; `extract` reads every page to fragments
    /// (markdown included), and `resolve` merges them.
    stages_ms: Stages,
    corpus_bytes: u64,
    /// The process's peak resident memory, over all rounds.
    peak_rss_bytes: Option<u64>,
    /// Peak memory / corpus bytes.
    memory_ratio: Option<f64>,
}

#[derive(serde::Serialize)]
struct Stages {
    markdown: f64,
    extract: f64,
    resolve: f64,
}

pub(crate) fn time_against_baseline(
    lex: &Lexicon,
    paths: &[PathBuf],
) -> Result<Timings, Box<dyn std::error::Error>> {
    const ROUNDS: u32 = 3;
    let inputs = inputs(paths)?;
    let corpus_bytes = inputs
        .iter()
        .map(|i| std::fs::metadata(&i.path).map_or(0, |m| m.len()))
        .sum();
    let [
        mut bare,
        mut bare_one,
        mut markdown,
        mut extract,
        mut resolving,
        mut ours,
    ] = [Duration::MAX; 6];
    // Alternating rounds, best of each, so a noisy neighbour or a cold cache hurts neither side.
    for _ in 0..ROUNDS {
        let started = Instant::now();
        inputs.par_iter().try_for_each(bare_pass)?;
        bare = bare.min(started.elapsed());
        let started = Instant::now();
        inputs.iter().try_for_each(bare_pass)?;
        bare_one = bare_one.min(started.elapsed());
        let started = Instant::now();
        markdown_pass(&inputs)?;
        markdown = markdown.min(started.elapsed());
        let started = Instant::now();
        let fragments = extract_all(lex, &inputs)?;
        let extracted = started.elapsed();
        let model = resolve::resolve(fragments);
        let total = started.elapsed();
        extract = extract.min(extracted);
        resolving = resolving.min(total - extracted);
        ours = ours.min(total);
        // Freeing the IR is not part of reading it (the bare pass keeps nothing to free).
        drop(model);
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let peak_rss_bytes = peak_rss();
    Ok(Timings {
        rounds: ROUNDS,
        threads: rayon::current_num_threads(),
        bare_pulldown_ms: ms(bare),
        bare_pulldown_one_thread_ms: ms(bare_one),
        docbind_ms: ms(ours),
        ratio: ours.as_secs_f64() / bare.as_secs_f64(),
        ratio_one_thread: ours.as_secs_f64() / bare_one.as_secs_f64(),
        stages_ms: Stages {
            markdown: ms(markdown),
            extract: ms(extract),
            resolve: ms(resolving),
        },
        corpus_bytes,
        peak_rss_bytes,
        memory_ratio: peak_rss_bytes.map(|p| p as f64 / corpus_bytes as f64),
    })
}

/// One file of the bare pass: read it and run pulldown-cmark over it to the last event.
fn bare_pass(input: &Input) -> std::io::Result<()> {
    let bytes = std::fs::read(&input.path).map_err(at(&input.path))?;
    let text = String::from_utf8_lossy(&bytes);
    let options =
        pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH;
    let events = pulldown_cmark::Parser::new_ext(&text, options).into_offset_iter();
    std::hint::black_box(events.count());
    Ok(())
}

/// Reading the files and the markdown stage alone, as `extract_all` runs it.
fn markdown_pass(inputs: &[Input]) -> std::io::Result<usize> {
    inputs
        .par_iter()
        .map(|input| {
            let text = docbind_codegen::include::read_text(&input.path).map_err(at(&input.path))?;
            Ok(docbind_codegen::markdown::parse_shared(&text)
                .sections
                .len())
        })
        .sum()
}

/// `VmHWM` from `/proc/self/status`, where there is one.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

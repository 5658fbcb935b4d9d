//! The page reader against pulldown-cmark: every page of the corpus and of `docs-src/` that
//! the reader reads must read exactly as pulldown-cmark reads it, and the reader must read
//! most pages (it is the fast path; pulldown-cmark reads the rest).
//!
//! Reads `$DOCBIND_CORPUS` or `../shared/corpus`; skips (or fails under CI) without it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use docbind_codegen::markdown::{parse_pulldown, scan};
use docbind_codegen::{inputs, read_text};
use docbind_tests::{corpus, root};

/// Pages the reader left to pulldown-cmark, by reason, and the pages it read differently.
#[derive(Default)]
struct Tally {
    pages: usize,
    left: BTreeMap<&'static str, usize>,
    differ: Vec<String>,
}

fn compare(paths: &[PathBuf]) -> Tally {
    let mut tally = Tally::default();
    for input in inputs(paths).expect("pages list") {
        let text = read_text(&input.path).expect("page reads");
        tally.pages += 1;
        match scan(&text) {
            Ok(doc) => {
                let ours = format!("{doc:#?}");
                let theirs = format!("{:#?}", parse_pulldown(&text));
                if ours != theirs {
                    let line = ours
                        .lines()
                        .zip(theirs.lines())
                        .position(|(a, b)| a != b)
                        .unwrap_or(0);
                    let at = |s: &str| {
                        s.lines()
                            .skip(line.saturating_sub(3))
                            .take(6)
                            .collect::<Vec<_>>()
                            .join("\n")
                    };
                    tally.differ.push(format!(
                        "{}\n--- reader\n{}\n--- pulldown-cmark\n{}",
                        input.name,
                        at(&ours),
                        at(&theirs)
                    ));
                }
            }
            Err(why) => *tally.left.entry(why.0).or_default() += 1,
        }
    }
    tally
}

#[test]
fn docs_src_reads_as_pulldown_reads_it() {
    let tally = compare(&[root().join("docs-src")]);
    assert!(tally.differ.is_empty(), "{}", tally.differ.join("\n\n"));
    let left: usize = tally.left.values().sum();
    assert_eq!(
        left, 0,
        "docs-src pages left to pulldown-cmark: {:?}",
        tally.left
    );
}

#[test]
fn corpus_pages_read_as_pulldown_reads_them() {
    let Some(corpus) = corpus() else { return };
    let tally = compare(&[corpus]);
    let left: usize = tally.left.values().sum();
    let read = tally.pages - left;
    println!(
        "reader: {read} of {} pages ({:.2}%); left to pulldown-cmark: {:?}",
        tally.pages,
        100.0 * read as f64 / tally.pages as f64,
        tally.left
    );
    let shown: Vec<_> = tally.differ.iter().take(8).cloned().collect();
    assert!(
        tally.differ.is_empty(),
        "{} pages read differently:\n{}",
        tally.differ.len(),
        shown.join("\n\n")
    );
}

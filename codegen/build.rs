//! Embeds every lexicon in `locales/`, so a new locale is a data file and nothing else.

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("locales");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let list: String = files
        .iter()
        .map(|p| format!("include_str!({:?}),\n", p.display().to_string()))
        .collect();
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("locales.rs");
    fs::write(out, format!("&[\n{list}]")).unwrap();
}

//! `docbind compile-cost`: what the crate generated from the pages costs to compile, as
//! ratios against a reference crate of plain serde structs written and built in the same run.
//!
//! Every figure is a whole `cargo check` of one crate after `touch src/lib.rs`, as a user
//! runs it, with its dependencies built and its incremental cache filled.

use std::io;
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

use serde::Serialize;

use crate::emit::{self, Files, HEADER};
use crate::model::Model;
use crate::{at, scratch};

/// How many structs the reference crate has, and the seconds it took.
#[derive(Debug, Serialize)]
pub struct Reference {
    pub structs: usize,
    pub seconds: f64,
}

/// The generated crate's size.
#[derive(Debug, Serialize)]
pub struct Size {
    pub files: usize,
    pub lines: usize,
    /// Its cargo features: one per area, or per group of areas past the 300 crates.io takes.
    pub features: usize,
}

/// One `cargo check` of the generated crate.
#[derive(Debug, Serialize)]
pub struct Check {
    /// The feature checked alone, or `None` for the default (every area).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature: Option<String>,
    /// The area asked for by name, whose feature it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// How many areas it compiles: the feature's and those of all it enables.
    pub areas: usize,
    pub seconds: f64,
    /// `seconds` over the reference's.
    pub ratio: f64,
}

/// What `compile-cost` prints.
#[derive(Debug, Serialize)]
pub struct Figures {
    #[serde(rename = "crate")]
    pub name: String,
    pub size: Size,
    pub reference: Reference,
    pub full: Check,
    /// The features whose closures are largest, then those of the areas asked for by name.
    pub features: Vec<Check>,
    /// The crates of other pages (`--also`), each whole.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Also>,
}

/// The whole crate generated from other pages, timed in the same run.
#[derive(Debug, Serialize)]
pub struct Also {
    #[serde(rename = "crate")]
    pub name: String,
    pub size: Size,
    pub full: Check,
}

/// Structs in the reference crate: about as many types as a large API version has.
const REFERENCE_STRUCTS: usize = 1600;

/// Writes the crate generated from `model` and the reference crate under
/// `target_dir/docbind-cost/`, then times `cargo check` of the reference, of the whole
/// generated crate, and of each of the `largest` features with the most areas in their
/// closure plus the features of the areas `named`, each alone, and the whole crate of each
/// model in `also`. The reference is timed before and after the rest, and the faster of the
/// two is the baseline.
pub fn run(
    model: &Model,
    paths: &[PathBuf],
    target_dir: &Path,
    largest: usize,
    named: &[String],
    also: &[(Model, Vec<PathBuf>)],
    mut progress: impl FnMut(&str),
) -> io::Result<Figures> {
    let root = target_dir.join("docbind-cost");
    let target = root.join("target");
    let name = scratch::crate_name("cost", paths);
    let dir = root.join(&name);
    let files = scratch::generated(model, &name)?;
    scratch::write(&dir, &files)?;
    let reference_dir = root.join("cost-reference");
    scratch::write(&reference_dir, &reference_crate())?;

    let features = emit::features(model);
    let mut chosen: Vec<(&str, Option<&String>)> =
        features.all.keys().map(|f| (f.as_str(), None)).collect();
    // Largest first; a tie goes by name, so the choice is the same on every run.
    chosen.sort_by_key(|(f, _)| std::cmp::Reverse(features.areas_of_closure(f)));
    chosen.truncate(largest);
    for area in named {
        if !features.all.values().any(|f| f.areas.contains(area)) {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("no area `{area}` in the crate generated from the pages"),
            ));
        }
        let feature = features.of(area);
        match chosen.iter_mut().find(|(f, _)| *f == feature) {
            Some(have) => have.1 = have.1.or(Some(area)),
            None => chosen.push((feature, Some(area))),
        }
    }

    let mut time = |dir: &Path, what: &str, args: &[&str]| -> io::Result<f64> {
        progress(&format!("checking {what}"));
        time_check(dir, &target, args)
    };
    let before = time(&reference_dir, "the reference", &[])?;
    let full = time(&dir, "the whole crate", &[])?;
    let mut alone = Vec::new();
    for (feature, area) in chosen {
        let args = ["--no-default-features", "--features", feature];
        alone.push((
            feature,
            area,
            time(&dir, &format!("feature {feature}"), &args)?,
        ));
    }
    let mut others = Vec::new();
    for (model, paths) in also {
        let name = scratch::crate_name("cost", paths);
        let dir = root.join(&name);
        let files = scratch::generated(model, &name)?;
        scratch::write(&dir, &files)?;
        let seconds = time(&dir, &format!("the whole crate {name}"), &[])?;
        others.push((name, files, emit::features(model), seconds));
    }
    let after = time(&reference_dir, "the reference again", &[])?;
    let baseline = before.min(after);

    let ratio = |seconds: f64| round(seconds / baseline);
    let whole = |features: &emit::Features, seconds: f64| Check {
        feature: None,
        area: None,
        areas: features.all.values().map(|f| f.areas.len()).sum(),
        seconds: round(seconds),
        ratio: ratio(seconds),
    };
    Ok(Figures {
        size: size(&files, &features),
        reference: Reference {
            structs: REFERENCE_STRUCTS,
            seconds: round(baseline),
        },
        full: whole(&features, full),
        features: alone
            .into_iter()
            .map(|(feature, area, seconds)| Check {
                feature: Some(feature.to_owned()),
                area: area.cloned(),
                areas: features.areas_of_closure(feature),
                seconds: round(seconds),
                ratio: ratio(seconds),
            })
            .collect(),
        also: others
            .into_iter()
            .map(|(name, files, features, seconds)| Also {
                name,
                size: size(&files, &features),
                full: whole(&features, seconds),
            })
            .collect(),
        name,
    })
}

fn size(files: &Files, features: &emit::Features) -> Size {
    Size {
        files: files.len(),
        lines: files.values().map(|f| f.lines().count()).sum(),
        features: features.all.len(),
    }
}

/// Seconds of `cargo check` of the crate in `dir` after `touch src/lib.rs`, as a user who
/// rebuilds sees it: a first check fills the incremental cache of this feature set, then the
/// timed one recompiles the crate with it.
fn time_check(dir: &Path, target: &Path, args: &[&str]) -> io::Result<f64> {
    let lib = dir.join("src/lib.rs");
    let touch = || {
        let file = std::fs::File::options().append(true).open(&lib);
        file.and_then(|f| f.set_modified(SystemTime::now()))
            .map_err(at(&lib))
    };
    let mut all = vec!["check", "--quiet"];
    all.extend(args);
    touch()?;
    scratch::cargo(dir, target, &all)?;
    touch()?;
    let started = Instant::now();
    scratch::cargo(dir, target, &all)?;
    let seconds = started.elapsed().as_secs_f64();
    // Each feature set keeps a cache of its own, up to a gigabyte for a large API: only one
    // at a time stays on disk.
    let incremental = target.join("debug/incremental");
    let prefix = format!("{}-", dir_crate_name(dir));
    for entry in std::fs::read_dir(&incremental).map_err(at(&incremental))? {
        let path = entry.map_err(at(&incremental))?.path();
        if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
        {
            std::fs::remove_dir_all(&path).map_err(at(&path))?;
        }
    }
    Ok(seconds)
}

/// The name rustc gives the crate in `dir`, whose folder is named as its package.
fn dir_crate_name(dir: &Path) -> String {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.replace('-', "_")
}

/// The reference: [`REFERENCE_STRUCTS`] structs deriving only `Default`, `Serialize` and
/// `Deserialize`, each with `@odata.type` and ten `Option` fields (text, flags, integers,
/// lists of text, and a boxed reference to the next struct in its ring of ten), all renamed and skipped when
/// `None`.
fn reference_crate() -> Files {
    let field = |rust: &str, wire: &str, ty: &str| {
        format!(
            "    #[serde(rename = \"{wire}\", skip_serializing_if = \"Option::is_none\")]\n    pub {rust}: Option<{ty}>,\n"
        )
    };
    let mut lib = format!("{HEADER}\nuse serde::{{Deserialize, Serialize}};\n");
    for i in 0..REFERENCE_STRUCTS {
        // Rings of ten: a ring of every struct overflows rustc's drop check.
        let next = i / 10 * 10 + (i + 1) % 10;
        lib.push_str(&format!(
            "\n#[derive(Default, Serialize, Deserialize)]\npub struct Type{i} {{\n"
        ));
        lib.push_str(&field("odata_type", "@odata.type", "String"));
        for (rust, wire, ty) in [
            ("display_name", "displayName", "String"),
            ("description", "description", "String"),
            ("web_url", "webUrl", "String"),
            ("is_enabled", "isEnabled", "bool"),
            ("is_hidden", "isHidden", "bool"),
            ("size", "size", "i64"),
            ("position", "position", "i32"),
            ("tags", "tags", "Vec<String>"),
            ("aliases", "aliases", "Vec<String>"),
        ] {
            lib.push_str(&field(rust, wire, ty));
        }
        lib.push_str(&field("next", "next", &format!("Box<Type{next}>")));
        lib.push_str("}\n");
    }
    let manifest = "[package]\nname = \"cost-reference\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\n\n[workspace]\n";
    Files::from([
        (
            "Cargo.toml".to_owned(),
            format!("# @generated by docbind.\n{manifest}"),
        ),
        ("src/lib.rs".to_owned(), lib),
    ])
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_is_the_crate_the_figures_promise() {
        let files = reference_crate();
        let lib = syn::parse_file(&files["src/lib.rs"]).expect("the reference parses");
        let structs: Vec<_> = (lib.items.iter())
            .filter_map(|item| match item {
                syn::Item::Struct(s) => Some(s),
                _ => None,
            })
            .collect();
        assert_eq!(structs.len(), REFERENCE_STRUCTS);
        for s in structs {
            // `@odata.type` and ten fields, every one an `Option` renamed and skipped when
            // `None`.
            assert_eq!(s.fields.len(), 11, "{}", s.ident);
            for field in &s.fields {
                let ty = &field.ty;
                assert!(quote::quote!(#ty).to_string().starts_with("Option <"));
                let attr = &field.attrs[0];
                let attr = quote::quote!(#attr).to_string();
                assert!(attr.contains("rename") && attr.contains("skip_serializing_if"));
            }
        }
        assert!(
            files["Cargo.toml"].contains("[workspace]"),
            "out of any workspace"
        );
    }
}

//! The real corpus: every page reads, and the coverage bars hold per version folder.
//!
//! Reads `$DOCBIND_CORPUS` or `../shared/corpus`; skips (or fails under CI) without it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use docbind_codegen::model::{Code, Format, JsonStatus, Model, PageKind, Rule, TypeDef};
use docbind_codegen::{Stats, load};
use docbind_tests::corpus;

const FOLDERS: [&str; 4] = [
    "graph-docs-en-2021-07/v1.0",
    "graph-docs-pt-BR-sxs-2021-08/v1.0",
    "graph-docs-pt-BR-2023-02/v1.0",
    "graph-docs-pt-BR-2023-02/beta",
];

/// Each folder is read once per test run, whichever test asks first.
fn model(corpus: &Path, rel: &str) -> &'static Model {
    static MODELS: Mutex<BTreeMap<String, &'static Model>> = Mutex::new(BTreeMap::new());
    let mut models = MODELS.lock().unwrap_or_else(|e| e.into_inner());
    models
        .entry(rel.to_owned())
        .or_insert_with(|| Box::leak(Box::new(load(&[folder(corpus, rel)]).unwrap())))
}

fn folder(corpus: &Path, rel: &str) -> PathBuf {
    let dir = corpus.join(rel);
    assert!(dir.is_dir(), "{} is missing from the corpus", dir.display());
    dir
}

/// Pages by name whose source text matches `pattern`.
fn pages_matching(
    model: &Model,
    dir: &Path,
    pattern: &regex::Regex,
    kind: Option<PageKind>,
) -> BTreeSet<String> {
    let root = dir.file_name().unwrap().to_string_lossy().into_owned();
    model
        .pages
        .iter()
        .filter(|p| kind.is_none_or(|k| p.kind == k))
        .filter(|p| {
            let rel = p.file.strip_prefix(&format!("{root}/")).unwrap();
            let text = String::from_utf8_lossy(&std::fs::read(dir.join(rel)).unwrap()).into_owned();
            pattern.is_match(&text)
        })
        .map(|p| p.file.clone())
        .collect()
}

fn percent(part: usize, whole: usize) -> f64 {
    100.0 * part as f64 / whole.max(1) as f64
}

#[test]
fn every_version_folder_meets_the_coverage_bars() {
    let Some(corpus) = corpus() else { return };
    let resource_block = regex::Regex::new(r#"blockType"\s*:\s*"resource""#).unwrap();
    let http_section =
        regex::Regex::new(r#"(?im)<a name="http-request"></a>|^#+\s*HTTP request\s*$"#).unwrap();
    for rel in FOLDERS {
        let dir = folder(&corpus, rel);
        let model = model(&corpus, rel);

        let with_resource = pages_matching(model, &dir, &resource_block, None);
        let typed: BTreeSet<&str> = model
            .types
            .iter()
            .flat_map(|t| {
                let (source, merged) = match t {
                    TypeDef::Complex(c) => (&c.source, &c.merged_from),
                    TypeDef::Enum(e) => (&e.source, &e.merged_from),
                };
                std::iter::once(source).chain(merged).map(|s| &*s.file)
            })
            .collect();
        let covered = with_resource
            .iter()
            .filter(|f| typed.contains(f.as_str()))
            .count();
        let resource_pct = percent(covered, with_resource.len());

        let with_http = pages_matching(model, &dir, &http_section, Some(PageKind::Api));
        let operated: BTreeSet<&str> = model.operations.iter().map(|o| &*o.source.file).collect();
        let missing: Vec<_> = with_http
            .iter()
            .filter(|f| !operated.contains(f.as_str()))
            .collect();
        let operation_pct = percent(with_http.len() - missing.len(), with_http.len());

        let stats = Stats::of(model);
        let bodies: usize = stats.json_bodies.values().sum();
        let unreadable = stats
            .json_bodies
            .get(&JsonStatus::Unreadable)
            .copied()
            .unwrap_or(0);
        let json_pct = percent(bodies - unreadable, bodies);

        println!(
            "{rel}: {} pages; resources {covered}/{} ({resource_pct:.2}%); operations {}/{} ({operation_pct:.2}%); JSON bodies read {}/{bodies} ({json_pct:.2}%)",
            model.pages.len(),
            with_resource.len(),
            with_http.len() - missing.len(),
            with_http.len(),
            bodies - unreadable,
        );
        assert!(
            resource_pct >= 99.5,
            "{rel}: resources for {resource_pct:.2}% of resource pages"
        );
        assert!(
            operation_pct >= 99.0,
            "{rel}: operations for {operation_pct:.2}% of api pages; missing {missing:?}"
        );
        assert!(
            json_pct >= 99.0,
            "{rel}: {json_pct:.2}% of JSON bodies read"
        );
        // Every unreadable example body is a located error (resource blocks may add more).
        assert!(
            stats
                .diagnostics_by_code
                .get(&Code::JsonInvalid)
                .copied()
                .unwrap_or(0)
                >= unreadable
        );
    }
}

/// A resource's properties: name → type, with type names compared without namespace case.
fn properties(model: &Model) -> BTreeMap<String, BTreeMap<String, String>> {
    model
        .types
        .iter()
        .filter_map(|t| match t {
            TypeDef::Complex(c) => Some((
                c.name.to_lowercase(),
                c.properties
                    .iter()
                    .map(|p| (p.name.clone(), p.ty.to_string().to_lowercase()))
                    .collect(),
            )),
            TypeDef::Enum(_) => None,
        })
        .collect()
}

#[test]
fn english_and_portuguese_agree_on_shared_resources() {
    let Some(corpus) = corpus() else { return };
    let en = properties(model(&corpus, "graph-docs-en-2021-07/v1.0"));
    let pt = properties(model(&corpus, "graph-docs-pt-BR-2023-02/v1.0"));
    let (mut shared, mut agree) = (0, 0);
    let mut disagreements = Vec::new();
    for (name, en_props) in &en {
        let Some(pt_props) = pt.get(name) else {
            continue;
        };
        for (prop, en_ty) in en_props {
            let Some(pt_ty) = pt_props.get(prop) else {
                continue;
            };
            shared += 1;
            if en_ty == pt_ty {
                agree += 1;
            } else {
                disagreements.push(format!("{name}.{prop}: {en_ty} / {pt_ty}"));
            }
        }
    }
    let pct = percent(agree, shared);
    println!(
        "en v1.0 and pt-BR 2023 v1.0 agree on {agree} of {shared} shared properties ({pct:.2}%)"
    );
    for d in disagreements.iter().take(15) {
        println!("  differs: {d}");
    }
    assert!(shared > 5000, "only {shared} shared properties");
    assert!(pct >= 97.0, "agreement {pct:.2}%");
}

#[test]
fn cut_pages_never_panic() {
    // Pages cut at arbitrary points open fences, tables, comments and JSON without closing
    // them: the reader must report, never panic. (Loading also guards each page, but that
    // guard is for bugs, not for input.)
    let Some(corpus) = corpus() else { return };
    let inputs =
        docbind_codegen::inputs(&[folder(&corpus, "graph-docs-pt-BR-sxs-2021-08/v1.0")]).unwrap();
    let mut cuts = 0;
    for input in inputs.iter().step_by(40) {
        let text = std::fs::read_to_string(&input.path).unwrap();
        for k in 1..8 {
            let mut at = text.len() * k / 8;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let fragment = docbind_codegen::extract::page(&input.name, &text[..at]);
            assert!(fragment.page.is_some());
            cuts += 1;
        }
    }
    assert!(cuts > 500, "only {cuts} cuts");
}

#[test]
fn every_rule_sits_on_the_property_it_describes() {
    // A rule comes from the property's own description, or, for an item count stated in a
    // note, from a phrase that names the property ("up to 5 participants"); GUID formats
    // come from the Edm type and listed values from the JSON placeholder.
    let Some(corpus) = corpus() else { return };
    let same = |word: &str, name: &str| {
        docbind_codegen::locale::lexicon().names_property(word.trim_matches('`'), name)
    };
    // "up to 5 participants" ends with the name; "only one participant when `x` is
    // provided" has it before the condition.
    let names_it = |rule: &Rule, phrase: &str, name: &str| match rule {
        Rule::MaxItems { .. } => same(phrase.rsplit(' ').next().unwrap_or(""), name),
        Rule::MaxItemsWhen { when, .. } => {
            let before = phrase.split(&format!("`{when}`")).next().unwrap_or("");
            before.split_whitespace().any(|w| same(w, name))
        }
        _ => false,
    };
    let mut checked = 0;
    for rel in FOLDERS {
        let model = model(&corpus, rel);
        for p in model.all_documented_properties() {
            let own = p.description.as_ref().map_or("", |d| d.source());
            for c in &p.constraints {
                let placed = own.contains(c.phrase.as_str())
                    || names_it(&c.rule, &c.phrase, &p.name)
                    || matches!(
                        &c.rule,
                        Rule::Format {
                            format: Format::Guid
                        }
                    ) && p.ty.element().to_string() == "Edm.Guid"
                    || matches!(c.rule, Rule::AllowedValues { .. }) && c.phrase.contains(" | ");
                assert!(
                    placed,
                    "{}: rule {:?} from {:?} on `{}` ({own:?})",
                    c.source, c.rule, c.phrase, p.name
                );
                checked += 1;
            }
        }
    }
    println!("{checked} rules checked");
    assert!(checked > 9_000, "only {checked} rules");
}

#[test]
fn length_and_item_phrases_become_rules_in_both_languages() {
    let Some(corpus) = corpus() else { return };
    let mut seen = BTreeSet::new();
    for rel in FOLDERS {
        let stats = Stats::of(model(&corpus, rel));
        for (kind, recall) in &stats.rule_recall {
            let pct = percent(recall.ruled, recall.cells);
            println!(
                "{rel}: {kind}: {} of {} cells with such a phrase became a rule ({pct:.1}%)",
                recall.ruled, recall.cells
            );
            if recall.cells >= 20 {
                assert!(pct >= 90.0, "{rel}: {kind} recall {pct:.1}%");
                seen.insert(kind.clone());
            }
        }
    }
    for kind in [
        "max-length/en",
        "max-items/en",
        "max-length/pt-BR",
        "max-items/pt-BR",
    ] {
        assert!(seen.contains(kind), "no corpus folder measured {kind}");
    }
}

/// Japanese, with no hand-written lexicon: a lexicon learned from its pages (and the English
/// pages of the same names) reads the resource pages about as the English ones are read.
#[test]
fn japanese_reads_with_a_learned_lexicon() {
    use docbind_codegen::locale::{Lexicon, compare::compare, learn::learn};
    let Some(corpus) = corpus() else { return };
    let ja = folder(&corpus, "graph-docs-ja-JP-2019-09/v1.0");
    let en_dir = folder(&corpus, "graph-docs-en-2021-07/v1.0");
    let english = model(&corpus, "graph-docs-en-2021-07/v1.0");
    let written = docbind_codegen::locale::compare::words(std::slice::from_ref(&ja)).unwrap();
    let before = compare(english, &load(std::slice::from_ref(&ja)).unwrap(), &written);
    let learned = Lexicon::with_learned(learn(&ja, Some(&en_dir)).unwrap()).unwrap();
    let after = compare(
        english,
        &docbind_codegen::load_with(&learned, &[ja]).unwrap(),
        &written,
    );
    let figures = |a: &docbind_codegen::locale::compare::Agreement| {
        format!(
            "properties {:.2}%, types {:.2}%, enum members {:.2}%, types and enums {:.2}% \
             ({:.2}% without {} members of enums the translation lacks; ceiling {:.2}%, as \
             {} more are written nowhere), rules {:.2}%",
            a.properties.percent,
            a.types.percent,
            a.enum_members.percent,
            a.types_and_enums.percent,
            a.types_and_enums_present.percent,
            a.enum_members_absent,
            a.types_and_enums_ceiling,
            a.enum_members_unwritten,
            a.rules.percent
        )
    };
    println!("ja-JP v1.0 on {} resource pages", after.pages);
    println!("  built-in lexicons only: {}", figures(&before));
    println!("  with the learned one:   {}", figures(&after));
    assert!(after.pages > 700, "only {} shared pages", after.pages);
    assert!(after.properties.percent >= 93.0);
    assert!(after.types_and_enums_present.percent >= 93.0);
    // Counted strictly, within two points of what these pages let any reader find.
    assert!(after.types_and_enums.percent >= after.types_and_enums_ceiling - 2.0);
    assert!(after.rules.percent >= 75.0);
    // Learning is what reaches the bars: without it, no rule is read.
    assert!(before.rules.percent < 10.0 && before.properties.percent < after.properties.percent);
}

//! A lexicon learned from the pages themselves, for a language docbind ships none for.
//!
//! Each word is learned from something translation leaves alone:
//! - heading words, from the English anchor each heading carries;
//! - column roles, from what the cells hold (the JSON block's keys, the types of its values)
//!   and, with the English pages, from the header of the same table there;
//! - type words, from each Type cell beside the same key's value in the JSON block;
//! - constraint phrases, with the English pages, from the description of the same property
//!   on the page of the same name: the clauses of the translated description that come with
//!   an English phrase, and (nearly) never without it. Numbers survive translation, so a
//!   clause with the same number as "up to 255 characters" becomes a pattern with a capture.
//!
//! A word is kept when several pages agree on it and hardly any disagree ([`Votes::winners`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::Value;

#[cfg(test)]
use super::Lexicon;
use super::{Column, LocaleFile, Phrase, SectionKind, lexicon, normalize};
use crate::extract::json;
use crate::markdown::{self, Document, Table, plain};
use crate::model::Edm;

/// How many pages must agree on a word, and what share of its uses must agree.
const MIN_VOTES: usize = 3;
const MIN_SHARE: f64 = 0.8;

/// What each word was seen as, and by whom: a page, or a property. One voter counts once,
/// so a sentence repeated on a family of pages about one property is not a phrase.
#[derive(Clone)]
struct Votes<T>(BTreeMap<String, Voters<T>>);

/// Who saw a word as each meaning.
type Voters<T> = BTreeMap<T, BTreeSet<String>>;

impl<T: Ord + Clone> Votes<T> {
    fn new() -> Self {
        Votes(BTreeMap::new())
    }

    fn add(&mut self, word: String, what: T, voter: &str) {
        let voters = self.0.entry(word).or_default().entry(what).or_default();
        if !voters.contains(voter) {
            voters.insert(voter.to_owned());
        }
    }

    fn merge(mut self, other: Self) -> Self {
        for (word, counts) in other.0 {
            for (what, voters) in counts {
                (self
                    .0
                    .entry(word.clone())
                    .or_default()
                    .entry(what)
                    .or_default())
                .extend(voters);
            }
        }
        self
    }

    /// Each word whose commonest meaning has enough voters and share, with that meaning.
    fn winners(&self) -> impl Iterator<Item = (&str, &T)> {
        self.0.iter().filter_map(|(word, counts)| {
            let total: usize = counts.values().map(BTreeSet::len).sum();
            let (what, voters) = counts.iter().max_by_key(|(_, v)| v.len())?;
            let n = voters.len();
            (n >= MIN_VOTES && n as f64 >= MIN_SHARE * total as f64)
                .then_some((word.as_str(), what))
        })
    }
}

/// A property row and its English twin's: the clauses of its description and the phrases
/// the English one states.
struct Aligned {
    key: String,
    clauses: Vec<(String, Option<u64>)>,
    stated: Vec<(Phrase, Option<u64>)>,
}

/// What one page (and its English twin) teaches.
struct Lesson {
    locale: Votes<()>,
    headings: Votes<SectionKind>,
    columns: Votes<Column>,
    primitives: Votes<Edm>,
    collection: Votes<()>,
    /// List Type cells that do not spell their element's name: `(key, cell, element)`, read
    /// once the primitive words are known ("coleção de cadeias de caracteres").
    lists: Vec<(String, String, String)>,
    rows: Vec<Aligned>,
}

impl Lesson {
    fn new() -> Self {
        Lesson {
            locale: Votes::new(),
            headings: Votes::new(),
            columns: Votes::new(),
            primitives: Votes::new(),
            collection: Votes::new(),
            lists: Vec::new(),
            rows: Vec::new(),
        }
    }

    fn merge(mut self, other: Lesson) -> Lesson {
        self.rows.extend(other.rows);
        self.lists.extend(other.lists);
        Lesson {
            locale: self.locale.merge(other.locale),
            headings: self.headings.merge(other.headings),
            columns: self.columns.merge(other.columns),
            primitives: self.primitives.merge(other.primitives),
            collection: self.collection.merge(other.collection),
            lists: self.lists,
            rows: self.rows,
        }
    }
}

/// Learns the lexicon of the pages under `folder`; with `english`, the English pages of the
/// same API (the same file names), also the column headers of every table and the phrases.
pub fn learn(folder: &Path, english: Option<&Path>) -> std::io::Result<LocaleFile> {
    let pages = crate::inputs(&[folder.to_owned()])?;
    let twins: BTreeMap<PathBuf, PathBuf> = match english {
        Some(english) => (crate::inputs(&[english.to_owned()])?.into_iter())
            .filter_map(|i| Some((i.given.strip_prefix(english).ok()?.to_owned(), i.path)))
            .collect(),
        None => BTreeMap::new(),
    };
    let lessons: Vec<Lesson> = pages
        .par_iter()
        .map(|input| {
            let text = crate::include::read_text(&input.path).map_err(crate::at(&input.given))?;
            let doc = markdown::parse(&text);
            let rel = input.given.strip_prefix(folder).unwrap_or(&input.given);
            let twin = match twins.get(rel) {
                Some(path) => Some(markdown::parse(
                    &crate::include::read_text(path).map_err(crate::at(path))?,
                )),
                None => None,
            };
            Ok(lesson(&input.name, &doc, twin.as_ref()))
        })
        .collect::<std::io::Result<_>>()?;
    let all = lessons.into_iter().fold(Lesson::new(), Lesson::merge);
    Ok(file_of(&all))
}

fn file_of(all: &Lesson) -> LocaleFile {
    let locale = (all.locale.0.iter())
        .max_by_key(|(_, c)| c.values().map(BTreeSet::len).sum::<usize>())
        .map_or_else(String::new, |(l, _)| l.clone());
    let mut file = LocaleFile {
        locale,
        ..LocaleFile::default()
    };
    for (word, kind) in all.headings.winners() {
        file.headings
            .entry(*kind)
            .or_default()
            .push(word.to_owned());
    }
    for (word, column) in all.columns.winners() {
        file.columns
            .entry(*column)
            .or_default()
            .push(word.to_owned());
    }
    for (word, edm) in all.primitives.winners() {
        file.primitives
            .insert(word.to_owned(), edm.name().to_owned());
    }
    let mut collection = all.collection.clone();
    for (key, cell, element) in &all.lists {
        let words =
            (file.primitives.iter()).filter(|(_, edm)| edm.trim_start_matches("Edm.") == element);
        if let Some((word, _)) = words
            .filter(|(w, _)| cell.contains(w.as_str()))
            .max_by_key(|(w, _)| w.len())
        {
            collection.add(cell.replacen(word.as_str(), "{}", 1), (), key);
        }
    }
    file.collection = collection.winners().map(|(p, ())| p.to_owned()).collect();
    for phrase in PHRASES {
        for pattern in phrase_patterns(&all.rows, phrase) {
            // The count's subject stays unnamed: the pattern does not say which word it is.
            let pattern = match phrase {
                Phrase::MaxItems => format!("{pattern}(?P<what>)"),
                _ => pattern,
            };
            file.phrases.entry(phrase).or_default().push(pattern);
        }
    }
    file
}

/// The phrases learned, with the share of a clause's uses that must come with the phrase.
const PHRASES: [Phrase; 5] = [
    Phrase::Required,
    Phrase::ReadOnly,
    Phrase::PossibleValues,
    Phrase::MaxLength,
    Phrase::MaxItems,
];
const PHRASE_SHARE: f64 = 0.9;

/// The clauses that say `phrase`, greedily: the clause that comes with the phrase on the most
/// properties not yet explained, as long as it (nearly) never comes without it. A clause that
/// only rides along with a better one ("Nullable" beside "Read-only") explains nothing new.
fn phrase_patterns(rows: &[Aligned], phrase: Phrase) -> Vec<String> {
    let says = |row: &Aligned, clause: &(String, Option<u64>)| {
        row.stated
            .iter()
            .any(|(p, n)| *p == phrase && *n == clause.1)
    };
    // How many rows hold each clause, and how many of those state the phrase.
    let mut seen: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for row in rows {
        for clause in &row.clauses {
            let (all, hits) = seen.entry(&clause.0).or_default();
            *all += 1;
            *hits += usize::from(says(row, clause));
        }
    }
    // The clauses that (nearly) never come without the phrase.
    let faithful: BTreeSet<&str> = (seen.into_iter())
        .filter(|(_, (all, hits))| *hits > 0 && *hits as f64 >= PHRASE_SHARE * *all as f64)
        .map(|(clause, _)| clause)
        .collect();
    let mut explained = vec![false; rows.len()];
    let mut out = Vec::new();
    loop {
        let mut fresh: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for (row, _) in rows.iter().zip(&explained).filter(|(_, done)| !**done) {
            for clause in (row.clauses.iter()).filter(|c| faithful.contains(c.0.as_str())) {
                if says(row, clause) {
                    fresh.entry(&clause.0).or_default().insert(&row.key);
                }
            }
        }
        let best = (fresh.iter())
            .filter(|(_, keys)| keys.len() >= MIN_VOTES)
            .max_by_key(|(c, keys)| (keys.len(), std::cmp::Reverse(**c)));
        let Some((best, _)) = best else {
            return out;
        };
        let best = best.to_string();
        for (i, row) in rows.iter().enumerate() {
            if row.clauses.iter().any(|c| c.0 == best) {
                explained[i] = true;
            }
        }
        out.push(best);
    }
}

fn lesson(page: &str, doc: &Document, english: Option<&Document>) -> Lesson {
    let mut out = Lesson::new();
    if let Some(locale) = doc.front_matter.get("ms.contentlocale") {
        out.locale.add(locale.clone(), (), page);
    }
    for section in &doc.sections {
        // An English heading is its own anchor.
        let anchor = (section.anchor.clone()).unwrap_or_else(|| slug(&plain(&section.title)));
        let kind = lexicon().section(&anchor);
        let title = normalize(&plain(&section.title));
        // "Response 2": the number tells examples apart and is not part of the word.
        let title = title.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
        if let Some(kind) = kind
            && !title.is_empty()
        {
            out.headings.add(title.to_owned(), kind, page);
        }
    }
    let json = resource_json(doc);
    for (i, table) in doc.tables.iter().enumerate() {
        let twin = english.and_then(|en| twin_table(doc, i, en));
        let roles = roles(table, twin, &json);
        for (c, role) in roles.iter().enumerate() {
            if let (Some(role), Some(cell)) = (role, table.header.get(c)) {
                let word = normalize(&plain(&cell.inlines));
                if !word.is_empty() {
                    out.columns.add(word, *role, page);
                }
            }
        }
        let column = |role| roles.iter().position(|r| *r == Some(role));
        let (Some(name), Some(ty)) = (column(Column::Name), column(Column::Type)) else {
            continue;
        };
        let english: BTreeMap<String, &Vec<markdown::Cell>> = (twin.iter())
            .flat_map(|t| &t.rows)
            .map(|r| (cell_text(r, name), r))
            .collect();
        let description = column(Column::Description);
        for row in &table.rows {
            let key = cell_text(row, name);
            let twin = english.get(&key);
            // The English Type cell says what the type is; else the JSON block's value does.
            let stated = match twin.and_then(|r| r.get(ty)) {
                Some(cell) => english_type(&plain(&cell.inlines)),
                None => json.get(&key).and_then(expected),
            };
            if let (Some(stated), Some(cell)) = (stated, row.get(ty)) {
                type_words(&key, &plain(&cell.inlines), stated, &mut out);
            }
            if let (Some(twin), Some(description)) = (twin, description) {
                let (Some(text), Some(en_text)) = (row.get(description), twin.get(description))
                else {
                    continue;
                };
                let mut clauses = clauses(&plain(&text.inlines));
                clauses.sort();
                clauses.dedup();
                out.rows.push(Aligned {
                    key,
                    clauses,
                    stated: english_phrases(&plain(&en_text.inlines)),
                });
            }
        }
    }
    out
}

/// The keys and values of the page's JSON representation (`"blockType": "resource"`).
fn resource_json(doc: &Document) -> BTreeMap<String, Value> {
    let resource = doc.blocks.iter().find(|b| {
        let annotation = b.annotation.as_ref().and_then(|a| json::read(&a.text).ok());
        annotation.is_some_and(|a| a.value.get("blockType") == Some(&Value::from("resource")))
    });
    let value = resource.and_then(|b| json::read(b.text.as_str()).ok());
    match value.map(|r| r.value) {
        Some(Value::Object(map)) => map.into_iter().collect(),
        _ => BTreeMap::new(),
    }
}

fn cell_text(row: &[markdown::Cell], column: usize) -> String {
    row.get(column)
        .map(|c| plain(&c.inlines).trim().trim_matches('`').trim().to_owned())
        .unwrap_or_default()
}

/// The English table at the same place: the same section anchor, the same position in it,
/// the same number of columns.
fn twin_table<'e>(doc: &Document, index: usize, english: &'e Document) -> Option<&'e Table> {
    // Translated headings carry the English anchor; English ones are their own anchor.
    let anchor = |d: &Document, t: &Table| {
        let section = &d.sections[t.section?];
        Some(
            section
                .anchor
                .clone()
                .unwrap_or_else(|| slug(&plain(&section.title))),
        )
    };
    let table = &doc.tables[index];
    let here = anchor(doc, table);
    let nth = doc.tables[..index]
        .iter()
        .filter(|t| anchor(doc, t) == here)
        .count();
    let twin = (english.tables.iter())
        .filter(|t| anchor(english, t) == here)
        .nth(nth)?;
    (twin.header.len() == table.header.len()).then_some(twin)
}

/// A heading as its anchor: lowercase words joined by hyphens, without punctuation.
fn slug(title: &str) -> String {
    let words = title.split_whitespace().map(|w| {
        w.chars()
            .filter(|c| c.is_alphanumeric() || *c == '-')
            .collect::<String>()
            .to_lowercase()
    });
    words
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The role of each column: from the English twin's header where there is one, else from
/// the cells: the column of the JSON block's keys names, the one of their types types, and
/// the widest other one describes.
fn roles(
    table: &Table,
    twin: Option<&Table>,
    json: &BTreeMap<String, Value>,
) -> Vec<Option<Column>> {
    if let Some(twin) = twin {
        return (twin.header.iter())
            .map(|c| lexicon().column(&plain(&c.inlines)))
            .collect();
    }
    let mut roles = vec![None; table.header.len()];
    if json.is_empty() || table.rows.len() < 2 {
        return roles;
    }
    let share = |hits: usize| hits as f64 >= MIN_SHARE * table.rows.len() as f64;
    let Some(name) = (0..roles.len()).find(|&c| {
        share(
            table
                .rows
                .iter()
                .filter(|r| json.contains_key(&cell_text(r, c)))
                .count(),
        )
    }) else {
        return roles;
    };
    roles[name] = Some(Column::Name);
    let typed = |c: usize| {
        let hits = table.rows.iter().filter(|r| {
            let (Some(value), Some(cell)) = (json.get(&cell_text(r, name)), r.get(c)) else {
                return false;
            };
            let text = plain(&cell.inlines).to_lowercase();
            expected(value).is_some_and(|(element, _)| text.contains(&element.to_lowercase()))
        });
        share(hits.count())
    };
    let width = |c: usize| -> usize {
        (table.rows.iter())
            .map(|r| {
                r.get(c)
                    .map_or(0, |cell| plain(&cell.inlines).chars().count())
            })
            .sum()
    };
    // Types are spelled in English, or translated: then the narrowest other column.
    let others = || (0..roles.len()).filter(|&c| c != name);
    let ty = others().find(|&c| typed(c)).or_else(|| {
        (others().count() >= 2)
            .then(|| others().min_by_key(|&c| width(c)))
            .flatten()
    });
    if let Some(ty) = ty {
        roles[ty] = Some(Column::Type);
    }
    if let Some(description) = (0..roles.len())
        .filter(|&c| roles[c].is_none())
        .max_by_key(|&c| width(c))
    {
        roles[description] = Some(Column::Description);
    }
    roles
}

/// The type a JSON placeholder value names, as its element's name and whether it is a list:
/// `"String"`, `["String"]`, `{"@odata.type": "microsoft.graph.x"}`.
fn expected(value: &Value) -> Option<(String, bool)> {
    match value {
        Value::String(s) => Some((s.trim_start_matches("Edm.").to_owned(), false)),
        Value::Bool(_) => Some(("Boolean".into(), false)),
        Value::Object(map) => {
            let ty = map.get("@odata.type")?.as_str()?;
            Some((
                ty.trim_start_matches('#').rsplit('.').next()?.to_owned(),
                false,
            ))
        }
        Value::Array(items) => expected(items.first()?).map(|(e, _)| (e, true)),
        _ => None,
    }
}

/// The type an English Type cell names, as [`expected`] gives it.
fn english_type(cell: &str) -> Option<(String, bool)> {
    let lex = lexicon();
    let (element, list) = match lex.collection_element(cell) {
        Some(element) => (element, true),
        None => (cell.trim(), false),
    };
    let element = match lex.primitive(element) {
        Some(edm) => edm.name().trim_start_matches("Edm.").to_owned(),
        None => element.to_owned(),
    };
    (!element.is_empty()).then_some((element, list))
}

/// A Type cell beside the value its key has in the JSON block: a word for a primitive, or
/// collection wording around the element.
fn type_words(key: &str, cell: &str, (element, list): (String, bool), out: &mut Lesson) {
    // A camelCase word names a type of its own (`managedAppDataTransferLevel`).
    let named = cell
        .split_whitespace()
        .any(|w| w.chars().skip(1).any(|c| c.is_ascii_uppercase()));
    let cell = normalize(cell);
    if cell.is_empty() || named {
        return;
    }
    let lower = element.to_lowercase();
    let primitive = Edm::from_name(&format!("Edm.{element}"));
    match cell.find(&lower) {
        Some(at) if list => {
            let pattern = format!("{}{{}}{}", &cell[..at], &cell[at + lower.len()..]);
            out.collection.add(pattern, (), key);
        }
        None if list => out.lists.push((key.to_owned(), cell, element)),
        _ if !list => {
            if let Some(edm) = primitive.filter(|e| !matches!(e, Edm::Other(_))) {
                out.primitives.add(cell, edm, key);
            }
        }
        _ => {}
    }
}

/// The phrases an English description states, each with its number where it has one.
fn english_phrases(text: &str) -> Vec<(Phrase, Option<u64>)> {
    let lex = lexicon();
    let found = lex.scan(text);
    let mut out = Vec::new();
    for phrase in [Phrase::Required, Phrase::ReadOnly, Phrase::PossibleValues] {
        if found.has(phrase) {
            out.push((phrase, None));
        }
    }
    for phrase in [Phrase::MaxLength, Phrase::MaxItems] {
        if found.has(phrase) {
            let n = lex
                .find_all(phrase, text)
                .iter()
                .find_map(|c| lex.number(&c["n"]));
            out.extend(n.map(|n| (phrase, Some(n))));
        }
    }
    out
}

/// The clauses of a translated description, as patterns: split at sentence ends, and a
/// number made a capture. A clause with the same number as the English phrase is that
/// phrase's pattern only then.
fn clauses(text: &str) -> Vec<(String, Option<u64>)> {
    let mut out = Vec::new();
    for clause in text
        .split(['。', '．', ';', '；', '!', '！', '?', '？'])
        .flat_map(|s| s.split(". "))
    {
        let clause = clause.trim().trim_end_matches('.').trim();
        // A backtick starts a value list: the clause up to it introduces the list.
        let clause = clause.split('`').next().unwrap_or("").trim();
        if clause.is_empty() || clause.chars().count() > 40 {
            continue;
        }
        let numbers: Vec<&str> = clause
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .collect();
        match numbers.as_slice() {
            [] => out.push((regex::escape(&clause.to_lowercase()), None)),
            [n] => {
                let (before, after) = clause.split_once(n).expect("the number is in the clause");
                let pattern = format!(
                    "{}(?P<n>[0-9]+){}",
                    regex::escape(&before.to_lowercase()),
                    regex::escape(&after.to_lowercase())
                );
                out.push((pattern, n.parse().ok()));
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Four resource pages in a made-up language ("Eco") and their English twins: the words
    /// of Eco are learned from them alone.
    fn pages(dir: &Path) -> (PathBuf, PathBuf) {
        let (eco, en) = (dir.join("eco"), dir.join("en"));
        for (i, name) in ["alpha", "beta", "gamma", "delta"].iter().enumerate() {
            for root in [&eco, &en] {
                std::fs::create_dir_all(root.join("resources")).unwrap();
            }
            let json = format!(
                "```json\n{{\n  \"{name}Id\": \"String\",\n  \"{name}Tags\": [\"String\"],\n  \"{name}Open\": true\n}}\n```\n"
            );
            let resource = "<!-- { \"blockType\": \"resource\" } -->\n";
            let eco_page = format!(
                "---\nms.contentlocale: eco-XX\n---\n# {name}\n\n## <a name=\"properties\"></a>Ecoprops\n\n\
                 | Nomo | Speco | Priskribo |\n|---|---|---|\n\
                 | {name}Id | Teksto | La identigilo de {name}. Nur legebla. Maks {n} signoj. |\n\
                 | {name}Tags | Teksto listo | La etikedoj. |\n| {name}Open | Vereco | Ĉu malfermita. |\n\n\
                 ## <a name=\"json-representation\"></a>Ecojson\n\n{resource}{json}",
                n = 10 + i
            );
            let en_page = format!(
                "# {name}\n\n## Properties\n\n| Property | Type | Description |\n|---|---|---|\n\
                 | {name}Id | String | The identifier of {name}. Read-only. Maximum length is {n} characters. |\n\
                 | {name}Tags | String collection | The tags. |\n| {name}Open | Boolean | Whether open. |\n\n\
                 ## JSON representation\n\n{resource}{json}",
                n = 10 + i
            );
            std::fs::write(eco.join(format!("resources/{name}.md")), eco_page).unwrap();
            std::fs::write(en.join(format!("resources/{name}.md")), en_page).unwrap();
        }
        (eco, en)
    }

    #[test]
    fn learns_a_language_from_its_pages_and_their_english_twins() {
        let dir = std::env::temp_dir().join(format!("docbind-learn-{}", std::process::id()));
        let (eco, en) = pages(&dir);
        let file = learn(&eco, Some(&en)).unwrap();
        assert_eq!(file.locale, "eco-XX");
        assert_eq!(file.headings[&SectionKind::Properties], ["ecoprops"]);
        assert_eq!(file.headings[&SectionKind::JsonRepresentation], ["ecojson"]);
        assert_eq!(file.columns[&Column::Name], ["nomo"]);
        assert_eq!(file.columns[&Column::Type], ["speco"]);
        assert_eq!(file.columns[&Column::Description], ["priskribo"]);
        assert_eq!(file.primitives["teksto"], "Edm.String");
        assert_eq!(file.primitives["vereco"], "Edm.Boolean");
        assert_eq!(file.collection, ["{} listo"]);
        assert_eq!(file.phrases[&Phrase::ReadOnly], ["nur legebla"]);
        assert_eq!(
            file.phrases[&Phrase::MaxLength],
            ["maks (?P<n>[0-9]+) signoj"]
        );

        // Read with what was learned, an Eco page gives what its English twin gives.
        let lex = Lexicon::with_learned(file).unwrap();
        let model = crate::load_with(&lex, &[eco.join("resources/alpha.md")]).unwrap();
        let ty = model.types[0].as_complex().unwrap();
        let id = &ty.properties[0];
        assert!(id.read_only);
        assert!(matches!(
            id.constraints[..],
            [crate::model::Constraint {
                rule: crate::model::Rule::MaxLength { max: 10 },
                ..
            }]
        ));
        assert_eq!(ty.properties[1].ty.to_string(), "Collection(Edm.String)");

        // Without the English pages, the columns come from the cells and the JSON block.
        let alone = learn(&eco, None).unwrap();
        assert_eq!(alone.columns[&Column::Name], ["nomo"]);
        assert_eq!(alone.columns[&Column::Type], ["speco"]);
        assert_eq!(alone.primitives["vereco"], "Edm.Boolean");
        assert_eq!(alone.collection, ["{} listo"]);
        assert!(alone.phrases.is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

//! What depends on the language of a page: the bilingual span format, and the lexicons of
//! heading words, column headers, type words and constraint phrases. Every lexicon in
//! `locales/*.json` is merged into one, so pages are read the same whatever their language,
//! and a new locale is a data file.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{LazyLock, OnceLock};

use regex::{Regex, RegexBuilder};
use regex_automata::meta;
use regex_automata::{Input, MatchKind, PatternSet};
use serde::{Deserialize, Serialize};

pub mod compare;
pub mod learn;

use crate::markdown::Inline;
use crate::model::{Edm, Scheme};

/// What a section is for, whether named by its anchor or by its heading words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    Properties,
    Relationships,
    JsonRepresentation,
    Methods,
    Permissions,
    HttpRequest,
    PathParameters,
    QueryParameters,
    FunctionParameters,
    RequestHeaders,
    RequestBody,
    Response,
    Examples,
    Members,
    Errors,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Column {
    Name,
    /// A name column headed "Parameter": the table lists an action's parameters, not a
    /// resource's properties. Its cells are keyed as [`Column::Name`].
    Parameter,
    Type,
    Description,
    Value,
    PermissionType,
    Permissions,
    /// An error or status code.
    Code,
}

/// Phrases with a meaning in descriptions and notes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phrase {
    NotSupported,
    Required,
    Optional,
    NotNullable,
    ReadOnly,
    Deprecated,
    /// Captures `n`.
    MaxLength,
    /// Captures `n` and `what` (the thing counted).
    MaxItems,
    /// Captures `n`, `what` and `when` (the property whose presence makes the count apply).
    MaxItemsWhen,
    /// Introduces a backticked list of values.
    PossibleValues,
    /// Ends the text before a link to the base type: "Inherits from [entity](entity.md)".
    InheritsFrom,
    /// A return-type cell saying there is none.
    NoType,
    /// Captures `min` and `max`.
    Range,
    /// Says the value is an email address.
    Email,
    /// Says the value is an absolute URL.
    Url,
}

/// A lexicon file, as `locales/*.json` and `docbind locale learn` write it. A key left out
/// is empty.
#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
pub struct LocaleFile {
    /// Names the file's language for people; matching merges all locales.
    locale: String,
    headings: BTreeMap<SectionKind, Vec<String>>,
    columns: BTreeMap<Column, Vec<String>>,
    primitives: BTreeMap<String, String>,
    collection: Vec<String>,
    schemes: BTreeMap<Scheme, Vec<String>>,
    numbers: BTreeMap<String, u64>,
    /// Endings a counted noun may carry that the property it names lacks: "participantes" and
    /// "participante" name `participants`.
    endings: Vec<String>,
    phrases: BTreeMap<Phrase, Vec<String>>,
    /// Request header names as translation wrote them, and the header each is: `Preferir` is
    /// `Prefer`.
    #[serde(default)]
    headers: BTreeMap<String, String>,
}

/// All locales merged.
pub struct Lexicon {
    headings: BTreeMap<String, SectionKind>,
    /// The headings of plain lowercase ASCII words, joined by hyphens as anchors are
    /// (`request-body`): an anchor is looked up as it is, with nothing to normalize.
    slugs: BTreeMap<String, SectionKind>,
    columns: BTreeMap<String, Column>,
    primitives: BTreeMap<String, Edm>,
    /// `(prefix, suffix)` around the element type, lowercase.
    collection: Vec<(String, String)>,
    /// Most specific first: "personal" must win over "delegated".
    schemes: Vec<(Scheme, String)>,
    numbers: BTreeMap<String, u64>,
    endings: Vec<String>,
    phrases: BTreeMap<Phrase, Vec<Pattern>>,
    /// Translated request header names, lowercase, and the header each is.
    headers: BTreeMap<String, String>,
    /// Every phrase pattern at once, so one pass over a text says which phrases occur.
    all: meta::Regex,
    /// The phrase of each pattern of `all`.
    all_phrases: Vec<Phrase>,
}

/// A phrase pattern, compiled when first used: a run over a few pages uses few of them, and
/// compiling every one would cost more than reading the pages.
struct Pattern {
    source: String,
    regex: OnceLock<Regex>,
}

impl Pattern {
    fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            RegexBuilder::new(&self.source)
                .case_insensitive(true)
                .build()
                .unwrap_or_else(|e| panic!("invalid phrase pattern {:?}: {e}", self.source))
        })
    }
}

/// The phrases that occur in a text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Phrases(u32);

impl Phrases {
    pub fn has(self, phrase: Phrase) -> bool {
        self.0 & (1 << phrase as u32) != 0
    }
}

const LOCALES: &[&str] = include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// The built-in lexicons, merged.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
        Lexicon::from_files(builtin_files().into_iter()).expect("the built-in lexicons compile")
    });
    &LEXICON
}

fn builtin_files() -> Vec<LocaleFile> {
    (LOCALES.iter())
        .map(|text| {
            serde_json::from_str(text).unwrap_or_else(|e| panic!("invalid locale file: {e}"))
        })
        .collect()
}

impl Lexicon {
    /// The built-in lexicons merged with the lexicon files at `paths` (as `docbind locale
    /// learn` writes them). A file that does not read, or a phrase that is not a regex, is an
    /// error naming the file (and its line and column).
    pub fn with_files(paths: &[std::path::PathBuf]) -> std::io::Result<Lexicon> {
        Lexicon::of_files(builtin_files(), paths)
    }

    /// The built-in lexicons merged with one in memory, as [`learn::learn`] gives it.
    pub fn with_learned(learned: LocaleFile) -> Result<Lexicon, String> {
        let mut files = builtin_files();
        files.push(learned);
        Lexicon::from_files(files.into_iter())
    }

    /// The lexicon files at `paths` alone, without the built-in ones: what a learned lexicon
    /// reads by itself.
    pub fn only_files(paths: &[std::path::PathBuf]) -> std::io::Result<Lexicon> {
        Lexicon::of_files(Vec::new(), paths)
    }

    fn of_files(
        mut files: Vec<LocaleFile>,
        paths: &[std::path::PathBuf],
    ) -> std::io::Result<Lexicon> {
        for path in paths {
            let text = std::fs::read_to_string(path).map_err(crate::at(path))?;
            let file: LocaleFile = serde_json::from_str(&text).map_err(|e| {
                let at = format!("{}:{}:{}", path.display(), e.line(), e.column());
                std::io::Error::new(std::io::ErrorKind::InvalidData, format!("{at}: {e}"))
            })?;
            files.push(file);
        }
        Lexicon::from_files(files.into_iter()).map_err(|e| {
            let names: Vec<_> = paths.iter().map(|p| p.display().to_string()).collect();
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{}: {e}", names.join(", ")),
            )
        })
    }

    fn from_files(files: impl Iterator<Item = LocaleFile>) -> Result<Self, String> {
        let mut lex = Lexicon {
            headings: BTreeMap::new(),
            slugs: BTreeMap::new(),
            columns: BTreeMap::new(),
            primitives: BTreeMap::new(),
            collection: Vec::new(),
            schemes: Vec::new(),
            numbers: BTreeMap::new(),
            endings: Vec::new(),
            phrases: BTreeMap::new(),
            headers: BTreeMap::new(),
            all: meta::Regex::new_many::<&str>(&[]).expect("an empty set"),
            all_phrases: Vec::new(),
        };
        let mut patterns = Vec::new();
        for file in files {
            for (kind, words) in file.headings {
                lex.headings
                    .extend(words.iter().map(|w| (normalize(w), kind)));
            }
            for (column, words) in file.columns {
                lex.columns
                    .extend(words.iter().map(|w| (normalize(w), column)));
            }
            for (word, name) in file.primitives {
                let edm = (Edm::from_name(&name))
                    .ok_or_else(|| format!("primitive {word:?} is not an Edm type: {name}"))?;
                lex.primitives.insert(word.to_lowercase(), edm);
            }
            for pattern in file.collection {
                let (prefix, suffix) = (pattern.split_once("{}"))
                    .ok_or_else(|| format!("collection pattern {pattern:?} has no {{}}"))?;
                lex.collection
                    .push((prefix.to_lowercase(), suffix.to_lowercase()));
            }
            for (scheme, words) in file.schemes {
                lex.schemes
                    .extend(words.into_iter().map(|w| (scheme, w.to_lowercase())));
            }
            lex.numbers.extend(file.numbers);
            lex.endings.extend(file.endings);
            (lex.headers).extend(file.headers.into_iter().map(|(w, h)| (w.to_lowercase(), h)));
            for (phrase, list) in file.phrases {
                patterns.extend(list.iter().map(|p| (phrase, compact(p))));
                let each = list.iter().map(|p| Pattern {
                    source: compact(p),
                    regex: OnceLock::new(),
                });
                lex.phrases.entry(phrase).or_default().extend(each);
            }
        }
        // Which phrases occur, as a set does it, without the literal prefilter: it costs more
        // to build than it saves on descriptions a sentence or two long.
        let config = meta::Config::new()
            .match_kind(MatchKind::All)
            .auto_prefilter(false)
            .which_captures(regex_automata::nfa::thompson::WhichCaptures::Implicit)
            // The lazy DFA of all phrases at once needs ~8 MB of states; with less, it is
            // given up for a matcher 50 times slower. The cache grows only as far as needed.
            .hybrid_cache_capacity(32 << 20);
        let syntax = regex_automata::util::syntax::Config::new().case_insensitive(true);
        lex.all = meta::Builder::new()
            .configure(config)
            .syntax(syntax)
            .build_many(&patterns.iter().map(|(_, p)| p.as_str()).collect::<Vec<_>>())
            .map_err(|e| format!("invalid phrase pattern: {e}"))?;
        lex.all_phrases = patterns.into_iter().map(|(phrase, _)| phrase).collect();
        // `section` reads an anchor's hyphens as spaces: a heading with a hyphen has no slug.
        lex.slugs = (lex.headings.iter())
            .filter(|(words, _)| !words.contains('-'))
            .map(|(words, kind)| (words.replace(' ', "-"), *kind))
            .filter(|(slug, _)| is_slug(slug))
            .collect();
        // Longest words first, so the most specific match wins.
        lex.schemes.sort_by_key(|(_, w)| std::cmp::Reverse(w.len()));
        lex.collection
            .sort_by_key(|(p, s)| std::cmp::Reverse(p.len() + s.len()));
        Ok(lex)
    }

    /// A section kind from heading words or from an (English) anchor slug.
    pub fn section(&self, heading_or_anchor: &str) -> Option<SectionKind> {
        if is_slug(heading_or_anchor) {
            return self.slugs.get(heading_or_anchor).copied();
        }
        let key = if heading_or_anchor.contains('-') {
            normalize(&heading_or_anchor.replace('-', " "))
        } else {
            normalize(heading_or_anchor)
        };
        self.headings.get(&key).copied()
    }

    /// The request header a headers table's name cell names: `Prefer: outlook.timezone` is
    /// `Prefer`, and a translated name is the header it translates.
    pub fn header_name(&self, cell: &str) -> String {
        let name = cell.split(':').next().unwrap_or(cell).trim();
        match self.headers.get(&name.to_lowercase()) {
            Some(header) => header.clone(),
            None => name.to_owned(),
        }
    }

    pub fn column(&self, header: &str) -> Option<Column> {
        self.columns.get(&normalize(header)).copied()
    }

    /// The primitive a type word names, in any locale.
    /// A trailing note such as `string (url)` or `Cadeia de caracteres, tamanho máximo 20`
    /// does not hide the type word.
    pub fn primitive(&self, word: &str) -> Option<Edm> {
        let word = word.trim().to_lowercase();
        let word = word.strip_prefix("edm.").unwrap_or(&word);
        let bare = word.split(['(', ',']).next().unwrap_or(word).trim();
        self.primitives
            .get(word)
            .or_else(|| self.primitives.get(bare))
            .cloned()
    }

    /// The element text of a collection phrase such as `X collection` or `coleção de X`.
    pub fn collection_element<'t>(&self, text: &'t str) -> Option<&'t str> {
        // Every type cell asks, so no lowercase copy of the text is made.
        self.collection.iter().find_map(|(prefix, suffix)| {
            let inner = strip_folded(strip_folded(text, prefix, false)?, suffix, true)?;
            (!inner.trim().is_empty()).then(|| inner.trim())
        })
    }

    /// Whether `text` ends with collection wording that comes before the element, such as
    /// "an array of" or "uma matriz de".
    pub fn ends_with_collection(&self, text: &str) -> bool {
        let text = text.trim_end();
        self.collection
            .iter()
            .filter(|(prefix, suffix)| suffix.is_empty() && !prefix.trim().is_empty())
            .any(|(prefix, _)| strip_folded(text, prefix.trim_end(), true).is_some())
    }

    pub fn scheme(&self, text: &str) -> Option<Scheme> {
        let lower = text.to_lowercase();
        self.schemes
            .iter()
            .find(|(_, w)| lower.contains(w.as_str()))
            .map(|&(s, _)| s)
    }

    /// Whether `phrase` occurs in `text`: one pass of every phrase at once, which spares
    /// compiling the phrase's own patterns.
    pub fn has(&self, phrase: Phrase, text: &str) -> bool {
        self.scan(text).has(phrase)
    }

    /// Which phrases occur in `text`, in one pass.
    pub fn scan(&self, text: &str) -> Phrases {
        // Most texts hold no phrase, and asking whether any matches is a cheaper pass than
        // collecting which do.
        if !self.all.is_match(text) {
            return Phrases(0);
        }
        let mut found = PatternSet::new(self.all.pattern_len());
        self.all
            .which_overlapping_matches(&Input::new(text), &mut found);
        let bits = found.iter().fold(0, |bits, p| {
            bits | 1 << self.all_phrases[p.as_usize()] as u32
        });
        Phrases(bits)
    }

    /// The first match of a phrase, without captures (a cheaper search).
    pub fn find_first<'t>(&self, phrase: Phrase, text: &'t str) -> Option<regex::Match<'t>> {
        self.phrases
            .get(&phrase)?
            .iter()
            .filter_map(|r| r.regex().find(text))
            .min_by_key(|m| m.start())
    }

    /// Every match of a phrase, with its named captures. Ordered by position.
    pub fn find_all<'t>(&self, phrase: Phrase, text: &'t str) -> Vec<regex::Captures<'t>> {
        let mut all: Vec<_> = self
            .phrases
            .get(&phrase)
            .into_iter()
            .flatten()
            .flat_map(|r| r.regex().captures_iter(text))
            .collect();
        all.sort_by_key(|c| c.get(0).map_or(0, |m| m.start()));
        all
    }

    /// Whether a word of prose names the property `name`, up to a plural or singular ending of
    /// any locale (case aside).
    pub fn names_property(&self, word: &str, name: &str) -> bool {
        let (word, name) = (word.to_lowercase(), name.to_lowercase());
        let stems = |w: &'_ str| -> Vec<String> {
            let cut = self
                .endings
                .iter()
                .filter_map(|e| w.strip_suffix(e.as_str()));
            std::iter::once(w).chain(cut).map(str::to_owned).collect()
        };
        let name = stems(&name);
        stems(&word).iter().any(|w| name.contains(w))
    }

    /// A count written in digits (`1,024` and `1.024` group thousands) or as a word.
    pub fn number(&self, word: &str) -> Option<u64> {
        let grouped = word.len() > 4
            && word
                .split([',', '.'])
                .skip(1)
                .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
        let digits: String = if grouped {
            word.chars().filter(char::is_ascii_digit).collect()
        } else {
            word.to_owned()
        };
        digits
            .parse()
            .ok()
            .or_else(|| self.numbers.get(&word.to_lowercase()).copied())
    }
}

/// A phrase pattern with classes as narrow as the lexicons' languages need. An ASCII word
/// boundary keeps the fast DFA engines usable on accented text (a Unicode one makes the regex
/// crate fall back to a slow one), and Unicode `\w` and `\d` cost most of a pattern's
/// compile time, paid at every start, for scripts no lexicon writes in.
fn compact(pattern: &str) -> String {
    pattern
        .replace(r"\b", r"(?-u:\b)")
        .replace(r"\w", r"[0-9A-Za-z_\u{C0}-\u{FF}]")
        .replace(r"\d", "[0-9]")
}

/// `text` without `affix` (lowercase) at its start, or at its end with `from_end`, compared
/// without case and without a lowercase copy of `text`.
fn strip_folded<'t>(text: &'t str, affix: &str, from_end: bool) -> Option<&'t str> {
    let same = |c: char, a: char| c.to_lowercase().eq(std::iter::once(a));
    let mut rest = text.chars();
    if from_end {
        for a in affix.chars().rev() {
            if !same(rest.next_back()?, a) {
                return None;
            }
        }
    } else {
        for a in affix.chars() {
            if !same(rest.next()?, a) {
                return None;
            }
        }
    }
    Some(rest.as_str())
}

/// Lowercase, without a parenthetical, punctuation at the ends, or repeated spaces.
fn normalize(text: &str) -> String {
    let text = match text.find('(') {
        Some(i) if i > 0 => &text[..i],
        _ => text,
    };
    let text = text.trim().trim_end_matches([':', '.']).to_lowercase();
    // Nearly always single spaces already: then the lowercase text is the answer.
    let mut after_space = true;
    let single_spaced = text.chars().all(|c| {
        let ok = if c == ' ' {
            !after_space
        } else {
            !c.is_whitespace()
        };
        after_space = c == ' ';
        ok
    });
    if single_spaced && !after_space {
        return text;
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lowercase ASCII words joined by single hyphens, as nearly every anchor is: what
/// [`Lexicon::section`] would make of it is its words joined by spaces.
fn is_slug(text: &str) -> bool {
    // One pass over the bytes: every section asks, and most headings fail at the first.
    let mut after_word = false;
    for b in text.bytes() {
        after_word = match b {
            b'a'..=b'z' | b'0'..=b'9' => true,
            b'-' if after_word => false,
            _ => return false,
        };
    }
    after_word
}

/// A run of text in the bilingual span format, split by language.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Split<'a> {
    /// The page's own (possibly translated) text: the inlines themselves where no span
    /// divides them, as on most pages.
    pub local: Cow<'a, [Inline]>,
    /// The English source from `sxs-lookup` spans, when the page has them.
    pub english: Option<Vec<Inline>>,
}

impl Split<'_> {
    /// The text that drives classification: English where the page carries it.
    pub fn source(&self) -> &[Inline] {
        self.english.as_deref().unwrap_or(&self.local)
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Lang {
    Local,
    English,
    Other,
}

/// Whether translation certainly replaced a name: English wire names are camelCase ASCII,
/// so one that is not ASCII or starts with a capital ("Revisores", "Iniciador") is not one.
pub fn surely_translated(name: &str) -> bool {
    !name.is_ascii() || name.starts_with(|c: char| c.is_ascii_uppercase())
}

/// Strips `<span data-ttu-id>` / `<span class="sxs-lookup">` markup, keeping each language.
pub fn split(inlines: &[Inline]) -> Split<'_> {
    if as_is(inlines) {
        return Split {
            local: Cow::Borrowed(inlines),
            english: None,
        };
    }
    let mut local = Vec::with_capacity(inlines.len());
    let mut english = Vec::with_capacity(inlines.len());
    let mut stack = Vec::new();
    let bilingual = split_into(inlines, &mut stack, &mut local, &mut english);
    Split {
        local: Cow::Owned(local),
        english: bilingual.then_some(english),
    }
}

/// Whether splitting leaves `inlines` as they are: no spans, and no link that would be
/// dropped for having no text.
fn as_is(inlines: &[Inline]) -> bool {
    inlines.iter().all(|inline| match inline {
        Inline::Html(html) => !html.starts_with("<span") && !html.starts_with("</span"),
        Inline::Link { children, .. } => !children.is_empty() && as_is(children),
        _ => true,
    })
}

/// Returns whether any `sxs-lookup` span was seen.
fn split_into(
    inlines: &[Inline],
    stack: &mut Vec<Lang>,
    local: &mut Vec<Inline>,
    english: &mut Vec<Inline>,
) -> bool {
    let mut bilingual = false;
    for inline in inlines {
        let lang = stack.iter().rev().find(|l| **l != Lang::Other).copied();
        match inline {
            Inline::Html(html) if html.starts_with("<span") => {
                let class = crate::markdown::attribute(html, "class");
                let pushed = if class.as_deref() == Some("sxs-lookup") {
                    bilingual = true;
                    Lang::English
                } else if html.contains("data-ttu-id") {
                    Lang::Local
                } else {
                    Lang::Other
                };
                stack.push(pushed);
            }
            Inline::Html(html) if html.starts_with("</span") => {
                stack.pop();
            }
            Inline::Link { url, children } => {
                let (mut l, mut e) = (Vec::new(), Vec::new());
                bilingual |= split_into(children, stack, &mut l, &mut e);
                // A link inside one language's span belongs to that language only.
                if lang != Some(Lang::English) && !l.is_empty() {
                    local.push(Inline::Link {
                        url: url.clone(),
                        children: l,
                    });
                }
                if lang != Some(Lang::Local) && !e.is_empty() {
                    english.push(Inline::Link {
                        url: url.clone(),
                        children: e,
                    });
                }
            }
            other => {
                if lang != Some(Lang::English) {
                    local.push(other.clone());
                }
                if lang != Some(Lang::Local) {
                    english.push(other.clone());
                }
            }
        }
    }
    bilingual
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{Inline, parse};

    fn cell(md: &str) -> Vec<Inline> {
        let doc = parse(&format!("| a |\n|---|\n| {md} |\n"));
        doc.tables[0].rows[0][0].inlines.clone()
    }

    #[test]
    fn splits_bilingual_spans_with_links() {
        let inlines = cell(
            r#"<span data-ttu-id="b-137">conjunto [X](../resources/x.md)</span><span class="sxs-lookup"><span data-stu-id="b-137">[X](../resources/x.md) collection</span></span>"#,
        );
        let split = split(&inlines);
        let english = split.english.as_ref().unwrap();
        assert_eq!(crate::markdown::plain(english), "X collection");
        assert_eq!(crate::markdown::plain(&split.local), "conjunto X");
        assert!(matches!(&english[0], Inline::Link { url, .. } if url == "../resources/x.md"));
    }

    #[test]
    fn plain_text_is_local_only() {
        let inlines = cell("Cadeia de caracteres");
        let split = split(&inlines);
        assert_eq!(split.english, None);
        assert_eq!(
            crate::markdown::plain(split.source()),
            "Cadeia de caracteres"
        );
    }

    #[test]
    fn anchors_read_as_their_words() {
        let lex = lexicon();
        let mut slugs = 0;
        for words in lex.headings.keys() {
            let anchor = words.replace(' ', "-");
            if is_slug(&anchor) {
                slugs += 1;
                assert_eq!(lex.section(&anchor), lex.section(&anchor.replace('-', " ")));
            }
        }
        assert!(slugs > 20, "{slugs}");
        assert_eq!(lex.section("example-1"), None);
        assert!(!is_slug("Request-body") && !is_slug("request--body") && !is_slug("-x"));
        assert_eq!(lex.section("Request-Body"), Some(SectionKind::RequestBody));
    }

    #[test]
    fn counted_words_name_properties_in_any_locale() {
        let lex = lexicon();
        for word in [
            "participants",
            "participant",
            "Participantes",
            "participante",
        ] {
            assert!(lex.names_property(word, "participants"), "{word}");
        }
        assert!(lex.names_property("addresses", "address"));
        assert!(!lex.names_property("members", "participants"));
        assert!(!lex.names_property("part", "participants"));
    }

    #[test]
    fn every_phrase_pattern_compiles() {
        // They compile when first used, so a bad one would otherwise wait for its phrase.
        for pattern in lexicon().phrases.values().flatten() {
            pattern.regex();
        }
        assert!(lexicon().phrases.values().flatten().count() > 50);
    }

    #[test]
    fn lexicon_reads_every_locale() {
        let lex = lexicon();
        assert_eq!(lex.section("Propriedades"), Some(SectionKind::Properties));
        assert_eq!(lex.section("request-body"), Some(SectionKind::RequestBody));
        assert_eq!(
            lex.column("Permissões (da com menos para a com mais privilégios)"),
            Some(Column::Permissions)
        );
        assert_eq!(lex.primitive("Cadeia de caracteres"), Some(Edm::String));
        assert_eq!(lex.primitive("Edm.Int64"), Some(Edm::Int64));
        assert_eq!(lex.collection_element("coleção de Foo"), Some("Foo"));
        assert_eq!(lex.collection_element("Collection(Foo)"), Some("Foo"));
        assert_eq!(
            lex.scheme("Delegado (conta pessoal da Microsoft)"),
            Some(Scheme::DelegatedPersonal)
        );
        assert_eq!(
            lex.scheme("Delegated (work or school account)"),
            Some(Scheme::DelegatedWork)
        );
        assert_eq!(lex.scheme("Aplicativo"), Some(Scheme::Application));
        let caps = lex.find_all(Phrase::MaxLength, "Unique string. Max limit is 256 chars.");
        assert_eq!(&caps[0]["n"], "256");
        let caps = lex.find_all(Phrase::MaxLength, "O limite máximo é de 256 caracteres.");
        assert_eq!(&caps[0]["n"], "256");
        let caps = lex.find_all(Phrase::MaxItems, "Há suporte para até cinco participantes.");
        assert_eq!(lex.number(&caps[0]["n"]), Some(5));
        assert_eq!(&caps[0]["what"], "participantes");
        assert!(lex.has(Phrase::Required, "Bearer {token}. Required."));
        assert!(lex.has(Phrase::Required, "Obrigatório. O nome."));
        assert!(!lex.has(Phrase::Required, "Required if the call is a group call."));
    }
}

//! Rules the prose states about a value: required, read-only, nullable, lengths, item
//! counts, ranges, formats and allowed values.

use super::Cx;
use super::tables::Row;
use crate::locale::{Lexicon, Phrase, Phrases, split};
use crate::markdown::plain;
use crate::model::*;

impl Cx<'_> {
    pub(super) fn property(
        &self,
        name: String,
        ty: TypeRef,
        row: Option<&Row>,
        source: Source,
    ) -> Property {
        let description = row.and_then(Row::description);
        let text = description.as_ref().map_or("", Text::source);
        let found = self.lex.scan(text);
        let mut constraints = Vec::new();
        if let Some(row) = row {
            constraints = self.constraints(text, found, &ty, None, row.range.start);
        }
        let format = match ty.element() {
            TypeRef::Primitive(Edm::Guid) => Some(Format::Guid),
            TypeRef::Primitive(Edm::String)
                if found.has(Phrase::Email) && name.to_lowercase().contains("mail") =>
            {
                Some(Format::Email)
            }
            TypeRef::Primitive(Edm::String) if found.has(Phrase::Url) => Some(Format::Uri),
            _ => None,
        };
        if let Some(format) = format {
            let phrase = match format {
                Format::Guid => Edm::Guid.name().to_owned(),
                _ => text.to_owned(),
            };
            constraints.push(Constraint {
                rule: Rule::Format { format },
                phrase,
                source: source.clone(),
            });
        }
        Property {
            required: found.has(Phrase::Required),
            read_only: found.has(Phrase::ReadOnly),
            // OData properties are nullable unless declared otherwise.
            nullable: !found.has(Phrase::NotNullable),
            optional: false,
            provenance: Provenance::Listed,
            description,
            constraints,
            name,
            ty,
            source,
        }
    }

    /// Item counts stated in notes anywhere on the page, for the collection parameters they
    /// name ("up to 5 participants").
    pub(super) fn item_counts_in_notes(&self, params: &mut [Property]) {
        if !params.iter().any(|p| p.ty.is_collection()) {
            return;
        }
        let lex = self.lex;
        let notes = self
            .doc
            .paragraphs
            .iter()
            .map(|p| (plain(split(&p.inlines).source()), p.range.start));
        for (text, offset) in notes {
            let found = lex.scan(&text);
            if !found.has(Phrase::MaxItems) && !found.has(Phrase::MaxItemsWhen) {
                continue;
            }
            for param in params.iter_mut().filter(|p| p.ty.is_collection()) {
                for c in self.constraints(&text, found, &param.ty, Some(&param.name), offset) {
                    if !param.constraints.iter().any(|have| have.rule == c.rule) {
                        param.constraints.push(c);
                    }
                }
            }
        }
    }

    /// Length and item-count rules stated in `text`. With `subject`, an item count must name
    /// it ("up to 5 participants"), so prose elsewhere on the page never lands on the wrong
    /// property.
    fn constraints(
        &self,
        text: &str,
        found: Phrases,
        ty: &TypeRef,
        subject: Option<&str>,
        offset: usize,
    ) -> Vec<Constraint> {
        let lex = self.lex;
        let mut out = Vec::new();
        let source = self.at(offset);
        if !ty.is_collection() && subject.is_none() && found.has(Phrase::MaxLength) {
            for caps in lex.find_all(Phrase::MaxLength, text) {
                if let Some(max) = lex.number(&caps["n"]) {
                    out.push(Constraint {
                        rule: Rule::MaxLength { max },
                        phrase: caps[0].to_owned(),
                        source: source.clone(),
                    });
                }
            }
        }
        if subject.is_none()
            && found.has(Phrase::PossibleValues)
            && let Some((phrase, values)) = possible_values(self.lex, text)
        {
            out.push(Constraint {
                rule: Rule::AllowedValues { values },
                phrase,
                source: source.clone(),
            });
        }
        let numeric = ty.primitive().is_some_and(Edm::is_numeric);
        if numeric && subject.is_none() && found.has(Phrase::Range) {
            for caps in lex.find_all(Phrase::Range, text) {
                if let (Ok(min), Ok(max)) = (caps["min"].parse(), caps["max"].parse())
                    && min <= max
                {
                    out.push(Constraint {
                        rule: Rule::Range { min, max },
                        phrase: caps[0].to_owned(),
                        source: source.clone(),
                    });
                }
            }
        }
        for phrase in [Phrase::MaxItems, Phrase::MaxItemsWhen] {
            if !ty.is_collection() || !found.has(phrase) {
                continue;
            }
            for caps in lex.find_all(phrase, text) {
                let names_subject = subject.is_none_or(|s| lex.names_property(&caps["what"], s));
                let Some(max) = lex.number(&caps["n"]).filter(|_| names_subject) else {
                    continue;
                };
                let rule = match caps.name("when") {
                    Some(when) => Rule::MaxItemsWhen {
                        max,
                        when: when.as_str().to_owned(),
                    },
                    None => Rule::MaxItems { max },
                };
                out.push(Constraint {
                    rule,
                    phrase: caps[0].to_owned(),
                    source: source.clone(),
                });
            }
        }
        // One rule per kind: two phrasings of the same limit are one limit.
        out.dedup_by(|a, b| a.rule.kind() == b.rule.kind());
        out
    }
}

/// "Possible values are: `a`, `b`, `c`." in any lexicon language: the phrase as written and
/// the backticked values up to the end of its sentence.
fn possible_values(lex: &Lexicon, text: &str) -> Option<(String, Vec<String>)> {
    let found = lex.find_first(Phrase::PossibleValues, text)?;
    let (start, after) = (found.start(), found.end());
    let rest = &text[after..];
    let mut values: Vec<String> = Vec::new();
    let mut code_start = None;
    let mut end = rest.len();
    for (i, c) in rest.char_indices() {
        match (c, code_start) {
            ('`', Some(from)) => {
                let value = rest[from..i].trim();
                if !value.is_empty() && !values.iter().any(|v| v == value) {
                    values.push(value.to_owned());
                }
                code_start = None;
            }
            ('`', None) => code_start = Some(i + 1),
            ('.', None)
                if rest[i + 1..].is_empty() || rest[i + 1..].starts_with(char::is_whitespace) =>
            {
                end = i + 1;
                break;
            }
            _ => {}
        }
    }
    (!values.is_empty()).then(|| (text[start..after + end].to_owned(), values))
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::lexicon;

    #[test]
    fn possible_values_in_both_languages() {
        let (phrase, values) = possible_values(lexicon(), "The state. Possible values are: `notStarted`, `running`, `unknownFutureValue`. Read-only.").unwrap();
        assert_eq!(values, ["notStarted", "running", "unknownFutureValue"]);
        assert_eq!(
            phrase,
            "Possible values are: `notStarted`, `running`, `unknownFutureValue`."
        );
        let (_, values) = possible_values(
            lexicon(),
            "O estado. Os valores possíveis são: `a`, `b.c` e `d`. Somente leitura: `x`.",
        )
        .unwrap();
        assert_eq!(values, ["a", "b.c", "d"]);
        assert_eq!(
            possible_values(lexicon(), "Possible values are listed elsewhere."),
            None
        );
    }
}

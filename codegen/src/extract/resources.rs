//! Resources: a JSON representation with its properties and relationships tables, its
//! annotation lists, its methods table, and the base type its introduction names.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::Cx;
use super::blocks::Annotation;
use super::tables::{Row, TableKind, clean_name, repeated, unreadable};
use super::types::{json_type, link_stem, type_cell};
use crate::locale::{Column, Phrase, split};
use crate::markdown::{CodeBlock, Inline, links, plain};
use crate::model::*;
use crate::translation::{self, align, pair_by_type};

impl Cx<'_> {
    /// Every type a `resource` block defines.
    pub(super) fn resources(&self) -> Vec<ComplexType> {
        let annotated = self.doc.blocks.iter().zip(&self.annotations);
        annotated
            .filter_map(|(block, ann)| Some((block, ann.as_ref()?)))
            .filter(|(_, ann)| ann.block_type() == Some("resource"))
            .map(|(block, ann)| self.resource(block, ann))
            .collect()
    }

    fn resource(&self, block: &CodeBlock, ann: &Annotation) -> ComplexType {
        let at = block
            .annotation
            .as_ref()
            .map_or(block.range.start, |a| a.offset);
        let name = ann.odata_type().unwrap_or_else(|| {
            let message = "resource block has no `@odata.type`; named after the file";
            self.diag(at, Code::ResourceNameMissing, message);
            format!("{}.{}", self.namespace(), self.stem())
        });
        let mut properties = self.listed_properties(block);
        // Navigation properties are mostly only in the relationships table.
        for mut p in self.typed_rows(TableKind::Relationships) {
            if !properties.iter().any(|have| have.name == p.name) {
                p.provenance = Provenance::Navigation;
                properties.push(p);
            }
        }
        self.annotation_lists(&mut properties, ann);
        let (base, base_stated) = match ann.type_name("baseType") {
            Some(base) => (Some(base), Some(BaseStated::Annotation)),
            None => {
                let base = self.stated_base();
                let stated = base.as_ref().map(|_| BaseStated::Prose);
                (base, stated)
            }
        };
        ComplexType {
            name,
            methods: self.methods(),
            base,
            base_stated,
            key: ann.type_name("keyProperty"),
            open: ann.flag("openType"),
            is_abstract: ann.flag("abstract"),
            description: self.summary(),
            properties,
            source: self.at(at),
            merged_from: Vec::new(),
        }
    }

    /// The properties of the JSON representation in `block`, each with its row of the
    /// properties table, then the rows it lacks: nothing the page documents is dropped.
    fn listed_properties(&self, block: &CodeBlock) -> Vec<Property> {
        let json = self.body_json(block, 0);
        let rows = self.rows(TableKind::Properties);
        let names: Vec<String> = rows
            .iter()
            .map(|r| clean_name(&r.text(Column::Name).unwrap_or_default()))
            .collect();
        let mut used = vec![false; rows.len()];
        let mut properties = match &json {
            Some(Value::Object(map)) => self.json_properties(block, map, &rows, &names, &mut used),
            _ => Vec::new(),
        };
        for (i, row) in rows.iter().enumerate().filter(|(i, _)| !used[*i]) {
            let name = &names[i];
            // `@odata.type` rows describe annotations, which every type already carries.
            if name.is_empty() || name.starts_with('@') {
                continue;
            }
            // A name an earlier row has is a repeat, unless translation made two names one
            // and the row stands for a key of its own (it is then used).
            if names[..i].contains(name) {
                self.diag(row.range.start, Code::DuplicateRow, repeated(name));
                continue;
            }
            if json.is_some() {
                let message = format!(
                    "property `{name}` is in the properties table but not in the JSON representation"
                );
                self.diag(row.range.start, Code::TableJsonMismatch, message);
            }
            let Some(ty) = row
                .cells
                .get(&Column::Type)
                .and_then(|c| type_cell(self.lex, c))
            else {
                self.diag(row.range.start, Code::TypeUnreadable, unreadable(name));
                continue;
            };
            let source = self.at(row.range.start);
            let mut p = self.property(name.clone(), ty, Some(row), source);
            if json.is_some() {
                p.provenance = Provenance::TableOnly;
            }
            properties.push(p);
        }
        properties
    }

    /// A property for each key of the JSON representation `map`, typed by the JSON and its
    /// row in the table (found by name or, on a translated page, by what stands in its place),
    /// marking the rows it `used`.
    fn json_properties(
        &self,
        block: &CodeBlock,
        map: &Map<String, Value>,
        rows: &[Row],
        names: &[String],
        used: &mut [bool],
    ) -> Vec<Property> {
        let keys: Vec<&str> = map
            .keys()
            .map(String::as_str)
            .filter(|k| !k.starts_with('@'))
            .collect();
        let translated = self.translated();
        let mut pairs = align(&keys, names, translated);
        if translated {
            let key_type = |k: usize| json_type(self.lex, &map[keys[k]]);
            let row_type = |r: usize| {
                rows[r]
                    .cells
                    .get(&Column::Type)
                    .and_then(|c| type_cell(self.lex, c))
            };
            // A camelCase row (`relatedContacts`, which translation left alone) of another
            // shape than the key is its own property, not a stand-in for a key the table
            // lacks.
            let camel = |n: &str| {
                n.starts_with(|c: char| c.is_ascii_lowercase())
                    && n.chars().all(|c| c.is_ascii_alphanumeric())
                    && n.chars().any(|c| c.is_ascii_uppercase())
            };
            for (k, pair) in pairs.iter_mut().enumerate() {
                if let Some((r, true)) = *pair
                    && camel(&names[r])
                    && row_type(r).is_some_and(|t| t.is_collection() != key_type(k).is_collection())
                {
                    *pair = None;
                }
            }
            pair_by_type(names, key_type, row_type, &mut pairs);
        }
        let mut properties = Vec::with_capacity(keys.len());
        let quoted = first_quoted(&block.text);
        for (key, pair) in keys.iter().zip(pairs) {
            let value = &map[*key];
            let key_offset = quoted
                .get(key)
                .map_or(block.range.start, |o| block.source_offset(*o));
            let json_ty = json_type(self.lex, value);
            let row = pair.map(|(i, replaced)| {
                used[i] = true;
                if replaced {
                    let pair = (names[i].clone(), key.to_string());
                    self.names_translated.borrow_mut().push(pair);
                    let source = self.at(rows[i].range.start);
                    let why = "it stands in its place";
                    self.report(translation::renamed(
                        &source, "property", &names[i], key, why,
                    ));
                }
                &rows[i]
            });
            let (ty, source) = match row {
                Some(row) => {
                    let table_ty = row
                        .cells
                        .get(&Column::Type)
                        .and_then(|c| type_cell(self.lex, c));
                    let ty = self.merge_types(key, table_ty, json_ty, row.range.start);
                    (ty, self.at(row.range.start))
                }
                None => {
                    let message = format!(
                        "property `{key}` is in the JSON representation but not in the properties table"
                    );
                    self.diag(key_offset, Code::TableJsonMismatch, message);
                    (json_ty, self.at(key_offset))
                }
            };
            let mut property = self.property(key.to_string(), ty, row, source);
            if let Value::String(placeholder) = value {
                self.placeholder_values(&mut property, placeholder, key_offset);
            }
            properties.push(property);
        }
        properties
    }

    /// `"inactive | sendOnly"` placeholders list the values when prose does not.
    fn placeholder_values(&self, property: &mut Property, placeholder: &str, offset: usize) {
        if !placeholder.contains(" | ") || property.allowed_values().is_some() {
            return;
        }
        let values = placeholder
            .split('|')
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .collect();
        property.constraints.push(Constraint {
            rule: Rule::AllowedValues { values },
            phrase: placeholder.to_owned(),
            source: self.at(offset),
        });
    }

    /// `nullableProperties` and `optionalProperties`. A property the annotation calls nullable
    /// stays so whatever its description says: a round trip must not lose a null it allows.
    fn annotation_lists(&self, properties: &mut [Property], ann: &Annotation) {
        let nullable = ann.names("nullableProperties");
        let optional = ann.names("optionalProperties");
        for p in properties {
            let listed = nullable.contains(&p.name);
            // Only a description that says "not nullable" has made it so yet.
            let says_not = !p.nullable;
            if listed && says_not {
                self.report(Diagnostic::new(
                    Code::NullabilityConflict,
                    p.source.clone(),
                    format!(
                        "`{}` is in nullableProperties but its description says it is not nullable",
                        p.name
                    ),
                ));
            }
            p.nullable |= listed;
            p.optional = optional.contains(&p.name);
        }
    }

    /// The methods table: each method's name, the operation page it links to and what it
    /// returns.
    fn methods(&self) -> Vec<MethodRef> {
        let rows = self.rows(TableKind::Methods);
        rows.iter()
            .filter_map(|row| {
                let cell = row.cells.get(&Column::Name)?;
                let name = plain(cell.source()).trim_matches('`').trim().to_owned();
                let operation = links(cell.source())
                    .into_iter()
                    .find_map(|(_, url)| link_stem(url));
                let returns = row
                    .cells
                    .get(&Column::Type)
                    .filter(|c| !self.lex.has(Phrase::NoType, &plain(c.source())))
                    .and_then(|c| type_cell(self.lex, c));
                (!name.is_empty()).then_some(MethodRef {
                    name,
                    returns,
                    operation,
                    description: row.description(),
                })
            })
            .collect()
    }

    fn merge_types(
        &self,
        key: &str,
        table: Option<TypeRef>,
        json: TypeRef,
        offset: usize,
    ) -> TypeRef {
        let Some(table) = table else { return json };
        let shapes_differ = table.is_collection() != json.is_collection()
            && json != TypeRef::Primitive(Edm::Untyped);
        let names_differ = matches!(
            (table.element(), json.element()),
            (TypeRef::Named(t), TypeRef::Named(j)) if !same_simple_name(t, j)
        );
        if shapes_differ || names_differ {
            let message = format!(
                "`{key}` is `{table}` in the table but `{json}` in the JSON representation; using the JSON"
            );
            let diagnostic = Diagnostic::new(Code::TableJsonMismatch, self.at(offset), message);
            self.report(diagnostic.with_severity(Severity::Warning));
            return json;
        }
        match json.element() {
            TypeRef::Named(_) => json,
            _ => table,
        }
    }

    /// The base type the page's introduction names ("Inherits from [entity](entity.md)", "a
    /// subclass of [x](x.md)"), for resources whose annotation gives no `baseType`. The link
    /// target names it: its text is often translated ("Herda da [entidade](entity.md)"), and
    /// may have taken in the phrase's last word ("uma subclasse [de x](x.md)").
    fn stated_base(&self) -> Option<String> {
        let lex = self.lex;
        self.doc
            .paragraphs
            .iter()
            .filter(|p| p.section.is_none_or(|s| self.doc.sections[s].level == 1))
            .find_map(|p| {
                let split = split(&p.inlines);
                let inlines = split.source();
                inlines.iter().enumerate().find_map(|(i, inline)| {
                    let Inline::Link { url, children } = inline else {
                        return None;
                    };
                    let before = plain(&inlines[..i]);
                    let before = before.trim_end();
                    let text = plain(children);
                    let lead = text.split_whitespace().next().unwrap_or_default();
                    let stated = lex.has(Phrase::InheritsFrom, before)
                        || lex.has(Phrase::InheritsFrom, &format!("{before} {lead}"));
                    stated.then(|| link_stem(url))?
                })
            })
    }
}

/// Where `"text"` first appears in `text`, for each text between two quotes: a search per key
/// took minutes on a page of many properties.
fn first_quoted(text: &str) -> HashMap<&str, usize> {
    let quotes: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
    let mut first = HashMap::new();
    for pair in quotes.windows(2) {
        first.entry(&text[pair[0] + 1..pair[1]]).or_insert(pair[0]);
    }
    first
}

#[cfg(test)]
mod tests {
    use super::super::{Fragment, page};
    use crate::model::*;

    /// A resource page whose JSON representation has `name` and `size`, with `rows`.
    fn widget(locale: &str, rows: &str) -> Fragment {
        let md = format!(
            "---\ndoc_type: resourcePageType\nms.contentlocale: {locale}\n---\n# widget\n\n## Properties\n| Property | Type | Description |\n|---|---|---|\n{rows}\n## JSON representation\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.widget\" }} -->\n```json\n{{ \"name\": \"String\", \"size\": 1 }}\n```\n"
        );
        page("resources/widget.md", &md)
    }

    fn properties(fragment: &Fragment) -> Vec<(String, String)> {
        match &fragment.types[..] {
            [TypeDef::Complex(c)] => c
                .properties
                .iter()
                .map(|p| (p.name.clone(), p.ty.to_string()))
                .collect(),
            other => panic!("{other:?}"),
        }
    }

    fn codes(fragment: &Fragment) -> Vec<(u32, Code)> {
        let found = fragment.diagnostics.iter();
        found.map(|d| (d.source.line, d.code)).collect()
    }

    #[test]
    fn a_repeated_row_is_reported_and_the_first_kept() {
        let w = widget(
            "en-us",
            "| name | String | The name. Max length is 5. |\n| size | Int32 | |\n| name | Int32 | Again. |\n",
        );
        let string = "Edm.String".to_owned();
        assert_eq!(
            properties(&w),
            [("name".into(), string), ("size".into(), "Edm.Int32".into())]
        );
        assert_eq!(codes(&w), [(12, Code::DuplicateRow)]);
        let Some(TypeDef::Complex(c)) = w.types.first() else {
            panic!()
        };
        assert_eq!(c.properties[0].constraints.len(), 1, "the first row's rule");
        // Translation may make two names one: a row that stands for a key of its own is no
        // repeat.
        let pt = widget(
            "pt-BR",
            "| nome | Cadeia de caracteres | O nome. |\n| nome | Int32 | O tamanho. |\n",
        );
        assert_eq!(properties(&pt).len(), 2);
        assert!(!codes(&pt).iter().any(|(_, c)| *c == Code::DuplicateRow));
    }

    #[test]
    fn a_row_whose_type_cannot_be_read_is_reported() {
        let w = widget(
            "en-us",
            "| name | String | |\n| size | Int32 | |\n| shape | a b c | The shape. |\n",
        );
        assert_eq!(properties(&w).len(), 2);
        assert!(codes(&w).contains(&(12, Code::TypeUnreadable)));
    }

    #[test]
    fn a_camel_case_list_row_does_not_stand_in_for_a_single_key_the_table_lacks() {
        // The JSON's `size` is in no row; `contacts` stands between `name` and nothing.
        let rows = |contacts: &str| {
            format!("| nome | Cadeia de caracteres | |\n| {contacts} | [coleção contact] | |\n")
        };
        let pt = widget("pt-BR", &rows("relatedContacts"));
        assert_eq!(
            properties(&pt),
            [
                ("name".into(), "Edm.String".into()),
                ("size".into(), "Edm.Int32".into()),
                ("relatedContacts".into(), "Collection(contact)".into()),
            ]
        );
        // A translated name stands in by position all the same.
        let pt = widget("pt-BR", &rows("contatos"));
        assert_eq!(properties(&pt).len(), 2);
    }

    #[test]
    fn translated_rows_out_of_order_pair_with_the_key_of_their_type() {
        let properties = |locale: &str| {
            let md = format!(
                "---\ndoc_type: resourcePageType\nms.contentlocale: {locale}\n---\n# a\n\n## Propriedades\n| Propriedade | Tipo | Descrição |\n|---|---|---|\n| Iniciador | [identitySet](identityset.md) | Quem fez. |\n| id | Cadeia de caracteres | |\n| Versão | Int32 | A versão. |\n\n## Representação JSON\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.a\" }} -->\n```json\n{{ \"id\": \"String\", \"version\": 1, \"initiator\": {{\"@odata.type\": \"microsoft.graph.identitySet\"}} }}\n```\n"
            );
            match &page("resources/a.md", &md).types[..] {
                [TypeDef::Complex(c)] => c
                    .properties
                    .iter()
                    .map(|p| {
                        (
                            p.name.clone(),
                            p.description.as_ref().map(|d| d.text.clone()),
                        )
                    })
                    .collect::<Vec<_>>(),
                other => panic!("{other:?}"),
            }
        };
        let some = |s: &str| Some(s.to_owned());
        assert_eq!(
            properties("pt-BR"),
            [
                ("id".to_owned(), None),
                ("version".to_owned(), some("A versão.")),
                ("initiator".to_owned(), some("Quem fez.")),
            ]
        );
        // An English page that names a row differently is inconsistent, not translated.
        assert_eq!(properties("en-us").len(), 5);
    }

    #[test]
    fn a_base_type_named_only_in_the_introduction() {
        let page_with = |intro: &str, annotation: &str| {
            let md = format!(
                "---\ndoc_type: resourcePageType\n---\n# a\n\n{intro}\n\n## <a name=\"json-representation\"></a>JSON\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.a\"{annotation} }} -->\n```json\n{{ \"x\": \"String\" }}\n```\n"
            );
            match &page("resources/a.md", &md).types[..] {
                [TypeDef::Complex(c)] => c.base.clone(),
                other => panic!("{other:?}"),
            }
        };
        // The link target names the base; translation changes only its text, and may take in
        // the phrase's last word. Inherited *by* another type, or a type merely linked, names
        // no base.
        let base = |intro: &str| page_with(intro, "");
        let cases = [
            (
                "A thing. Inherits from [entity](entity.md).",
                Some("entity"),
            ),
            (
                "Uma coisa. Herda da [entidade](../resources/entity.md).",
                Some("entity"),
            ),
            (
                "<span data-ttu-id=\"1\">Herda de [b](b.md).</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">Inherits from [b](b.md).</span></span>",
                Some("b"),
            ),
            (
                "Esta é uma subclasse [de educationSubmissionRecipient](educationsubmissionrecipient.md).",
                Some("educationsubmissionrecipient"),
            ),
            ("A subclass of [b](b.md) for one use.", Some("b")),
            (
                "Usado para criar uma avaliação, derivada de [threatAssessmentRequest](threatAssessmentRequest.md).",
                Some("threatassessmentrequest"),
            ),
            ("Uma classe base. Ele é herdado [por c](c.md).", None),
            ("Uma classe base com uma subclasse [c](c.md).", None),
            ("Used by [c](c.md).", None),
        ];
        for (intro, want) in cases {
            assert_eq!(base(intro).as_deref(), want, "{intro}");
        }
        // The annotation wins.
        assert_eq!(
            page_with(
                "Inherits from [entity](entity.md).",
                ", \"baseType\": \"microsoft.graph.b\""
            )
            .as_deref(),
            Some("microsoft.graph.b")
        );
    }
}

//! How a page spells a type: a Type cell in any dialect, a placeholder in a JSON
//! representation, a link to a page.

use serde_json::Value;

use crate::locale::{Lexicon, Split};
use crate::markdown::{Inline, links, plain, plain_with_links};
use crate::model::*;

/// Reads a Type column cell in any dialect.
pub(super) fn type_cell(lex: &Lexicon, cell: &Split) -> Option<TypeRef> {
    let inlines = cell.source();
    // The target names the type; its text gives the case when it spells the same name. A
    // link into a section of a page (`[chatType](chat.md#chattype-values)`) names, by its
    // text, a type that page defines. Link text that reads "coleção subjectSet" around the
    // target's own name says collection.
    let mut linked_collection = false;
    let linked = links(inlines).into_iter().find_map(|(text, url)| {
        let stem = link_stem(url)?;
        let text = text.trim_matches('`').trim();
        if let Some(element) = lex.collection_element(text)
            && names_page(element.trim_matches('`'), &stem)
        {
            linked_collection = true;
            return Some(element.trim_matches('`').to_owned());
        }
        // `[DateTimeOffset](timestamp.md)`: a page about a primitive.
        if let Some(p) = lex.primitive(text).or_else(|| lex.primitive(&stem)) {
            return Some(p.name().to_owned());
        }
        let word = !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || c == '.');
        Some(if names_page(text, &stem) || (url.contains('#') && word) {
            text.to_owned()
        } else {
            stem
        })
    });
    // With a link, collection wording counts only outside it: the link text may be a
    // translated name that happens to contain "conjunto de".
    let stand_in = |url: &str| (linked.is_some() && link_stem(url).is_some()).then_some("X");
    let mut text = plain_with_links(inlines, &stand_in);
    text.retain(|c| c != '`');
    let text = text.trim();
    // `[x][]` is a reference link left unresolved, not a collection, and `[coleção x]` a
    // link that lost its target: the text in brackets is the type.
    let text = match text.strip_prefix('[').and_then(|t| t.split_once(']')) {
        Some((inner, _)) if linked.is_none() => inner.trim(),
        _ => text,
    };
    let (element, collection) = match lex.collection_element(text) {
        Some(e) => (e, true),
        None => (text, linked_collection),
    };
    let element = linked
        .map(|name| named_type(lex, &name))
        .or_else(|| lex.primitive(element).map(TypeRef::Primitive))
        .or_else(|| {
            let word = element.trim_start_matches("microsoft.graph.");
            let ident = !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
            ident.then(|| TypeRef::Named(word.to_owned()))
        })?;
    Some(if collection {
        TypeRef::Collection(Box::new(element))
    } else {
        element
    })
}

/// Whether a type name is the one a page's file stem spells, namespace or area first:
/// `microsoft.graph.security.case` is `security-case.md`, and `synchronizationJob` may be
/// `synchronization-synchronizationjob.md`.
fn names_page(name: &str, stem: &str) -> bool {
    let name = name.strip_prefix("microsoft.graph.").unwrap_or(name);
    let name = name.to_lowercase().replace('.', "-");
    stem.strip_suffix(&name)
        .is_some_and(|area| area.is_empty() || area.ends_with('-'))
}

/// The lowercase type name a link points at: `../resources/identityset.md#x` → `identityset`.
pub(super) fn link_stem(url: &str) -> Option<String> {
    let path = url.split(['#', '?']).next()?;
    let stem = crate::naming::file_stem(path);
    let looks_like_page =
        path.ends_with(".md") || path.contains("/resources/") || path.contains("/api/");
    (looks_like_page && !stem.is_empty()).then(|| stem.to_lowercase())
}

/// The type named by the first link to a page (to a resource page, with `resources_only`) in
/// prose, a list when the words before it or its text say so: "supply an array of
/// [patchContentCommand](…)", "uma [coleção de objetos user](…)".
pub(super) fn linked_type(
    lex: &Lexicon,
    inlines: &[Inline],
    resources_only: bool,
) -> Option<TypeRef> {
    inlines.iter().enumerate().find_map(|(i, inline)| {
        let Inline::Link { url, children } = inline else {
            return None;
        };
        let stem = link_stem(url).filter(|_| !resources_only || url.contains("resources/"))?;
        let named = TypeRef::Named(stem);
        let listed = lex.ends_with_collection(&plain(&inlines[..i]))
            || lex.collection_element(&plain(children)).is_some();
        Some(match listed {
            true => TypeRef::Collection(Box::new(named)),
            false => named,
        })
    })
}

/// The type a name stands for: `Edm.*`, or a word the lexicon knows as a primitive (Graph's
/// `Json` is any JSON, an annotation's `stream` is a stream), else the named type.
pub(super) fn named_type(lex: &Lexicon, name: &str) -> TypeRef {
    match lex.primitive(name).or_else(|| Edm::from_name(name)) {
        Some(p) => TypeRef::Primitive(p),
        None => TypeRef::Named(name.to_owned()),
    }
}

/// The type a placeholder value in a JSON representation stands for.
pub(super) fn json_type(lex: &Lexicon, value: &Value) -> TypeRef {
    let untyped = || TypeRef::Primitive(Edm::Untyped);
    match value {
        Value::Bool(_) => TypeRef::Primitive(Edm::Boolean),
        Value::Number(n) if n.is_f64() => TypeRef::Primitive(Edm::Double),
        Value::Number(n) if n.as_i64().is_some_and(|i| i32::try_from(i).is_err()) => {
            TypeRef::Primitive(Edm::Int64)
        }
        Value::Number(_) => TypeRef::Primitive(Edm::Int32),
        Value::String(s) => {
            // "collection(microsoft.graph.x)" and "microsoft.graph.x": the placeholder spells
            // the type.
            if let Some(element) = lex.collection_element(s.trim()) {
                let element = json_type(lex, &Value::String(element.to_owned()));
                return TypeRef::Collection(Box::new(element));
            }
            if s.starts_with("microsoft.graph.")
                && s.chars().all(|c| c.is_alphanumeric() || c == '.')
            {
                return named_type(lex, s);
            }
            // "String (timestamp)": the hint in parentheses is the more precise type.
            let hint = s.split_once('(').and_then(|(_, h)| h.split(')').next());
            let word = s.split('(').next().unwrap_or(s).trim();
            let edm = hint
                .and_then(|h| lex.primitive(h))
                .filter(|p| *p != Edm::String)
                .or_else(|| lex.primitive(word));
            TypeRef::Primitive(edm.unwrap_or(Edm::String))
        }
        Value::Array(items) => TypeRef::Collection(Box::new(
            items.first().map_or_else(untyped, |v| json_type(lex, v)),
        )),
        // OneDrive's pages spell the annotation `@type`.
        Value::Object(map) => {
            match (map.get("@odata.type").or_else(|| map.get("@type"))).and_then(Value::as_str) {
                Some(t) => named_type(lex, t.trim_start_matches('#')),
                None => untyped(),
            }
        }
        Value::Null => untyped(),
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::lexicon;
    use crate::locale::split;
    use crate::markdown;

    #[test]
    fn objects_that_name_their_type_are_of_it() {
        let info = TypeRef::Named("microsoft.graph.contentTypeInfo".into());
        for key in ["@odata.type", "@type"] {
            let list = serde_json::json!([{ key: "#microsoft.graph.contentTypeInfo" }]);
            assert_eq!(
                json_type(lexicon(), &list),
                TypeRef::Collection(Box::new(info.clone()))
            );
        }
        assert_eq!(
            json_type(lexicon(), &serde_json::json!({"id": "1"})),
            TypeRef::Primitive(Edm::Untyped)
        );
    }

    #[test]
    fn placeholders_that_spell_a_type_name_it() {
        let read = |s: &str| json_type(lexicon(), &Value::String(s.into()));
        let set = TypeRef::Named("microsoft.graph.conditionSet".into());
        assert_eq!(
            read("collection(microsoft.graph.conditionSet)"),
            TypeRef::Collection(Box::new(set.clone()))
        );
        assert_eq!(read("microsoft.graph.conditionSet"), set);
        assert_eq!(
            read("String (timestamp)"),
            TypeRef::Primitive(Edm::DateTimeOffset)
        );
        assert_eq!(
            read("microsoft.graph.x or y"),
            TypeRef::Primitive(Edm::String)
        );
    }

    fn cell(md: &str) -> Split<'static> {
        let doc = markdown::parse(&format!("| a |\n|---|\n| {md} |\n"));
        let Split { local, english } = split(&doc.tables[0].rows[0][0].inlines);
        Split {
            local: local.into_owned().into(),
            english,
        }
    }

    #[test]
    fn type_cells_in_every_dialect() {
        let named = |n: &str| TypeRef::Named(n.into());
        let coll = |t: TypeRef| TypeRef::Collection(Box::new(t));
        let string = TypeRef::Primitive(Edm::String);
        assert_eq!(
            type_cell(lexicon(), &cell("[identitySet](identityset.md)")),
            Some(named("identitySet"))
        );
        assert_eq!(
            type_cell(
                lexicon(),
                &cell("[mediaStream](../resources/mediastream.md) collection")
            ),
            Some(coll(named("mediaStream")))
        );
        assert_eq!(
            type_cell(lexicon(), &cell("coleção [mediaStream](mediastream.md)")),
            Some(coll(named("mediaStream")))
        );
        assert_eq!(
            type_cell(lexicon(), &cell("Cadeia de caracteres")),
            Some(string.clone())
        );
        assert_eq!(
            type_cell(lexicon(), &cell("Coleção de cadeias de caracteres"))
                .map(|t| t.is_collection()),
            Some(true)
        );
        assert_eq!(
            type_cell(lexicon(), &cell("Collection(Edm.String)")),
            Some(coll(string.clone()))
        );
        assert_eq!(
            type_cell(lexicon(), &cell("[itemBody][]")),
            Some(named("itemBody"))
        );
        assert_eq!(
            type_cell(lexicon(), &cell("[coleção relatedContact]")),
            Some(coll(named("relatedContact")))
        );
        // The link target wins over the (translated) link text.
        assert_eq!(
            type_cell(
                lexicon(),
                &cell("[conjunto de identidades](identityset.md)")
            ),
            Some(named("identityset"))
        );
        // Collection wording inside the link, around the target's own name.
        assert_eq!(
            type_cell(
                lexicon(),
                &cell("[coleção subjectSet](../resources/subjectset.md)")
            ),
            Some(coll(named("subjectSet")))
        );
        assert_eq!(
            type_cell(
                lexicon(),
                &cell("[DateTimeOffset](../resources/timestamp.md)")
            ),
            Some(TypeRef::Primitive(Edm::DateTimeOffset))
        );
        // A link into a section names the type that section defines.
        assert_eq!(
            type_cell(
                lexicon(),
                &cell("[chatType](../resources/chat.md#chattype-values)")
            ),
            Some(named("chatType"))
        );
        // A qualified name in a namespace spells the page as `namespace-name.md`.
        let review_tag = "microsoft.graph.security.ediscoveryReviewTag";
        assert_eq!(
            type_cell(
                lexicon(),
                &cell(&format!(
                    "[coleção {review_tag}](../resources/security-ediscoveryreviewtag.md)"
                ))
            ),
            Some(coll(named(review_tag)))
        );
        assert_eq!(
            type_cell(
                lexicon(),
                &cell("[Coleção jobParameters](../resources/sync-jobparameters.md)")
            ),
            Some(coll(named("jobParameters")))
        );
    }
}

//! The knobs of a [`Config`](super::Config) that name what the pages document: checked against
//! the pages read, and turned into what the emitter changes.

use std::collections::BTreeSet;
use std::io;

use syn::punctuated::Punctuated;

use crate::emit::{self, Custom};
use crate::model::{Model, TypeDef};
use crate::naming;

/// The knobs by documented name, in the order they were given.
#[derive(Clone, Debug, Default)]
pub(super) struct Knobs {
    pub areas: BTreeSet<String>,
    pub type_attributes: Vec<(String, String)>,
    pub field_attributes: Vec<(String, String)>,
    pub type_names: Vec<(String, String)>,
    pub field_names: Vec<(String, String)>,
}

impl Knobs {
    /// `model` cut down to the areas asked for, and what the other knobs change in it. A knob
    /// that names what the pages lack or what the area filter leaves out, or whose attribute or
    /// name does not read, is an error: a typo must not pass for a knob that does nothing.
    /// All of them are reported at once.
    pub fn apply(&self, model: Model) -> io::Result<(Model, Custom)> {
        let mut errors = Vec::new();
        let areas: BTreeSet<String> = (model.types.iter().map(|t| &*t.source().file))
            .chain(model.operations.iter().map(|op| &*op.source.file))
            .map(naming::area)
            .collect();
        for area in self.areas.difference(&areas) {
            errors.push(format!("areas: {}", no_area(area, &areas)));
        }
        let kept = (!self.areas.is_empty()).then(|| emit::only_areas(&model, &self.areas));
        let pages = Pages {
            all: &model,
            kept: kept.as_ref().unwrap_or(&model),
            areas: &areas,
        };
        let mut custom = Custom::default();
        for (path, text) in &self.type_attributes {
            match pages.types(path).and_then(|t| Ok((t, attributes(text)?))) {
                Ok((types, (derives, attributes))) => {
                    for t in types {
                        let c = custom.types.entry(t.to_owned()).or_default();
                        c.derives.extend(derives.iter().cloned());
                        c.attributes.extend(attributes.iter().cloned());
                    }
                }
                Err(e) => errors.push(format!("type_attribute({path:?}, {text:?}): {e}")),
            }
        }
        for (path, text) in &self.field_attributes {
            let attributes = attributes(text).and_then(|(derives, attributes)| match derives[..] {
                [] => Ok(attributes),
                _ => Err("a field derives nothing".to_owned()),
            });
            match pages.field(path).and_then(|f| Ok((f, attributes?))) {
                Ok((field, attributes)) => {
                    let c = custom.fields.entry(field).or_default();
                    c.attributes.extend(attributes);
                }
                Err(e) => errors.push(format!("field_attribute({path:?}, {text:?}): {e}")),
            }
        }
        for (path, name) in &self.type_names {
            let given = naming::given(name, naming::type_name);
            match pages.kept_type(path).and_then(|t| given.map(|()| t)) {
                Ok(t) => {
                    custom.types.entry(t.name().to_owned()).or_default().name = Some(name.clone())
                }
                Err(e) => errors.push(format!("rename_type({path:?}, {name:?}): {e}")),
            }
        }
        for (path, name) in &self.field_names {
            let given = naming::given(name, naming::field);
            match pages.field(path).and_then(|f| given.map(|()| f)) {
                Ok(field) => custom.fields.entry(field).or_default().name = Some(name.clone()),
                Err(e) => errors.push(format!("rename_field({path:?}, {name:?}): {e}")),
            }
        }
        if !errors.is_empty() {
            let message = format!("build::Config: {}", errors.join("; "));
            return Err(io::Error::new(io::ErrorKind::InvalidInput, message));
        }
        Ok((kept.unwrap_or(model), custom))
    }
}

/// The pages read, and what the area filter keeps of them.
struct Pages<'m> {
    all: &'m Model,
    kept: &'m Model,
    /// Every area of a type or an operation.
    areas: &'m BTreeSet<String>,
}

impl<'m> Pages<'m> {
    /// The qualified names of the types `path` names: one by its name, those of an area, or
    /// every type (`.`).
    fn types(&self, path: &str) -> Result<Vec<&'m str>, String> {
        if path == "." {
            return Ok(self.kept.types.iter().map(TypeDef::name).collect());
        }
        if path.contains('.') {
            return self.kept_type(path).map(|t| vec![t.name()]);
        }
        if !self.areas.contains(path) {
            return Err(no_area(path, self.areas));
        }
        let of = |model: &'m Model| -> Vec<&'m str> {
            (model.types.iter())
                .filter(|t| naming::area(&t.source().file) == path)
                .map(TypeDef::name)
                .collect()
        };
        match (of(self.kept), of(self.all).is_empty()) {
            (kept, _) if !kept.is_empty() => Ok(kept),
            (_, false) => Err(format!("the area filter leaves out area `{path}`")),
            (_, true) => Err(format!("area `{path}` defines no type, only endpoints")),
        }
    }

    /// The type of qualified name `name`.
    fn kept_type(&self, name: &str) -> Result<&'m TypeDef, String> {
        match (self.kept.find_type(name), self.all.find_type(name)) {
            (Some(t), _) => Ok(t),
            (None, Some(_)) => Err(format!("the area filter leaves out `{name}`")),
            (None, None) => {
                // A name in another case, or in another namespace, is the likely typo.
                let simple = |n: &str| n.rsplit('.').next().unwrap_or(n).to_ascii_lowercase();
                let like = (self.all.types.iter().map(TypeDef::name))
                    .find(|t| t.eq_ignore_ascii_case(name) || simple(t) == simple(name));
                let hint = like.map(|t| format!(" (`{t}`?)")).unwrap_or_default();
                Err(format!("no type `{name}` in the pages{hint}"))
            }
        }
    }

    /// The type and wire name of the field `path` names: `<qualified type>.<wire name>`. A wire
    /// name may hold dots too (`@odata.id`), so the longest type name in front is the type.
    fn field(&self, path: &str) -> Result<(String, String), String> {
        let split = (path.match_indices('.').rev())
            .map(|(i, _)| (&path[..i], &path[i + 1..]))
            .find(|(t, _)| self.all.find_type(t).is_some());
        let Some((name, wire)) = split else {
            return Err(format!(
                "no type in `{path}`: a field is named `<qualified type name>.<wire name>`"
            ));
        };
        let TypeDef::Complex(c) = self.kept_type(name)? else {
            return Err(format!("`{name}` is an enum, which has no fields"));
        };
        let properties = self.kept.all_properties(c);
        match properties.iter().find(|p| p.name == wire) {
            Some(p) => Ok((c.name.clone(), p.name.clone())),
            None => {
                let names: Vec<&str> = properties.iter().map(|p| p.name.as_str()).collect();
                Err(format!(
                    "`{name}` has no property `{wire}` (it has {})",
                    names.join(", ")
                ))
            }
        }
    }
}

fn no_area(area: &str, areas: &BTreeSet<String>) -> String {
    const LISTED: usize = 12;
    let mut known: Vec<&str> = areas.iter().take(LISTED).map(String::as_str).collect();
    if areas.len() > LISTED {
        known.push("…");
    }
    format!(
        "no area `{area}` in the pages (areas: {})",
        known.join(", ")
    )
}

/// The attributes `text` holds, with the paths its `#[derive(…)]`s list apart: those join
/// what an item derives already.
fn attributes(text: &str) -> Result<(Vec<syn::Path>, Vec<syn::Attribute>), String> {
    let parsed = syn::parse::Parser::parse_str(syn::Attribute::parse_outer, text)
        .map_err(|e| format!("`{text}` is not an outer attribute: {e}"))?;
    if parsed.is_empty() {
        return Err(format!("`{text}` holds no attribute"));
    }
    let (mut derives, mut others) = (Vec::new(), Vec::new());
    for attribute in parsed {
        if attribute.path().is_ident("derive") {
            let list = attribute
                .parse_args_with(Punctuated::<syn::Path, syn::Token![,]>::parse_terminated)
                .map_err(|e| format!("`{text}`: {e}"))?;
            derives.extend(list);
        } else {
            others.push(attribute);
        }
    }
    Ok((derives, others))
}

//! Fragments become one consistent model: named type references take the defined type's
//! qualified name (or are reported), base types exist and do not loop, and the properties
//! that close a cycle can be found.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::extract::Fragment;
use crate::model::*;
use crate::translation::{self, Translation};

mod examples;

pub fn resolve(mut fragments: Vec<Fragment>) -> Model {
    // Deterministic whatever order the pages were read in.
    fragments.sort_by(|a, b| {
        a.page
            .as_ref()
            .map(|p| &p.file)
            .cmp(&b.page.as_ref().map(|p| &p.file))
    });
    let mut model = Model::default();
    // Sized once: grown by doubling, these move each of their items several times.
    let total = |len: fn(&Fragment) -> usize| fragments.iter().map(len).sum::<usize>();
    model.pages.reserve(fragments.len());
    model.diagnostics.reserve(total(|f| f.diagnostics.len()));
    model.operations.reserve(total(|f| f.operations.len()));
    model.examples.reserve(total(|f| f.examples.len()));
    let mut types: BTreeMap<String, TypeDef> = BTreeMap::new();
    for fragment in fragments {
        model.pages.extend(fragment.page);
        model.diagnostics.extend(fragment.diagnostics);
        for t in fragment.types {
            match types.get_mut(t.name()) {
                Some(first) => model.diagnostics.extend(merge(first, t)),
                None => {
                    types.insert(t.name().to_owned(), t);
                }
            }
        }
        model.operations.extend(fragment.operations);
        model.examples.extend(fragment.examples);
    }
    let mut diagnostics = Vec::new();
    // Aliases touch only paths, and the names only types: they run side by side.
    let operations = &mut model.operations;
    let ((), names) = rayon::join(
        || {
            add_path_aliases(operations);
            add_addressing_aliases(operations);
        },
        || {
            let prose_enums = enums_from_prose(&types, &mut diagnostics);
            types.extend(
                prose_enums
                    .into_iter()
                    .map(|e| (e.name.clone(), TypeDef::Enum(e))),
            );
            Names::new(&types)
        },
    );
    // Each type and operation resolves its own references: they run in parallel.
    let (in_types, in_operations) = rayon::join(
        || {
            types
                .par_iter_mut()
                .flat_map_iter(|(_, t)| names.resolve_type(t))
                .collect::<Vec<_>>()
        },
        || {
            model
                .operations
                .par_iter_mut()
                .flat_map_iter(|op| names.resolve_operation(op))
                .collect::<Vec<_>>()
        },
    );
    diagnostics.extend(in_types);
    diagnostics.extend(in_operations);
    break_base_cycles(&mut types, &mut diagnostics);
    model.types = types.into_values().collect();
    keep_inherited_types(&mut model, &mut diagnostics);
    translation::trust_backticked_members(&mut model.types, &mut diagnostics);
    // Renaming body parameters changes no property, so one reading of the names serves both.
    let translation = Translation::new(&model);
    let lookup = |hint: &str| names.lookup(hint);
    translation::name_translated_body_params(&mut model, &lookup, &translation, &mut diagnostics);
    translation::name_translated_relationships(&mut model, &lookup, &translation, &mut diagnostics);
    diagnostics.extend(examples::check(&model, &names));
    model.diagnostics.extend(diagnostics);
    model
        .operations
        .sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.source.cmp(&b.source)));
    model.diagnostics.par_sort();
    model
}

/// A property typed with a name no page defines, whose description lists its values
/// ("Possible values are: `a`, `b`"), names an enum documented only in prose.
fn enums_from_prose(
    types: &BTreeMap<String, TypeDef>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<EnumType> {
    let names = Names::new(types);
    let mut found: BTreeMap<String, EnumType> = BTreeMap::new();
    for t in types.values() {
        let TypeDef::Complex(c) = t else { continue };
        for p in &c.properties {
            let (TypeRef::Named(hint), Some(values)) = (p.ty.element(), p.allowed_values()) else {
                continue;
            };
            if names.lookup(hint).is_some() {
                continue;
            }
            let namespace = c
                .name
                .rsplit_once('.')
                .map_or("microsoft.graph", |(ns, _)| ns);
            let name = if hint.contains('.') {
                hint.clone()
            } else {
                format!("{namespace}.{hint}")
            };
            let e = found.entry(name.to_lowercase()).or_insert_with(|| {
                diagnostics.push(Diagnostic::new(Code::EnumFromProse, p.source.clone(), format!("`{name}` has no page; it is read as an enum of the values this description lists")));
                EnumType { name: name.clone(), description: None, members: Vec::new(), source: p.source.clone(), merged_from: Vec::new() }
            });
            if e.source != p.source {
                e.merged_from.push(p.source.clone());
            }
            for v in values {
                if !e.members.iter().any(|m| &m.name == v) {
                    e.members.push(EnumMember {
                        name: v.clone(),
                        value: None,
                        description: None,
                    });
                }
            }
        }
    }
    found.into_values().collect()
}

/// A type documented on several pages (Intune splits `deviceManagement` over dozens) is the
/// union of what they say; only contradictions are reported as such.
fn merge(first: &mut TypeDef, other: TypeDef) -> Vec<Diagnostic> {
    let first_source = first.source().clone();
    match (first, other) {
        (TypeDef::Complex(a), TypeDef::Complex(b)) => {
            let mut out = vec![Diagnostic::new(
                Code::TypeMerged,
                b.source.clone(),
                format!(
                    "`{}` is also documented at {first_source}; the properties of both are kept",
                    b.name
                ),
            )];
            for p in b.properties {
                match a.properties.iter().find(|have| have.name == p.name) {
                    Some(have) if have.ty != p.ty => out.push(Diagnostic::new(
                        Code::DuplicateType,
                        p.source.clone(),
                        format!(
                            "`{}.{}` is `{}` here but `{}` at {}; the first is kept",
                            a.name, p.name, p.ty, have.ty, have.source
                        ),
                    )),
                    Some(_) => {}
                    None => a.properties.push(p),
                }
            }
            a.base = a.base.take().or(b.base);
            a.key = a.key.take().or(b.key);
            a.open |= b.open;
            a.merged_from.push(b.source);
            out
        }
        (TypeDef::Enum(a), TypeDef::Enum(b)) => {
            for m in b.members {
                if !a.members.iter().any(|have| have.name == m.name) {
                    a.members.push(m);
                }
            }
            a.merged_from.push(b.source.clone());
            vec![Diagnostic::new(
                Code::TypeMerged,
                b.source.clone(),
                format!(
                    "`{}` is also documented at {first_source}; the members of both are kept",
                    b.name
                ),
            )]
        }
        (a, b) => vec![
            Diagnostic::new(
                Code::DuplicateType,
                b.source().clone(),
                format!(
                    "`{}` is documented as {} at {first_source} but as {} here; this definition is ignored",
                    b.name(),
                    kind_word(a),
                    kind_word(&b)
                ),
            )
            .with_severity(Severity::Error),
        ],
    }
}

fn kind_word(t: &TypeDef) -> &'static str {
    match t {
        TypeDef::Complex(_) => "a complex type",
        TypeDef::Enum(_) => "an enum",
    }
}

fn unresolved(source: &Source, name: &str, what: &str) -> Diagnostic {
    Diagnostic::new(
        Code::TypeUnresolved,
        source.clone(),
        format!(
            "{what} `{name}` names no documented type; generated code reads it as untyped JSON"
        ),
    )
}

/// Whether a qualified name is an enum (`Some(true)`), a complex type, or unknown.
fn types_kind(names: &Names, name: &str) -> Option<bool> {
    names.kinds.get(name).copied()
}

/// Every way a page may name a type: qualified, simple, or the file stem it is defined in.
struct Names {
    by_key: BTreeMap<String, String>,
    kinds: BTreeMap<String, bool>,
}

impl Names {
    fn new(types: &BTreeMap<String, TypeDef>) -> Self {
        let mut by_key = BTreeMap::new();
        let mut kinds = BTreeMap::new();
        // Iterating in name order makes the winner of a clash deterministic; microsoft.graph
        // names are inserted last so they win over other namespaces. The sort is stable, so
        // each half keeps the map's name order.
        let mut ordered: Vec<&TypeDef> = types.values().collect();
        ordered.sort_by_key(|t| t.name().starts_with("microsoft.graph."));
        for t in &ordered {
            let name = t.name();
            let simple = name.rsplit('.').next().unwrap_or(name).to_lowercase();
            by_key.insert(name.to_lowercase(), name.to_owned());
            by_key.insert(simple, name.to_owned());
            kinds.insert(name.to_owned(), matches!(t, TypeDef::Enum(_)));
        }
        // A link to a page names the page's resource, not an enum it also defines in a section.
        let complex_first = ordered.iter().filter(|t| matches!(t, TypeDef::Complex(_)));
        let enums = ordered.iter().filter(|t| matches!(t, TypeDef::Enum(_)));
        for t in complex_first.chain(enums) {
            for stem in t.sources().map(|s| crate::naming::file_stem(&s.file)) {
                by_key
                    .entry(stem.to_lowercase())
                    .or_insert_with(|| t.name().to_owned());
            }
        }
        Names { by_key, kinds }
    }

    fn lookup(&self, hint: &str) -> Option<String> {
        let hint = hint.trim_start_matches('#').to_lowercase();
        self.by_key
            .get(&hint)
            .or_else(|| self.by_key.get(hint.rsplit('.').next().unwrap_or(&hint)))
            .cloned()
    }

    /// Resolves the types a complex type refers to, its base among them.
    fn resolve_type(&self, t: &mut TypeDef) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        let TypeDef::Complex(c) = t else {
            return diagnostics;
        };
        for p in &mut c.properties {
            self.resolve(&mut p.ty, &p.source, &mut diagnostics);
        }
        for m in &mut c.methods {
            if let Some(ty) = &mut m.returns {
                self.resolve(ty, &c.source, &mut diagnostics);
            }
        }
        if let Some(base) = &c.base {
            match self
                .lookup(base)
                .filter(|b| matches!(types_kind(self, b), Some(false)))
            {
                Some(b) => c.base = Some(b),
                None => {
                    diagnostics.push(unresolved(&c.source, base, "base type"));
                    c.base = None;
                }
            }
        }
        diagnostics
    }

    /// Resolves the types of an operation's parameters, body and response.
    fn resolve_operation(&self, op: &mut Operation) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        for p in op.body.iter_mut().chain(&mut op.parameters) {
            self.resolve(&mut p.ty, &p.source, &mut diagnostics);
        }
        if let Some(ty) = &mut op.body_type {
            self.resolve(ty, &op.source, &mut diagnostics);
        }
        if let Some(Response {
            ty: Some(ty),
            source,
            ..
        }) = &mut op.response
        {
            self.resolve(ty, source, &mut diagnostics);
        }
        diagnostics
    }

    fn resolve(&self, ty: &mut TypeRef, source: &Source, diagnostics: &mut Vec<Diagnostic>) {
        match ty {
            TypeRef::Collection(inner) => self.resolve(inner, source, diagnostics),
            TypeRef::Primitive(_) => {}
            TypeRef::Named(hint) => match self.lookup(hint) {
                Some(name) => *hint = name,
                None => diagnostics.push(unresolved(source, hint, "type")),
            },
        }
    }
}

/// OData addresses an item by path as well as by key: `root:/{path}:` beside `items/{id}`
/// (a literal segment ending in `:` opens the path). Most pages that list one form list both;
/// those that list only the key form get the path form too, learned like prefix aliases,
/// with the literal segment before the key as context (list items are `items/{id}` too, and
/// have no path form). The placeholder keeps its name.
fn add_addressing_aliases(operations: &mut [Operation]) {
    // (context, key segment) → path segment → operations listing both.
    let mut pairs: BTreeMap<(&str, &str), BTreeMap<&str, usize>> = BTreeMap::new();
    let mut using: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for op in operations.iter() {
        let shapes: Vec<Vec<&str>> = op.paths.iter().map(|p| shape(&p.template)).collect();
        let mut keyed = BTreeSet::new();
        let mut seen = BTreeSet::new();
        for a in &shapes {
            keyed.extend(keys(a).map(|i| (a[i - 1], a[i])));
        }
        for a in shapes.iter().filter(|_| shapes.len() > 1) {
            for b in shapes.iter().filter(|b| b.len() == a.len()) {
                // The one segment where the forms differ, if only one does.
                let mut differ = (0..a.len()).filter(|&i| a[i] != b[i]);
                if let (Some(i), None) = (differ.next(), differ.next())
                    && a[i].ends_with(':')
                    && keys(b).any(|k| k == i)
                    && seen.insert((b[i - 1], b[i], a[i]))
                {
                    *pairs
                        .entry((b[i - 1], b[i]))
                        .or_default()
                        .entry(a[i])
                        .or_default() += 1;
                }
            }
        }
        for k in keyed {
            *using.entry(k).or_default() += 1;
        }
    }
    let aliases: Vec<((String, String), String)> = pairs
        .into_iter()
        .filter_map(|(key, by_path)| {
            let mut counts: Vec<(usize, &str)> = by_path.into_iter().map(|(p, n)| (n, p)).collect();
            counts.sort_by_key(|c| std::cmp::Reverse(c.0));
            let runner_up = counts.get(1).map_or(0, |c| c.0);
            let (best, path) = counts[0];
            convention(best, runner_up, using[&key])
                .then(|| ((key.0.to_owned(), key.1.to_owned()), path.to_owned()))
        })
        .collect();
    // Each operation's paths are its own: they are added to in parallel.
    operations.par_iter_mut().for_each(|op| {
        let shapes: Vec<Vec<&str>> = op.paths.iter().map(|p| shape(&p.template)).collect();
        // The shapes the operation lists, once one of its paths has an alias.
        let mut listed: Option<BTreeSet<String>> = None;
        let mut added = Vec::new();
        for (path, sh) in op.paths.iter().zip(&shapes) {
            let Some((i, opens)) = keys(sh).find_map(|i| {
                let (_, opens) = aliases
                    .iter()
                    .find(|((c, k), _)| *c == sh[i - 1] && *k == sh[i])?;
                Some((i, opens))
            }) else {
                continue;
            };
            let listed = listed.get_or_insert_with(|| joined(&shapes));
            let mut segments: Vec<String> = path
                .template
                .trim_start_matches('/')
                .split('/')
                .map(str::to_owned)
                .collect();
            segments[i] = opens.clone();
            segments[i + 1].push(':');
            let template: String = segments.iter().map(|s| format!("/{s}")).collect();
            if listed.insert(shape(&template).join("/")) {
                added.push(HttpPath {
                    template,
                    params: path.params.clone(),
                    deprecated: path.deprecated,
                    alias_of: Some(path.template.clone()),
                    source: path.source.clone(),
                });
            }
        }
        op.paths.extend(added);
    });
}

/// The shapes an operation lists, each as one string, to tell whether an alias is new.
fn joined(shapes: &[Vec<&str>]) -> BTreeSet<String> {
    shapes.iter().map(|s| s.join("/")).collect()
}

/// Where a shape addresses an item by key: a literal segment after a literal one, before a
/// placeholder (`drive/items/{}`).
fn keys<'a>(shape: &'a [&str]) -> impl Iterator<Item = usize> + 'a {
    (1..shape.len().saturating_sub(1)).filter(move |&i| {
        shape[i - 1] != "{}" && shape[i] != "{}" && !shape[i].ends_with(':') && shape[i + 1] == "{}"
    })
}

/// Path segments with every placeholder written `{}`, so that templates compare by shape.
fn shape(template: &str) -> Vec<&str> {
    template
        .trim_start_matches('/')
        .split('/')
        .map(|s| if s.starts_with('{') { "{}" } else { s })
        .collect()
}

/// A convention, not a coincidence: this many operations list both forms, a third of those
/// that use the short form do (`/deviceManagement/…` sometimes sits beside `/users/{id}/…`,
/// but is no alias), and twice as many as list the runner-up (`/users/…` pairs with
/// `/groups/…` and `/sites/…` alike).
const MIN_OPERATIONS: usize = 10;

fn convention(best: usize, runner_up: usize, using: usize) -> bool {
    best >= MIN_OPERATIONS && 3 * best >= using && best >= 2 * runner_up
}

/// Prefix aliases the docs use by convention, learned from the pages that list both forms: a
/// literal prefix (`me`) and the prefix it stands for (`users/{}`). Each operation that lists
/// only the long form gets the alias too, so a request written `/me/…` finds its stub.
fn add_path_aliases(operations: &mut [Operation]) {
    let mut pairs: BTreeMap<(Vec<&str>, Vec<&str>), usize> = BTreeMap::new();
    let mut using: BTreeMap<&str, usize> = BTreeMap::new();
    for op in operations.iter() {
        let shapes: Vec<Vec<&str>> = op.paths.iter().map(|p| shape(&p.template)).collect();
        let firsts: BTreeSet<&str> = shapes.iter().map(|s| s[0]).collect();
        for first in firsts {
            *using.entry(first).or_default() += 1;
        }
        let mut seen = BTreeSet::new();
        for (i, a) in shapes.iter().enumerate() {
            for b in &shapes[i + 1..] {
                let common = a
                    .iter()
                    .rev()
                    .zip(b.iter().rev())
                    .take_while(|(x, y)| x == y)
                    .count();
                let (a, b) = (&a[..a.len() - common], &b[..b.len() - common]);
                if common == 0 || a.is_empty() || b.is_empty() || a.first() == b.first() {
                    continue;
                }
                for (short, long) in [(a, b), (b, a)] {
                    if short.iter().all(|s| *s != "{}") && seen.insert((short, long)) {
                        *pairs.entry((short.to_vec(), long.to_vec())).or_default() += 1;
                    }
                }
            }
        }
    }
    let mut by_short: BTreeMap<&[&str], Vec<(usize, &[&str])>> = BTreeMap::new();
    for ((short, long), n) in &pairs {
        by_short.entry(short).or_default().push((*n, long));
    }
    let aliases: Vec<(String, Vec<String>)> = by_short
        .into_iter()
        .filter_map(|(short, mut longs)| {
            longs.sort_by_key(|l| std::cmp::Reverse(l.0));
            let (best, long) = longs[0];
            let runner_up = longs.get(1).map_or(0, |l| l.0);
            convention(best, runner_up, using[short[0]]).then(|| {
                (
                    short.join("/"),
                    long.iter().map(|s| s.to_string()).collect(),
                )
            })
        })
        .collect();
    // Each operation's paths are its own: they are added to in parallel.
    operations.par_iter_mut().for_each(|op| {
        let mut added = Vec::new();
        let shapes: Vec<Vec<&str>> = op.paths.iter().map(|p| shape(&p.template)).collect();
        // The shapes the operation lists, and then those it is given, once a path has an alias.
        let mut listed: Option<BTreeSet<String>> = None;
        for (short, long) in &aliases {
            for (path, sh) in op.paths.iter().zip(&shapes) {
                if sh.len() < long.len() || sh[..long.len()] != long[..] {
                    continue;
                }
                let listed = listed.get_or_insert_with(|| joined(&shapes));
                let segments: Vec<&str> =
                    path.template.trim_start_matches('/').split('/').collect();
                let rest = &segments[long.len()..];
                let template = std::iter::once(short.as_str())
                    .chain(rest.iter().copied())
                    .fold(String::new(), |t, s| t + "/" + s);
                if !listed.insert(shape(&template).join("/")) {
                    continue;
                }
                let params = path
                    .params
                    .iter()
                    .filter(|p| rest.iter().any(|s| s.contains(&format!("{{{p}}}"))))
                    .cloned()
                    .collect();
                added.push(HttpPath {
                    template,
                    params,
                    deprecated: path.deprecated,
                    alias_of: Some(path.template.clone()),
                    source: path.source.clone(),
                });
            }
        }
        op.paths.extend(added);
    });
}

/// A base chain that loops would make every type in it inherit from itself.
fn break_base_cycles(types: &mut BTreeMap<String, TypeDef>, diagnostics: &mut Vec<Diagnostic>) {
    let bases: BTreeMap<String, String> = types
        .values()
        .filter_map(|t| match t {
            TypeDef::Complex(c) => Some((c.name.clone(), c.base.clone()?)),
            TypeDef::Enum(_) => None,
        })
        .collect();
    for start in bases.keys() {
        let mut seen = BTreeSet::new();
        let mut at = start;
        while let Some(base) = bases.get(at) {
            if !seen.insert(at) {
                break;
            }
            if base == start {
                if let Some(TypeDef::Complex(c)) = types.get_mut(start) {
                    diagnostics.push(Diagnostic::new(
                        Code::BaseCycle,
                        c.source.clone(),
                        format!(
                            "`{start}` inherits from itself through `{}`; its base type is ignored",
                            c.base.as_deref().unwrap_or("")
                        ),
                    ));
                    c.base = None;
                }
                break;
            }
            at = base;
        }
    }
}

/// OData lets no type redeclare a property it inherits, yet pages often list inherited
/// properties again, sometimes with another type (`Edm.String` for the base's `identitySet`,
/// `Edm.Int32` for its `Edm.Double`). The type of the type that first declares it stands,
/// unless that names no documented type (a translated type word, already reported).
fn keep_inherited_types(model: &mut Model, diagnostics: &mut Vec<Diagnostic>) {
    let mut fixes = Vec::new();
    for (t, def) in model.types.iter().enumerate() {
        let TypeDef::Complex(c) = def else { continue };
        // Root first, so the first declaration of a name is the one that stands.
        let bases: Vec<&ComplexType> = model.lineage(c).skip(1).collect();
        let mut inherited: BTreeMap<&str, (&TypeRef, &str)> = BTreeMap::new();
        for base in bases.iter().rev() {
            for p in &base.properties {
                inherited.entry(&p.name).or_insert((&p.ty, &base.name));
            }
        }
        for (i, p) in c.properties.iter().enumerate() {
            let Some(&(ty, owner)) = inherited.get(p.name.as_str()) else {
                continue;
            };
            let documented = match ty.element() {
                TypeRef::Named(n) => model.find_type(n).is_some(),
                _ => true,
            };
            if *ty != p.ty && documented {
                diagnostics.push(Diagnostic::new(
                    Code::InheritedTypeConflict,
                    p.source.clone(),
                    format!(
                        "`{}` is inherited from `{owner}` as `{ty}`, and OData does not let a derived type redeclare it; the page types it `{}`, and the inherited type is used",
                        p.name, p.ty
                    ),
                ));
                fixes.push((t, i, ty.clone()));
            }
        }
    }
    for (t, i, ty) in fixes {
        if let TypeDef::Complex(c) = &mut model.types[t] {
            c.properties[i].ty = ty;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract;

    const A: &str = "---\ndoc_type: resourcePageType\n---\n# a\n\n## Properties\n| Property | Type | Description |\n|---|---|---|\n| next | [b](b.md) | |\n| self | [a](a.md) | |\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.a\", \"baseType\": \"microsoft.graph.c\" } -->\n```json\n{ \"next\": {\"@odata.type\": \"microsoft.graph.b\"}, \"self\": {\"@odata.type\": \"microsoft.graph.a\"}, \"other\": {\"@odata.type\": \"microsoft.graph.nowhere\"} }\n```\n";
    const B: &str = "---\ndoc_type: resourcePageType\n---\n# b\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.b\" } -->\n```json\n{ \"back\": {\"@odata.type\": \"microsoft.graph.a\"}, \"many\": [{\"@odata.type\": \"microsoft.graph.b\"}] }\n```\n";
    const C: &str = "---\ndoc_type: resourcePageType\n---\n# c\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.c\", \"baseType\": \"microsoft.graph.a\" } -->\n```json\n{ \"id\": \"String\" }\n```\n";

    fn model() -> Model {
        resolve(vec![
            extract::page("a.md", A),
            extract::page("b.md", B),
            extract::page("c.md", C),
            extract::page("b2.md", B),
        ])
    }

    #[test]
    fn references_resolve_or_are_reported() {
        let m = model();
        let Some(TypeDef::Complex(a)) = m.find_type("microsoft.graph.a") else {
            panic!()
        };
        assert_eq!(
            a.properties[0].ty,
            TypeRef::Named("microsoft.graph.b".into())
        );
        assert_eq!(
            a.properties[2].ty,
            TypeRef::Named("microsoft.graph.nowhere".into())
        );
        let codes: Vec<_> = m.diagnostics.iter().map(|d| d.code.name()).collect();
        assert!(codes.contains(&"type-unresolved"), "{codes:?}");
        assert!(codes.contains(&"type-merged"), "{codes:?}");
        assert!(codes.contains(&"base-cycle"), "{codes:?}");
    }

    /// A resource page: `base` (or none), property rows `name|type`, and its JSON keys.
    fn resource(name: &str, base: &str, rows: &[(&str, &str)]) -> String {
        let table: String = rows
            .iter()
            .map(|(n, t)| format!("| {n} | {t} | x |\n"))
            .collect();
        let json: Vec<String> = rows.iter().map(|(n, _)| format!("\"{n}\": null")).collect();
        let base = match base {
            "" => String::new(),
            b => format!(", \"baseType\": \"microsoft.graph.{b}\""),
        };
        format!(
            "---\ndoc_type: resourcePageType\n---\n# {name}\n\n## Properties\n| Property | Type | Description |\n|---|---|---|\n{table}\n## JSON representation\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\"{base} }} -->\n```json\n{{ {} }}\n```\n",
            json.join(", ")
        )
    }

    #[test]
    fn a_redeclared_inherited_property_keeps_the_inherited_type() {
        let m = resolve(vec![
            extract::page(
                "r/quality.md",
                &resource(
                    "quality",
                    "",
                    &[
                        ("loss", "Double"),
                        ("by", "[identitySet](identityset.md)"),
                        ("mode", "[nowhere](nowhere.md)"),
                    ],
                ),
            ),
            extract::page(
                "r/audio.md",
                &resource(
                    "audio",
                    "quality",
                    &[
                        ("loss", "Int32"),
                        ("by", "String"),
                        ("mode", "String"),
                        ("codec", "String"),
                    ],
                ),
            ),
            extract::page(
                "r/identityset.md",
                &resource("identitySet", "", &[("user", "String")]),
            ),
        ]);
        let Some(TypeDef::Complex(audio)) = m.find_type("microsoft.graph.audio") else {
            panic!("{:#?}", m.types)
        };
        let types: Vec<String> = audio
            .properties
            .iter()
            .map(|p| format!("{} {}", p.name, p.ty))
            .collect();
        // A base type that names no documented type does not stand over the page's.
        assert_eq!(
            types,
            [
                "loss Edm.Double",
                "by microsoft.graph.identitySet",
                "mode Edm.String",
                "codec Edm.String"
            ]
        );
        let conflicts: Vec<&str> = m
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::InheritedTypeConflict)
            .map(|d| d.source.file.as_ref())
            .collect();
        assert_eq!(conflicts, ["r/audio.md", "r/audio.md"]);
    }

    #[test]
    fn examples_that_do_not_fit_their_types_are_reported_where_they_are() {
        let op = |response: &str| {
            format!(
                "---\ndoc_type: apiPageType\n---\n# Get\n\n## HTTP request\n```http\nGET /things\n```\n\n## Response\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.thing\", \"isCollection\": true }} -->\n```http\nHTTP/1.1 200 OK\n\n{response}\n```\n"
            )
        };
        let mismatches = |response: &str| {
            let m = resolve(vec![
                extract::page(
                    "r/thing.md",
                    &resource(
                        "thing",
                        "",
                        &[("on", "Boolean"), ("by", "[identitySet](identityset.md)")],
                    ),
                ),
                extract::page(
                    "r/identityset.md",
                    &resource("identitySet", "", &[("user", "String")]),
                ),
                extract::page(
                    "r/special.md",
                    &resource("special", "identitySet", &[("level", "Int32")]),
                ),
                extract::page("a/thing-list.md", &op(response)),
            ]);
            m.diagnostics
                .into_iter()
                .filter(|d| d.code == Code::ExampleTypeMismatch)
                .map(|d| format!("{} {}", d.source, d.message))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            mismatches(r#"{"value": [{"on": true}, {"on": "Boolean"}]}"#),
            [
                "a/thing-list.md:13:1 the response example has a string at `/value/1/on`, where the docs give `Edm.Boolean`"
            ]
        );
        // Values of a derived type are checked against it, and unknown fields are not misfits.
        assert_eq!(
            mismatches(
                r##"{"value": [{"by": {"@odata.type": "#microsoft.graph.special", "level": "high", "x": 1}}]}"##
            ),
            [
                "a/thing-list.md:13:1 the response example has a string at `/value/0/by/level`, where the docs give `Edm.Int32`"
            ]
        );
        assert!(
            mismatches(
                r#"{"@odata.context": "x", "value": [{"on": false, "by": null, "x": [1]}]}"#
            )
            .is_empty()
        );
        assert_eq!(
            mismatches(r#"{"on": true}"#).len(),
            1,
            "one thing where the docs give a list"
        );
    }

    const D: &str = "---\ndoc_type: resourcePageType\n---\n# d\n\n## Properties\n| Property | Type | Description |\n|---|---|---|\n| state | [deviceState](devicestate.md) | Os valores possíveis são: `unknown`, `allowed`, `unknownFutureValue`. |\n| mode | [noPage](nopage.md) | Possible values are: `on`, `off`. |\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.d\" } -->\n```json\n{ \"state\": \"String\", \"mode\": \"String\" }\n```\n";
    const STATE: &str = "---\ndoc_type: enumPageType\n---\n# Tipo de enumeração deviceState\n\nNamespace: microsoft.graph\n\n## Membros\n| Membro | Valor | Descrição |\n|---|---|---|\n| desconhecido | 0 | x |\n| allowed | 1 | y |\n";

    #[test]
    fn enums_from_prose_and_backticks_over_mangled_members() {
        let m = resolve(vec![
            extract::page("r/d.md", D),
            extract::page("r/devicestate.md", STATE),
        ]);
        let Some(TypeDef::Enum(state)) = m.find_type("microsoft.graph.deviceState") else {
            panic!("{:#?}", m.types)
        };
        let members: Vec<_> = state.members.iter().map(|m| m.name.as_str()).collect();
        // Renamed by position between names that match, and the listed value no member
        // stands for added.
        assert_eq!(members, ["unknown", "allowed", "unknownFutureValue"]);
        let Some(TypeDef::Enum(mode)) = m.find_type("microsoft.graph.noPage") else {
            panic!("{:#?}", m.types)
        };
        assert_eq!(
            mode.members
                .iter()
                .map(|m| m.name.as_str())
                .collect::<Vec<_>>(),
            ["on", "off"]
        );
        let Some(TypeDef::Complex(d)) = m.find_type("microsoft.graph.d") else {
            panic!()
        };
        assert_eq!(
            d.properties[1].ty,
            TypeRef::Named("microsoft.graph.noPage".into())
        );
        let codes: Vec<_> = m.diagnostics.iter().map(|d| d.code.name()).collect();
        assert!(
            codes.contains(&"enum-from-prose") && codes.contains(&"enum-member-mangled"),
            "{codes:?}"
        );
    }

    const TAG: &str = "---\ndoc_type: resourcePageType\n---\n# tag\n\n## Properties\n| Property | Type | Description |\n|---|---|---|\n| kind | aKind | Possible values are: `one`, `two`. |\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.security.tag\" } -->\n```json\n{ \"kind\": \"String\" }\n```\n";
    const TAGGED: &str = "---\ndoc_type: resourcePageType\n---\n# tagged\n\n## Relationships\n| Relationship | Type | Description |\n|---|---|---|\n| label | [a marca](security-tag.md) | |\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.tagged\" } -->\n```json\n{ \"id\": \"String\" }\n```\n";

    /// The type of `tagged.label`.
    fn label_type(m: &Model) -> TypeRef {
        let Some(TypeDef::Complex(tagged)) = m.find_type("microsoft.graph.tagged") else {
            panic!("{:#?}", m.types)
        };
        let label = tagged.properties.iter().find(|p| p.name == "label");
        label.unwrap().ty.clone()
    }

    #[test]
    fn a_link_to_a_page_names_its_resource_before_its_enums() {
        let m = resolve(vec![
            extract::page("r/security-tag.md", TAG),
            extract::page("r/tagged.md", TAGGED),
        ]);
        let enums: Vec<_> = m
            .types
            .iter()
            .filter(|t| matches!(t, TypeDef::Enum(_)))
            .map(TypeDef::name)
            .collect();
        assert_eq!(enums, ["microsoft.graph.security.akind"]);
        assert_eq!(
            label_type(&m),
            TypeRef::Named("microsoft.graph.security.tag".into())
        );
        // A page merged into the type is named by its stem too.
        let m = resolve(vec![
            extract::page("r/security-tag.md", TAG),
            extract::page("r/xtra-tag.md", TAG),
            extract::page(
                "r/tagged.md",
                &TAGGED.replace("security-tag.md", "xtra-tag.md"),
            ),
        ]);
        assert_eq!(
            label_type(&m),
            TypeRef::Named("microsoft.graph.security.tag".into())
        );
    }

    /// An api page that lists these request lines.
    fn api(name: String, lines: &[String]) -> Fragment {
        let md = format!(
            "---\ndoc_type: apiPageType\n---\n# {name}\n\n## HTTP request\n```http\n{}\n```\n",
            lines.join("\n")
        );
        extract::page(&format!("api/{name}.md"), &md)
    }

    #[test]
    fn prefix_aliases_are_learned_from_the_pages_that_list_both() {
        let mut pages = Vec::new();
        for i in 0..10 {
            let both = [
                format!("GET /me/thing{i}"),
                format!("GET /users/{{id}}/thing{i}"),
            ];
            pages.push(api(format!("thing{i}"), &both));
            // `dm` sits beside `users/{id}` as often, but is mostly used alone: no alias.
            let beside = [
                format!("GET /dm/part{i}"),
                format!("GET /users/{{id}}/part{i}"),
            ];
            pages.push(api(format!("part{i}"), &beside));
            for j in 0..3 {
                pages.push(api(
                    format!("alone{i}-{j}"),
                    &[format!("GET /dm/alone{i}{j}")],
                ));
            }
        }
        pages.push(api(
            "other".into(),
            &["GET /users/{id}/other/{other-id}".into()],
        ));
        let m = resolve(pages);
        let paths = |name: &str| -> Vec<(String, Option<String>, Vec<String>)> {
            let op = m.operations.iter().find(|o| o.name == name).unwrap();
            op.paths
                .iter()
                .map(|p| (p.template.clone(), p.alias_of.clone(), p.params.clone()))
                .collect()
        };
        assert_eq!(
            paths("other"),
            [
                (
                    "/users/{id}/other/{other-id}".into(),
                    None,
                    vec!["id".into(), "other-id".into()]
                ),
                (
                    "/me/other/{other-id}".into(),
                    Some("/users/{id}/other/{other-id}".into()),
                    vec!["other-id".into()]
                ),
            ]
        );
        // Already listed in both forms: nothing added. No `/dm` alias anywhere.
        assert_eq!(paths("thing3").len(), 2);
        let part: Vec<_> = paths("part3").into_iter().map(|p| p.0).collect();
        assert_eq!(part, ["/dm/part3", "/users/{id}/part3", "/me/part3"]);
    }

    #[test]
    fn path_addressing_is_learned_beside_key_addressing() {
        let mut pages: Vec<_> = (0..10)
            .map(|i| {
                let both = [
                    format!("GET /me/drive/items/{{item-id}}/thing{i}"),
                    format!("GET /me/drive/root:/{{item-path}}:/thing{i}"),
                ];
                api(format!("thing{i}"), &both)
            })
            .collect();
        pages.push(api(
            "upload".into(),
            &["POST /users/{id}/drive/items/{item-id}/upload".into()],
        ));
        // Items of a list are addressed by key only.
        pages.push(api(
            "listitem".into(),
            &["GET /sites/{id}/lists/{list-id}/items/{item-id}".into()],
        ));
        let m = resolve(pages);
        let paths = |name: &str| -> Vec<(String, Option<String>)> {
            let op = m.operations.iter().find(|o| o.name == name).unwrap();
            op.paths
                .iter()
                .map(|p| (p.template.clone(), p.alias_of.clone()))
                .collect()
        };
        assert_eq!(
            paths("upload"),
            [
                ("/users/{id}/drive/items/{item-id}/upload".into(), None),
                (
                    "/users/{id}/drive/root:/{item-id}:/upload".into(),
                    Some("/users/{id}/drive/items/{item-id}/upload".into())
                ),
            ]
        );
        assert_eq!(paths("listitem").len(), 1);
        assert_eq!(paths("thing4").len(), 2);
    }

    #[test]
    fn cycles_through_single_values_are_found() {
        let m = model();
        let edges = m.recursive_edges();
        assert!(edges.contains(&("microsoft.graph.a", "next")));
        assert!(edges.contains(&("microsoft.graph.a", "self")));
        assert!(edges.contains(&("microsoft.graph.b", "back")));
        // Collections already have a finite size.
        assert!(!edges.contains(&("microsoft.graph.b", "many")));
    }
}

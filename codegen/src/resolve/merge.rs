//! The pages' fragments become one model; a type documented on several pages is one type.

use std::collections::BTreeMap;

use crate::extract::Fragment;
use crate::model::*;

/// The fragments, in their order, as one model, with its types by name still apart for the
/// passes that add to them.
pub(super) fn fragments(fragments: Vec<Fragment>) -> (Model, BTreeMap<String, TypeDef>) {
    let mut model = Model::default();
    // Sized once: grown by doubling, these move each of their items several times.
    let total = |len: fn(&Fragment) -> usize| fragments.iter().map(len).sum::<usize>();
    model.pages.reserve(fragments.len());
    model.diagnostics.reserve(total(|f| f.diagnostics.len()));
    model.operations.reserve(total(|f| f.operations.len()));
    model.examples.reserve(total(|f| f.examples.len()));
    let mut types: BTreeMap<String, TypeDef> = BTreeMap::new();
    // Where each operation name is defined: names the generated stubs and the registry.
    let mut operations: BTreeMap<String, Source> = BTreeMap::new();
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
        for op in fragment.operations {
            match operations.get(&op.name) {
                // Two inputs with a page of the same name: the second would shadow the first.
                Some(first) => {
                    let message = format!(
                        "operation `{}` is also defined at {first}, from a page of the same name; this one is ignored, and its examples are kept without it",
                        op.name
                    );
                    let error = Diagnostic::new(Code::DuplicateOperation, op.source, message);
                    model.diagnostics.push(error);
                    model.examples.extend(op.examples);
                }
                None => {
                    operations.insert(op.name.clone(), op.source.clone());
                    model.operations.push(op);
                }
            }
        }
        model.examples.extend(fragment.examples);
    }
    (model, types)
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
            if a.base.is_none() {
                (a.base, a.base_stated) = (b.base, b.base_stated);
            }
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

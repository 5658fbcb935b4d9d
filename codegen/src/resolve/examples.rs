//! Doc bugs the examples show, all in one place.
//!
//! Against the page they are on ([`check_pages`]): a request to a path the page does not list
//! or under another method, a body parameter sent as another JSON kind than its table gives
//! or left out where the table calls it required, and a response that wraps one resource as
//! OData wraps only lists.
//!
//! Against the resolved types ([`check`]): a value of another JSON kind than the docs give it
//! (`"Boolean"` for a boolean, an object for a string) in a body that represents a resource,
//! a response or another annotated example, with a JSON pointer to the value. Generated code
//! cannot read such an example.

use std::cell::RefCell;

use docbind::JsonPointer;
use rayon::prelude::*;
use serde_json::{Map, Value};

use super::Names;
use crate::extract::{Fragment, json_kind, value_member};
use crate::model::{
    BlockKind, Code, ComplexType, Diagnostic, ExampleBlock, Method, Model, Operation, Property,
    Response, Rule, TypeDef, TypeRef,
};

/// The doc bugs of each page's examples against what the page lists.
pub(super) fn check_pages(fragments: &[Fragment]) -> Vec<Diagnostic> {
    fragments
        .par_iter()
        .flat_map_iter(|f| check_page(&f.operations))
        .collect()
}

/// `ops`: the operations of one page, one per method it lists, sharing its tables.
fn check_page(ops: &[Operation]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(first) = ops.first() else {
        return out;
    };
    // In page order: where a parameter misfits in several requests, the first one says so.
    let mut requests: Vec<&ExampleBlock> = ops
        .iter()
        .flat_map(|op| &op.examples)
        .filter_map(|e| e.request.as_ref())
        .collect();
    requests.sort_by(|a, b| a.source.cmp(&b.source));
    for request in &requests {
        out.extend(unlisted(ops, request));
        out.extend(undocumented_headers(first, request));
        // The stub of a documented body always sends one.
        let op = ops
            .iter()
            .find(|op| Some(op.method.as_str()) == request.method.as_deref());
        let sends = op.is_some_and(|op| {
            matches!(op.method, Method::Post | Method::Put | Method::Patch)
                && (!op.body.is_empty() || op.body_type.is_some())
        });
        if sends && request.json.is_none() && request.json_status.is_none() {
            let message = "the request sends no body, but the page documents one, which its endpoint stub always sends (`{}` at the least)";
            out.push(Diagnostic::new(
                Code::ExampleBodyMissing,
                request.source.clone(),
                message,
            ));
        }
    }
    let responses = ops
        .iter()
        .flat_map(|op| &op.examples)
        .filter_map(|e| e.response.as_ref());
    for response in responses {
        if let (Some(status @ (204 | 304)), Some(_)) = (response.status, &response.json) {
            let message = format!(
                "the response shows a body under status {status}, which HTTP sends without one"
            );
            out.push(Diagnostic::new(
                Code::ExampleBodyWithoutContent,
                response.source.clone(),
                message,
            ));
        }
    }
    let bodies: Vec<(&Map<String, Value>, &ExampleBlock)> = requests
        .iter()
        .filter_map(|r| Some((r.json.as_ref()?.as_object()?, *r)))
        .collect();
    for p in &first.body {
        let misfit = bodies.iter().find_map(|(map, request)| {
            let value = map.get(&p.name)?;
            (!p.ty.admits(value)).then_some((value, request))
        });
        if let Some((value, request)) = misfit {
            let message = format!(
                "the request sends `{}` as {}, but the parameters table types it `{}`",
                p.name,
                json_kind(value),
                p.ty
            );
            let pointer = format!("/{}", p.name.replace('~', "~0").replace('/', "~1"));
            out.push(
                Diagnostic::new(Code::ExampleTypeMismatch, request.source.clone(), message)
                    .at_pointer(pointer),
            );
        }
        let omitted_by = bodies.iter().find(|(map, _)| !map.contains_key(&p.name));
        if p.required
            && let Some((_, request)) = omitted_by
        {
            let message = format!(
                "the request omits `{}`, which the parameters table calls required",
                p.name
            );
            out.push(Diagnostic::new(
                Code::ExampleOmitsRequired,
                request.source.clone(),
                message,
            ));
        }
    }
    // OData wraps lists in `{"value": [...]}`, never a single resource.
    if let Some(Response {
        ty: Some(ty @ TypeRef::Named(_)),
        ..
    }) = &first.response
    {
        let responses = ops.iter().flat_map(|op| &op.examples);
        for r in responses.filter_map(|e| e.response.as_ref()) {
            let message = match r.json.as_ref().and_then(value_member) {
                Some(Value::Object(_)) => format!(
                    "the response example wraps one `{ty}` in `{{\"value\": {{…}}}}`, as OData wraps only lists"
                ),
                Some(Value::Array(_)) => format!(
                    "the response example is a list (`{{\"value\": […]}}`), but the page returns one `{ty}`"
                ),
                _ => continue,
            };
            out.push(Diagnostic::new(
                Code::ExampleValueWrapper,
                r.source.clone(),
                message,
            ));
        }
    }
    out
}

/// A request to a path the page does not list, or with another method than the one it lists
/// for that path.
fn unlisted(ops: &[Operation], request: &ExampleBlock) -> Option<Diagnostic> {
    let (Some(method), Some(path)) = (&request.method, &request.path) else {
        return None;
    };
    let fits = |op: &Operation| {
        op.paths
            .iter()
            .any(|p| docbind::template_matches(&p.template, path))
    };
    if ops
        .iter()
        .any(|op| op.method.as_str() == method && fits(op))
    {
        return None;
    }
    let source = request.source.clone();
    Some(match ops.iter().find(|op| fits(op)) {
        Some(listed) => Diagnostic::new(
            Code::ExampleMethodUnlisted,
            source,
            format!(
                "the example requests `{method} {path}`, but the page lists that path for {}",
                listed.method
            ),
        ),
        None => Diagnostic::new(
            Code::ExamplePathUnlisted,
            source,
            format!(
                "the example requests `{method} {path}`, which fits none of the paths the page lists"
            ),
        ),
    })
}

/// A header the request sends that its stub cannot: one the page's headers table does not
/// list (translated names read as the header they translate).
fn undocumented_headers(op: &Operation, request: &ExampleBlock) -> Vec<Diagnostic> {
    let listed = |name: &str| op.headers.iter().any(|h| h.name.eq_ignore_ascii_case(name));
    (request.headers.iter())
        .filter(|(name, _)| docbind::is_stub_header(name) && !listed(name))
        .map(|(name, value)| {
            let message = format!(
                "the example sends `{name}: {value}`, a header the page's request headers table does not list, so its endpoint stub cannot send it"
            );
            Diagnostic::new(Code::ExampleUndocumentedHeader, request.source.clone(), message)
        })
        .collect()
}

/// Every example against the resolved types: the first value of each block that does not fit
/// its type, and the first that breaks a rule the docs state for it.
pub(super) fn check(model: &Model, names: &Names) -> Vec<Diagnostic> {
    let blocks: Vec<_> = model
        .all_examples()
        .flat_map(|(op, example)| example.blocks().map(move |block| (op, block)))
        .collect();
    blocks
        .par_iter()
        .flat_map_iter(|&(op, block)| {
            let walk = |find| Walk {
                model,
                names,
                find,
                undocumented: RefCell::new(Vec::new()),
            };
            let firsts = [Find::Misfits, Find::RuleBreaks]
                .into_iter()
                .filter_map(move |find| first(&walk(find), op, block));
            firsts.chain(undocumented(walk(Find::Undocumented), op, block))
        })
        .collect()
}

/// Every field and enum value of `block` that no page documents, each where it is: what
/// `verify` counts as kept untyped, so that a docs author has the whole list.
fn undocumented(walk: Walk, op: Option<&Operation>, block: &ExampleBlock) -> Vec<Diagnostic> {
    // Its own walk finds nothing: it notes each part and goes on.
    let _ = first(&walk, op, block);
    // A body of parameters is read as the stub's body: its parameters table (which may list
    // none, where the page documents no body at all).
    if let Some(op) = op.filter(|op| !op.body.is_empty() || op.body_type.is_none())
        && block.kind == BlockKind::Request
        && let Some(json) = &block.json
    {
        let property = |key: &str| op.body.iter().find(|p| p.name == key);
        let lacks = Some((op.name.as_str(), op.source.file.as_ref()));
        let _ = walk.object(json, property, lacks, &mut JsonPointer::root());
    }
    // A response body where the page documents no response type.
    if let Some(op) = op.filter(|op| op.response.as_ref().is_none_or(|r| r.ty.is_none()))
        && block.kind == BlockKind::Response
        && block.json.is_some()
        && shown(walk.names, Some(op), block).is_none()
    {
        let part = Part::Type(None);
        walk.note(&JsonPointer::root(), part, &op.name, &op.source.file);
    }
    let kind = block.kind.name();
    (walk.undocumented.into_inner().into_iter())
        .map(|noted| {
            let (path, owner, page) = (&noted.path, &noted.owner, &noted.page);
            let lacks = |what: String, lacks: &str| {
                format!(
                    "the {kind} example has {what} at `{path}`, but `{owner}` ({page}) {lacks}; generated code keeps it untyped"
                )
            };
            let (code, message, lacking) = match &noted.part {
                Part::Field(key) => (
                    Code::ExampleUndocumentedField,
                    lacks(format!("field `{key}`"), "lists no such property"),
                    Some(key),
                ),
                Part::Member(value) => (
                    Code::ExampleUndocumentedMember,
                    lacks(format!("`{value}`"), "lists no such member"),
                    Some(value),
                ),
                Part::Type(Some(name)) => (
                    Code::ExampleUndocumentedType,
                    format!(
                        "the {kind} example has a value of type `{name}` at `{path}`, which no page defines; generated code keeps it untyped"
                    ),
                    None,
                ),
                Part::Type(None) => (
                    Code::ExampleUndocumentedType,
                    format!(
                        "the {kind} example has a body, but `{owner}` ({page}) documents no type for it; generated code keeps it untyped"
                    ),
                    None,
                ),
            };
            let d = Diagnostic::new(code, block.source.clone(), message).at_pointer(&noted.path);
            match lacking {
                Some(name) => d.lacking(owner, name),
                None => d,
            }
        })
        .collect()
}

/// The first value of `block` that the walk finds.
fn first(walk: &Walk, op: Option<&Operation>, block: &ExampleBlock) -> Option<Diagnostic> {
    let (Some(json), Some(ty)) = (&block.json, shown(walk.names, op, block)) else {
        return None;
    };
    let mut path = JsonPointer::root();
    // OData wraps a list or a primitive in `{"value": …}`; a resource stands alone.
    let complex = matches!(&ty, TypeRef::Named(n) if matches!(walk.model.find_type(n), Some(TypeDef::Complex(_))));
    let json = match value_member(json) {
        Some(value) if !complex => {
            path.push("value");
            value
        }
        _ => json,
    };
    let found = walk.misfit(&ty, json, &mut path)?;
    let kind = block.kind.name();
    let at = match found.path.as_str() {
        "" => "as its body".to_owned(),
        path => format!("at `{path}`"),
    };
    let (code, message) = match found.why {
        Why::Type(ty) => (
            Code::ExampleTypeMismatch,
            format!(
                "the {kind} example has {} {at}, where the docs give `{ty}`",
                json_kind(found.value)
            ),
        ),
        Why::Range(min, max) => (
            Code::ExampleBreaksRule,
            format!(
                "the {kind} example has `{}` {at}, outside the range {min} to {max} the docs state",
                found.value
            ),
        ),
        Why::Listed(values) => (
            Code::ExampleBreaksRule,
            format!(
                "the {kind} example has `{}` {at}, which is not among the values the docs list: {}",
                found.value,
                values
                    .iter()
                    .map(|v| format!("`{v}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
    };
    Some(Diagnostic::new(code, block.source.clone(), message).at_pointer(found.path.clone()))
}

/// The type a block shows, as `verify` reads it: the body of an operation whose body
/// represents a resource, else the type the annotation names (a page of it with
/// `isCollection`), else the operation's response.
fn shown(names: &Names, op: Option<&Operation>, block: &ExampleBlock) -> Option<TypeRef> {
    if block.kind == BlockKind::Request {
        // A parameters table makes the body, as the stub has it; `undocumented` reads it.
        return op.filter(|op| op.body.is_empty())?.body_type.clone();
    }
    let response = op.and_then(|op| op.response.as_ref()?.ty.clone());
    let annotated = block.odata_type.as_deref().and_then(|t| names.lookup(t));
    match (annotated, response) {
        (Some(name), Some(ty)) if matches!(ty.element(), TypeRef::Named(n) if *n == name) => {
            Some(ty)
        }
        (Some(name), _) if block.is_collection => {
            Some(TypeRef::Collection(Box::new(TypeRef::Named(name))))
        }
        (Some(name), _) => Some(TypeRef::Named(name)),
        (None, response) if block.kind == BlockKind::Response => response,
        (None, _) => None,
    }
}

/// What a walk looks for: values of another JSON kind than their type, or values that break
/// a rule the docs state (a range, a list of values).
#[derive(Clone, Copy, PartialEq)]
enum Find {
    Misfits,
    RuleBreaks,
    /// Notes every field and enum value no page documents, and finds nothing.
    Undocumented,
}

struct Walk<'m> {
    model: &'m Model,
    names: &'m Names,
    find: Find,
    /// What [`Find::Undocumented`] notes.
    undocumented: RefCell<Vec<Noted>>,
}

/// A part of an example no page documents: where it is, what it is, and the type that lacks
/// it, with its page.
struct Noted {
    path: String,
    part: Part,
    owner: String,
    page: String,
}

/// A part of an example that no page documents.
enum Part {
    Field(String),
    Member(String),
    /// A value of a type no page defines, or (`None`) a body of no documented type.
    Type(Option<String>),
}

/// The first value a walk finds, and what is wrong with it.
struct Found<'m, 'v> {
    path: String,
    value: &'v Value,
    why: Why<'m>,
}

enum Why<'m> {
    /// Not of the JSON kind of this type.
    Type(TypeRef),
    /// Outside this range.
    Range(i64, i64),
    /// None of these values.
    Listed(&'m [String]),
}

impl<'m> Walk<'m> {
    fn misfit<'v>(
        &self,
        ty: &TypeRef,
        value: &'v Value,
        path: &mut JsonPointer,
    ) -> Option<Found<'m, 'v>> {
        let here = |path: &JsonPointer| {
            (self.find == Find::Misfits).then(|| Found {
                path: path.to_string(),
                value,
                why: Why::Type(ty.clone()),
            })
        };
        match (ty, value) {
            (_, Value::Null) => None,
            (TypeRef::Collection(inner), Value::Array(items)) => {
                items.iter().enumerate().find_map(|(i, item)| {
                    path.push(i.to_string());
                    let found = self.misfit(inner, item, path);
                    path.pop();
                    found
                })
            }
            (TypeRef::Named(name), _) => match self.model.find_type(name) {
                // Undocumented: kept as it is, nothing to check.
                None => {
                    if self.find == Find::Undocumented {
                        self.note(path, Part::Type(Some(name.clone())), name, "");
                    }
                    None
                }
                Some(TypeDef::Enum(e)) if value.is_string() => {
                    let listed = |v: &str| e.members.iter().any(|m| m.name == v);
                    match value.as_str() {
                        Some(v) if self.find == Find::Undocumented && !listed(v) => {
                            let part = Part::Member(v.to_owned());
                            self.note(path, part, &e.name, &e.source.file);
                        }
                        _ => {}
                    }
                    None
                }
                Some(TypeDef::Complex(c)) if value.is_object() => self.fields(c, value, path),
                Some(_) => here(path),
            },
            _ if ty.admits(value) => None,
            _ => here(path),
        }
    }

    /// The fields of an object of type `c`, or of the type derived from it that its
    /// `@odata.type` names, as generated code reads it.
    fn fields<'v>(
        &self,
        c: &'m ComplexType,
        value: &'v Value,
        path: &mut JsonPointer,
    ) -> Option<Found<'m, 'v>> {
        let c: &'m ComplexType = value
            .get("@odata.type")
            .and_then(Value::as_str)
            .and_then(|t| self.names.lookup(t))
            .and_then(|t| match self.model.find_type(&t) {
                Some(TypeDef::Complex(d)) if self.derives(d, &c.name) => Some(d),
                _ => None,
            })
            .unwrap_or(c);
        // Only a type declared open itself keeps other fields as dynamic properties, as
        // generated code does; openness is not inherited.
        let lacks = (!c.open).then_some((c.name.as_str(), c.source.file.as_ref()));
        self.object(value, |key| self.property(c, key), lacks, path)
    }

    /// The fields of an object whose properties `property` gives. A field it lacks is noted
    /// as lacking from `lacks` (a name and its page), unless the object is open (`None`).
    fn object<'v>(
        &self,
        value: &'v Value,
        property: impl Fn(&str) -> Option<&'m Property>,
        lacks: Option<(&str, &str)>,
        path: &mut JsonPointer,
    ) -> Option<Found<'m, 'v>> {
        let object = value.as_object()?;
        object.iter().find_map(|(key, field)| {
            let Some(p) = property(key) else {
                // OData annotations (`@odata.type`, `x@odata.bind`) are control information.
                if let Some((owner, page)) = lacks.filter(|_| !key.contains('@'))
                    && self.find == Find::Undocumented
                {
                    path.push(key.as_str());
                    self.note(path, Part::Field(key.clone()), owner, page);
                    path.pop();
                }
                return None;
            };
            path.push(key.as_str());
            let found = match self.find {
                Find::RuleBreaks => breaks(p, field, path),
                Find::Misfits | Find::Undocumented => None,
            };
            let found = found.or_else(|| self.misfit(&p.ty, field, path));
            path.pop();
            found
        })
    }

    fn note(&self, path: &JsonPointer, part: Part, owner: &str, page: &str) {
        self.undocumented.borrow_mut().push(Noted {
            path: path.to_string(),
            part,
            owner: owner.to_owned(),
            page: page.to_owned(),
        });
    }

    /// Property `name` of `t`, declared there or inherited (a redeclaration has the inherited
    /// type by now).
    fn property(&self, t: &'m ComplexType, name: &str) -> Option<&'m Property> {
        self.model
            .lineage(t)
            .find_map(|c| c.properties.iter().find(|p| p.name == name))
    }

    /// Whether `t` is `base` or derives from it.
    fn derives(&self, t: &'m ComplexType, base: &str) -> bool {
        self.model.lineage(t).any(|c| c.name == base)
    }
}

/// The first value of property `p` (`value`, or each of its items) that breaks a range or a
/// list of values its description states.
fn breaks<'m, 'v>(
    p: &'m Property,
    value: &'v Value,
    path: &mut JsonPointer,
) -> Option<Found<'m, 'v>> {
    if let Value::Array(items) = value {
        return items.iter().enumerate().find_map(|(i, item)| {
            path.push(i.to_string());
            let found = breaks(p, item, path);
            path.pop();
            found
        });
    }
    let why = p.constraints.iter().find_map(|c| match (&c.rule, value) {
        (Rule::Range { min, max }, Value::Number(n)) => {
            let n = n.as_f64()?;
            (n < *min as f64 || n > *max as f64).then_some(Why::Range(*min, *max))
        }
        (Rule::AllowedValues { values }, Value::String(s)) => {
            (!values.contains(s)).then_some(Why::Listed(values))
        }
        _ => None,
    })?;
    Some(Found {
        path: path.to_string(),
        value,
        why,
    })
}

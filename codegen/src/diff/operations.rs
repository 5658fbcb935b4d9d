//! Changes to operations: their paths, method, parameters, body, headers, response and
//! permissions.

use std::collections::BTreeSet;

use super::types::Owner;
use super::usage::Direction;
use super::{Diff, Found, Rule, Verdict, pair};
use crate::locale::surely_translated;
use crate::model::{Described, HttpPath, Operation, Permission, Scheme};
use crate::naming;

use Verdict::{Breaking, Compatible, None as Unseen};

/// A path template with its placeholders blanked (`/users/{}`): endpoints match across
/// renamed placeholders.
fn endpoint(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut inside = false;
    for c in template.trim_end_matches('/').chars() {
        match c {
            '{' => {
                inside = true;
                out.push_str("{}");
            }
            '}' => inside = false,
            _ if !inside => out.push(c.to_ascii_lowercase()),
            _ => {}
        }
    }
    out
}

/// The rules of a table of named rows an operation documents.
struct RowRules {
    what: &'static str,
    added: Rule,
    removed: Rule,
    required: Rule,
    /// A row no longer documented narrows what clients may send: a query option does, a
    /// header (the client's own) does not.
    removed_breaks: bool,
}

const QUERY: RowRules = RowRules {
    what: "query parameter",
    added: Rule::QueryParameterAdded,
    removed: Rule::QueryParameterRemoved,
    required: Rule::QueryParameterRequiredChanged,
    removed_breaks: true,
};

const HEADERS: RowRules = RowRules {
    what: "request header",
    added: Rule::HeaderAdded,
    removed: Rule::HeaderRemoved,
    required: Rule::HeaderRequiredChanged,
    removed_breaks: false,
};

/// A change to the path `op` of operation `name`, which is `np` in the new model.
fn path_found<'a>(
    rule: Rule,
    name: &str,
    op: &'a HttpPath,
    np: Option<&'a HttpPath>,
    detail: String,
    message: String,
) -> Found<'a> {
    Found {
        rule,
        subject: name.to_owned(),
        old: Some(&op.source),
        new: np.map(|p| &p.source),
        detail,
        message,
    }
}

/// The key an operation that was renamed is found by: its method and first path.
fn key(op: &Operation) -> Option<(crate::model::Method, String)> {
    op.paths.first().map(|p| (op.method, endpoint(&p.template)))
}

impl Diff<'_> {
    pub(super) fn operations(&mut self) {
        let (old, new) = (&self.old.model.operations, &self.new.model.operations);
        let pairs = pair(
            old,
            new,
            &[
                &|o: &Operation, n: &Operation| o.name == n.name,
                &|o: &Operation, n: &Operation| key(o).is_some() && key(o) == key(n),
            ],
        );
        for (i, j) in pairs.matched {
            self.operation(&old[i], &new[j]);
        }
        // Pages that merge ("checkMemberGroups" of users, groups and devices documented once)
        // remove operations whose endpoints another operation still documents.
        let documented: std::collections::BTreeMap<_, &str> = (new.iter())
            .flat_map(|n| {
                n.paths
                    .iter()
                    .map(move |p| ((n.method, endpoint(&p.template)), n.name.as_str()))
            })
            .collect();
        for o in pairs.removed.into_iter().map(|i| &old[i]) {
            let deprecated = !o.paths.is_empty() && o.paths.iter().all(|p| p.deprecated);
            let moved_to = (o.paths.iter())
                .map(|p| documented.get(&(o.method, endpoint(&p.template))).copied())
                .collect::<Option<BTreeSet<&str>>>()
                .filter(|to| !to.is_empty());
            let why = match (&moved_to, deprecated) {
                (Some(to), _) => format!(
                    "; its paths are documented by `{}`",
                    to.iter().copied().collect::<Vec<_>>().join("`, `")
                ),
                (None, true) => " after it was deprecated".to_owned(),
                (None, false) => String::new(),
            };
            let found = Found {
                rule: Rule::OperationRemoved,
                subject: o.name.clone(),
                old: Some(&o.source),
                new: None,
                detail: String::new(),
                message: format!(
                    "operation `{}` ({} {}) was removed{why}",
                    o.name,
                    o.method,
                    o.paths.first().map_or("", |p| &p.template),
                ),
            };
            let wire = if deprecated || moved_to.is_some() {
                Compatible
            } else {
                Breaking
            };
            let change = self.push(found, wire, Breaking);
            if let Some(to) = moved_to {
                let stubs: Vec<String> = to.iter().map(|n| naming::endpoint(n)).collect();
                change.hint = Some(format!("send it with the stub `{}`", stubs.join("` or `")));
            }
        }
        for n in pairs.added.into_iter().map(|j| &new[j]) {
            let found = Found {
                rule: Rule::OperationAdded,
                subject: n.name.clone(),
                old: None,
                new: Some(&n.source),
                detail: String::new(),
                message: format!(
                    "operation `{}` ({} {}) was added",
                    n.name,
                    n.method,
                    n.paths.first().map_or("", |p| &p.template)
                ),
            };
            self.push(found, Compatible, Compatible);
        }
    }

    fn operation(&mut self, o: &Operation, n: &Operation) {
        let name = o.name.as_str();
        let sources = (&o.source, &n.source);
        let found =
            |rule, detail, message| Found::between(rule, name.to_owned(), sources, detail, message);
        if o.name != n.name {
            let (was, is) = (naming::endpoint(&o.name), naming::endpoint(&n.name));
            let message = format!("operation `{name}` is documented as `{}`", n.name);
            let rust = if was == is { Unseen } else { Breaking };
            let hint = format!("the stub `{was}` is now `{is}`");
            let detail = format!("{}→{}", o.name, n.name);
            self.push(found(Rule::OperationRenamed, detail, message), Unseen, rust)
                .hint = Some(hint);
        }
        if o.method != n.method {
            let message = format!("operation `{name}` was {} and is {}", o.method, n.method);
            self.push(
                found(
                    Rule::MethodChanged,
                    format!("{}→{}", o.method, n.method),
                    message,
                ),
                Breaking,
                Unseen,
            );
        }
        self.paths(name, o, n);
        self.description(
            name,
            o.description.as_ref(),
            n.description.as_ref(),
            &o.source,
            &n.source,
        );
        let body = format!("{name}.body");
        // A page may give its body as "a JSON representation of X" or as a table of X's
        // properties: on the wire the same JSON, so a page that moves from one to the other is
        // compared property by property.
        let (old_body, new_body) = match (&o.body_type, &n.body_type) {
            (Some(_), None) if o.body.is_empty() && !n.body.is_empty() => {
                (self.old.properties_of(o.body_type.as_ref()), n.body.clone())
            }
            (None, Some(_)) if !o.body.is_empty() && n.body.is_empty() => {
                (o.body.clone(), self.new.properties_of(n.body_type.as_ref()))
            }
            _ => (Vec::new(), Vec::new()),
        };
        let restructured = !old_body.is_empty() && !new_body.is_empty();
        let (old_body, new_body) = match restructured {
            true => (old_body, new_body),
            false => (o.body.clone(), n.body.clone()),
        };
        let owner = Owner {
            subject: &body,
            rust: (!restructured).then_some(name),
            direction: Direction::REQUEST,
            inherited: None,
        };
        self.properties(&owner, &old_body, &new_body);
        let parameters = format!("{name}.parameters");
        let owner = Owner {
            subject: &parameters,
            rust: Some(name),
            direction: Direction::REQUEST,
            inherited: None,
        };
        self.properties(&owner, &o.parameters, &n.parameters);
        if o.body_type != n.body_type {
            let show = |t: &Option<crate::model::TypeRef>| {
                t.as_ref().map_or("none".to_owned(), |t| format!("`{t}`"))
            };
            let message = format!(
                "the request body of `{name}` was {} and is {}",
                show(&o.body_type),
                show(&n.body_type)
            );
            let rust = self.rust_of(o.body_type.as_ref(), n.body_type.as_ref());
            // The properties said what changed on the wire.
            let wire = if restructured { Unseen } else { Breaking };
            self.push(
                found(
                    Rule::RequestBodyChanged,
                    format!("{}→{}", show(&o.body_type), show(&n.body_type)),
                    message,
                ),
                wire,
                rust,
            );
        }
        self.described(&QUERY, &o.query, &n.query, o, n);
        self.described(&HEADERS, &o.headers, &n.headers, o, n);
        let (old_ty, new_ty) = (
            o.response.as_ref().and_then(|r| r.ty.as_ref()),
            n.response.as_ref().and_then(|r| r.ty.as_ref()),
        );
        if old_ty != new_ty {
            let show = |t: Option<&crate::model::TypeRef>| {
                t.map_or("no body".to_owned(), |t| format!("`{t}`"))
            };
            let message = format!(
                "the response of `{name}` was {} and is {}",
                show(old_ty),
                show(new_ty)
            );
            let rust = self.rust_of(old_ty, new_ty);
            self.push(
                found(
                    Rule::ResponseTypeChanged,
                    format!("{}→{}", show(old_ty), show(new_ty)),
                    message,
                ),
                Breaking,
                rust,
            );
        }
        let (old_status, new_status) = (
            o.response.as_ref().map(|r| r.status),
            n.response.as_ref().map(|r| r.status),
        );
        if let (Some(was), Some(is)) = (old_status, new_status)
            && was != is
        {
            let message = format!("the success status of `{name}` was {was} and is {is}");
            self.push(
                found(Rule::ResponseStatusChanged, format!("{was}→{is}"), message),
                Breaking,
                Unseen,
            );
        }
        self.permissions(name, o, n);
    }

    /// Whether the Rust types the emitter gives `o` and `n` differ.
    fn rust_of(
        &self,
        o: Option<&crate::model::TypeRef>,
        n: Option<&crate::model::TypeRef>,
    ) -> Verdict {
        let old = o.map(|t| self.old.rust.of(t));
        let new = n.map(|t| self.new.rust.of(t));
        if old == new { Unseen } else { Breaking }
    }

    fn paths(&mut self, name: &str, o: &Operation, n: &Operation) {
        let params = |op: &Operation| -> BTreeSet<String> {
            op.paths
                .iter()
                .flat_map(|p| p.params.iter().cloned())
                .collect()
        };
        // The stub has a field per placeholder.
        let stub_changed = params(o) != params(n);
        let pairs = pair(
            &o.paths,
            &n.paths,
            &[
                &|a: &HttpPath, b: &HttpPath| a.template == b.template,
                &|a: &HttpPath, b: &HttpPath| endpoint(&a.template) == endpoint(&b.template),
            ],
        );
        let found = |rule, op, np, detail, message| path_found(rule, name, op, np, detail, message);
        // Only the stub's paths change, unless a placeholder went with it.
        let rust = |otherwise| if stub_changed { Breaking } else { otherwise };
        for (i, j) in pairs.matched {
            let (op, np) = (&o.paths[i], &n.paths[j]);
            if np.template != op.template {
                let message = format!(
                    "the path `{}` of `{name}` is now written `{}`",
                    op.template, np.template
                );
                let detail = format!("{}→{}", op.template, np.template);
                self.push(
                    found(Rule::PathParameterRenamed, op, Some(np), detail, message),
                    Unseen,
                    rust(Unseen),
                );
            }
            if np.deprecated && !op.deprecated {
                let message = format!("the path `{}` of `{name}` became deprecated", op.template);
                self.push(
                    found(
                        Rule::PathDeprecated,
                        op,
                        Some(np),
                        endpoint(&op.template),
                        message,
                    ),
                    Compatible,
                    Unseen,
                );
            }
        }
        for op in pairs.removed.into_iter().map(|i| &o.paths[i]) {
            let message = format!(
                "operation `{name}` no longer has the path `{}`{}",
                op.template,
                if op.deprecated {
                    ", which was deprecated"
                } else {
                    ""
                }
            );
            let wire = if op.deprecated { Compatible } else { Breaking };
            self.push(
                found(Rule::PathRemoved, op, None, endpoint(&op.template), message),
                wire,
                rust(Unseen),
            );
        }
        for np in pairs.added.into_iter().map(|j| &n.paths[j]) {
            let found = Found {
                rule: Rule::PathAdded,
                subject: name.to_owned(),
                old: None,
                new: Some(&np.source),
                detail: endpoint(&np.template),
                message: format!("operation `{name}` gained the path `{}`", np.template),
            };
            self.push(found, Compatible, rust(Compatible));
        }
    }

    /// Query parameters or request headers, by name: one that is required where it was not
    /// breaks what clients send.
    fn described(
        &mut self,
        rules: &RowRules,
        old: &[Described],
        new: &[Described],
        o: &Operation,
        n: &Operation,
    ) {
        let (name, what) = (o.name.as_str(), rules.what);
        let sources = (&o.source, &n.source);
        let found = |rule, row: &Described, detail, message| {
            Found::between(
                rule,
                format!("{name}.{}", row.name),
                sources,
                detail,
                message,
            )
        };
        // Across languages the table's names may be translated ("Autorização"), but its rows
        // keep their order.
        let translated = self.across_languages(&o.source, &n.source);
        let index =
            |row: &Described, list: &[Described]| list.iter().position(|r| std::ptr::eq(r, row));
        let pairs = pair(
            old,
            new,
            &[
                &|a: &Described, b: &Described| a.name == b.name,
                &|a: &Described, b: &Described| a.name.eq_ignore_ascii_case(&b.name),
                &|a: &Described, b: &Described| {
                    translated && surely_translated(&b.name) && index(a, old) == index(b, new)
                },
            ],
        );
        for (i, j) in pairs.matched {
            let (od, nd) = (&old[i], &new[j]);
            if od.required != nd.required {
                let message = format!(
                    "the {what} `{}` of `{name}` {}",
                    od.name,
                    if nd.required {
                        "became required"
                    } else {
                        "is no longer required"
                    }
                );
                let wire = if nd.required { Breaking } else { Compatible };
                let detail = format!("{}→{}", od.required, nd.required);
                self.push(found(rules.required, od, detail, message), wire, Unseen);
            }
            let subject = format!("{name}.{}", od.name);
            self.description(
                &subject,
                od.description.as_ref(),
                nd.description.as_ref(),
                &o.source,
                &n.source,
            );
        }
        for od in pairs.removed.into_iter().map(|i| &old[i]) {
            let message = format!("`{name}` no longer documents the {what} `{}`", od.name);
            let mut f = found(rules.removed, od, String::new(), message);
            f.new = None;
            let wire = if rules.removed_breaks {
                Breaking
            } else {
                Compatible
            };
            self.push(f, wire, Unseen);
        }
        for nd in pairs.added.into_iter().map(|j| &new[j]) {
            let message = format!(
                "`{name}` documents the {what} `{}`{}",
                nd.name,
                if nd.required { ", required" } else { "" }
            );
            let mut f = found(rules.added, nd, String::new(), message);
            f.old = None;
            let wire = if nd.required { Breaking } else { Compatible };
            let translation = translated && surely_translated(&nd.name);
            let wire = if translation { Unseen } else { wire };
            self.push(f, wire, Unseen).translation = translation;
        }
    }

    /// Per scheme, the least privileged permission: an app consented to the old one must ask
    /// for the new one when the old is no longer listed.
    fn permissions(&mut self, name: &str, o: &Operation, n: &Operation) {
        let of = |op: &Operation, scheme: Scheme| -> Vec<String> {
            op.permissions
                .iter()
                .filter(|p| p.scheme == scheme)
                .flat_map(|p: &Permission| p.names.iter().cloned())
                .collect()
        };
        for scheme in [
            Scheme::DelegatedWork,
            Scheme::DelegatedPersonal,
            Scheme::Application,
        ] {
            let (was, is) = (of(o, scheme), of(n, scheme));
            if was.first() == is.first() {
                continue;
            }
            let scheme_name = serde_json::to_value(scheme)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            let show = |names: &[String]| {
                names
                    .first()
                    .map_or("not supported".to_owned(), |n| format!("`{n}`"))
            };
            let wire = match (was.first(), is.first()) {
                (Some(least), Some(_)) if is.contains(least) => Compatible,
                (None, Some(_)) => Compatible,
                _ => Breaking,
            };
            let found = Found {
                rule: Rule::PermissionChanged,
                subject: name.to_owned(),
                old: Some(&o.source),
                new: Some(&n.source),
                detail: format!("{scheme_name}: {}→{}", show(&was), show(&is)),
                message: format!(
                    "the least privileged {scheme_name} permission of `{name}` was {} and is {}",
                    show(&was),
                    show(&is)
                ),
            };
            self.push(found, wire, Unseen);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::endpoint;

    #[test]
    fn endpoints_match_across_renamed_placeholders() {
        assert_eq!(
            endpoint("/users/{id}/events/"),
            endpoint("/users/{user-id}/events")
        );
        assert_ne!(endpoint("/users/{id}"), endpoint("/groups/{id}"));
    }
}

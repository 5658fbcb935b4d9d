//! Changes to types: complex types and their properties and rules, enums and their members.

use std::collections::BTreeMap;

use super::usage::Direction;
use super::{Diff, Found, Rule, Verdict, pair};
use crate::locale::surely_translated;
use crate::model::{
    ComplexType, EnumMember, EnumType, Property, Provenance, Rule as Check, Text, TypeDef,
};

use Verdict::{Breaking, Compatible, None as Unseen};

/// Where a list of properties lives: a complex type, or an operation's body or parameters.
pub(super) struct Owner<'a> {
    /// What subjects start with: a type's qualified name, or `operation.body`.
    pub(super) subject: &'a str,
    /// The struct whose fields they are, as [`crate::emit::RustTypes::field`] names it; none
    /// where the struct itself was replaced, which `request-body-changed` reports.
    pub(super) rust: Option<&'a str>,
    pub(super) direction: Direction,
    /// For a type, the properties it has with the inherited ones, on each side: a property
    /// that moved to or from a base is no change.
    pub(super) inherited: Option<(Vec<&'a Property>, Vec<&'a Property>)>,
}

impl Diff<'_> {
    pub(super) fn types(&mut self) {
        let old: BTreeMap<&str, &TypeDef> =
            self.old.model.types.iter().map(|t| (t.name(), t)).collect();
        let new: BTreeMap<&str, &TypeDef> =
            self.new.model.types.iter().map(|t| (t.name(), t)).collect();
        let names: std::collections::BTreeSet<&str> =
            old.keys().chain(new.keys()).copied().collect();
        for name in names {
            match (old.get(name), new.get(name)) {
                (Some(o), None) => {
                    let found = Found {
                        rule: Rule::TypeRemoved,
                        subject: name.to_owned(),
                        old: Some(o.source()),
                        new: None,
                        detail: String::new(),
                        message: format!("type `{name}` was removed"),
                    };
                    self.push(found, Breaking, Breaking);
                }
                (None, Some(n)) => {
                    let found = Found {
                        rule: Rule::TypeAdded,
                        subject: name.to_owned(),
                        old: None,
                        new: Some(n.source()),
                        detail: String::new(),
                        message: format!("type `{name}` was added"),
                    };
                    self.push(found, Compatible, Compatible);
                }
                (Some(TypeDef::Complex(o)), Some(TypeDef::Complex(n))) => self.complex(o, n),
                (Some(TypeDef::Enum(o)), Some(TypeDef::Enum(n))) => self.enumeration(o, n),
                (Some(o), Some(n)) => {
                    let kind = |t: &TypeDef| {
                        if t.as_enum().is_some() {
                            "an enum"
                        } else {
                            "a complex type"
                        }
                    };
                    let found = Found {
                        rule: Rule::TypeKindChanged,
                        subject: name.to_owned(),
                        old: Some(o.source()),
                        new: Some(n.source()),
                        detail: String::new(),
                        message: format!("`{name}` was {} and is {}", kind(o), kind(n)),
                    };
                    self.push(found, Breaking, Breaking);
                }
                (None, None) => unreachable!("a name from one of the maps"),
            }
        }
    }

    fn complex(&mut self, o: &ComplexType, n: &ComplexType) {
        let name = o.name.as_str();
        let direction = self.usage.of(name);
        if o.base != n.base {
            let show =
                |b: &Option<String>| b.as_deref().map_or("none".to_owned(), |b| format!("`{b}`"));
            // On the wire a type is its properties: the change breaks only what it loses.
            let now: Vec<&str> = (self.new.model.all_properties(n).into_iter())
                .map(|p| p.name.as_str())
                .collect();
            let loses = (self.old.model.all_properties(o).into_iter())
                .any(|p| !now.contains(&p.name.as_str()));
            let wire = if loses { Breaking } else { Compatible };
            // In Rust, a type that leaves a base's lineage leaves the base's `Any` enum.
            let kept = o
                .base
                .as_deref()
                .is_none_or(|b| self.new.model.lineage(n).any(|c| c.name == b));
            let rust = if kept { Compatible } else { Breaking };
            let found = Found {
                rule: Rule::BaseChanged,
                subject: name.to_owned(),
                old: Some(&o.source),
                new: Some(&n.source),
                detail: format!("{}→{}", show(&o.base), show(&n.base)),
                message: format!(
                    "the base type of `{name}` was {} and is {}",
                    show(&o.base),
                    show(&n.base)
                ),
            };
            self.push(found, wire, rust);
        }
        self.description(
            name,
            o.description.as_ref(),
            n.description.as_ref(),
            &o.source,
            &n.source,
        );
        let owner = Owner {
            subject: name,
            rust: Some(name),
            direction,
            inherited: Some((
                self.old.model.all_properties(o),
                self.new.model.all_properties(n),
            )),
        };
        self.properties(&owner, &o.properties, &n.properties);
    }

    /// Compares two lists of properties of `owner`, matching them by wire name, then the rest
    /// as renames.
    pub(super) fn properties(&mut self, owner: &Owner, old: &[Property], new: &[Property]) {
        let has = |list: &[&Property], name: &str| list.iter().any(|p| p.name == name);
        let pairs = pair(old, new, &[&|o: &Property, n: &Property| o.name == n.name]);
        for (i, j) in pairs.matched {
            self.property(owner, &old[i], &new[j]);
        }
        // A property that moved to or from a base is still there.
        let inherited = |side: usize, name: &str| {
            owner
                .inherited
                .as_ref()
                .is_some_and(|all| has(if side == 0 { &all.0 } else { &all.1 }, name))
        };
        let removed: Vec<(usize, &Property)> = (pairs.removed.into_iter())
            .filter(|&i| !inherited(1, &old[i].name))
            .map(|i| (i, &old[i]))
            .collect();
        let added: Vec<(usize, &Property)> = (pairs.added.into_iter())
            .filter(|&j| !inherited(0, &new[j].name))
            .map(|j| (j, &new[j]))
            .collect();
        let renames = pair(&removed, &added, &[&|&(i, o), &(j, n)| renamed(i, o, j, n)]);
        for &(i, j) in &renames.matched {
            self.renamed_property(owner, removed[i].1, added[j].1);
        }
        let removed = renames.removed.iter().map(|&i| removed[i]);
        let added: Vec<_> = renames.added.iter().map(|&j| added[j]).collect();
        for (_, o) in removed {
            let found = Found {
                rule: Rule::PropertyRemoved,
                subject: format!("{}.{}", owner.subject, o.name),
                old: Some(&o.source),
                new: None,
                detail: String::new(),
                message: format!("property `{}` of `{}` was removed", o.name, owner.subject),
            };
            // A client that sends it is refused; one that reads it no longer finds it.
            let wire = Self::wire(owner.direction, exempt(o, Breaking), Breaking);
            // The docs listed it only in the table, not in their own JSON: they contradicted
            // themselves, and the new ones settle it.
            let correction = o.provenance == Provenance::TableOnly;
            let wire = if correction { Unseen } else { wire };
            let translation = self.translated_name(&o.name, &o.source);
            let (wire, rust) = if translation {
                (Unseen, Unseen)
            } else {
                (wire, owner.rust.map_or(Unseen, |_| Breaking))
            };
            let change = self.push(found, wire, rust);
            change.correction = correction;
            change.translation = translation;
        }
        for (_, n) in added {
            let found = Found {
                rule: Rule::PropertyAdded,
                subject: format!("{}.{}", owner.subject, n.name),
                old: None,
                new: Some(&n.source),
                detail: String::new(),
                message: format!(
                    "property `{}` of `{}` was added{}",
                    n.name,
                    owner.subject,
                    if n.required { ", required" } else { "" }
                ),
            };
            let request = if n.required && !n.read_only {
                Breaking
            } else {
                Compatible
            };
            let wire = Self::wire(owner.direction, request, Compatible);
            let translation = self.translated_name(&n.name, &n.source);
            let (wire, rust) = if translation {
                (Unseen, Unseen)
            } else {
                (wire, owner.rust.map_or(Unseen, |_| Compatible))
            };
            self.push(found, wire, rust).translation = translation;
        }
    }

    fn renamed_property(&mut self, owner: &Owner, o: &Property, n: &Property) {
        let (old_field, new_field) = (crate::naming::field(&o.name), crate::naming::field(&n.name));
        let found = Found {
            rule: Rule::PropertyRenamed,
            subject: format!("{}.{}", owner.subject, o.name),
            old: Some(&o.source),
            new: Some(&n.source),
            detail: format!("{}→{}", o.name, n.name),
            message: format!(
                "property `{}` of `{}` is now `{}`",
                o.name, owner.subject, n.name
            ),
        };
        // Across languages, a table's name that stands where another stood is a translation.
        let translation = self.across_languages(&o.source, &n.source);
        let wire = if translation { Unseen } else { Breaking };
        let rust = if translation || old_field == new_field || owner.rust.is_none() {
            Unseen
        } else {
            Breaking
        };
        let change = self.push(found, wire, rust);
        change.translation = translation;
        change.hint = Some(format!(
            "send and read `{}` instead of `{}`; in Rust, the field `{old_field}` is now `{new_field}`",
            n.name, o.name
        ));
    }

    /// Compares one property, the same on both sides by name.
    fn property(&mut self, owner: &Owner, o: &Property, n: &Property) {
        let subject = format!("{}.{}", owner.subject, o.name);
        let rust = |d: &Self| {
            let Some(of) = owner.rust else { return Unseen };
            if d.old.rust.field(of, o) == d.new.rust.field(of, n) {
                Unseen
            } else {
                Breaking
            }
        };
        let sources = (&o.source, &n.source);
        let found =
            |rule, detail, message| Found::between(rule, subject.clone(), sources, detail, message);
        let what = format!("property `{}` of `{}`", o.name, owner.subject);
        // The properties table and the JSON representation disagreed at the old row.
        let contradicted = self.old.contradictions.contains(&o.source);
        // A type word that translation replaced, read as a type no page defines.
        let translation = self.across_languages(&o.source, &n.source)
            && [&o.ty, &n.ty]
                .into_iter()
                .any(super::Side::untranslated_type);
        if o.ty != n.ty {
            let rule = match o.ty.is_collection() != n.ty.is_collection() {
                true => Rule::PropertyCollectionChanged,
                false => Rule::PropertyTypeChanged,
            };
            let message = format!("{what} was `{}` and is `{}`", o.ty, n.ty);
            let wire = if contradicted || translation {
                Unseen
            } else {
                Breaking
            };
            let rust = if translation { Unseen } else { rust(self) };
            let detail = format!("{}→{}", o.ty, n.ty);
            let change = self.push(found(rule, detail, message), wire, rust);
            change.correction = contradicted;
            change.translation = translation;
        }
        // What the prose says (nullable, required, read-only, rules) is read from each page's
        // language: across languages, a difference is the reading's.
        let translation = self.across_languages(&o.source, &n.source);
        let flag = |d: &mut Self,
                    rule,
                    was: bool,
                    is: bool,
                    name: &str,
                    request: [Verdict; 2],
                    response: [Verdict; 2],
                    rust: Verdict| {
            if was == is {
                return;
            }
            // `optionalProperties` is the annotation's, which is never translated.
            let translation = translation && rule != Rule::PropertyOptionalChanged;
            let message = format!(
                "{what} {} {name}",
                if is { "became" } else { "is no longer" }
            );
            let detail = format!("{name}: {was}→{is}");
            let [request, response] = [request[is as usize], response[is as usize]];
            let wire = Self::wire(owner.direction, request, response);
            let (wire, rust) = if translation {
                (Unseen, Unseen)
            } else {
                (wire, rust)
            };
            d.push(found(rule, detail, message), wire, rust).translation = translation;
        };
        // Each pair is the verdict for [became false, became true].
        // Naming the Rust types costs: only where the flag changed.
        let nullable_rust = match o.nullable == n.nullable {
            true => Unseen,
            false => rust(self),
        };
        flag(
            self,
            Rule::PropertyNullableChanged,
            o.nullable,
            n.nullable,
            "nullable",
            [exempt(o, Breaking), Compatible],
            [Compatible, Breaking],
            nullable_rust,
        );
        flag(
            self,
            Rule::PropertyRequiredChanged,
            o.required,
            n.required,
            "required",
            [Compatible, exempt(o, Breaking)],
            [Unseen, Unseen],
            Unseen,
        );
        flag(
            self,
            Rule::PropertyOptionalChanged,
            o.optional,
            n.optional,
            "optional",
            [Unseen, Unseen],
            [Compatible, Breaking],
            Unseen,
        );
        flag(
            self,
            Rule::PropertyReadOnlyChanged,
            o.read_only,
            n.read_only,
            "read-only",
            [Compatible, Breaking],
            [Unseen, Unseen],
            Unseen,
        );
        self.checks(owner, &subject, o, n, translation);
        self.description(
            &subject,
            o.description.as_ref(),
            n.description.as_ref(),
            &o.source,
            &n.source,
        );
    }

    /// Compares the validation rules of one property, by kind.
    fn checks(
        &mut self,
        owner: &Owner,
        subject: &str,
        o: &Property,
        n: &Property,
        translation: bool,
    ) {
        let kinds: std::collections::BTreeSet<&str> = (o.constraints.iter())
            .chain(&n.constraints)
            .map(|c| c.rule.kind())
            .collect();
        for kind in kinds {
            let find = |p| rule_of(p, kind);
            let (was, is) = (find(o), find(n));
            let (rule, message) = match (was, is) {
                (Some(was), Some(is)) if was == is => continue,
                (Some(was), Some(is)) => {
                    let rule = if loosened(was, is) {
                        Rule::RuleLoosened
                    } else {
                        Rule::RuleTightened
                    };
                    (
                        rule,
                        format!(
                            "the {kind} rule of `{subject}` was {} and is {}",
                            show(was),
                            show(is)
                        ),
                    )
                }
                (Some(was), None) => (
                    Rule::RuleRemoved,
                    format!("the {kind} rule of `{subject}` ({}) was removed", show(was)),
                ),
                (None, Some(is)) => (
                    Rule::RuleAdded,
                    format!("`{subject}` gained the {kind} rule {}", show(is)),
                ),
                (None, None) => unreachable!("a kind of one of them"),
            };
            // A rule binds what clients send; what they read, they may check but need not,
            // except a list of values, which they may read as a closed enum.
            let request = match rule {
                Rule::RuleAdded | Rule::RuleTightened => exempt(o, Breaking),
                _ => Compatible,
            };
            let response = match (rule, was) {
                (Rule::RuleLoosened, Some(Check::AllowedValues { values }))
                    if !values.iter().any(|v| v == "unknownFutureValue") =>
                {
                    Breaking
                }
                _ => Compatible,
            };
            let wire = Self::wire(owner.direction, request, response);
            let wire = if translation { Unseen } else { wire };
            let found = Found {
                rule,
                subject: subject.to_owned(),
                old: Some(&o.source),
                new: Some(&n.source),
                detail: format!(
                    "{kind}: {}→{}",
                    was.map_or("none".into(), show),
                    is.map_or("none".into(), show)
                ),
                message,
            };
            self.push(found, wire, Unseen).translation = translation;
        }
    }

    fn enumeration(&mut self, o: &EnumType, n: &EnumType) {
        let name = o.name.as_str();
        let direction = self.usage.of(name);
        self.description(
            name,
            o.description.as_ref(),
            n.description.as_ref(),
            &o.source,
            &n.source,
        );
        // Graph's evolvable enums end their documented members with `unknownFutureValue`, which
        // clients read for any member added later.
        let evolvable = o.members.iter().any(|m| m.name == "unknownFutureValue");
        let member = |m: &EnumMember| format!("{name}.{}", m.name);
        let pairs = pair(
            &o.members,
            &n.members,
            &[&|a: &EnumMember, b: &EnumMember| a.name == b.name],
        );
        for &(i, j) in &pairs.matched {
            let (om, nm) = (&o.members[i], &n.members[j]);
            self.description(
                &member(om),
                om.description.as_ref(),
                nm.description.as_ref(),
                &o.source,
                &n.source,
            );
        }
        let same_size = o.members.len() == n.members.len();
        let renames = pair(
            &pairs.removed,
            &pairs.added,
            &[&|&i, &j| {
                let (om, nm) = (&o.members[i], &n.members[j]);
                om.value.is_some() && om.value == nm.value
                    || same_text(om.description.as_ref(), nm.description.as_ref())
                    || i == j && same_size
            }],
        );
        for &(i, j) in &renames.matched {
            let (om, nm) = (&o.members[pairs.removed[i]], &n.members[pairs.added[j]]);
            let found = Found {
                rule: Rule::EnumMemberRenamed,
                subject: member(om),
                old: Some(&o.source),
                new: Some(&n.source),
                detail: format!("{}→{}", om.name, nm.name),
                message: format!("member `{}` of `{name}` is now `{}`", om.name, nm.name),
            };
            let hint = format!("send and expect `{}` instead of `{}`", nm.name, om.name);
            // Member tables are translated like any other.
            let translation = self.across_languages(&o.source, &n.source);
            let verdict = if translation { Unseen } else { Breaking };
            let change = self.push(found, verdict, verdict);
            change.hint = Some(hint);
            change.translation = translation;
        }
        let removed = renames
            .removed
            .iter()
            .map(|&i| (i, &o.members[pairs.removed[i]]));
        let added: Vec<_> = renames
            .added
            .iter()
            .map(|&j| (j, &n.members[pairs.added[j]]))
            .collect();
        // Across languages, a member table that translation reached has names no enum has
        // ("Personalizado"): what it lacks and what it adds are the translation's.
        let translated = self.across_languages(&o.source, &n.source)
            && (n.members.iter()).any(|m| surely_translated(&m.name));
        let (removed_verdicts, added_verdicts) = match translated {
            true => ([Unseen; 2], [Unseen; 2]),
            false => (
                [Self::wire(direction, Breaking, Compatible), Breaking],
                [
                    Self::wire(
                        direction,
                        Compatible,
                        if evolvable { Compatible } else { Breaking },
                    ),
                    Compatible,
                ],
            ),
        };
        for (_, om) in removed {
            let found = Found {
                rule: Rule::EnumMemberRemoved,
                subject: member(om),
                old: Some(&o.source),
                new: None,
                detail: String::new(),
                message: format!("member `{}` of `{name}` was removed", om.name),
            };
            // A client that sends it is refused; one that reads it no longer sees it.
            let [wire, rust] = removed_verdicts;
            self.push(found, wire, rust).translation = translated;
        }
        for (_, nm) in added {
            let found = Found {
                rule: Rule::EnumMemberAdded,
                subject: member(nm),
                old: None,
                new: Some(&n.source),
                detail: String::new(),
                message: format!(
                    "member `{}` of `{name}` was added{}",
                    nm.name,
                    if evolvable {
                        ""
                    } else {
                        " to an enum without `unknownFutureValue`"
                    }
                ),
            };
            // Generated enums are `#[non_exhaustive]`.
            let [wire, rust] = added_verdicts;
            self.push(found, wire, rust).translation = translated;
        }
    }

    /// A docs-only change when a description changed.
    pub(super) fn description(
        &mut self,
        subject: &str,
        o: Option<&Text>,
        n: Option<&Text>,
        old: &crate::model::Source,
        new: &crate::model::Source,
    ) {
        // Prose in two languages always differs.
        if same_text(o, n) || o.is_none() && n.is_none() || self.across_languages(old, new) {
            return;
        }
        let found = Found {
            rule: Rule::DescriptionChanged,
            subject: subject.to_owned(),
            old: Some(old),
            new: Some(new),
            detail: format!(
                "{}→{}",
                o.map_or("", |t| &t.text),
                n.map_or("", |t| &t.text)
            ),
            message: format!("the description of `{subject}` changed"),
        };
        self.push(found, Unseen, Unseen);
    }
}

fn rule_of<'p>(p: &'p Property, kind: &str) -> Option<&'p Check> {
    p.constraints
        .iter()
        .find(|c| c.rule.kind() == kind)
        .map(|c| &c.rule)
}

/// A read-only property is exempt from the request side: clients do not send it.
fn exempt(p: &Property, verdict: Verdict) -> Verdict {
    if p.read_only { Unseen } else { verdict }
}

/// Whether removed property `o` (at `i`) and added property `n` (at `j`) are one renamed:
/// the same description, or the same type at the same position.
fn renamed(i: usize, o: &Property, j: usize, n: &Property) -> bool {
    same_text(o.description.as_ref(), n.description.as_ref()) && o.description.is_some()
        || i == j && o.ty == n.ty
}

/// Two descriptions that say the same, in English where a page carries it.
fn same_text(a: Option<&Text>, b: Option<&Text>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.source().trim() == b.source().trim(),
        _ => false,
    }
}

/// Whether `is` admits every value `was` did, of the same kind; otherwise some value that
/// was valid is not.
fn loosened(was: &Check, is: &Check) -> bool {
    match (was, is) {
        (Check::MaxLength { max: a }, Check::MaxLength { max: b })
        | (Check::MaxItems { max: a }, Check::MaxItems { max: b }) => b >= a,
        (Check::MaxItemsWhen { max: a, when: wa }, Check::MaxItemsWhen { max: b, when: wb }) => {
            wa == wb && b >= a
        }
        (Check::Range { min: a0, max: a1 }, Check::Range { min: b0, max: b1 }) => {
            b0 <= a0 && b1 >= a1
        }
        (Check::AllowedValues { values: a }, Check::AllowedValues { values: b }) => {
            a.iter().all(|v| b.contains(v))
        }
        // Another format: what was valid may not be.
        _ => false,
    }
}

/// A rule as a message shows it.
fn show(rule: &Check) -> String {
    match rule {
        Check::MaxLength { max } | Check::MaxItems { max } => format!("at most {max}"),
        Check::MaxItemsWhen { max, when } => format!("at most {max} when `{when}` is set"),
        Check::AllowedValues { values } => format!(
            "one of {}",
            values
                .iter()
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Check::Range { min, max } => format!("between {min} and {max}"),
        Check::Format { format } => format!("a {}", format.name()),
    }
}

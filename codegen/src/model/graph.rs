//! What follows from the types' links: a type's bases, its properties with the inherited ones,
//! and the properties that close a cycle.

use std::collections::{BTreeMap, BTreeSet};

use super::{ComplexType, Lack, Model, Property, TypeDef, TypeRef};

impl Model {
    /// `t` and the types it derives from, nearest first (bases are acyclic once resolved).
    pub fn lineage<'m>(&'m self, t: &'m ComplexType) -> impl Iterator<Item = &'m ComplexType> {
        std::iter::successors(Some(t), |c| {
            match c.base.as_deref().and_then(|b| self.find_type(b)) {
                Some(TypeDef::Complex(base)) => Some(base),
                _ => None,
            }
        })
    }

    /// The properties of a complex type, inherited ones first. Pages often repeat inherited
    /// properties; each name appears once, in the base's place, as the most derived page
    /// describes it.
    pub fn all_properties<'m>(&'m self, t: &'m ComplexType) -> Vec<&'m Property> {
        let chain: Vec<&ComplexType> = self.lineage(t).collect();
        let mut out: Vec<&Property> = Vec::new();
        for p in chain.iter().rev().flat_map(|c| &c.properties) {
            match out.iter_mut().find(|have| have.name == p.name) {
                Some(have) => *have = p,
                None => out.push(p),
            }
        }
        out
    }

    /// Whether these pages document, for its owner, a field or member an example has and the
    /// owner's docs lack: on a type it derives from or one derived from it, among an enum's
    /// members or the values a property of that enum lists in backticks, or among an
    /// operation's body parameters. Asked of another folder of the same API, it tells what
    /// translation or time lost.
    pub fn documents(&self, lack: &Lack) -> bool {
        let name = lack.name.as_str();
        match self.find_type(&lack.owner) {
            Some(TypeDef::Complex(c)) => {
                let has = |t: &ComplexType| t.properties.iter().any(|p| p.name == name);
                let derived = |t: &&ComplexType| self.lineage(t).skip(1).any(|b| b.name == c.name);
                self.lineage(c).any(has)
                    || (self.types.iter().filter_map(TypeDef::as_complex))
                        .filter(derived)
                        .any(has)
            }
            Some(TypeDef::Enum(e)) => {
                let listed = |p: &Property| {
                    matches!(p.ty.element(), TypeRef::Named(n) if *n == e.name)
                        && (p.description.as_ref()).is_some_and(|d| {
                            crate::translation::backticked_names(&d.text).contains(&name)
                        })
                };
                e.members.iter().any(|m| m.name == name)
                    || self.all_documented_properties().any(listed)
            }
            None => (self.operations.iter())
                .any(|op| op.name == lack.owner && op.body.iter().any(|p| p.name == name)),
        }
    }

    /// Whether `t` is an entity type: one with a key (`keyProperty`), its own or a base's.
    pub fn is_entity(&self, t: &ComplexType) -> bool {
        self.lineage(t).any(|c| c.key.is_some())
    }

    /// Each type that others derive from, with every type below it, by name.
    pub fn derived_types(&self) -> BTreeMap<&str, Vec<&str>> {
        let mut below: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for c in self.types.iter().filter_map(TypeDef::as_complex) {
            for base in self.lineage(c).skip(1) {
                below.entry(&base.name).or_default().push(&c.name);
            }
        }
        below
    }

    /// Complex types that hold themselves through single-valued properties: the set of
    /// `(owner, property)` edges a Rust struct must box to have a finite size. A property
    /// typed with a complex type holds the types derived from it too, inline (its `Any`
    /// enum's variants are not boxed); an entity type's are boxed.
    pub fn recursive_edges<'m>(&'m self) -> BTreeSet<(&'m str, &'m str)> {
        let complex: BTreeMap<&'m str, &'m ComplexType> = (self.types.iter())
            .filter_map(TypeDef::as_complex)
            .map(|c| (c.name.as_str(), c))
            .collect();
        let below = self.derived_types();
        let edges = |owner: &'m ComplexType| -> Vec<(&'m str, &'m str)> {
            let mut out = Vec::new();
            for p in self.all_properties(owner) {
                let TypeRef::Named(n) = &p.ty else { continue };
                let Some((n, t)) = complex.get_key_value(n.as_str()) else {
                    continue;
                };
                let inline = !self.is_entity(t);
                let derived = below.get(n).filter(|_| inline).into_iter().flatten();
                out.extend(
                    std::iter::once(n)
                        .chain(derived)
                        .map(|t| (p.name.as_str(), *t)),
                );
            }
            out
        };
        let graph: BTreeMap<&str, Vec<(&str, &str)>> =
            complex.iter().map(|(n, c)| (*n, edges(c))).collect();
        let component = strongly_connected(&graph);
        let mut out = BTreeSet::new();
        for (owner, props) in &graph {
            for (prop, target) in props {
                if component[owner] == component[target] {
                    out.insert((*owner, *prop));
                }
            }
        }
        out
    }
}

/// Tarjan's algorithm, iteratively: node → component id.
fn strongly_connected<'a>(
    graph: &BTreeMap<&'a str, Vec<(&'a str, &'a str)>>,
) -> BTreeMap<&'a str, usize> {
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut low: BTreeMap<&str, usize> = BTreeMap::new();
    let mut component: BTreeMap<&str, usize> = BTreeMap::new();
    let mut stack: Vec<&str> = Vec::new();
    let mut on_stack: BTreeSet<&str> = BTreeSet::new();
    let mut next = 0;
    for &root in graph.keys() {
        if index.contains_key(root) {
            continue;
        }
        // (node, next edge to look at)
        let mut work = vec![(root, 0usize)];
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if *edge == 0 && !index.contains_key(node) {
                index.insert(node, next);
                low.insert(node, next);
                next += 1;
                stack.push(node);
                on_stack.insert(node);
            }
            let targets = &graph[node];
            if let Some(&(_, target)) = targets.get(*edge) {
                *edge += 1;
                if !index.contains_key(target) {
                    work.push((target, 0));
                } else if on_stack.contains(target) {
                    let l = low[node].min(index[target]);
                    low.insert(node, l);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                let l = low[parent].min(low[node]);
                low.insert(parent, l);
            }
            if low[node] == index[node] {
                let id = component.len();
                while let Some(member) = stack.pop() {
                    on_stack.remove(member);
                    component.insert(member, id);
                    if member == node {
                        break;
                    }
                }
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Provenance, Source};

    /// A complex type with a base and properties `name: type`.
    fn complex(name: &str, base: Option<&str>, props: &[(&str, &str)]) -> TypeDef {
        let property = |(name, ty): &(&str, &str)| Property {
            name: (*name).into(),
            ty: ty.parse().unwrap(),
            required: false,
            optional: false,
            nullable: true,
            read_only: false,
            provenance: Provenance::Listed,
            description: None,
            constraints: Vec::new(),
            source: Source::default(),
        };
        TypeDef::Complex(ComplexType {
            name: name.into(),
            base: base.map(str::to_owned),
            base_stated: base.map(|_| crate::model::BaseStated::Annotation),
            key: None,
            open: false,
            is_abstract: false,
            description: None,
            properties: props.iter().map(property).collect(),
            methods: Vec::new(),
            source: Source::default(),
            merged_from: Vec::new(),
        })
    }

    fn model() -> Model {
        Model {
            types: vec![
                complex(
                    "a",
                    None,
                    &[("next", "b"), ("self", "a"), ("id", "Edm.String")],
                ),
                complex("b", None, &[("back", "a"), ("many", "Collection(b)")]),
                complex(
                    "c",
                    Some("a"),
                    &[("id", "Edm.Int32"), ("more", "Edm.Boolean")],
                ),
            ],
            ..Model::default()
        }
    }

    #[test]
    fn cycles_through_single_values_are_found() {
        let m = model();
        let edges = m.recursive_edges();
        assert!(edges.contains(&("a", "next")));
        assert!(edges.contains(&("a", "self")));
        assert!(edges.contains(&("b", "back")));
        // Collections already have a finite size.
        assert!(!edges.contains(&("b", "many")));
        // A property typed `a` holds `c`, derived from `a`, inline: `c`'s inherited `self`
        // is a cycle too.
        assert!(edges.contains(&("c", "self")));
    }

    #[test]
    fn a_derived_value_type_that_holds_its_base_closes_a_cycle_an_entity_does_not() {
        let keyed = |mut t: TypeDef| {
            if let TypeDef::Complex(c) = &mut t {
                c.key = Some("id".into());
            }
            t
        };
        let m = Model {
            types: vec![
                complex("cond", None, &[("label", "Edm.String")]),
                complex("not", Some("cond"), &[("inner", "cond")]),
                // Keyed, below a value type: held inline all the same, as its base decides.
                keyed(complex("rule", Some("cond"), &[("then", "cond")])),
                keyed(complex("item", None, &[("id", "Edm.String")])),
                complex("folder", Some("item"), &[("parent", "item")]),
            ],
            ..Model::default()
        };
        let edges = m.recursive_edges();
        // `not` and `rule` hold `cond`'s enum, which holds them inline; `item`'s variants
        // are boxed.
        assert_eq!(edges, BTreeSet::from([("not", "inner"), ("rule", "then")]));
    }

    #[test]
    fn inherited_properties_come_first_as_the_derived_type_describes_them() {
        let m = model();
        let Some(TypeDef::Complex(c)) = m.find_type("c") else {
            panic!()
        };
        assert_eq!(
            m.lineage(c).map(|t| t.name.as_str()).collect::<Vec<_>>(),
            ["c", "a"]
        );
        let props: Vec<(&str, String)> = m
            .all_properties(c)
            .iter()
            .map(|p| (p.name.as_str(), p.ty.to_string()))
            .collect();
        assert_eq!(
            props,
            [
                ("next", "b".to_owned()),
                ("self", "a".to_owned()),
                ("id", "Edm.Int32".to_owned()),
                ("more", "Edm.Boolean".to_owned()),
            ]
        );
    }
}

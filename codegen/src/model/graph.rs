//! What follows from the types' links: a type's bases, its properties with the inherited ones,
//! and the properties that close a cycle.

use std::collections::{BTreeMap, BTreeSet};

use super::{ComplexType, Model, Property, TypeDef, TypeRef};

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

    /// Complex types that hold themselves through single-valued properties: the set of
    /// `(owner, property)` edges a Rust struct must box to have a finite size.
    pub fn recursive_edges<'m>(&'m self) -> BTreeSet<(&'m str, &'m str)> {
        let complex: BTreeMap<&'m str, &'m ComplexType> = self
            .types
            .iter()
            .filter_map(|t| match t {
                TypeDef::Complex(c) => Some((c.name.as_str(), c)),
                TypeDef::Enum(_) => None,
            })
            .collect();
        let edges = |owner: &'m ComplexType| -> Vec<(&'m str, &'m str)> {
            self.all_properties(owner)
                .into_iter()
                .filter_map(|p| match &p.ty {
                    TypeRef::Named(n) if complex.contains_key(n.as_str()) => {
                        Some((p.name.as_str(), n.as_str()))
                    }
                    _ => None,
                })
                .collect()
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

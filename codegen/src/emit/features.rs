//! The cargo features of a standalone crate: which feature holds each area, and which other
//! features each needs. A feature needs the areas its types are made of, not those it only
//! links to (navigation properties, what an endpoint sends and returns), which stay raw JSON
//! while their feature is off: so a feature's closure follows composition only.
//!
//! An area is a feature of its own while the crate has few enough: crates.io takes at most
//! 300 features. Past that, an area that one other area alone is made of joins that one's
//! feature (which compiles it anyway), and if that is still too many, neighbouring features
//! (by name, which groups `accessReview…`, `print…`, `education…`) are packed together up to
//! a size that leaves the count under the limit.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::*;
use crate::naming;

/// Features a crate may have besides the areas': `default`, `full` and `extra-traits`.
const OWN: usize = 3;
/// What crates.io accepts.
const LIMIT: usize = 300;

/// The features of a crate generated from one model.
#[derive(Debug, Default)]
pub struct Features {
    /// The feature of each area.
    of: BTreeMap<String, String>,
    /// Each feature's areas, and the other features it needs.
    pub all: BTreeMap<String, Feature>,
}

#[derive(Debug, Default)]
pub struct Feature {
    pub areas: BTreeSet<String>,
    pub needs: BTreeSet<String>,
}

impl Features {
    /// The features of the crate of `model`, with `links` saying which properties link.
    pub(super) fn new(model: &Model, links: impl Fn(&Property) -> bool) -> Features {
        let area_of: BTreeMap<&str, String> = (model.types.iter())
            .map(|t| (t.name(), naming::area(&t.source().file)))
            .collect();
        // Every area, with its size (about what it costs to compile) and the areas it is
        // made of.
        let mut size: BTreeMap<String, usize> = BTreeMap::new();
        let mut made_of: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for t in &model.types {
            let from = &area_of[t.name()];
            let parts = made_of.entry(from.clone()).or_default();
            let cost = match t {
                TypeDef::Complex(c) => {
                    let all = model.all_properties(c);
                    let named =
                        all.iter()
                            .filter(|p| !links(p))
                            .filter_map(|p| match p.ty.element() {
                                TypeRef::Named(n) => area_of.get(n.as_str()),
                                _ => None,
                            });
                    parts.extend(named.filter(|a| *a != from).cloned());
                    2 + all.len()
                }
                TypeDef::Enum(e) => 1 + e.members.len() / 4,
            };
            *size.entry(from.clone()).or_default() += cost;
        }
        // An endpoint links to the types it sends and returns, but the enums among them are
        // part of it.
        let mut apis = BTreeSet::new();
        for op in &model.operations {
            let area = naming::area(&op.source.file);
            apis.insert(area.clone());
            let named = op.types().filter_map(|ty| match ty.element() {
                TypeRef::Named(n) => Some(n.as_str()),
                _ => None,
            });
            let enums = named
                .filter(|n| matches!(model.find_type(n), Some(TypeDef::Enum(_))))
                .filter_map(|n| area_of.get(n))
                .filter(|a| **a != area)
                .cloned();
            made_of.entry(area.clone()).or_default().extend(enums);
            *size.entry(area).or_default() += 4 + op.body.len();
        }

        let mut group: BTreeMap<String, String> =
            made_of.keys().map(|a| (a.clone(), a.clone())).collect();
        if group.len() + OWN > LIMIT {
            fold_into_sole_user(&made_of, &apis, &mut group);
        }
        if roots(&group).len() + OWN > LIMIT {
            pack_neighbours(&made_of, &size, &mut group);
        }

        let mut features = Features::default();
        for area in made_of.keys() {
            let feature = root(&group, area);
            features.of.insert(area.clone(), feature.clone());
            features
                .all
                .entry(feature)
                .or_default()
                .areas
                .insert(area.clone());
        }
        for (area, parts) in &made_of {
            let feature = &features.of[area];
            let needs: BTreeSet<String> = (parts.iter())
                .map(|p| features.of[p].clone())
                .filter(|f| f != feature)
                .collect();
            features
                .all
                .get_mut(feature)
                .expect("every feature")
                .needs
                .extend(needs);
        }
        features
    }

    /// The feature that holds `area`.
    pub fn of<'a>(&'a self, area: &'a str) -> &'a str {
        self.of.get(area).map_or(area, String::as_str)
    }

    /// The features `feature` turns on, itself included.
    pub fn closure<'a>(&'a self, feature: &'a str) -> BTreeSet<&'a str> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![feature];
        while let Some(f) = stack.pop() {
            if seen.insert(f) {
                stack.extend(
                    self.all
                        .get(f)
                        .into_iter()
                        .flat_map(|f| &f.needs)
                        .map(String::as_str),
                );
            }
        }
        seen
    }

    /// The areas `feature` compiles: its own and those of every feature it turns on.
    pub fn areas_of_closure(&self, feature: &str) -> usize {
        self.closure(feature)
            .iter()
            .map(|f| self.all[*f].areas.len())
            .sum()
    }
}

/// The group `area` is in: groups are kept as a forest, each area pointing to one nearer its
/// group's name.
fn root(group: &BTreeMap<String, String>, area: &str) -> String {
    let mut at = area;
    while group[at] != at {
        at = &group[at];
    }
    at.to_owned()
}

fn roots(group: &BTreeMap<String, String>) -> BTreeSet<String> {
    group.keys().map(|a| root(group, a)).collect()
}

/// The groups that need each group.
fn users(
    made_of: &BTreeMap<String, BTreeSet<String>>,
    group: &BTreeMap<String, String>,
) -> BTreeMap<String, BTreeSet<String>> {
    let mut users: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (area, parts) in made_of {
        let from = root(group, area);
        for part in parts {
            let to = root(group, part);
            if to != from {
                users.entry(to).or_default().insert(from.clone());
            }
        }
    }
    users
}

/// Joins each group that one other group alone is made of to that group, until none is left:
/// whoever turns on that one compiles this one anyway. A group with endpoints (`apis`) stays:
/// users turn on an API's resources by name.
fn fold_into_sole_user(
    made_of: &BTreeMap<String, BTreeSet<String>>,
    apis: &BTreeSet<String>,
    group: &mut BTreeMap<String, String>,
) {
    loop {
        let users = users(made_of, group);
        let sole = users.iter().find_map(|(g, by)| match by.len() {
            1 if !apis.contains(g) => by.first().map(|user| (g.clone(), user.clone())),
            _ => None,
        });
        let Some((part, user)) = sole else { return };
        group.insert(part, user);
    }
}

/// Packs groups, in order of name, into runs no larger than the smallest size that leaves
/// few enough features; a run is named after its first group, as a dictionary's page after
/// its first word.
fn pack_neighbours(
    made_of: &BTreeMap<String, BTreeSet<String>>,
    size: &BTreeMap<String, usize>,
    group: &mut BTreeMap<String, String>,
) {
    let mut groups: BTreeMap<String, usize> = BTreeMap::new();
    for area in made_of.keys() {
        *groups.entry(root(group, area)).or_default() += size[area];
    }
    let runs = |budget: usize| {
        let mut runs: Vec<Vec<(&String, usize)>> = Vec::new();
        let mut total = budget;
        for (g, &s) in &groups {
            if total + s > budget {
                runs.push(Vec::new());
                total = 0;
            }
            runs.last_mut().expect("a run").push((g, s));
            total += s;
        }
        runs
    };
    // The smallest budget that gives few enough runs.
    let (mut low, mut high) = (1, groups.values().sum::<usize>().max(1));
    while low < high {
        let mid = (low + high) / 2;
        if runs(mid).len() + OWN > LIMIT {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    for run in runs(high) {
        let (name, _) = run[0];
        for (g, _) in &run[1..] {
            group.insert((*g).clone(), name.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &[(&str, &[&str])]) -> BTreeMap<String, BTreeSet<String>> {
        (edges.iter())
            .map(|(a, parts)| (a.to_string(), parts.iter().map(|p| p.to_string()).collect()))
            .collect()
    }

    fn groups(made_of: &BTreeMap<String, BTreeSet<String>>) -> BTreeMap<String, String> {
        made_of.keys().map(|a| (a.clone(), a.clone())).collect()
    }

    #[test]
    fn an_area_joins_the_one_area_made_of_it() {
        // `facet` is part of `item` alone, and `leaf` of `facet` alone: both join `item`.
        // `shared` is part of two areas, and stays on its own, like `item` and `other`.
        let made_of = graph(&[
            ("item", &["facet", "shared"]),
            ("facet", &["leaf"]),
            ("leaf", &[]),
            ("other", &["shared"]),
            ("shared", &[]),
        ]);
        let mut group = groups(&made_of);
        fold_into_sole_user(&made_of, &BTreeSet::new(), &mut group);
        let of = |a: &str| root(&group, a);
        assert_eq!(of("facet"), "item");
        assert_eq!(of("leaf"), "item");
        assert_eq!(of("shared"), "shared");
        assert_eq!(roots(&group).len(), 3);
    }

    #[test]
    fn neighbours_pack_under_the_limit_named_after_their_first() {
        let names: Vec<String> = (0..LIMIT * 2).map(|i| format!("a{i:04}")).collect();
        let made_of: BTreeMap<String, BTreeSet<String>> =
            names.iter().map(|n| (n.clone(), BTreeSet::new())).collect();
        // Every tenth area is larger than the rest: runs are of unequal lengths.
        let size: BTreeMap<String, usize> = (names.iter().enumerate())
            .map(|(i, n)| (n.clone(), if i % 10 == 3 { 20 } else { 2 }))
            .collect();
        let mut group = groups(&made_of);
        pack_neighbours(&made_of, &size, &mut group);
        let roots = roots(&group);
        assert!(roots.len() + OWN <= LIMIT, "{} features", roots.len());
        // Runs are of neighbours: each group's areas are consecutive names.
        let mut in_order: Vec<String> = names.iter().map(|n| root(&group, n)).collect();
        in_order.dedup();
        assert_eq!(in_order.len(), roots.len());
        for name in &names {
            assert!(root(&group, name) <= *name, "{name}");
        }
    }

    #[test]
    fn a_closure_follows_needs_through_cycles() {
        let mut features = Features::default();
        for (name, needs) in [
            ("a", &["b"][..]),
            ("b", &["c", "a"]),
            ("c", &[]),
            ("d", &[]),
        ] {
            features.all.insert(
                name.into(),
                Feature {
                    areas: BTreeSet::from([name.to_string()]),
                    needs: needs.iter().map(|n| n.to_string()).collect(),
                },
            );
        }
        let closure = |f| features.closure(f).into_iter().collect::<Vec<_>>();
        assert_eq!(closure("a"), ["a", "b", "c"]);
        assert_eq!(closure("b"), ["a", "b", "c"]);
        assert_eq!(closure("c"), ["c"]);
        assert_eq!(features.areas_of_closure("a"), 3);
    }
}

//! Paths the docs write in more than one form by convention: a prefix alias (`/me` for
//! `/users/{id}`), and OData's addressing by path beside addressing by key.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::model::*;

/// Prefix aliases the docs use by convention, learned from the pages that list both forms: a
/// literal prefix (`me`) and the prefix it stands for (`users/{}`). Each operation that lists
/// only the long form gets the alias too, so a request written `/me/…` finds its stub.
pub(super) fn add_path_aliases(operations: &mut [Operation]) {
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

/// OData addresses an item by path as well as by key: `root:/{path}:` beside `items/{id}`
/// (a literal segment ending in `:` opens the path). Most pages that list one form list both;
/// those that list only the key form get the path form too, learned like prefix aliases,
/// with the literal segment before the key as context (list items are `items/{id}` too, and
/// have no path form). The placeholder keeps its name.
pub(super) fn add_addressing_aliases(operations: &mut [Operation]) {
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

/// A convention, not a coincidence: this many operations list both forms, a third of those
/// that use the short form do (`/deviceManagement/…` sometimes sits beside `/users/{id}/…`,
/// but is no alias), and twice as many as list the runner-up (`/users/…` pairs with
/// `/groups/…` and `/sites/…` alike).
const MIN_OPERATIONS: usize = 10;

fn convention(best: usize, runner_up: usize, using: usize) -> bool {
    best >= MIN_OPERATIONS && 3 * best >= using && best >= 2 * runner_up
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

//! Translated-name repair, for extract and resolve alike. Machine translation replaces names
//! in tables ("usuário" for `user`, "Respostas" for `replies`, "desconhecido" for `unknown`)
//! but never in code blocks, JSON keys, paths or backticks, so each translated name is paired
//! with the untranslated name that stands in its place.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::locale::surely_translated;
use crate::model::*;

/// A translated row that neither name nor position paired ("Revisores" where the JSON sends
/// `reviewers` in another order) stands for the only unpaired key of its type, when it is the
/// only such row for that key. English wire names are camelCase ASCII, so only rows that
/// cannot be one are paired so. `pairs` holds a pair for each key, as [`align`] made them;
/// `key_type` and `row_type` give the type of a key (as its JSON shows it) and of a row (as
/// its Type cell says, if it can be read).
pub(crate) fn pair_by_type(
    names: &[String],
    key_type: impl Fn(usize) -> TypeRef,
    row_type: impl Fn(usize) -> Option<TypeRef>,
    pairs: &mut [Option<(usize, bool)>],
) {
    let agree = |table: &TypeRef, json: &TypeRef| match (table.element(), json.element()) {
        (TypeRef::Named(t), TypeRef::Named(j)) => {
            table.is_collection() == json.is_collection() && same_simple_name(t, j)
        }
        _ => table == json,
    };
    let row_types: Vec<Option<TypeRef>> = (0..names.len())
        .map(|i| {
            let free =
                surely_translated(&names[i]) && !pairs.iter().flatten().any(|(r, _)| *r == i);
            free.then(|| row_type(i)).flatten()
        })
        .collect();
    let key_types: Vec<Option<TypeRef>> = (pairs.iter().enumerate())
        .map(|(k, pair)| pair.is_none().then(|| key_type(k)))
        .collect();
    let fits = |k: usize, r: usize| match (&key_types[k], &row_types[r]) {
        (Some(j), Some(t)) => agree(t, j),
        _ => false,
    };
    let keys = key_types.len();
    for (k, pair) in pairs.iter_mut().enumerate() {
        let rows_for_key: Vec<usize> = (0..names.len()).filter(|&r| fits(k, r)).collect();
        if let [r] = rows_for_key[..]
            && (0..keys).filter(|&other| fits(other, r)).count() == 1
        {
            *pair = Some((r, true));
        }
    }
}

/// Translation replaces parameter names in tables as it does property names: the keys of the
/// request examples (`bodies`), which are never translated, name the rows that stand in their
/// place. Returns each parameter to rename, with its name and why.
pub(crate) fn names_from_examples<'j>(
    params: &[Property],
    bodies: impl Iterator<Item = &'j serde_json::Map<String, serde_json::Value>>,
    translated: bool,
) -> Vec<(usize, String, &'static str)> {
    let mut keys: Vec<(&str, bool)> = Vec::new();
    for map in bodies {
        for (key, value) in map {
            // `user@odata.bind` is a reference to the value, not the value.
            if !key.contains('@') && !keys.iter().any(|(k, _)| k == key) {
                keys.push((key, value.is_array()));
            }
        }
    }
    let names: Vec<String> = params.iter().map(|p| p.name.clone()).collect();
    let just_keys: Vec<&str> = keys.iter().map(|(k, _)| *k).collect();
    let mut renames = Vec::new();
    for ((key, array), pair) in keys.iter().zip(align(&just_keys, &names, translated)) {
        let Some((i, replaced)) = pair else { continue };
        let param = &params[i];
        // Any page: the key is the wire name, whatever case the table gives it.
        let case_lost = recased(&param.name, key);
        // A position is only trusted where the shapes agree.
        if !(replaced || case_lost) || param.ty.is_collection() != *array {
            continue;
        }
        let why = if replaced {
            "it stands in its place"
        } else {
            "the example writes it so"
        };
        renames.push((i, key.to_string(), why));
    }
    renames
}

/// Whether `name` is `key` capitalised, with the case inside it lost, as translation leaves
/// some names ("Storagelocation" for `storageLocation`).
fn recased(name: &str, key: &str) -> bool {
    name != key
        && name.eq_ignore_ascii_case(key)
        && name.starts_with(|c: char| c.is_ascii_uppercase())
        && key.starts_with(|c: char| c.is_ascii_lowercase())
}

/// Pairs JSON keys with table rows (or listed values with enum members): by name (forgiving
/// case and spacing), then, on `translated` pages, for names translation replaced, by a
/// one-letter change ("nome" for `name`) and then ("usuário" for `user`) by position between
/// pairs already made, since both list them in the same order. Returns the row of each key
/// and whether translation replaced the row's name (a pairing by position or by a letter).
pub(crate) fn align(
    keys: &[&str],
    names: &[String],
    translated: bool,
) -> Vec<Option<(usize, bool)>> {
    let fold = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let mut taken = vec![false; names.len()];
    let mut pairs: Vec<Option<(usize, bool)>> = vec![None; keys.len()];
    // Translation often changes one letter of a word ("nome" for `name`, "data" for `date`).
    let one_letter_apart = |n: &str, k: &str| {
        let (n, k) = (fold(n), fold(k));
        n.len() == k.len()
            && n.chars().count() >= 4
            && n.chars().zip(k.chars()).filter(|(a, b)| a != b).count() == 1
    };
    type Same<'f> = &'f dyn Fn(&str, &str) -> bool;
    // Each way of pairing, and whether it means translation replaced the row's name.
    let tries: [(Same, bool); 4] = [
        (&|n, k| n == k, false),
        (&|n, k| n.eq_ignore_ascii_case(k), false),
        (&|n, k| fold(n) == fold(k), false),
        (&|n, k| translated && one_letter_apart(n, k), true),
    ];
    for (same, replaced) in tries {
        for (pair, key) in pairs.iter_mut().zip(keys) {
            if pair.is_none()
                && let Some(i) = (0..names.len()).find(|&i| !taken[i] && same(&names[i], key))
            {
                taken[i] = true;
                *pair = Some((i, replaced));
            }
        }
    }
    // Gaps between consecutive pairs, where both sides have the same number left over.
    let mut k = 0;
    while translated && k < keys.len() {
        if pairs[k].is_some() {
            k += 1;
            continue;
        }
        let gap_end = (k..keys.len())
            .find(|&j| pairs[j].is_some())
            .unwrap_or(keys.len());
        let row_from = pairs[..k]
            .iter()
            .rev()
            .find_map(|p| p.map(|(r, _)| r + 1))
            .unwrap_or(0);
        let row_to = pairs[gap_end..]
            .iter()
            .find_map(|p| p.map(|(r, _)| r))
            .unwrap_or(names.len());
        let free: Vec<usize> = (row_from..row_to.max(row_from))
            .filter(|&r| !taken[r])
            .collect();
        if free.len() == gap_end - k {
            for (pair, row) in pairs[k..gap_end].iter_mut().zip(free) {
                taken[row] = true;
                *pair = Some((row, true));
            }
        }
        k = gap_end;
    }
    pairs
}

/// The type a name stands for, as resolve looks it up: a qualified name, a simple name or a
/// page stem.
pub(crate) type Lookup<'a> = &'a (dyn Fn(&str) -> Option<String> + Sync);

/// What tells a name translation replaced from an English wire name. Owned, so that the
/// passes that rename can share one.
pub(crate) struct Translation {
    /// Pages in another language than English.
    files: BTreeSet<String>,
    /// Every lowercase property name some type has, but those on translated pages whose names
    /// come from tables only (relationships, rows the JSON representation lacks): `fax` may
    /// be English, `corpo` is not.
    wire_names: BTreeSet<String>,
}

impl Translation {
    pub(crate) fn new(model: &Model) -> Self {
        let files: BTreeSet<String> = model
            .pages
            .iter()
            .filter(|p| !p.locale.starts_with("en"))
            .map(|p| p.file.clone())
            .collect();
        let wire_names = (model.types.iter())
            .filter_map(TypeDef::as_complex)
            .flat_map(|c| &c.properties)
            .filter(|p| p.name.bytes().all(|b| b.is_ascii_lowercase()))
            .filter(|p| p.provenance == Provenance::Listed || !files.contains(&*p.source.file))
            .map(|p| p.name.clone())
            .collect();
        Translation { files, wire_names }
    }

    fn of(&self, source: &Source) -> bool {
        self.files.contains(&*source.file)
    }

    /// A lowercase word no type has: translated, or an undocumented English name
    /// (`reference`), so it stands for a property only on further evidence.
    fn unknown_word(&self, name: &str) -> bool {
        name.chars().all(|c| c.is_ascii_lowercase()) && !self.wire_names.contains(name)
    }
}

/// Whether two names share their first three letters, as cognates do (`prioridade`,
/// `priority`).
fn cognate(a: &str, b: &str) -> bool {
    a.get(..3)
        .zip(b.get(..3))
        .is_some_and(|(a, b)| a.eq_ignore_ascii_case(b))
}

/// The only item `same` accepts, if exactly one is.
fn only<'a, T>(items: impl IntoIterator<Item = &'a T>, same: impl Fn(&T) -> bool) -> Option<&'a T>
where
    T: 'a,
{
    let mut found = items.into_iter().filter(|t| same(t));
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// The note that a table row is read as the name that stands in its place.
pub(crate) fn renamed(source: &Source, what: &str, from: &str, to: &str, why: &str) -> Diagnostic {
    Diagnostic::new(
        Code::TableNameTranslated,
        source.clone(),
        format!("table row `{from}` is read as {what} `{to}`: {why}"),
    )
}

/// Translation replaces body parameter names as it does property names ("corpo" for `body`),
/// and an example seldom sends every parameter, so the examples cannot name them all. When
/// the body is a representation of a resource (most of its names are the resource's
/// properties), a name that looks translated is the resource's property spelled the same but
/// for case, else the only writable one of its type that no other row names, else the one
/// its description repeats word for word.
pub(crate) fn name_translated_body_params(
    model: &mut Model,
    lookup: Lookup,
    translation: &Translation,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // Each operation's body is named apart from the others': they are read in parallel.
    let renames: Vec<(usize, usize, String, String)> = model
        .operations
        .par_iter()
        .enumerate()
        .flat_map_iter(|(o, op)| {
            let found = body_renames(model, lookup, translation, op);
            found.into_iter().map(move |(i, r, n)| (o, i, r, n))
        })
        .collect();
    for (o, i, resource, name) in renames {
        let param = &mut model.operations[o].body[i];
        let why =
            format!("the body represents `{resource}`, and its `{name}` stands in the row's place");
        diagnostics.push(renamed(
            &param.source,
            "parameter",
            &param.name,
            &name,
            &why,
        ));
        param.name = name;
    }
}

/// The renames of one operation's body parameters: `(parameter, resource, name)`.
fn body_renames(
    model: &Model,
    lookup: Lookup,
    translation: &Translation,
    op: &Operation,
) -> Vec<(usize, String, String)> {
    let mut renames = Vec::new();
    if op.body.is_empty() || !translation.of(&op.source) {
        return renames;
    }
    // The resource the body represents: what the operation returns, or what an update's
    // page is named after.
    let returned = match &op.response {
        Some(Response {
            ty: Some(TypeRef::Named(n)),
            ..
        }) => Some(n.clone()),
        _ => None,
    };
    let updated = || lookup(op.name.strip_suffix("-update")?);
    let Some(TypeDef::Complex(resource)) =
        returned.or_else(updated).and_then(|n| model.find_type(&n))
    else {
        return renames;
    };
    let props = model.all_properties(resource);
    let has = |name: &str| props.iter().any(|p| p.name == name);
    if 2 * op.body.iter().filter(|p| has(&p.name)).count() < op.body.len() {
        return renames;
    }
    let unclaimed: Vec<&Property> = props
        .iter()
        .copied()
        .filter(|p| !op.body.iter().any(|b| b.name == p.name))
        .collect();
    for (i, param) in op.body.iter().enumerate() {
        let surely = surely_translated(&param.name);
        if has(&param.name) || !surely && !translation.unknown_word(&param.name) {
            continue;
        }
        // A body never sets what is read-only, such as the key, unless it says so by name.
        let tries: [&dyn Fn(&&Property) -> bool; 3] = [
            &|p| surely && p.name.eq_ignore_ascii_case(&param.name),
            &|p| !p.read_only && p.ty == param.ty && (surely || cognate(&param.name, &p.name)),
            &|p| !p.read_only && p.description.is_some() && p.description == param.description,
        ];
        let found = tries.into_iter().find_map(|same| only(&unclaimed, same));
        if let Some(p) = found
            && !renames.iter().any(|(_, _, n)| *n == p.name)
        {
            renames.push((i, resource.name.clone(), p.name.clone()));
        }
    }
    renames
}

/// Verbs of operation page names that act on a relationship (`chatmessage-list-replies`).
const RELATIONSHIP_VERBS: &[&str] = &[
    "list", "get", "post", "add", "create", "delete", "remove", "update",
];

/// Translation replaces relationship names too ("Respostas" for `replies`), and no JSON
/// representation lists relationships. Operation pages name them, by convention:
/// `chatmessage-list-replies.md` requests `/…/messages/{id}/replies`. A relationship whose
/// name looks translated takes the spelling a path gives it but for case, else the name such
/// pages give the only relationship of its type to the same target. A relationship the
/// table types as one value is a list where a GET of it returns a list.
pub(crate) fn name_translated_relationships(
    model: &mut Model,
    lookup: Lookup,
    translation: &Translation,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut segments: Vec<&str> = Vec::new();
    // Owner type → (relationship, its target) as operation pages name them, and whether a
    // GET of it returns a list.
    let mut named: BTreeMap<String, BTreeMap<(&str, Option<&TypeRef>), bool>> = BTreeMap::new();
    for op in &model.operations {
        let returns = op.response.as_ref().and_then(|r| r.ty.as_ref());
        let listed = op.method == Method::Get && returns.is_some_and(TypeRef::is_collection);
        for path in op.paths.iter().filter(|p| p.alias_of.is_none()) {
            let literal = |s: &&str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric());
            segments.extend(path.template.split('/').filter(literal));
            let Some(last) = path.template.rsplit('/').next().filter(literal) else {
                continue;
            };
            let owner = op
                .name
                .strip_suffix(&last.to_lowercase())
                .and_then(|rest| rest.strip_suffix('-')?.rsplit_once('-'))
                .filter(|(_, verb)| RELATIONSHIP_VERBS.contains(verb))
                .and_then(|(owner, _)| lookup(owner));
            if let Some(owner) = owner {
                let target = returns.map(TypeRef::element);
                *named
                    .entry(owner)
                    .or_default()
                    .entry((last, target))
                    .or_default() |= listed;
            }
        }
    }
    segments.sort_unstable();
    segments.dedup();
    // Each type's relationships are named apart from the others': they are read in parallel.
    let changes: Vec<RelationshipChange> = model
        .types
        .par_iter()
        .enumerate()
        .flat_map_iter(|(t, def)| {
            let mut out: Vec<RelationshipChange> = Vec::new();
            let TypeDef::Complex(c) = def else {
                return out;
            };
            let given = named.get(&c.name);
            for (i, p) in c.properties.iter().enumerate() {
                if p.provenance != Provenance::Navigation {
                    continue;
                }
                let free = |name: &&str| !c.properties.iter().any(|q| q.name == *name);
                let surely = surely_translated(&p.name);
                let by_case = || {
                    only(&segments, |s| {
                        surely && s.eq_ignore_ascii_case(&p.name) && free(s)
                    })
                    .copied()
                };
                let by_target = || {
                    only(given.into_iter().flat_map(BTreeMap::keys), |(s, target)| {
                        free(s) && *target == Some(p.ty.element())
                    })
                    .map(|(s, _)| *s)
                };
                let translated =
                    translation.of(&p.source) && (surely || translation.unknown_word(&p.name));
                // The relationship the type has already by the name the operation pages
                // give it, of the same type: this row describes it again.
                let described_twice = || {
                    only(given.into_iter().flat_map(BTreeMap::keys), |(s, target)| {
                        *target == Some(p.ty.element())
                            && *s != p.name
                            && (c.properties.iter()).any(|q| q.name == *s && q.ty == p.ty)
                    })
                    .map(|(s, _)| *s)
                };
                let change = |name: &str, renamed, listed, twice| RelationshipChange {
                    at: (t, i),
                    name: name.to_owned(),
                    renamed,
                    listed,
                    twice,
                };
                let (name, renamed) = match translated
                    .then(|| by_case().or_else(by_target))
                    .flatten()
                {
                    Some(name) if !out.iter().any(|c| c.renamed && c.name == name) => (name, true),
                    // Dropping asks more than renaming: a name that cannot be English.
                    None if translated
                        && surely
                        && let Some(name) = described_twice() =>
                    {
                        out.push(change(name, false, false, true));
                        continue;
                    }
                    _ => (p.name.as_str(), false),
                };
                let listed = given
                    .is_some_and(|g| g.get(&(name, Some(p.ty.element()))) == Some(&true))
                    && !p.ty.is_collection();
                if renamed || listed {
                    out.push(change(name, renamed, listed, false));
                }
            }
            out
        })
        .collect();
    let mut dropped: Vec<(usize, usize)> = Vec::new();
    for change in changes {
        let RelationshipChange {
            at: (t, i),
            name,
            renamed: rename,
            listed: list,
            twice,
        } = change;
        let TypeDef::Complex(c) = &mut model.types[t] else {
            continue;
        };
        let p = &mut c.properties[i];
        if twice {
            let why = "the type has it by the name the operation pages give it, so the row describes it again";
            diagnostics.push(renamed(&p.source, "relationship", &p.name, &name, why));
            dropped.push((t, i));
            continue;
        }
        if rename {
            let why = "the operation pages name it so";
            diagnostics.push(renamed(&p.source, "relationship", &p.name, &name, why));
            p.name = name.clone();
        }
        if list {
            diagnostics.push(Diagnostic::new(Code::RelationshipListed, p.source.clone(), format!("the relationships table types `{name}` as one `{}`, but its list operation returns a collection; it is read as a collection", p.ty)));
            p.ty = TypeRef::Collection(Box::new(p.ty.clone()));
        }
    }
    // Last first, so that each index still points at its row.
    for (t, i) in dropped.into_iter().rev() {
        if let TypeDef::Complex(c) = &mut model.types[t] {
            c.properties.remove(i);
        }
    }
}

/// What reading one relationship's name changes: `at` is (type, property).
struct RelationshipChange {
    at: (usize, usize),
    name: String,
    /// Renamed to `name`.
    renamed: bool,
    /// Typed as a collection, as its list operation returns one.
    listed: bool,
    /// The relationship `name` the type has already, described again: the row is dropped.
    twice: bool,
}

/// A table row no JSON key or operation page names (a relationship, a row the JSON
/// representation lacks) keeps the name translation gave it, but the folder's other tables
/// pair the same word with keys (see [`crate::extract::Fragment::names_translated`]): where
/// translation replaced the row's name, it takes the key its type names (`configuração` of
/// type `configuration`), else the one most pairings give (two at least, and two thirds of
/// them: `destino` is `target`). A row the JSON representation lacks whose key the type has
/// already (`usuário` beside `user`, in another order) is that property, described twice.
pub(crate) fn name_from_pairings(
    model: &mut Model,
    pairings: &[(String, String)],
    translation: &Translation,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut keys: BTreeMap<String, BTreeMap<&str, usize>> = BTreeMap::new();
    for (word, key) in pairings {
        *keys
            .entry(word.to_lowercase())
            .or_default()
            .entry(key)
            .or_default() += 1;
    }
    let choose = |word: &str, ty: &TypeRef| -> Option<(String, usize, usize)> {
        let found = keys.get(&word.to_lowercase())?;
        let total: usize = found.values().sum();
        let simple = ty.element().to_string().rsplit('.').next()?.to_lowercase();
        let named: Vec<(&str, usize)> = found.iter().map(|(k, n)| (*k, *n)).collect();
        let typed = only(&named, |(k, _)| simple.ends_with(&k.to_lowercase())).copied();
        let (key, n) = typed.or_else(|| {
            let &(key, n) = named.iter().max_by_key(|(_, n)| *n)?;
            (n >= 2 && 3 * n >= 2 * total).then_some((key, n))
        })?;
        Some((key.to_owned(), n, total))
    };
    for t in &mut model.types {
        let TypeDef::Complex(c) = t else { continue };
        let mut i = 0;
        while i < c.properties.len() {
            let p = &c.properties[i];
            let from_table = matches!(p.provenance, Provenance::TableOnly | Provenance::Navigation);
            let replaced = surely_translated(&p.name) || translation.unknown_word(&p.name);
            let found = (from_table && replaced && translation.of(&p.source))
                .then(|| choose(&p.name, &p.ty))
                .flatten();
            let Some((key, n, total)) = found else {
                i += 1;
                continue;
            };
            let why = format!(
                "the folder's tables pair `{}` with `{key}` {n} of {total} times",
                p.name
            );
            let twice = c.properties.iter().position(|q| q.name == key);
            match twice {
                Some(_) if p.provenance == Provenance::Navigation => i += 1,
                Some(at) => {
                    let why = format!("{why}, and the JSON representation names it");
                    diagnostics.push(renamed(&p.source, "property", &p.name, &key, &why));
                    let row = c.properties.remove(i);
                    let at = if at > i { at - 1 } else { at };
                    c.properties[at].description =
                        c.properties[at].description.take().or(row.description);
                }
                None => {
                    diagnostics.push(renamed(&p.source, "property", &p.name, &key, &why));
                    c.properties[i].name = key;
                    i += 1;
                }
            }
        }
    }
}

/// Translation mangles enum member tables ("desconhecido" for `unknown`), never the
/// backticked values in descriptions: where a property typed with an enum lists its values,
/// members pair with them by name (up to case), then by position between those pairs, and a
/// member so paired takes the listed spelling, but for a capitalised one (`None` where the
/// table has `none`): descriptions capitalise wire names more often than tables do. Listed
/// values no member stands for are added.
pub(crate) fn trust_backticked_members(types: &mut [TypeDef], diagnostics: &mut Vec<Diagnostic>) {
    let mut lists: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for t in types.iter() {
        let TypeDef::Complex(c) = t else { continue };
        for p in &c.properties {
            if let (TypeRef::Named(name), Some(values)) = (p.ty.element(), p.allowed_values()) {
                lists.entry(name.clone()).or_insert_with(|| values.to_vec());
            }
        }
    }
    for (name, list) in lists {
        // `types` is in name order, as the model keeps it.
        let Ok(at) = types.binary_search_by(|t| t.name().cmp(&name)) else {
            continue;
        };
        let TypeDef::Enum(e) = &mut types[at] else {
            continue;
        };
        let names: Vec<String> = e.members.iter().map(|m| m.name.clone()).collect();
        let values: Vec<&str> = list.iter().map(String::as_str).collect();
        for (value, pair) in list.iter().zip(align(&values, &names, true)) {
            match pair {
                // Paired by position, or by name up to case (`none` for `None`).
                Some((i, replaced))
                    if e.members[i].name != *value
                        && (replaced || !recased(value, &e.members[i].name)) =>
                {
                    let member = &mut e.members[i];
                    diagnostics.push(Diagnostic::new(Code::EnumMemberMangled, e.source.clone(), format!("member `{}` of `{name}` reads as `{value}`, as the backticked values of its properties name it", member.name)));
                    member.name = value.clone();
                }
                Some(_) => {}
                None => e.members.push(EnumMember {
                    name: value.clone(),
                    value: None,
                    description: None,
                }),
            }
        }
    }
}

/// Most properties of an enum list its values without a phrase that reads as a rule ("The
/// pattern: `daily`, `weekly`, …"), while translation mangles the enum's member table
/// (`Diária`, `Semanal`). On a translated enum page, such a backticked list in a property's
/// description names the members when it is plainly the enum's list: one member is certainly
/// translated, and every member the list does not pair (by name, then by position between
/// pairs, as [`align`] pairs them) is one. A paired member takes the listed spelling, and a
/// listed value no member stands for is added in the list's order, but only between values
/// that pair (a value before or after them may be another property's: "if **type** is
/// `weekly`"). `unknownFutureValue`, which lists leave out, still bounds the pairs. The first
/// property, in model order, whose list so reads names them.
pub(crate) fn members_from_descriptions(
    types: &mut [TypeDef],
    translation: &Translation,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // Each enum's lists: the property's qualified name, where it stands, and the values.
    type Listed<'t> = (String, &'t Source, Vec<&'t str>);
    let mut lists: BTreeMap<String, Vec<Listed>> = BTreeMap::new();
    for t in types.iter() {
        let TypeDef::Complex(c) = t else { continue };
        for p in &c.properties {
            let (TypeRef::Named(name), Some(text)) = (p.ty.element(), &p.description) else {
                continue;
            };
            let values = backticked_names(&text.text);
            if values.len() >= 2 {
                let property = format!("{}.{}", c.name, p.name);
                lists
                    .entry(name.clone())
                    .or_default()
                    .push((property, &p.source, values));
            }
        }
    }
    let mut learned = Vec::new();
    for (name, candidates) in lists {
        // `types` is in name order, as the model keeps it.
        let Ok(at) = types.binary_search_by(|t| t.name().cmp(&name)) else {
            continue;
        };
        let TypeDef::Enum(e) = &types[at] else {
            continue;
        };
        if !translation.of(&e.source) {
            continue;
        }
        let found = candidates.into_iter().find_map(|(property, source, values)| {
            let (members, changes) = members_listed(&e.members, &values)?;
            let message = format!("the members of `{name}` are read from the values the description of `{property}` lists at {source}: {}", changes.join(", "));
            Some((members, message))
        });
        if let Some((members, message)) = found {
            diagnostics.push(Diagnostic::new(
                Code::EnumMembersListed,
                e.source.clone(),
                message,
            ));
            learned.push((at, members));
        }
    }
    for (at, members) in learned {
        if let TypeDef::Enum(e) = &mut types[at] {
            e.members = members;
        }
    }
}

/// The backticked words of a description that can be wire names: ASCII letters and digits,
/// starting with a letter, each once, in order.
pub(crate) fn backticked_names(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for (i, code) in text.split('`').enumerate() {
        let code = code.trim();
        let wire = code.starts_with(|c: char| c.is_ascii_alphabetic())
            && code.chars().all(|c| c.is_ascii_alphanumeric());
        if i % 2 == 1 && wire && !names.contains(&code) {
            names.push(code);
        }
    }
    names
}

/// The members `list` gives an enum, and what changed, when the list is plainly the enum's
/// (see [`members_from_descriptions`]).
fn members_listed(members: &[EnumMember], list: &[&str]) -> Option<(Vec<EnumMember>, Vec<String>)> {
    const FUTURE: &str = "unknownFutureValue";
    let names: Vec<String> = members.iter().map(|m| m.name.clone()).collect();
    if !names
        .iter()
        .any(|n| surely_translated(n) && !list.contains(&n.as_str()))
    {
        return None;
    }
    let mut keys = list.to_vec();
    if !keys.contains(&FUTURE) && names.iter().any(|n| n == FUTURE) {
        keys.push(FUTURE);
    }
    let pairs = align(&keys, &names, true);
    let row_of = |k: usize| pairs[k].map(|(row, _)| row);
    let unpaired_are_translated = (0..names.len())
        .filter(|&i| !pairs.iter().flatten().any(|(row, _)| *row == i))
        .all(|i| surely_translated(&names[i]) || names[i] == FUTURE);
    // Lists do not always keep the table's order: a member that begins as another listed
    // value does (`Adulto`, `Adult`) shows the positions are not to be trusted.
    let out_of_order = (0..names.len()).any(|i| {
        let paired = (0..list.len()).find(|&k| row_of(k) == Some(i));
        let cognates: Vec<usize> = (0..list.len())
            .filter(|&k| cognate(&names[i], list[k]))
            .collect();
        !cognates.is_empty() && paired.is_some_and(|k| !cognates.contains(&k))
    });
    if !unpaired_are_translated || out_of_order {
        return None;
    }
    let mut out = Vec::with_capacity(members.len());
    let mut changes = Vec::new();
    for (i, member) in members.iter().enumerate() {
        let Some(k) = (0..list.len()).find(|&k| row_of(k) == Some(i)) else {
            out.push(member.clone());
            continue;
        };
        if member.name != list[k] {
            changes.push(format!("`{}` is `{}`", member.name, list[k]));
        }
        out.push(EnumMember {
            name: list[k].to_owned(),
            ..member.clone()
        });
        // The values after this one up to the next that pairs, if one does.
        let gap: Vec<&str> = (k + 1..list.len())
            .take_while(|&j| pairs[j].is_none())
            .map(|j| list[j])
            .collect();
        if k + 1 + gap.len() < list.len() {
            for value in gap {
                changes.push(format!("`{value}` is added"));
                out.push(EnumMember {
                    name: value.to_owned(),
                    value: None,
                    description: None,
                });
            }
        }
    }
    let mut seen = BTreeSet::new();
    let unique = out.iter().all(|m| seen.insert(m.name.as_str()));
    (!changes.is_empty() && unique).then_some((out, changes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract;
    use crate::resolve::resolve;

    #[test]
    fn rows_align_by_name_then_by_position() {
        let names: Vec<String> = ["Endpointtype", "usuário", "id", "mensagem"]
            .map(String::from)
            .to_vec();
        let pairs = align(&["endpointType", "user", "id", "message"], &names, true);
        assert_eq!(
            pairs,
            [
                Some((0, false)),
                Some((1, true)),
                Some((2, false)),
                Some((3, true))
            ]
        );
        // Unequal gaps are not guessed at.
        let names: Vec<String> = ["a", "x", "y", "b"].map(String::from).to_vec();
        assert_eq!(
            align(&["a", "z", "b"], &names, true),
            [Some((0, false)), None, Some((3, false))]
        );
        // A one-letter change pairs wherever the row stands, so the row that took its place by
        // position is not the one paired ("configuração" stood where `name` is sent).
        let names: Vec<String> = ["configuração", "description", "nome"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            align(&["name", "description"], &names, true),
            [Some((2, true)), Some((1, false))]
        );
        // Only on translated pages, and not for short words.
        assert_eq!(
            align(&["name", "description"], &names, false),
            [None, Some((1, false))]
        );
        let names: Vec<String> = ["idx"].map(String::from).to_vec();
        assert_eq!(align(&["id", "ids"], &names, true), [None, None]);
    }

    #[test]
    fn translated_body_names_are_the_resource_properties_they_stand_for() {
        const NOTE: &str = "---\ndoc_type: resourcePageType\nms.contentlocale: pt-BR\n---\n# note\n\n## Propriedades\n| Propriedade | Tipo | Descrição |\n|---|---|---|\n| id | Cadeia de caracteres | Somente leitura. |\n| text | Cadeia de caracteres | O texto. |\n| pinned | Booliano | |\n| priority | Int32 | |\n| color | Cadeia de caracteres | A cor. |\n| size | Int32 | |\n| shape | Cadeia de caracteres | |\n| owner | Cadeia de caracteres | |\n| label | Cadeia de caracteres | |\n\n## Representação JSON\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.note\" } -->\n```json\n{ \"id\": \"String\", \"text\": \"String\", \"pinned\": true, \"priority\": 1, \"color\": \"String\", \"size\": 1, \"shape\": \"String\", \"owner\": \"String\", \"label\": \"String\" }\n```\n";
        // Another translated page whose table alone has `prioridade`: its JSON does not.
        const TASK: &str = "---\ndoc_type: resourcePageType\nms.contentlocale: pt-BR\n---\n# task\n\n## Propriedades\n| Propriedade | Tipo | Descrição |\n|---|---|---|\n| id | Cadeia de caracteres | |\n| prioridade | Int32 | |\n\n## Representação JSON\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.task\" } -->\n```json\n{ \"id\": \"String\" }\n```\n";
        let update_beside = |rows: &str, others: &[(&str, &str)]| {
            let md = format!(
                "---\ndoc_type: apiPageType\nms.contentlocale: pt-BR\n---\n# Atualizar nota\n\n## Solicitação HTTP\n```http\nPATCH /notes/{{id}}\n```\n\n## Corpo da solicitação\n| Propriedade | Tipo | Descrição |\n|---|---|---|\n{rows}| color | Cadeia de caracteres | |\n| size | Int32 | |\n| shape | Cadeia de caracteres | |\n| owner | Cadeia de caracteres | |\n"
            );
            let mut pages = vec![
                extract::page("resources/note.md", NOTE),
                extract::page("api/note-update.md", &md),
            ];
            pages.extend(others.iter().map(|(file, text)| extract::page(file, text)));
            let m = resolve(pages);
            m.operations[0]
                .body
                .iter()
                .map(|p| p.name.clone())
                .collect::<Vec<_>>()
        };
        let update = |rows: &str| update_beside(rows, &[]);
        // By case, by description, by type as a cognate.
        assert_eq!(
            update(
                "| Pinned | Booliano | |\n| Texto | Cadeia de caracteres | O texto. |\n| prioridade | Int32 | |\n"
            ),
            [
                "pinned", "text", "priority", "color", "size", "shape", "owner"
            ]
        );
        // A lowercase word may be an English name the resource lacks: no cognate, no
        // shared description, and never the read-only key.
        assert_eq!(
            update(
                "| reference | Cadeia de caracteres | Outra. |\n| fax | Cadeia de caracteres | |\n"
            ),
            ["reference", "fax", "color", "size", "shape", "owner"]
        );
        // Two candidates of one type and no description to tell them apart: left as written.
        assert_eq!(
            update("| Título | Cadeia de caracteres | |\n"),
            ["Título", "color", "size", "shape", "owner"]
        );
        // A word a translated page has only in its table is no English name.
        assert_eq!(
            update_beside("| prioridade | Int32 | |\n", &[("resources/task.md", TASK)]),
            ["priority", "color", "size", "shape", "owner"]
        );
    }

    #[test]
    fn translated_relationship_names_come_from_operation_pages() {
        const MESSAGE: &str = "---\ndoc_type: resourcePageType\nms.contentlocale: pt-BR\n---\n# chatMessage\n\n## <a name=\"relationships\"></a>Relações\n| Relação | Tipo | Descrição |\n|---|---|---|\n| Respostas | [chatMessage](chatmessage.md) | |\n| Appliesto | Coleção [chatMessage](chatmessage.md) | |\n| anexos | Coleção [chatMessage](chatmessage.md) | |\n\n## <a name=\"json-representation\"></a>Representação JSON\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.chatMessage\" } -->\n```json\n{ \"id\": \"String\" }\n```\n";
        let api = |path: &str, returns: &str| {
            format!(
                "---\ndoc_type: apiPageType\n---\n# Some operation\n\n## <a name=\"http-request\"></a>HTTP request\n```http\nGET {path}\n```\n\n## <a name=\"response\"></a>Response\nIf successful, this method returns a `200 OK` response code and a [chatMessage](../resources/chatmessage.md) object in the response body.\n\n## Example\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"{returns}\" }} -->\n```http\nHTTP/1.1 200 OK\n```\n"
            )
        };
        let m = resolve(vec![
            extract::page("resources/chatmessage.md", MESSAGE),
            extract::page(
                "api/chatmessage-list-replies.md",
                &api(
                    "/chats/{id}/messages/{id}/replies",
                    "Collection(microsoft.graph.chatMessage)",
                ),
            ),
            // A path spells `appliesTo`, but `restore` is an action, not a relationship.
            extract::page(
                "api/chatmessage-restore.md",
                &api(
                    "/chats/{id}/messages/{id}/appliesTo/restore",
                    "microsoft.graph.chatMessage",
                ),
            ),
        ]);
        let Some(TypeDef::Complex(message)) = m.find_type("microsoft.graph.chatMessage") else {
            panic!("{:?}", m.types)
        };
        let names: Vec<&str> = message.properties.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["id", "replies", "appliesTo", "anexos"]);
        // The table says one reply; the list operation returns many.
        assert!(message.properties[1].ty.is_collection());
        let listed: Vec<&str> = m
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::RelationshipListed)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(listed.len(), 1, "{listed:?}");
    }

    #[test]
    fn a_translated_relationship_beside_the_one_it_describes_again_is_that_one() {
        let message = |rows: &str| {
            format!(
                "---\ndoc_type: resourcePageType\nms.contentlocale: pt-BR\n---\n# chatMessage\n\n## <a name=\"relationships\"></a>Relações\n| Relação | Tipo | Descrição |\n|---|---|---|\n{rows}\n## <a name=\"json-representation\"></a>Representação JSON\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.chatMessage\" }} -->\n```json\n{{ \"id\": \"String\" }}\n```\n"
            )
        };
        let list = "---\ndoc_type: apiPageType\n---\n# List versions\n\n## HTTP request\n```http\nGET /chats/{id}/messages/{id}/versions\n```\n\n## Response\nReturns `200 OK` and a collection of [chatMessage](../resources/chatmessage.md) objects.\n\n## Example\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"Collection(microsoft.graph.chatMessage)\" } -->\n```http\nHTTP/1.1 200 OK\n```\n";
        let names = |rows: &str| {
            let m = resolve(vec![
                extract::page("resources/chatmessage.md", &message(rows)),
                extract::page("api/chatmessage-list-versions.md", list),
            ]);
            let Some(TypeDef::Complex(c)) = m.find_type("microsoft.graph.chatMessage") else {
                panic!("{:?}", m.types)
            };
            c.properties
                .iter()
                .map(|p| p.name.clone())
                .collect::<Vec<_>>()
        };
        let row = |name: &str| format!("| {name} | Coleção [chatMessage](chatmessage.md) | |\n");
        let both = format!("{}{}", row("versions"), row("Versões"));
        assert_eq!(names(&both), ["id", "versions"]);
        // Alone, it is renamed; an English name is never dropped.
        assert_eq!(names(&row("Versões")), ["id", "versions"]);
        let english = format!("{}{}", row("versions"), row("history"));
        assert_eq!(names(&english), ["id", "versions", "history"]);
    }
}

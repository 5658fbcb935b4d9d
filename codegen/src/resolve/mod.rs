//! Fragments become one consistent model. The passes run in this order, each for the reason
//! given where it is called:
//!
//! 1. `examples::check_pages`: doc bugs a page's examples show against what the page lists;
//! 2. `merge`: pages into one model, a type documented on several pages into one type;
//! 3. `prose_enums::translated_type_words`: the enums type words translation replaced stand
//!    for; then `aliases`, beside `prose_enums` and `names`: the paths the docs use by
//!    convention; enums only prose defines; every name a type goes by;
//! 4. `Names::resolve_type` and `Names::resolve_operation`: references to qualified names;
//! 5. `bases`: base chains that loop are cut, then redeclared properties keep the inherited
//!    type;
//! 6. the [`translation`] passes: enum members (named by a rule's values, then by lists in
//!    passing), body parameters and relationships whose names translation replaced;
//! 7. `examples::check`: every example against the resolved types.

use rayon::prelude::*;

use crate::extract::Fragment;
use crate::model::*;
use crate::translation::{self, Translation};

mod aliases;
mod bases;
mod examples;
mod merge;
mod names;
mod prose_enums;
#[cfg(test)]
mod tests;

use names::Names;

pub fn resolve(mut fragments: Vec<Fragment>) -> Model {
    // Deterministic whatever order the pages were read in.
    fragments.sort_by(|a, b| {
        a.page
            .as_ref()
            .map(|p| &p.file)
            .cmp(&b.page.as_ref().map(|p| &p.file))
    });
    // Before merging: a page's operations (one per method) are still together, and nothing
    // has renamed a parameter or added a path the page does not list.
    let mut diagnostics = examples::check_pages(&fragments);
    let pairings: Vec<(String, String)> = (fragments.iter())
        .flat_map(|f| f.names_translated.iter().cloned())
        .collect();
    let (mut model, mut types) = merge::fragments(fragments);
    // Before names are looked up and enums read from prose: a type word translation
    // replaced is no name, and its values tell which enum it stands for.
    prose_enums::translated_type_words(&mut types, &mut model.operations, &mut diagnostics);
    // Aliases touch only paths, and the names only types: they run side by side. Enums from
    // prose come first, so that names know them.
    let operations = &mut model.operations;
    let ((), names) = rayon::join(
        || {
            aliases::add_path_aliases(operations);
            aliases::add_addressing_aliases(operations);
        },
        || {
            let prose_enums = prose_enums::enums_from_prose(&types, &mut diagnostics);
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
    // Bases are qualified names now; the passes below walk base chains, which must end.
    bases::keyed_resources_are_entities(&mut types, &mut diagnostics);
    bases::break_base_cycles(&mut types, &mut diagnostics);
    model.types = types.into_values().collect();
    bases::keep_inherited_types(&mut model, &mut diagnostics);
    // Properties name their enums by qualified name now. A rule's list of values comes
    // before the lists descriptions give in passing. Renaming members changes no property
    // name, so one reading of the names serves these passes and the two below.
    let translation = Translation::new(&model);
    translation::trust_backticked_members(&mut model.types, &mut diagnostics);
    translation::members_from_descriptions(&mut model.types, &translation, &mut diagnostics);
    // A body is named from the properties of the resource it represents, inherited ones with
    // their settled types. Renaming body parameters changes no property.
    let lookup = |hint: &str| names.lookup(hint);
    translation::name_translated_body_params(&mut model, &lookup, &translation, &mut diagnostics);
    translation::name_translated_relationships(&mut model, &lookup, &translation, &mut diagnostics);
    translation::name_from_pairings(&mut model, &pairings, &translation, &mut diagnostics);
    // Last: against the types and names as generated code will have them.
    diagnostics.extend(examples::check(&model, &names));
    model.diagnostics.extend(diagnostics);
    model
        .operations
        .sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.source.cmp(&b.source)));
    model.diagnostics.par_sort();
    model
}

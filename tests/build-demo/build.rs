//! Generates the participant area of `docs-src/` through the build-script API, with the knobs
//! a user would turn; `src/main.rs` relies on each.

use docbind_codegen::build::Config;
use docbind_codegen::model::Severity;

fn main() {
    // Relative to the package, as cargo runs build scripts: diagnostics and the paths cargo
    // watches name the pages as they open from here.
    Config::new()
        .areas(["participant"])
        .type_attribute(".", "#[derive(Eq)]")
        .type_attribute("microsoft.graph.modality", "#[derive(PartialOrd, Ord)]")
        .field_attribute(
            "microsoft.graph.participant.isMuted",
            "#[doc(alias = \"isMuted\")]",
        )
        .rename_type("microsoft.graph.participant", "CallParticipant")
        .rename_field("microsoft.graph.participant.isMuted", "muted")
        .file_name("participant.rs")
        .deny(Severity::Error)
        .compile(&["../../docs-src"])
        .expect("docs-src generates");
}

//! `docbind diff`'s rules, as buf tests its rules: each has a fixture pair under
//! `tests/fixtures/diff/<rule>/` (`old/` and `new/` pages) and the exact findings the pair must
//! give (`expected`, a line per change: class, rule, subject, the two verdicts and any label).
//! Other pairs there show labels (a correction, a translation) and the way a type travels.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use docbind_codegen::diff::{self, Class, Rule};
use docbind_codegen::load;

fn fixtures() -> PathBuf {
    docbind_tests::root().join("tests/fixtures/diff")
}

/// The findings of `old` against `new`, a line each, as `expected` files write them.
fn findings(old: &Path, new: &Path) -> String {
    let (old, new) = (load(&[old.into()]).unwrap(), load(&[new.into()]).unwrap());
    let mut out = String::new();
    for c in diff::diff(&old, &new) {
        let (wire, rust) = (c.wire.name(), c.rust.name());
        write!(
            out,
            "{} {} {} wire={wire} rust={rust}",
            c.class.name(),
            c.rule.id(),
            c.subject
        )
        .unwrap();
        if c.correction {
            out.push_str(" correction");
        }
        if c.translation {
            out.push_str(" translation");
        }
        out.push('\n');
    }
    out
}

#[test]
fn every_fixture_pair_gives_exactly_its_findings_and_every_rule_has_one() {
    let mut failures = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    for dir in &dirs {
        let name = dir.file_name().unwrap().to_string_lossy();
        let expected = std::fs::read_to_string(dir.join("expected")).unwrap_or_default();
        let found = findings(&dir.join("old"), &dir.join("new"));
        if found != expected {
            failures.push(format!("{name}:\nexpected:\n{expected}found:\n{found}"));
        }
    }
    // A pair named after a rule shows that rule.
    for rule in Rule::ALL {
        let expected = std::fs::read_to_string(fixtures().join(rule.id()).join("expected"));
        if !expected.is_ok_and(|e| e.lines().any(|l| l.split(' ').nth(1) == Some(rule.id()))) {
            failures.push(format!("{}: no fixture pair shows it", rule.id()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn pages_against_themselves_give_no_change() {
    let docs = docbind_tests::root().join("docs-src");
    assert_eq!(findings(&docs, &docs), "");
}

#[test]
fn an_ir_dump_compares_as_the_pages_it_was_dumped_from() {
    let model = docbind_tests::docs_src();
    let dump: docbind_codegen::Model =
        serde_json::from_str(&serde_json::to_string(&model).unwrap()).unwrap();
    assert!(diff::diff(&model, &dump).is_empty());
}

/// The changes from one corpus folder to another, or `None` (skipped) without the corpus.
fn corpus_diff(old: &str, new: &str) -> Option<Vec<diff::Change>> {
    let corpus = docbind_tests::corpus()?;
    let (old, new) = (
        load(&[corpus.join(old)]).unwrap(),
        load(&[corpus.join(new)]).unwrap(),
    );
    Some(diff::diff(&old, &new))
}

#[test]
fn a_corpus_folder_against_itself_gives_no_change() {
    let folder = "graph-docs-pt-BR-2023-02/v1.0";
    let Some(changes) = corpus_diff(folder, folder) else {
        return;
    };
    assert!(
        changes.is_empty(),
        "{:#?}",
        &changes[..changes.len().min(5)]
    );
}

/// One API in two languages, a month apart: English 2021 against the bilingual pt-BR 2021.
/// Every breaking change is one of the month's, reviewed against the pages: the Intune
/// "cirrus" pages the later snapshot no longer has (9 types, 19 operations), and the list
/// of memberships whose least privileged permission is no longer `User.Read`. Translation
/// adds none.
#[test]
fn two_languages_of_one_api_give_no_breaking_change_from_translation() {
    let Some(changes) = corpus_diff(
        "graph-docs-en-2021-07/v1.0",
        "graph-docs-pt-BR-sxs-2021-08/v1.0",
    ) else {
        return;
    };
    let breaking: Vec<&diff::Change> = changes
        .iter()
        .filter(|c| c.class == Class::Breaking)
        .collect();
    let gone_page = |c: &diff::Change| {
        c.new.is_none()
            && c.old
                .as_ref()
                .is_some_and(|s| s.file.contains("intune-cirrus-"))
    };
    let unexplained: Vec<String> = breaking
        .iter()
        .filter(|c| !gone_page(c) && c.fingerprint != "b423e06f4f")
        .map(|c| {
            format!(
                "{} {} {}: {}",
                c.rule.id(),
                c.subject,
                c.fingerprint,
                c.message
            )
        })
        .collect();
    assert!(
        unexplained.is_empty(),
        "breaking changes no one reviewed:\n{}",
        unexplained.join("\n")
    );
    assert_eq!(
        breaking.len(),
        29,
        "9 types and 19 operations gone, 1 permission"
    );
}

/// Eighteen months of the same API (pt-BR 2021 bilingual against pt-BR 2023): changes checked
/// by hand against the pages, with the verdicts each must have.
#[test]
fn eighteen_months_of_changes_include_the_ones_checked_by_hand() {
    let Some(changes) = corpus_diff(
        "graph-docs-pt-BR-sxs-2021-08/v1.0",
        "graph-docs-pt-BR-2023-02/v1.0",
    ) else {
        return;
    };
    // (fingerprint, rule, subject, wire, rust)
    let checked = [
        (
            "c37b712a00",
            "method-changed",
            "externalconnectors-externalitem-create",
            "breaking",
            "none",
        ),
        (
            "a3add668bf",
            "method-changed",
            "shift-put",
            "breaking",
            "none",
        ),
        (
            "e7d7547bab",
            "response-status-changed",
            "agreement-update",
            "breaking",
            "none",
        ),
        (
            "20ed88ba3b",
            "type-removed",
            "microsoft.graph.auditEvent",
            "breaking",
            "breaking",
        ),
        (
            "04c240532f",
            "operation-removed",
            "group-checkmembergroups",
            "compatible",
            "breaking",
        ),
        (
            "a7d782ea10",
            "path-removed",
            "directoryobject-getmemberobjects",
            "breaking",
            "none",
        ),
        (
            "8bd6b3688f",
            "permission-changed",
            "device-list",
            "breaking",
            "none",
        ),
        (
            "dbdd1eefa3",
            "enum-member-removed",
            "microsoft.graph.authenticatorAppFeatureSettings.unknownFutureValue",
            "breaking",
            "breaking",
        ),
        (
            "7244b31e9e",
            "response-type-changed",
            "administrativeunit-list-members",
            "breaking",
            "breaking",
        ),
        (
            "909daf1d2b",
            "property-type-changed",
            "microsoft.graph.chatMessage.messageType",
            "breaking",
            "breaking",
        ),
        (
            "ca7e9edc09",
            "request-body-changed",
            "conditionalaccessroot-post-namedlocations",
            "none",
            "breaking",
        ),
        (
            "e7be8e1969",
            "property-collection-changed",
            "user-update.body.otherMails",
            "breaking",
            "breaking",
        ),
        // `baseType: outlookItem` is gone from 2023; keyed by `id`, the event is an
        // `entity` now (`base-from-key`).
        (
            "021cbc9e63",
            "base-changed",
            "microsoft.graph.event",
            "compatible",
            "breaking",
        ),
        (
            "b895f3ace1",
            "enum-member-added",
            "microsoft.graph.notificationTemplateBrandingOptions.includeDeviceDetails",
            "breaking",
            "compatible",
        ),
        (
            "23c29d17e5",
            "enum-member-renamed",
            "microsoft.graph.ageGroup.adult",
            "none",
            "none",
        ),
    ];
    let mut missing = Vec::new();
    for (fingerprint, rule, subject, wire, rust) in checked {
        let found = changes.iter().find(|c| c.fingerprint == fingerprint);
        let got = found.map(|c| {
            (
                c.rule.id(),
                c.subject.as_str(),
                c.wire.name(),
                c.rust.name(),
            )
        });
        if got != Some((rule, subject, wire, rust)) {
            missing.push(format!("{fingerprint} {rule} {subject}: found {got:?}"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    let renamed = changes
        .iter()
        .find(|c| c.fingerprint == "23c29d17e5")
        .unwrap();
    assert!(renamed.translation, "the member table was translated");
}

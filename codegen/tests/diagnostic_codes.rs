//! The README's list of diagnostics is the list the code declares: the same codes, in the same
//! order, each with its default severity first.

use docbind_codegen::model::Code;

#[test]
fn the_readme_lists_every_diagnostic_code_as_declared() {
    let readme = include_str!("../../README.md");
    let section = readme
        .split("\n## Diagnostics\n")
        .nth(1)
        .expect("the README has a Diagnostics section");
    // Rows of the table: | `code` | severity | meaning |
    let listed: Vec<(&str, &str)> = section
        .lines()
        .take_while(|l| !l.starts_with("## "))
        .filter_map(|l| {
            let mut cells = l.strip_prefix("| `")?.split(" | ");
            let code = cells.next()?.strip_suffix('`')?;
            Some((code, cells.next()?))
        })
        .collect();
    let declared: Vec<&str> = Code::ALL.iter().map(|c| c.name()).collect();
    let listed_codes: Vec<&str> = listed.iter().map(|(code, _)| *code).collect();
    assert_eq!(listed_codes, declared, "README codes against Code::ALL");
    for (code, severity) in listed {
        let default = Code::from_name(code).unwrap().severity();
        let word = serde_json::to_value(default).unwrap();
        assert!(
            severity.starts_with(word.as_str().unwrap()),
            "`{code}` is listed as {severity:?}, but its default severity is {default:?}"
        );
    }
}

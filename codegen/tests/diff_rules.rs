//! The README's table of `docbind diff` rules is the list the code declares: the same ids, in
//! the same order, each with its meaning.

use docbind_codegen::diff::Rule;

#[test]
fn the_readme_lists_every_diff_rule_as_declared() {
    let readme = include_str!("../../README.md");
    let section = readme
        .split("\n## Comparing versions: `docbind diff`\n")
        .nth(1)
        .expect("the README has a section on docbind diff");
    // Rows of the table: | `rule` | meaning |
    let listed: Vec<(&str, &str)> = section
        .lines()
        .take_while(|l| !l.starts_with("## "))
        .filter_map(|l| {
            let (id, meaning) = l.strip_prefix("| `")?.split_once("` | ")?;
            Some((id, meaning.strip_suffix(" |")?))
        })
        .collect();
    let declared: Vec<(&str, &str)> = Rule::ALL.iter().map(|r| (r.id(), r.describe())).collect();
    assert_eq!(listed, declared, "README rules against Rule::ALL");
}

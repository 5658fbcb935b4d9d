//! Arguments as a POSIX shell reads them: how a generated crate records the options it was
//! generated with, and how docbind prints the commands it suggests.

use std::borrow::Cow;

/// `arg` as a shell reads it back: as it is when plain, else in single quotes.
pub fn quote(arg: &str) -> Cow<'_, str> {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./:=@,+".contains(c);
    if !arg.is_empty() && arg.chars().all(plain) {
        Cow::Borrowed(arg)
    } else {
        Cow::Owned(format!("'{}'", arg.replace('\'', r"'\''")))
    }
}

/// The arguments, each quoted, separated by spaces.
pub fn join<S: AsRef<str>>(args: impl IntoIterator<Item = S>) -> String {
    let quoted: Vec<String> = args
        .into_iter()
        .map(|a| quote(a.as_ref()).into_owned())
        .collect();
    quoted.join(" ")
}

/// The words of `line` as a shell splits them, for the quoting [`quote`] writes: single
/// quotes, and backslash escapes outside them. `None` when a quote or escape is not closed.
pub fn split(line: &str) -> Option<Vec<String>> {
    let (mut words, mut word) = (Vec::new(), None::<String>);
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                let word = word.get_or_insert_default();
                loop {
                    match chars.next()? {
                        '\'' => break,
                        c => word.push(c),
                    }
                }
            }
            '\\' => word.get_or_insert_default().push(chars.next()?),
            c if c.is_whitespace() => words.extend(word.take()),
            c => word.get_or_insert_default().push(c),
        }
    }
    words.extend(word);
    Some(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_reads_back_what_join_writes() {
        let args = ["--out", "my crate", "it's", "", "a'b c", "../runtime"];
        let line = join(args);
        assert_eq!(line, r"--out 'my crate' 'it'\''s' '' 'a'\''b c' ../runtime");
        assert_eq!(split(&line).unwrap(), args);
        assert_eq!(split("  a  b "), Some(vec!["a".into(), "b".into()]));
        assert_eq!(split("'open"), None);
    }
}

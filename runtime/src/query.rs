//! OData's system query options, typed: what a request asks of the resource or collection it
//! reads.

/// Characters escaped in a query value: those that end it (`&`, `#`) or change it (`+` reads
/// as a space, `%` starts an escape), spaces and what no URL holds bare. OData's own syntax
/// (`$`, `'`, `(`, `)`, `,`, `/`, `:`) stays as written.
const VALUE: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'+')
    .add(b'<')
    .add(b'>')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// `$select`, `$expand`, `$filter`, `$orderby`, `$top`, `$skip`, `$search` and `$count`, built
/// with `Query::new().select(["id", "displayName"]).top(10)` and written in that order, then
/// any other parameter (a function's, `$skiptoken`, `$format`) as given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub select: Vec<String>,
    pub expand: Vec<String>,
    /// An OData expression: `startswith(displayName,'a')`.
    pub filter: Option<String>,
    /// Each a property, then `asc` or `desc` if given: `displayName desc`.
    pub order_by: Vec<String>,
    pub top: Option<u32>,
    pub skip: Option<u32>,
    /// As the service reads it, quotes included: `"displayName:room"`.
    pub search: Option<String>,
    pub count: Option<bool>,
    /// Other query parameters, name and value, in order.
    pub params: Vec<(String, String)>,
}

impl Query {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn select<S: Into<String>>(mut self, properties: impl IntoIterator<Item = S>) -> Self {
        self.select.extend(properties.into_iter().map(Into::into));
        self
    }

    pub fn expand<S: Into<String>>(mut self, properties: impl IntoIterator<Item = S>) -> Self {
        self.expand.extend(properties.into_iter().map(Into::into));
        self
    }

    pub fn filter(mut self, expression: impl Into<String>) -> Self {
        self.filter = Some(expression.into());
        self
    }

    pub fn order_by<S: Into<String>>(mut self, keys: impl IntoIterator<Item = S>) -> Self {
        self.order_by.extend(keys.into_iter().map(Into::into));
        self
    }

    pub fn top(mut self, n: u32) -> Self {
        self.top = Some(n);
        self
    }

    pub fn skip(mut self, n: u32) -> Self {
        self.skip = Some(n);
        self
    }

    pub fn search(mut self, terms: impl Into<String>) -> Self {
        self.search = Some(terms.into());
        self
    }

    pub fn count(mut self, count: bool) -> Self {
        self.count = Some(count);
        self
    }

    /// Any other query parameter: a function's (`startDateTime`), or an option this type
    /// does not name.
    pub fn param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.params.push((name.into(), value.into()));
        self
    }

    /// A query read back from its parameters, names and values decoded: the system options
    /// into their fields, and anything they would not write back as it was into `params`.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Self {
        let mut query = Query::default();
        for (name, value) in pairs {
            let list = |value: &str| top_level(value).map(str::to_owned).collect();
            match name.as_str() {
                "$select" if query.select.is_empty() => query.select = list(&value),
                "$expand" if query.expand.is_empty() => query.expand = list(&value),
                "$orderby" if query.order_by.is_empty() => query.order_by = list(&value),
                "$filter" if query.filter.is_none() => query.filter = Some(value),
                "$search" if query.search.is_none() => query.search = Some(value),
                "$top" if query.top.is_none() && is_number(&value) => {
                    query.top = value.parse().ok()
                }
                "$skip" if query.skip.is_none() && is_number(&value) => {
                    query.skip = value.parse().ok()
                }
                "$count" if query.count.is_none() && matches!(&*value, "true" | "false") => {
                    query.count = Some(value == "true")
                }
                _ => query.params.push((name, value)),
            }
        }
        query
    }

    /// Whether the service reads this query only as an advanced query, which asks for the
    /// `ConsistencyLevel: eventual` header: `$search`, or `$count=true`.
    pub fn is_advanced(&self) -> bool {
        self.search.is_some() || self.count == Some(true)
    }

    /// The query string without its `?`; empty when no option is set.
    pub fn to_query_string(&self) -> String {
        let list = |items: &[String]| (!items.is_empty()).then(|| items.join(","));
        let options = [
            ("$select", list(&self.select)),
            ("$expand", list(&self.expand)),
            ("$filter", self.filter.clone()),
            ("$orderby", list(&self.order_by)),
            ("$top", self.top.map(|n| n.to_string())),
            ("$skip", self.skip.map(|n| n.to_string())),
            ("$search", self.search.clone()),
            ("$count", self.count.map(|c| c.to_string())),
        ];
        let options = options
            .into_iter()
            .filter_map(|(name, value)| Some((name, value?)));
        let params = (self.params.iter()).map(|(name, value)| (name.as_str(), value.clone()));
        let written = options.chain(params).map(|(name, value)| {
            let encode = |text| percent_encoding::utf8_percent_encode(text, VALUE);
            format!("{}={}", encode(name), encode(&value))
        });
        written.collect::<Vec<_>>().join("&")
    }
}

/// A decimal number as `to_string` writes one back: no sign, no leading zero.
fn is_number(text: &str) -> bool {
    !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'))
}

/// The comma-separated items of a list, not splitting inside parentheses:
/// `members($select=id,displayName)` is one item.
fn top_level(list: &str) -> impl Iterator<Item = &str> {
    let mut depth = 0i32;
    let mut start = 0;
    let mut items = Vec::new();
    for (i, c) in list.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&list[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&list[start..]);
    items.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_written_in_order_and_their_values_escaped() {
        let query = Query::new()
            .filter("startswith(displayName,'A&B') and id eq '1+1'")
            .select(["id", "displayName"])
            .order_by(["displayName desc"])
            .top(5)
            .count(true)
            .search("\"displayName:room #1\"");
        assert_eq!(
            query.to_query_string(),
            "$select=id,displayName\
             &$filter=startswith(displayName,'A%26B')%20and%20id%20eq%20'1%2B1'\
             &$orderby=displayName%20desc&$top=5&$search=%22displayName:room%20%231%22&$count=true"
        );
        assert!(query.is_advanced());
        assert_eq!(Query::new().to_query_string(), "");
        assert!(!Query::new().top(1).is_advanced());
    }

    #[test]
    fn read_back_options_write_what_they_read() {
        let pairs = |list: &[(&str, &str)]| {
            list.iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect::<Vec<_>>()
        };
        let read = Query::from_pairs(pairs(&[
            ("$expand", "members($select=id,displayName),owners"),
            ("startDateTime", "2020-01-01T00:00:00"),
            ("$top", "007"),
            ("$count", "true"),
        ]));
        assert_eq!(read.expand, ["members($select=id,displayName)", "owners"]);
        assert_eq!(read.count, Some(true));
        // `007` would be written back as `7`: it stays as it was, with the unnamed ones.
        assert_eq!(
            read.params,
            pairs(&[("startDateTime", "2020-01-01T00:00:00"), ("$top", "007")])
        );
        assert_eq!(
            read.to_query_string(),
            "$expand=members($select=id,displayName),owners&$count=true\
             &startDateTime=2020-01-01T00:00:00&$top=007"
        );
    }
}

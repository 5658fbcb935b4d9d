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
/// with `Query::new().select(["id", "displayName"]).top(10)` and written in that order.
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
        let written = options.into_iter().filter_map(|(name, value)| {
            let value = value?;
            Some(format!(
                "{name}={}",
                percent_encoding::utf8_percent_encode(&value, VALUE)
            ))
        });
        written.collect::<Vec<_>>().join("&")
    }
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
}

//! Following a list's pages, whatever sends the requests: each `@odata.nextLink` exactly as the
//! service wrote it, until the last page, whose `@odata.deltaLink` is where the next delta round
//! starts.

use std::collections::HashSet;
use std::fmt;

use crate::Collection;

/// Builds the request for each next page of a list.
#[derive(Clone, Debug)]
pub struct Pager {
    /// Sent again with every page: the service asks for some (`ConsistencyLevel`, `Prefer`)
    /// on each request, not only the first.
    kept: http::HeaderMap,
    followed: HashSet<String>,
}

/// What comes after a page.
#[derive(Debug)]
pub enum Next {
    /// The request for the next page (boxed: it is large beside the end).
    Page(Box<http::Request<Vec<u8>>>),
    /// That was the last page; a delta round hands back where the next one starts.
    Done { delta_link: Option<String> },
}

/// Why paging stopped short.
#[derive(Debug)]
pub enum PageError {
    /// The service sent a link it had sent before: following it would never end.
    Repeated(String),
    /// A next link that is no URI.
    Link(http::Error),
}

impl Pager {
    /// A pager for the list `first` asked for, which sends again the headers of `first` that
    /// `keep` names.
    pub fn new<B>(first: &http::Request<B>, keep: &[http::HeaderName]) -> Self {
        let kept = (first.headers().iter())
            .filter(|(name, _)| keep.contains(name))
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect();
        Pager {
            kept,
            followed: HashSet::new(),
        }
    }

    /// After reading `page`, the request for the next one, or the end.
    pub fn next<T>(&mut self, page: &Collection<T>) -> Result<Next, PageError> {
        let Some(link) = &page.next_link else {
            return Ok(Next::Done {
                delta_link: page.delta_link.clone(),
            });
        };
        if !self.followed.insert(link.clone()) {
            return Err(PageError::Repeated(link.clone()));
        }
        let mut builder = http::Request::get(link.as_str());
        for (name, value) in &self.kept {
            builder = builder.header(name, value);
        }
        let request = builder.body(Vec::new()).map_err(PageError::Link)?;
        Ok(Next::Page(Box::new(request)))
    }
}

impl fmt::Display for PageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PageError::Repeated(link) => write!(f, "the service sent the next link {link} twice"),
            PageError::Link(_) => f.write_str("the next link is no URI"),
        }
    }
}

impl std::error::Error for PageError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PageError::Repeated(_) => None,
            PageError::Link(e) => Some(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(next: Option<&str>, delta: Option<&str>) -> Collection<u8> {
        Collection {
            next_link: next.map(Into::into),
            delta_link: delta.map(Into::into),
            ..Collection::default()
        }
    }

    #[test]
    fn follows_next_links_as_given_with_the_kept_headers_and_ends_with_the_delta_link() {
        let first = http::Request::get("https://h/v1.0/users?$count=true")
            .header("ConsistencyLevel", "eventual")
            .header("Authorization", "Bearer t")
            .body(())
            .unwrap();
        let mut pager = Pager::new(&first, &[http::HeaderName::from_static("consistencylevel")]);
        // A skip token is opaque: it goes back exactly as written, `%2B` and all.
        let link = "https://h/v1.0/users?$count=true&$skiptoken=a%2Bb";
        let Ok(Next::Page(request)) = pager.next(&page(Some(link), None)) else {
            panic!("a next link is a next page")
        };
        assert_eq!(request.uri(), link);
        assert_eq!(request.method(), http::Method::GET);
        assert_eq!(request.headers()["consistencylevel"], "eventual");
        assert!(!request.headers().contains_key("authorization"));
        let last = pager.next(&page(None, Some("https://h/d?$deltatoken=9")));
        assert!(matches!(
            last,
            Ok(Next::Done { delta_link: Some(d) }) if d == "https://h/d?$deltatoken=9"
        ));
    }

    #[test]
    fn a_link_sent_twice_stops_the_paging() {
        let first = http::Request::get("https://h/x").body(()).unwrap();
        let mut pager = Pager::new(&first, &[]);
        assert!(matches!(
            pager.next(&page(Some("https://h/x?p=2"), None)),
            Ok(Next::Page(_))
        ));
        let again = pager.next(&page(Some("https://h/x?p=2"), None));
        assert!(matches!(again, Err(PageError::Repeated(l)) if l == "https://h/x?p=2"));
        assert!(matches!(
            pager.next(&page(Some("not a uri\n"), None)),
            Err(PageError::Link(_))
        ));
    }
}

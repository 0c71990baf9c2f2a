//! Cursor paging with a stack of tokens: m3ter lists only go forward (`nextToken`), so going back
//! means remembering the token each visited page was fetched with.

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pager {
    /// The token each visited page was fetched with; the first page has none.
    stack: Vec<Option<String>>,
    /// The current page's `nextToken`, once known.
    next: Option<String>,
}

impl Pager {
    pub fn new() -> Self {
        Pager {
            stack: vec![None],
            next: None,
        }
    }

    /// The token to fetch the current page with.
    pub fn current(&self) -> Option<&str> {
        self.stack.last().and_then(|t| t.as_deref())
    }

    /// 1-based page number.
    pub fn page(&self) -> usize {
        self.stack.len().max(1)
    }

    pub fn can_back(&self) -> bool {
        self.stack.len() > 1
    }

    pub fn can_next(&self) -> bool {
        self.next.is_some()
    }

    /// Records the current page's answer; an empty token means the last page, as the SDKs treat it.
    pub fn loaded(&mut self, next_token: Option<&str>) {
        self.next = next_token.filter(|t| !t.is_empty()).map(str::to_owned);
    }

    /// Moves to the next page; returns the token to fetch it with.
    pub fn forward(&mut self) -> Option<String> {
        let token = self.next.take()?;
        self.stack.push(Some(token.clone()));
        Some(token)
    }

    /// Moves to the previous page; returns the token to fetch it with (`None` for the first).
    pub fn back(&mut self) -> Option<Option<String>> {
        if !self.can_back() {
            return None;
        }
        self.stack.pop();
        self.next = None;
        Some(self.current().map(str::to_owned))
    }

    pub fn reset(&mut self) {
        *self = Pager::new();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forward_and_back_through_pages() {
        let mut p = Pager::new();
        assert_eq!(
            (p.page(), p.current(), p.can_back(), p.can_next()),
            (1, None, false, false)
        );
        assert_eq!(p.forward(), None, "no next page before the first answer");
        p.loaded(Some("t2"));
        assert!(p.can_next());
        assert_eq!(p.forward().as_deref(), Some("t2"));
        assert_eq!((p.page(), p.current()), (2, Some("t2")));
        assert!(
            !p.can_next(),
            "the next token is unknown until page 2 answers"
        );
        p.loaded(Some("t3"));
        assert_eq!(p.forward().as_deref(), Some("t3"));
        p.loaded(None);
        assert!(!p.can_next());
        assert_eq!(p.back(), Some(Some("t2".to_owned())));
        assert_eq!(p.page(), 2);
        p.loaded(Some("t3"));
        assert_eq!(p.back(), Some(None));
        assert_eq!(p.page(), 1);
        assert_eq!(p.back(), None);
    }

    #[test]
    fn empty_token_means_last_page_and_reset_starts_over() {
        let mut p = Pager::new();
        p.loaded(Some(""));
        assert!(!p.can_next());
        p.loaded(Some("x"));
        p.forward();
        p.reset();
        assert_eq!(p, Pager::new());
    }
}

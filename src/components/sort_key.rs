//! The order of a sorted column: one key per cell, computed once per sort, and a total order on
//! them. Rust's sort may panic on a comparison that is not a total order (a wasm panic kills the
//! page), and "as numbers when both parse, as text otherwise" is not one: "10" < "2x" < "9" < "10".
//!
//! Numbers come first, by value; then text, case-folded, then exactly; empty cells last.

use std::cmp::Ordering;

#[derive(Clone, Debug)]
pub enum SortKey {
    /// The value, and the text for ties ("1.0" and "1").
    Number(f64, String),
    /// Case-folded, then as written.
    Text(String, String),
    Empty,
}

impl SortKey {
    /// The key of a cell's sort text.
    pub fn new(text: &str) -> SortKey {
        if text.trim().is_empty() {
            return SortKey::Empty;
        }
        // serde_json's reader: core's float parser would add to the wasm. Beyond f64 (1e400) is text.
        match serde_json::from_str::<f64>(text) {
            Ok(n) => SortKey::Number(n, text.to_owned()),
            Err(_) => SortKey::Text(fold_case(text), text.to_owned()),
        }
    }

    fn rank(&self) -> u8 {
        match self {
            SortKey::Number(..) => 0,
            SortKey::Text(..) => 1,
            SortKey::Empty => 2,
        }
    }
}

impl Ord for SortKey {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            // `total_cmp`: a total order on every f64 (-0 before 0).
            (SortKey::Number(a, s), SortKey::Number(b, t)) => a.total_cmp(b).then_with(|| s.cmp(t)),
            (SortKey::Text(a, s), SortKey::Text(b, t)) => a.cmp(b).then_with(|| s.cmp(t)),
            _ => self.rank().cmp(&other.rank()),
        }
    }
}

impl PartialOrd for SortKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

// Equal exactly when `cmp` says so (a derived `==` on f64 would disagree for -0 and NaN).
impl PartialEq for SortKey {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for SortKey {}

/// Lower case for the quick filter and sorting. Non-ASCII text goes to the browser's own
/// `toLowerCase`, which keeps Unicode's case tables (several kB) out of the wasm.
pub fn fold_case(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(s).to_lower_case())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        s.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(cells: &[&str]) -> Vec<String> {
        let mut keys: Vec<SortKey> = cells.iter().map(|c| SortKey::new(c)).collect();
        keys.sort();
        keys.into_iter()
            .map(|k| match k {
                SortKey::Number(_, s) | SortKey::Text(_, s) => s,
                SortKey::Empty => String::new(),
            })
            .collect()
    }

    #[test]
    fn numbers_then_text_then_empty() {
        assert_eq!(
            sorted(&["b", "10", "", "2x", "9", "A", "-1.5", "a", "123x", "1e3", "10"]),
            ["-1.5", "9", "10", "10", "1e3", "123x", "2x", "A", "a", "b", ""]
        );
        // The cycle the old comparison made: 10 < 2x (text), 2x < 9 (text), 9 < 10 (numbers).
        assert_eq!(sorted(&["2x", "10", "9"]), ["9", "10", "2x"]);
        assert_eq!(sorted(&["0", "-0", "1", "1.0"]), ["-0", "0", "1", "1.0"]);
        assert_eq!(sorted(&["1e400", "5"]), ["5", "1e400"]);
    }

    // Property tests run natively (proptest is a native dev-dependency).
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        /// What a column can hold, as sort text: numbers, numeric-looking text, words, dates,
        /// enum labels, nothing, and anything at all.
        fn cell() -> impl Strategy<Value = String> {
            prop_oneof![
                "-?[0-9]{1,4}(\\.[0-9]{1,3})?([eE]-?[0-9]{1,3})?",
                "[0-9]{1,3}[a-zA-Z]{0,2}",
                "-?0(\\.0)?",
                "[a-zA-Z ]{0,6}",
                "20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:00:00Z",
                Just(String::new()),
                Just("true".to_owned()),
                Just("NaN".to_owned()),
                ".{0,8}",
            ]
        }

        proptest! {
            #[test]
            fn a_total_order(a in cell(), b in cell(), c in cell()) {
                let (x, y, z) = (SortKey::new(&a), SortKey::new(&b), SortKey::new(&c));
                prop_assert_eq!(x.cmp(&y), y.cmp(&x).reverse(), "antisymmetry");
                prop_assert_eq!(x.cmp(&x), Ordering::Equal);
                prop_assert_eq!(x == y, x.cmp(&y) == Ordering::Equal);
                if x <= y && y <= z {
                    prop_assert!(x <= z, "transitivity: {a:?} <= {b:?} <= {c:?}");
                }
                if x == y && y == z {
                    prop_assert!(x == z);
                }
            }

            /// Sorting never panics, and leaves every neighbour in order, both ways.
            #[test]
            fn sorting_any_column_works(cells in prop::collection::vec(cell(), 0..300)) {
                let keys: Vec<SortKey> = cells.iter().map(|c| SortKey::new(c)).collect();
                let mut order: Vec<usize> = (0..keys.len()).collect();
                order.sort_by(|a, b| keys[*a].cmp(&keys[*b]));
                prop_assert!(order.windows(2).all(|w| keys[w[0]] <= keys[w[1]]));
                order.sort_by(|a, b| keys[*a].cmp(&keys[*b]).reverse());
                prop_assert!(order.windows(2).all(|w| keys[w[0]] >= keys[w[1]]));
            }
        }
    }
}

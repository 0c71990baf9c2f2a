//! Sorting the loaded rows by a column. Each cell gets a key once, and keys have a total order
//! (Rust's sort may panic on one that is not): empty first, then numbers by value, then text
//! case-folded, ties broken by the exact text. "Numeric when both parse, text otherwise" would not
//! be transitive ("10" < "2x" < "3" < "10").

use std::cmp::Ordering;

/// A cell as sorted.
#[derive(Clone, Debug, PartialEq)]
pub enum SortKey {
    Empty,
    Number(f64),
    Text { folded: String, exact: String },
}

impl SortKey {
    /// The key of a cell's plain text (see `components::value::sort_text`).
    pub fn of(text: &str) -> SortKey {
        if text.is_empty() {
            return SortKey::Empty;
        }
        match serde_json::from_str::<f64>(text.trim()) {
            Ok(n) if n.is_finite() && !text.trim().is_empty() => SortKey::Number(n),
            _ => SortKey::Text {
                folded: crate::nav::fold_case(text),
                exact: text.to_owned(),
            },
        }
    }

    fn rank(&self) -> u8 {
        match self {
            SortKey::Empty => 0,
            SortKey::Number(_) => 1,
            SortKey::Text { .. } => 2,
        }
    }
}

impl Eq for SortKey {}

impl Ord for SortKey {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (SortKey::Number(a), SortKey::Number(b)) => a.total_cmp(b),
            (
                SortKey::Text {
                    folded: a,
                    exact: x,
                },
                SortKey::Text {
                    folded: b,
                    exact: y,
                },
            ) => a.cmp(b).then_with(|| x.cmp(y)),
            _ => self.rank().cmp(&other.rank()),
        }
    }
}

impl PartialOrd for SortKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The order of `keys` (indexes), ascending or descending; equal keys keep their order.
pub fn order(keys: &[SortKey], ascending: bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|a, b| {
        let o = keys.get(*a).cmp(&keys.get(*b));
        if ascending {
            o
        } else {
            o.reverse()
        }
    });
    order
}

// proptest is a native dev-dependency: these run with the console's logic tests.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cell() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            "[0-9]{1,4}",
            "[0-9]{1,3}[a-z]",
            "-?[0-9]{1,3}\\.[0-9]{1,3}",
            "[A-Za-z ]{0,6}",
            Just("1e400".to_owned()),
            Just("NaN".to_owned()),
            Just("2025-01-31T00:00:00Z".to_owned()),
            ".{0,5}",
        ]
    }

    proptest! {
        #[test]
        fn the_order_is_total(a in cell(), b in cell(), c in cell()) {
            let (a, b, c) = (SortKey::of(&a), SortKey::of(&b), SortKey::of(&c));
            prop_assert_eq!(a.cmp(&b), b.cmp(&a).reverse());
            if a <= b && b <= c {
                prop_assert!(a <= c);
            }
            prop_assert_eq!(a.cmp(&a), Ordering::Equal);
        }

        #[test]
        fn sorting_any_mix_never_panics(cells in proptest::collection::vec(cell(), 0..60), up in any::<bool>()) {
            let keys: Vec<SortKey> = cells.iter().map(|c| SortKey::of(c)).collect();
            let o = order(&keys, up);
            prop_assert_eq!(o.len(), keys.len());
            for w in o.windows(2) {
                let (x, y) = (&keys[w[0]], &keys[w[1]]);
                let in_order = if up { x <= y } else { x >= y };
                prop_assert!(in_order, "{:?} then {:?}", x, y);
            }
        }
    }

    #[test]
    fn numbers_by_value_then_text() {
        let cells = ["10", "2x", "3", "", "abc", "Abd", "1.5"];
        let keys: Vec<SortKey> = cells.iter().map(|c| SortKey::of(c)).collect();
        let sorted: Vec<&str> = order(&keys, true).into_iter().map(|i| cells[i]).collect();
        assert_eq!(sorted, ["", "1.5", "3", "10", "2x", "abc", "Abd"]);
    }
}

//! Stable sorting through one shared instance of the standard library's sort.
//!
//! Every `sort_by` call with its own closure compiles to its own copy of the sort (several
//! KB of wasm each); sorting positions with one `dyn` comparison keeps a single copy. The
//! same holds for `collect()` into a `BTreeMap` or `BTreeSet`, which sorts the items before
//! building the tree: [`map_from`] and [`set_from`] insert them instead.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Sorts `items` stably by `compare`, like `slice::sort_by`.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_positions(&mut order, &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Names in the order people expect: runs of ASCII digits compare as numbers, so
/// "未署名 2" comes before "未署名 10"; everything else by character.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
        match (digits(a), digits(b)) {
            (0, _) | (_, 0) => {
                let (mut x, mut y) = (a.chars(), b.chars());
                match (x.next(), y.next()) {
                    (None, None) => return Ordering::Equal,
                    (None, Some(_)) => return Ordering::Less,
                    (Some(_), None) => return Ordering::Greater,
                    (Some(p), Some(q)) if p != q => return p.cmp(&q),
                    _ => (a, b) = (x.as_str(), y.as_str()),
                }
            }
            (m, n) => {
                let (x, y) = (
                    a[..m].trim_start_matches('0'),
                    b[..n].trim_start_matches('0'),
                );
                let order = x.len().cmp(&y.len()).then_with(|| x.cmp(y)).then(m.cmp(&n));
                if order != Ordering::Equal {
                    return order;
                }
                (a, b) = (&a[m..], &b[n..]);
            }
        }
    }
}

/// The map of `pairs`, as `collect()` makes it (a key given twice keeps its last value), without
/// a copy of the sort for this pair type.
pub fn map_from<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (key, value) in pairs {
        map.insert(key, value);
    }
    map
}

/// The set of `items`, as `collect()` makes it, without a copy of the sort for this type.
pub fn set_from<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for item in items {
        set.insert(item);
    }
    set
}

#[inline(never)]
#[allow(
    clippy::disallowed_methods,
    reason = "the one shared copy of the standard sort"
)]
fn sort_positions(order: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|a, b| compare(*a, *b));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_and_sets_built_by_inserting_equal_those_collected() {
        let pairs = [("b", 2), ("a", 1), ("c", 3), ("a", 4), ("b", 5)];
        let collected: BTreeMap<&str, i32> = pairs.into_iter().collect();
        assert_eq!(map_from(pairs), collected);
        assert_eq!(
            map_from(pairs)["a"],
            4,
            "a key given twice keeps its last value"
        );
        let items = ["q3", "q1", "q2", "q1"];
        let collected: BTreeSet<&str> = items.into_iter().collect();
        assert_eq!(set_from(items), collected);
        assert!(map_from(Vec::<(u8, u8)>::new()).is_empty());
    }

    #[test]
    fn names_with_numbers_sort_as_people_read_them() {
        let mut names = vec![
            "未署名 10",
            "未署名 2",
            "未署名 1",
            "第二党支部",
            "未署名 02",
            "a9b",
            "a10",
        ];
        sort_by(&mut names, |a, b| natural_cmp(a, b));
        assert_eq!(
            names,
            vec![
                "a9b",
                "a10",
                "未署名 1",
                "未署名 2",
                "未署名 02",
                "未署名 10",
                "第二党支部"
            ]
        );
        assert_eq!(natural_cmp("x", "x"), Ordering::Equal);
        assert_eq!(natural_cmp("x", "x1"), Ordering::Less);
    }

    #[test]
    fn sorts_stably_like_the_standard_sort() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        let mut expected = items.clone();
        #[allow(clippy::disallowed_methods, reason = "the reference to compare with")]
        expected.sort_by_key(|a| a.0);
        sort_by(&mut items, |a, b| a.0.cmp(&b.0));
        assert_eq!(items, expected);
        assert_eq!(
            items,
            vec![(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]
        );
        let mut empty: Vec<u8> = Vec::new();
        sort_by(&mut empty, u8::cmp);
        assert!(empty.is_empty());
    }
}

//! How many groups a block gets, their size bounds, and which lock key goes to which group.

use super::GroupingError;

/// One group to fill: its size bounds and the lock key it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Slot {
    pub lo: usize,
    pub hi: usize,
    pub key: Option<u32>,
    /// Branches pinned to it.
    pub locked: usize,
}

/// Whether `n` branches fit `k` groups of `min..=max`.
pub(crate) fn fits(n: usize, k: usize, min: usize, max: usize) -> bool {
    k.saturating_mul(min) <= n && n <= k.saturating_mul(max)
}

/// The fewest groups `k ≥ at_least` that `n` branches fit, if any.
fn fewest(n: usize, at_least: usize, min: usize, max: usize) -> Option<usize> {
    let start = n.div_ceil(max).max(at_least);
    (start..=n / min).find(|&k| fits(n, k, min, max))
}

/// Slots for `n` branches (`n ≥ 1`) with `locked` = (key, count) per lock key. Fewest groups
/// within the bounds; when none fit, one undersized group of the largest possible remainder.
pub(crate) fn plan(
    n: usize,
    locked: &[(u32, usize)],
    min: usize,
    max: usize,
) -> Result<Vec<Slot>, GroupingError> {
    if let Some(&(key, count)) = locked.iter().find(|(_, c)| *c > max) {
        return Err(GroupingError::LockTooLarge { key, count, max });
    }
    let keys = locked.len();
    let too_many = GroupingError::LocksDontFit { keys, branches: n };
    let normal = |_| Slot {
        lo: min,
        hi: max,
        key: None,
        locked: 0,
    };
    let mut slots: Vec<Slot> = if let Some(k) = fewest(n, keys.max(1), min, max) {
        (0..k).map(normal).collect()
    } else if fewest(n, 1, min, max).is_some() {
        return Err(too_many);
    } else {
        let remainder = (1..min.min(n + 1)).rev().find_map(|r| {
            let rest = n - r;
            let k = if rest == 0 && keys <= 1 {
                Some(0)
            } else {
                fewest(rest, keys.saturating_sub(1).max(1), min, max)
            };
            k.map(|k| (r, k))
        });
        let Some((r, k)) = remainder else {
            return Err(too_many);
        };
        let mut slots: Vec<Slot> = (0..k).map(normal).collect();
        slots.push(Slot {
            lo: r,
            hi: r,
            key: None,
            locked: 0,
        });
        slots
    };
    assign_keys(&mut slots, locked)?;
    let needed: usize = slots.iter().map(|s| s.lo.max(s.locked)).sum();
    if needed > n {
        return Err(too_many);
    }
    Ok(slots)
}

/// Largest lock first into the normal slots; an undersized slot (last) takes the smallest.
fn assign_keys(slots: &mut [Slot], locked: &[(u32, usize)]) -> Result<(), GroupingError> {
    let mut keys: Vec<(u32, usize)> = locked.to_vec();
    crate::order::sort_by(&mut keys, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (slot, (key, count)) in slots.iter_mut().zip(keys) {
        if count > slot.hi {
            return Err(GroupingError::LockTooLarge {
                key,
                count,
                max: slot.hi,
            });
        }
        slot.key = Some(key);
        slot.locked = count;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes(n: usize, min: usize, max: usize) -> Vec<(usize, usize)> {
        plan(n, &[], min, max)
            .map(|s| s.iter().map(|s| (s.lo, s.hi)).collect())
            .unwrap_or_default()
    }

    #[test]
    fn fewest_groups_within_bounds() {
        assert_eq!(sizes(12, 4, 6), vec![(4, 6); 2]);
        assert_eq!(sizes(13, 4, 6), vec![(4, 6); 3]);
        assert_eq!(sizes(4, 4, 6), vec![(4, 6)]);
        assert_eq!(sizes(1000, 4, 6).len(), 167);
    }

    #[test]
    fn one_undersized_group_when_nothing_fits() {
        assert_eq!(sizes(3, 4, 6), vec![(3, 3)]);
        assert_eq!(sizes(7, 4, 6), vec![(4, 6), (3, 3)]);
        assert_eq!(sizes(1, 4, 6), vec![(1, 1)]);
        // 10 in groups of exactly 6: one of 6 and one of 4.
        assert_eq!(sizes(10, 6, 6), vec![(6, 6), (4, 4)]);
    }

    #[test]
    fn locks_get_slots_or_an_error() {
        let slots = plan(12, &[(7, 2), (9, 3), (11, 1)], 4, 6).unwrap_or_default();
        assert_eq!(slots.len(), 3);
        assert_eq!(slots[0].key, Some(9));
        assert!(matches!(
            plan(8, &[(1, 1), (2, 1), (3, 1)], 4, 6),
            Err(GroupingError::LocksDontFit { .. })
        ));
        assert!(matches!(
            plan(9, &[(1, 7)], 4, 6),
            Err(GroupingError::LockTooLarge { .. })
        ));
        assert!(matches!(
            plan(8, &[(1, 6), (2, 1)], 4, 6),
            Err(GroupingError::LocksDontFit { .. })
        ));
    }
}

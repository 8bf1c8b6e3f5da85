//! The search for one block: locks placed, a serpentine draft, then first-improvement local
//! search over moves and swaps, every evaluation O(1) through per-group strength masks.

use std::collections::BTreeMap;

use super::input::{block_key, Prepared, Unit};
use super::sizes::{plan, Slot};
use super::{GroupingError, Locks, Rule, Settings};

/// Smallest objective gain taken as an improvement (keeps rounding from cycling).
const EPS: f64 = 1e-9;
/// Local-search passes at most (a pass that improves nothing ends it earlier).
const MAX_PASSES: usize = 200;
/// Groups a branch is tried with, per pass, once a block has more than
/// `GUIDED + ROTATING + 1` groups: those where it adds the most coverage, and a window that
/// moves every pass.
const GUIDED: usize = 8;
const ROTATING: usize = 8;
/// Blocks up to this many branches end with full passes (O(n²) each).
const FULL_PASSES_UP_TO: usize = 400;

/// One group as the search left it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Formed {
    /// Input indices, canonical order.
    pub members: Vec<usize>,
    pub key: Option<u32>,
    /// Members the committee pinned (input indices).
    pub locked: Vec<usize>,
    /// Set when the group had to be smaller than this minimum.
    pub undersized_min: Option<usize>,
    /// Position of its block (groups are listed block by block).
    pub block: usize,
    /// A lead fixed by the caller (the strong side of a pair).
    pub lead: Option<usize>,
    pub pairing: Pairing,
}

/// What a 结对 group is, when it is not an ordinary pair or group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pairing {
    No,
    Trio,
    Unpaired,
}

/// Checks the locks against the input and the `Together` rules.
pub(crate) fn check_locks(
    prepared: &Prepared,
    settings: &Settings,
    locks: &Locks,
) -> Result<(), GroupingError> {
    let mut block_of_key = BTreeMap::new();
    for (&branch, &key) in &locks.pins {
        let unit = prepared
            .units
            .get(branch)
            .ok_or(GroupingError::UnknownBranch { index: branch })?;
        let block = block_key(unit, settings);
        if *block_of_key.entry(key).or_insert(block) != block {
            return Err(GroupingError::LockAcrossBlocks { key });
        }
    }
    Ok(())
}

/// Groups for one block (input indices in canonical order).
pub(crate) fn form_block(
    prepared: &Prepared,
    settings: &Settings,
    locks: &Locks,
    block: &[usize],
    position: usize,
) -> Result<Vec<Formed>, GroupingError> {
    if block.is_empty() {
        return Ok(Vec::new());
    }
    let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
    for i in block {
        if let Some(&key) = locks.pins.get(i) {
            *counts.entry(key).or_default() += 1;
        }
    }
    let locked: Vec<(u32, usize)> = counts.into_iter().collect();
    let slots = plan(block.len(), &locked, settings.min_size, settings.max_size)?;
    let mut state = State::new(prepared, settings, block, &slots);
    state.place_locked(block, locks);
    state.draft(&slots);
    state.improve();
    Ok(state.formed(block, settings, position))
}

/// The weights of the objective's terms for this block, already normalised.
#[derive(Debug, Clone, Copy)]
struct Terms {
    coverage: f64,
    balance: f64,
    categories: f64,
    tags: f64,
}

/// One group during the search.
#[derive(Debug, Clone, Default)]
struct Group {
    lo: usize,
    hi: usize,
    key: Option<u32>,
    members: Vec<usize>,
    /// Dimensions some member is strong in, and those exactly one member is strong in.
    mask: u64,
    single: u64,
    /// Covered main-gap severity.
    cov: f64,
    /// Sum and count of the members' overall scores.
    sum: f64,
    scored: usize,
}

impl Group {
    fn mean(&self) -> Option<f64> {
        (self.scored > 0).then(|| self.sum / self.scored as f64)
    }
}

/// Sums over the group means, for the standard deviation.
#[derive(Debug, Clone, Copy, Default)]
struct Means {
    sum: f64,
    squares: f64,
    count: usize,
}

impl Means {
    #[inline(always)]
    fn with(mut self, old: Option<f64>, new: Option<f64>) -> Means {
        if let Some(m) = old {
            self.sum -= m;
            self.squares -= m * m;
            self.count -= 1;
        }
        if let Some(m) = new {
            self.sum += m;
            self.squares += m * m;
            self.count += 1;
        }
        self
    }

    fn spread(self) -> f64 {
        if self.count == 0 {
            return 0.0;
        }
        let n = self.count as f64;
        let mean = self.sum / n;
        (self.squares / n - mean * mean).max(0.0).sqrt()
    }
}

struct State<'a> {
    units: Vec<&'a Unit>,
    locked: Vec<bool>,
    slot_of: Vec<usize>,
    groups: Vec<Group>,
    dims: usize,
    /// Per group × dimension: members strong there, and main-gap severity there.
    helpers: Vec<u32>,
    need: Vec<f64>,
    means: Means,
    /// `means.spread()`, kept with it.
    spread: f64,
    terms: Terms,
}

impl<'a> State<'a> {
    fn new(prepared: &'a Prepared, settings: &Settings, block: &[usize], slots: &[Slot]) -> Self {
        let units: Vec<&Unit> = block.iter().map(|&i| &prepared.units[i]).collect();
        let n = units.len().max(1) as f64;
        let total_need: f64 = units.iter().map(|u| u.gap_weight).sum();
        let w = &settings.weights;
        let terms = Terms {
            coverage: if total_need > 0.0 {
                w.coverage / total_need
            } else {
                0.0
            },
            balance: w.balance / 10.0,
            categories: match settings.categories {
                Rule::Mix => w.categories / n,
                _ => 0.0,
            },
            tags: match settings.tags {
                Rule::Mix => w.tags / n,
                _ => 0.0,
            },
        };
        let dims = prepared.dims.len().max(1);
        let groups: Vec<Group> = slots
            .iter()
            .map(|s| Group {
                lo: s.lo,
                hi: s.hi,
                key: s.key,
                ..Group::default()
            })
            .collect();
        State {
            locked: vec![false; units.len()],
            slot_of: vec![usize::MAX; units.len()],
            helpers: vec![0; groups.len() * dims],
            need: vec![0.0; groups.len() * dims],
            units,
            groups,
            dims,
            means: Means::default(),
            spread: 0.0,
            terms,
        }
    }

    fn place_locked(&mut self, block: &[usize], locks: &Locks) {
        for (local, i) in block.iter().enumerate() {
            let Some(key) = locks.pins.get(i) else {
                continue;
            };
            if let Some(g) = self.groups.iter().position(|g| g.key == Some(*key)) {
                self.locked[local] = true;
                self.slot_of[local] = g;
                self.groups[g].members.push(local);
            }
        }
    }

    /// Deals the unlocked branches, strongest first, in a serpentine over the groups
    /// (0, 1 … k−1, k−1 … 0, 0 …), each group up to its share of the sizes.
    fn draft(&mut self, slots: &[Slot]) {
        let mut room = target_sizes(slots, self.units.len());
        for (g, group) in self.groups.iter().enumerate() {
            room[g] = room[g].saturating_sub(group.members.len());
        }
        let mut free: Vec<usize> = (0..self.units.len()).filter(|&l| !self.locked[l]).collect();
        let units = &self.units;
        crate::order::sort_by(&mut free, |&a, &b| units[a].strongest_first(units[b]));
        let k = self.groups.len();
        let mut step = 0;
        for local in free {
            // Σ room equals the branches left, so a group with room comes within 2k steps.
            for _ in 0..2 * k {
                let (round, at) = (step / k, step % k);
                step += 1;
                let g = if round % 2 == 0 { at } else { k - 1 - at };
                if room[g] > 0 {
                    room[g] -= 1;
                    self.slot_of[local] = g;
                    self.groups[g].members.push(local);
                    break;
                }
            }
        }
        for g in 0..k {
            self.refresh(g);
        }
        self.refresh_means();
    }

    /// First-improvement local search: for each branch in canonical order, the first move
    /// or swap with one of its candidate groups that raises the objective. A branch whose
    /// scan found nothing rests until a change touches its group (don't-look bits). Blocks of
    /// up to [`FULL_PASSES_UP_TO`] branches then get full passes (every other group) until
    /// none improves, so they end at a true local optimum for moves and swaps.
    fn improve(&mut self) {
        let n = self.units.len();
        let mut active: Vec<bool> = self.locked.iter().map(|l| !l).collect();
        let mut scratch = Vec::new();
        for pass in 0..MAX_PASSES {
            let mut any = false;
            for i in 0..n {
                if !active[i] {
                    continue;
                }
                any = true;
                match self.try_improve(i, Some(pass), &mut scratch) {
                    Some((g, h)) => {
                        for &m in self.groups[g].members.iter().chain(&self.groups[h].members) {
                            active[m] = !self.locked[m];
                        }
                    }
                    None => active[i] = false,
                }
            }
            if !any {
                break;
            }
        }
        if n > FULL_PASSES_UP_TO {
            return;
        }
        for _ in 0..MAX_PASSES {
            let mut improved = false;
            for i in 0..n {
                if !self.locked[i] && self.try_improve(i, None, &mut scratch).is_some() {
                    improved = true;
                }
            }
            if !improved {
                break;
            }
        }
    }

    /// Applies the first improving move or swap of `i` with a candidate group; returns the
    /// two groups it changed. `pass` = `None` scans every other group.
    fn try_improve(
        &mut self,
        i: usize,
        pass: Option<usize>,
        scratch: &mut Vec<(f64, usize)>,
    ) -> Option<(usize, usize)> {
        let g = self.slot_of[i];
        self.candidates(i, pass, scratch);
        for &(_, h) in scratch.iter() {
            if self.groups[g].members.len() > self.groups[g].lo
                && self.groups[h].members.len() < self.groups[h].hi
                && self.move_gain(i, h) > EPS
            {
                self.apply_move(i, h);
                return Some((g, h));
            }
            for at in 0..self.groups[h].members.len() {
                let j = self.groups[h].members[at];
                if !self.locked[j] && self.swap_gain(i, j) > EPS {
                    self.apply_swap(i, j);
                    return Some((g, h));
                }
            }
        }
        None
    }

    /// The groups `i` is tried with: all others when there are few (or `pass` is `None`);
    /// else the [`GUIDED`] where `i` would add the most coverage (its gaps met, its strengths
    /// needed), best first, then [`ROTATING`] more from a window that moves every pass.
    fn candidates(&self, i: usize, pass: Option<usize>, out: &mut Vec<(f64, usize)>) {
        out.clear();
        let g = self.slot_of[i];
        let k = self.groups.len();
        let others = k - 1;
        let Some(pass) = pass.filter(|_| others > GUIDED + ROTATING) else {
            out.extend((1..k).map(|off| (0.0, (g + off) % k)));
            return;
        };
        let ui = Some(self.units[i]);
        for h in (0..k).filter(|&h| h != g) {
            let score = self.coverage_gain(h, None, ui);
            if out.len() < GUIDED || score > out[out.len() - 1].0 {
                let at = out.iter().position(|c| score > c.0).unwrap_or(out.len());
                out.insert(at, (score, h));
                out.truncate(GUIDED);
            }
        }
        let start = (mix((pass as u64) << 32 | i as u64) % others as u64) as usize;
        let mut t = 0;
        while out.len() < GUIDED + ROTATING && t < others {
            let h = (g + 1 + (start + t) % others) % k;
            if !out.iter().any(|c| c.1 == h) {
                out.push((0.0, h));
            }
            t += 1;
        }
    }

    /// Covered severity gained in group `g` when `out` leaves it and `inn` joins it.
    #[inline(always)]
    fn coverage_gain(&self, g: usize, out: Option<&Unit>, inn: Option<&Unit>) -> f64 {
        let group = &self.groups[g];
        let mut mask = group.mask;
        if let Some(a) = out {
            mask &= !(a.strong & group.single);
        }
        if let Some(b) = inn {
            mask |= b.strong;
        }
        let need = &self.need[g * self.dims..(g + 1) * self.dims];
        let mut gain = 0.0;
        let mut changed = mask ^ group.mask;
        while changed != 0 {
            let d = changed.trailing_zeros() as usize;
            changed &= changed - 1;
            if mask >> d & 1 == 1 {
                gain += need[d];
            } else {
                gain -= need[d];
            }
        }
        if let Some(a) = out {
            for &(d, w) in &a.gaps {
                if mask >> d & 1 == 1 {
                    gain -= w;
                }
            }
        }
        if let Some(b) = inn {
            for &(d, w) in &b.gaps {
                if mask >> d & 1 == 1 {
                    gain += w;
                }
            }
        }
        gain
    }

    /// The group's mean with `out` taken out and `inn` put in.
    #[inline(always)]
    fn mean_after(&self, g: usize, out: Option<&Unit>, inn: Option<&Unit>) -> Option<f64> {
        let group = &self.groups[g];
        let (mut sum, mut scored) = (group.sum, group.scored);
        if let Some(o) = out.and_then(|a| a.overall) {
            sum -= o;
            scored -= 1;
        }
        if let Some(o) = inn.and_then(|b| b.overall) {
            sum += o;
            scored += 1;
        }
        if scored > 0 {
            Some(sum / scored as f64)
        } else {
            None
        }
    }

    /// Same-category and same-area pairs added in `g` when member `out` leaves and `inn`
    /// joins.
    #[inline(always)]
    fn pairs_gain(&self, g: usize, out: Option<usize>, inn: Option<&Unit>) -> (f64, f64) {
        let leaving = out.map(|a| self.units[a]);
        let (mut cat, mut tag) = (0i32, 0i32);
        for &m in &self.groups[g].members {
            if Some(m) == out {
                continue;
            }
            let u = self.units[m];
            if let Some(a) = leaving {
                cat -= i32::from(u.category == a.category);
                tag -= i32::from(a.area.is_some() && u.area == a.area);
            }
            if let Some(b) = inn {
                cat += i32::from(u.category == b.category);
                tag += i32::from(b.area.is_some() && u.area == b.area);
            }
        }
        (f64::from(cat), f64::from(tag))
    }

    /// The objective's gain when `i` moves from its group to `h`, or, given `j` (in `h`),
    /// when `i` and `j` swap.
    fn gain(&self, i: usize, h: usize, j: Option<usize>) -> f64 {
        let g = self.slot_of[i];
        let t = self.terms;
        let ui = self.units[i];
        let uj = j.map(|j| self.units[j]);
        let mut gain = 0.0;
        if t.coverage != 0.0 {
            gain += t.coverage
                * (self.coverage_gain(g, Some(ui), uj) + self.coverage_gain(h, uj, Some(ui)));
        }
        if t.balance != 0.0 && (ui.overall.is_some() || uj.is_some_and(|u| u.overall.is_some())) {
            let means = self
                .means
                .with(self.groups[g].mean(), self.mean_after(g, Some(ui), uj))
                .with(self.groups[h].mean(), self.mean_after(h, uj, Some(ui)));
            gain -= t.balance * (means.spread() - self.spread);
        }
        if t.categories != 0.0 || t.tags != 0.0 {
            let (cat_g, tag_g) = self.pairs_gain(g, Some(i), uj);
            let (cat_h, tag_h) = self.pairs_gain(h, j, Some(ui));
            gain -= t.categories * (cat_g + cat_h) + t.tags * (tag_g + tag_h);
        }
        gain
    }

    fn move_gain(&self, i: usize, h: usize) -> f64 {
        self.gain(i, h, None)
    }

    fn swap_gain(&self, i: usize, j: usize) -> f64 {
        self.gain(i, self.slot_of[j], Some(j))
    }

    fn apply_move(&mut self, i: usize, h: usize) {
        let g = self.slot_of[i];
        self.groups[g].members.retain(|&m| m != i);
        self.groups[h].members.push(i);
        self.slot_of[i] = h;
        self.refresh(g);
        self.refresh(h);
        self.refresh_means();
    }

    fn apply_swap(&mut self, i: usize, j: usize) {
        let (g, h) = (self.slot_of[i], self.slot_of[j]);
        for (group, from, to) in [(g, i, j), (h, j, i)] {
            if let Some(m) = self.groups[group].members.iter_mut().find(|m| **m == from) {
                *m = to;
            }
        }
        self.slot_of[i] = h;
        self.slot_of[j] = g;
        self.refresh(g);
        self.refresh(h);
        self.refresh_means();
    }

    /// Recomputes a group's masks, needs, coverage and score sums from its members.
    fn refresh(&mut self, g: usize) {
        let dims = self.dims;
        let helpers = &mut self.helpers[g * dims..(g + 1) * dims];
        let need = &mut self.need[g * dims..(g + 1) * dims];
        helpers.fill(0);
        need.fill(0.0);
        let group = &mut self.groups[g];
        let (mut sum, mut scored) = (0.0, 0);
        for &m in &group.members {
            let unit = self.units[m];
            for d in bits(unit.strong) {
                helpers[d] += 1;
            }
            for &(d, w) in &unit.gaps {
                need[d as usize] += w;
            }
            if let Some(o) = unit.overall {
                sum += o;
                scored += 1;
            }
        }
        let bit = |d: usize| 1u64 << d;
        group.mask = (0..dims)
            .filter(|&d| helpers[d] > 0)
            .fold(0, |m, d| m | bit(d));
        group.single = (0..dims)
            .filter(|&d| helpers[d] == 1)
            .fold(0, |m, d| m | bit(d));
        group.cov = bits(group.mask).map(|d| need[d]).sum();
        group.sum = sum;
        group.scored = scored;
    }

    fn refresh_means(&mut self) {
        self.means = self
            .groups
            .iter()
            .fold(Means::default(), |m, g| m.with(None, g.mean()));
        self.spread = self.means.spread();
    }

    fn formed(&self, block: &[usize], settings: &Settings, position: usize) -> Vec<Formed> {
        self.groups
            .iter()
            .map(|g| {
                let mut members = g.members.clone();
                crate::order::sort_by(&mut members, |a, b| a.cmp(b));
                Formed {
                    locked: members
                        .iter()
                        .filter(|&&l| self.locked[l])
                        .map(|&l| block[l])
                        .collect(),
                    members: members.into_iter().map(|l| block[l]).collect(),
                    key: g.key,
                    undersized_min: (g.hi < settings.min_size).then_some(settings.min_size),
                    block: position,
                    lead: None,
                    pairing: Pairing::No,
                }
            })
            .collect()
    }
}

/// The size each group is dealt up to: at least its minimum and its locked members, the
/// rest spread one at a time over the groups in order, within their maximum.
fn target_sizes(slots: &[Slot], n: usize) -> Vec<usize> {
    let mut sizes: Vec<usize> = slots.iter().map(|s| s.lo.max(s.locked)).collect();
    let mut left = n.saturating_sub(sizes.iter().sum());
    while left > 0 {
        let before = left;
        for (size, slot) in sizes.iter_mut().zip(slots) {
            if left > 0 && *size < slot.hi {
                *size += 1;
                left -= 1;
            }
        }
        if left == before {
            break;
        }
    }
    sizes
}

/// The set bits of a mask, lowest first.
fn bits(mut mask: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (mask != 0).then(|| {
            let d = mask.trailing_zeros() as usize;
            mask &= mask - 1;
            d
        })
    })
}

/// SplitMix64's finaliser: a fixed pseudo-random function of `x`.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

//! The proven optimum of the grouping coverage objective: an oracle for the quality tests.
#![allow(
    clippy::needless_range_loop,
    reason = "index loops over parallel arrays; plain loops keep the unoptimised test build fast"
)]

/// No group yet.
const NONE: usize = usize::MAX;
/// Rounding slack: a node is cut unless it may beat the best by more than this.
const EPS: f64 = 1e-9;
/// Most groups the regret bound chooses among (it tries every subset of them).
const CHOICE: usize = 16;

/// A proven optimum: its value, a partition attaining it, and how many nodes proved it.
pub struct Optimum {
    pub value: f64,
    pub groups: Vec<Vec<usize>>,
    pub nodes: u64,
}

/// The maximum covered main-gap weight over all partitions of the branches into exactly
/// `groups` groups of `min..=max` members, by a branch and bound of its own: nothing here
/// comes from the library's search, so it can judge it. Branch i is strong in the
/// dimensions of the bit mask `strong[i]` and has the main gaps `gaps[i]` (dimension,
/// weight); a main gap counts when another member of its group is strong there (nobody is
/// strong where it has a gap).
///
/// The search places the *helpers* (branches strong in a needed dimension) one at a time,
/// those of the dimensions with the most need per helper first, each into an open group or
/// the first empty one (so no order of the groups is tried twice). Once every helper is
/// placed, every group's strengths are final and the other branches go by an exact
/// assignment to the free places (Hungarian algorithm). A node is cut when no completion can
/// beat the best partition found, by three upper bounds on what the completion adds:
///
/// * per dimension: its needs are met only in groups that have it or get one of its
///   remaining helpers (one new group per helper), in their free places;
/// * a dimension is *decided* once its helpers are all placed: the unplaced branches'
///   worth over the decided dimensions is then a transportation problem to the groups'
///   free places, solved exactly (successive shortest paths), plus the per-dimension bound
///   of the undecided ones;
/// * with the transportation's optimal prices, a branch anywhere but its best group loses
///   its regret: each undecided dimension's bound is charged the regret of the places it
///   uses (a branch's regret shared between the dimensions it counts in) and maximised over
///   which groups its remaining helpers join. This is what cuts: a group full of needers of
///   one scarce dimension has no room for the helpers their other gaps need.
///
/// The search starts from the branches in input order (and reversed) cut into groups, each
/// improved by solving every 3 and then every 4 of its groups exactly on their own members
/// (the same search), so the cut is tight from the first node. Panics if `groups` groups of
/// `min..=max` cannot hold the branches.
pub fn optimum(
    strong: &[u64],
    gaps: &[Vec<(usize, f64)>],
    groups: usize,
    min: usize,
    max: usize,
) -> Optimum {
    let n = strong.len();
    assert_eq!(gaps.len(), n);
    assert!(n <= 128, "small inputs");
    assert!(
        groups * min <= n && n <= groups * max && min >= 1,
        "{groups} groups of {min}..={max} hold {n} branches"
    );
    let mut needed = 0u64;
    let mut dims = 0;
    for (i, list) in gaps.iter().enumerate() {
        for &(d, w) in list {
            assert!(d < 64 && w > 0.0, "a gap is (dimension < 64, weight > 0)");
            assert!(
                strong[i] >> d & 1 == 0,
                "nobody is strong where it has a gap"
            );
            needed |= 1 << d;
            dims = dims.max(d + 1);
        }
    }
    let p = Problem {
        // Strength nobody needs changes no score: without it, such branches are needers.
        strong: strong.iter().map(|s| s & needed).collect(),
        gaps,
        t: groups,
        min,
        max,
        dims,
    };
    // Two starts, the branches in input order and reversed, each cut into groups and
    // improved: local optima differ, and the better one cuts more.
    let mut start: Vec<Vec<usize>> = Vec::new();
    let mut start_value = f64::NEG_INFINITY;
    for reversed in [false, true] {
        let mut order: Vec<usize> = (0..n).collect();
        if reversed {
            order.reverse();
        }
        let mut partition = Vec::with_capacity(groups);
        let mut extra = n - groups * min;
        let mut at = 0;
        for _ in 0..groups {
            let size = min + extra.min(max - min);
            extra -= size - min;
            partition.push(order[at..at + size].to_vec());
            at += size;
        }
        if groups > 4 {
            improve(&p, &mut partition, 3);
            improve(&p, &mut partition, 4);
        }
        let v: f64 = partition
            .iter()
            .map(|g| group_value(&p.strong, gaps, g))
            .sum();
        if v > start_value {
            start_value = v;
            start = partition;
        }
    }
    solve(&p, &start)
}

struct Problem<'a> {
    strong: Vec<u64>,
    gaps: &'a [Vec<(usize, f64)>],
    t: usize,
    min: usize,
    max: usize,
    dims: usize,
}

fn value(gaps: &[(usize, f64)], mask: u64) -> f64 {
    let mut v = 0.0;
    for &(d, w) in gaps {
        if mask >> d & 1 == 1 {
            v += w;
        }
    }
    v
}

fn group_value(strong: &[u64], gaps: &[Vec<(usize, f64)>], members: &[usize]) -> f64 {
    let mask = members.iter().fold(0, |m, &i| m | strong[i]);
    members.iter().map(|&i| value(&gaps[i], mask)).sum()
}

/// Local improvement: every `k` groups re-split exactly among their own members, until no
/// re-split gains.
fn improve(p: &Problem, partition: &mut [Vec<usize>], k: usize) {
    let mut changed = true;
    while changed {
        changed = false;
        let mut combo: Vec<usize> = (0..k).collect();
        loop {
            let members: Vec<usize> = combo.iter().flat_map(|&g| partition[g].clone()).collect();
            let gaps: Vec<Vec<(usize, f64)>> = members.iter().map(|&i| p.gaps[i].clone()).collect();
            let sub = Problem {
                strong: members.iter().map(|&i| p.strong[i]).collect(),
                gaps: &gaps,
                t: k,
                min: p.min,
                max: p.max,
                dims: p.dims,
            };
            let mut start = Vec::with_capacity(k);
            let mut now = 0.0;
            let mut at = 0;
            for &g in &combo {
                start.push((at..at + partition[g].len()).collect::<Vec<usize>>());
                at += partition[g].len();
                now += group_value(&p.strong, p.gaps, &partition[g]);
            }
            let found = solve(&sub, &start);
            if found.value > now + EPS {
                for (j, &g) in combo.iter().enumerate() {
                    partition[g] = found.groups[j].iter().map(|&x| members[x]).collect();
                }
                changed = true;
            }
            // The next k of the groups, in lexicographic order.
            let mut j = k;
            while j > 0 && combo[j - 1] == p.t - k + j - 1 {
                j -= 1;
            }
            if j == 0 {
                break;
            }
            combo[j - 1] += 1;
            for x in j..k {
                combo[x] = combo[x - 1] + 1;
            }
        }
    }
}

struct Search<'a> {
    p: &'a Problem<'a>,
    n: usize,
    /// Helpers in the order they are placed.
    order: Vec<usize>,
    /// Branches strong in no needed dimension: placed by the assignment at the leaves.
    needers: Vec<usize>,
    /// Per dimension, (weight, branch) of every main gap there, heaviest first.
    needs: Vec<Vec<(f64, usize)>>,
    group_of: Vec<usize>,
    size: Vec<usize>,
    mask: Vec<u64>,
    open: usize,
    /// uncovered[g * dims + d]: main-gap weight in d of g's members while g lacks d.
    uncovered: Vec<f64>,
    covered: f64,
    helpers_left: Vec<usize>,
    /// Dimensions somebody is strong in (the others are never decided: they add nothing).
    helped: u64,
    best: f64,
    best_group_of: Vec<usize>,
    /// A place below `min` in the leaf assignment is worth more than any branch, so all fill.
    bonus: f64,
    nodes: u64,
    /// Transportation prices, row `depth` for the nodes at that depth (set by their parent).
    prices: Vec<f64>,
    priced: Vec<bool>,
    /// The row of `prices` the regret bound is using.
    at: usize,
    /// A placed group's uncovered row, per depth, to undo the placement.
    saved: Vec<f64>,
    // Scratch reused by every node.
    full: Vec<f64>,
    rows: Vec<usize>,
    vals: Vec<f64>,
    cap: Vec<usize>,
    regret: Vec<f64>,
    share: Vec<f64>,
    best_had: Vec<f64>,
    net_new: Vec<f64>,
    transport: Transport,
}

/// The branch and bound from `start`, a partition into `p.t` groups of allowed sizes.
fn solve(p: &Problem, start: &[Vec<usize>]) -> Optimum {
    let n = p.strong.len();
    let (t, dims) = (p.t, p.dims);
    let mut needs: Vec<Vec<(f64, usize)>> = vec![Vec::new(); dims];
    let mut need_total = vec![0.0; dims];
    for (i, list) in p.gaps.iter().enumerate() {
        for &(d, w) in list {
            needs[d].push((w, i));
            need_total[d] += w;
        }
    }
    #[allow(clippy::disallowed_methods, reason = "tests are not in the wasm")]
    for list in &mut needs {
        list.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    }
    let mut helper_count = vec![0usize; dims];
    for &s in &p.strong {
        for d in 0..dims {
            helper_count[d] += (s >> d & 1) as usize;
        }
    }
    // Dimensions with the most need per helper first: where their few helpers go decides
    // the most, and once placed they are priced exactly.
    let mut pressed: Vec<usize> = (0..dims).filter(|&d| helper_count[d] > 0).collect();
    let pressure = |d: usize| need_total[d] / helper_count[d] as f64;
    #[allow(clippy::disallowed_methods, reason = "tests are not in the wasm")]
    pressed.sort_by(|&a, &b| pressure(b).total_cmp(&pressure(a)).then(a.cmp(&b)));
    let mut rank = vec![NONE; n];
    for (r, &d) in pressed.iter().enumerate() {
        for i in 0..n {
            if p.strong[i] >> d & 1 == 1 && rank[i] == NONE {
                rank[i] = r;
            }
        }
    }
    let mut order: Vec<usize> = (0..n).filter(|&i| rank[i] != NONE).collect();
    let bits = |i: usize| p.strong[i].count_ones();
    #[allow(clippy::disallowed_methods, reason = "tests are not in the wasm")]
    order.sort_by(|&a, &b| {
        rank[a]
            .cmp(&rank[b])
            .then(bits(b).cmp(&bits(a)))
            .then(a.cmp(&b))
    });
    let needers: Vec<usize> = (0..n).filter(|&i| rank[i] == NONE).collect();
    let bonus = 1.0
        + p.gaps
            .iter()
            .map(|g| g.iter().map(|x| x.1).sum::<f64>())
            .fold(0.0, f64::max);
    let mut best_group_of = vec![NONE; n];
    let mut best = 0.0;
    for (g, members) in start.iter().enumerate() {
        best += group_value(&p.strong, p.gaps, members);
        for &i in members {
            best_group_of[i] = g;
        }
    }
    let depths = order.len() + 2;
    let mut s = Search {
        p,
        n,
        order,
        needers,
        needs,
        group_of: vec![NONE; n],
        size: vec![0; t],
        mask: vec![0; t],
        open: 0,
        uncovered: vec![0.0; t * dims],
        covered: 0.0,
        helpers_left: helper_count,
        helped: p.strong.iter().fold(0, |m, s| m | s),
        best,
        best_group_of,
        bonus,
        nodes: 0,
        prices: vec![0.0; depths * t],
        priced: vec![false; depths],
        at: 0,
        saved: vec![0.0; depths * dims],
        full: vec![0.0; dims],
        rows: Vec::with_capacity(n),
        vals: vec![0.0; n * t],
        cap: vec![0; t],
        regret: vec![0.0; n * t],
        share: vec![0.0; n * dims],
        best_had: vec![0.0; n],
        net_new: vec![0.0; n * CHOICE],
        transport: Transport::new(n, t),
    };
    s.descend(0);
    let mut groups = vec![Vec::new(); t];
    for i in 0..n {
        groups[s.best_group_of[i]].push(i);
    }
    Optimum {
        value: s.best,
        groups,
        nodes: s.nodes,
    }
}

impl Search<'_> {
    fn descend(&mut self, depth: usize) {
        self.nodes += 1;
        let (t, min, max, dims) = (self.p.t, self.p.min, self.p.max, self.p.dims);
        // What is left must bring every group up to `min`.
        let left = self.order.len() - depth + self.needers.len();
        let mut short = (t - self.open) * min;
        for g in 0..self.open {
            short += min.saturating_sub(self.size[g]);
        }
        if short > left || !self.promising(depth) {
            return;
        }
        if depth == self.order.len() {
            self.leaf();
            return;
        }
        let h = self.order[depth];
        // The groups with room, most immediate gain first: good partitions early cut more.
        let limit = if self.open < t { self.open + 1 } else { t };
        let mut tries: Vec<(f64, usize)> = (0..limit)
            .filter(|&g| self.size[g] < max)
            .map(|g| (self.gain(h, g), g))
            .collect();
        #[allow(clippy::disallowed_methods, reason = "tests are not in the wasm")]
        tries.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        for (_, g) in tries {
            let opened = g == self.open;
            let (covered, mask) = (self.covered, self.mask[g]);
            self.saved[depth * dims..(depth + 1) * dims]
                .copy_from_slice(&self.uncovered[g * dims..(g + 1) * dims]);
            self.place(h, g);
            if opened {
                self.open += 1;
            }
            self.descend(depth + 1);
            if opened {
                self.open -= 1;
            }
            self.group_of[h] = NONE;
            self.size[g] -= 1;
            self.mask[g] = mask;
            self.covered = covered;
            self.uncovered[g * dims..(g + 1) * dims]
                .copy_from_slice(&self.saved[depth * dims..(depth + 1) * dims]);
            for d in 0..dims {
                self.helpers_left[d] += (self.p.strong[h] >> d & 1) as usize;
            }
        }
    }

    /// What placing helper h in group g covers at once.
    fn gain(&self, h: usize, g: usize) -> f64 {
        let dims = self.p.dims;
        let new = self.mask[g] | self.p.strong[h];
        let mut v = value(&self.p.gaps[h], new);
        for d in 0..dims {
            if (new & !self.mask[g]) >> d & 1 == 1 {
                v += self.uncovered[g * dims + d];
            }
        }
        v
    }

    fn place(&mut self, h: usize, g: usize) {
        let dims = self.p.dims;
        self.group_of[h] = g;
        self.size[g] += 1;
        let old = self.mask[g];
        let new = old | self.p.strong[h];
        self.mask[g] = new;
        for d in 0..dims {
            if self.p.strong[h] >> d & 1 == 1 {
                self.helpers_left[d] -= 1;
                if old >> d & 1 == 0 {
                    self.covered += self.uncovered[g * dims + d];
                    self.uncovered[g * dims + d] = 0.0;
                }
            }
        }
        for &(d, w) in &self.p.gaps[h] {
            if new >> d & 1 == 1 {
                self.covered += w;
            } else {
                self.uncovered[g * dims + d] += w;
            }
        }
    }

    /// Whether some completion of the node might beat the best partition found; sets the
    /// children's transportation prices when it solves one.
    fn promising(&mut self, depth: usize) -> bool {
        let (t, dims) = (self.p.t, self.p.dims);
        self.priced[depth + 1] = false;
        let mut decided = 0u64;
        let mut undecided_bound = self.covered;
        let mut whole = self.covered;
        for d in 0..dims {
            let f = self.per_dimension(d);
            self.full[d] = f;
            whole += f;
            if self.helpers_left[d] > 0 {
                undecided_bound += f;
            } else if self.helped >> d & 1 == 1 {
                decided |= 1 << d;
            }
        }
        if whole <= self.best + EPS {
            return false;
        }
        if decided == 0 {
            return true;
        }
        self.rows.clear();
        for i in 0..self.n {
            if self.group_of[i] == NONE {
                self.rows.push(i);
            }
        }
        let r = self.rows.len();
        for a in 0..r {
            let gaps = &self.p.gaps[self.rows[a]];
            for g in 0..t {
                self.vals[a * t + g] = value(gaps, self.mask[g] & decided);
            }
        }
        for g in 0..t {
            self.cap[g] = self.p.max - self.size[g];
        }
        // The parent's prices are not optimal here but still bound (weak duality), and
        // often cut without solving this node's transportation.
        if self.priced[depth] {
            let at = depth * t;
            let dual = dual_bound(&self.vals[..r * t], t, &self.cap, &self.prices[at..at + t]);
            if undecided_bound + dual <= self.best + EPS {
                return false;
            }
            let regret = self.regret_bound(decided, at);
            if self.covered + dual + regret <= self.best + EPS {
                return false;
            }
        }
        let at = (depth + 1) * t;
        let primal = self.transport.solve(&self.vals[..r * t], t, &self.cap);
        self.prices[at..at + t].copy_from_slice(&self.transport.price);
        self.priced[depth + 1] = true;
        // The cut uses the dual bound, valid whatever the prices; the primal checks they
        // are optimal, so the bound is as tight as the transportation itself.
        let dual = dual_bound(&self.vals[..r * t], t, &self.cap, &self.prices[at..at + t]);
        assert!(
            dual <= primal + 1e-6,
            "the prices prove the transport optimal"
        );
        if undecided_bound + dual <= self.best + EPS {
            return false;
        }
        let regret = self.regret_bound(decided, at);
        self.covered + dual + regret > self.best + EPS
    }

    /// What dimension d can still add: the uncovered weight of the groups that may newly
    /// get it (one per remaining helper) and the heaviest unplaced needs of d in the free
    /// places of the groups that have or may get it (a new group keeps one for its helper).
    /// Taking the heaviest uncovered weights and the most places separately only loosens.
    fn per_dimension(&self, d: usize) -> f64 {
        let (t, dims, max) = (self.p.t, self.p.dims, self.p.max);
        let mut places = 0;
        let mut heavy = [0.0f64; 64];
        let mut roomy = [0usize; 64];
        let mut c = 0;
        for g in 0..t {
            let free = max - self.size[g];
            if self.mask[g] >> d & 1 == 1 {
                places += free;
            } else if free > 0 && c < 64 {
                insert_descending(&mut heavy[..=c], self.uncovered[g * dims + d]);
                insert_descending(&mut roomy[..=c], free - 1);
                c += 1;
            }
        }
        let mut v = 0.0;
        for j in 0..self.helpers_left[d].min(c) {
            v += heavy[j];
            places += roomy[j];
        }
        let mut taken = 0;
        for &(w, i) in &self.needs[d] {
            if taken == places {
                break;
            }
            if self.group_of[i] == NONE {
                v += w;
                taken += 1;
            }
        }
        v
    }

    /// The undecided dimensions' bounds with regrets against the prices in row `at` (the
    /// node's rows, values and capacities as `promising` left them). Valid because the
    /// completion's decided worth is at most the dual bound minus the regrets of where the
    /// branches go, and each regret is charged at most once in all (shares sum to 1).
    fn regret_bound(&mut self, decided: u64, at: usize) -> f64 {
        let (t, dims) = (self.p.t, self.p.dims);
        self.at = at;
        let r = self.rows.len();
        let price = &self.prices[at..at + t];
        for a in 0..r {
            let mut top = f64::NEG_INFINITY;
            for g in 0..t {
                if self.cap[g] > 0 {
                    top = top.max(self.vals[a * t + g] - price[g]);
                }
            }
            for g in 0..t {
                self.regret[a * t + g] = if self.cap[g] > 0 {
                    top - (self.vals[a * t + g] - price[g])
                } else {
                    f64::INFINITY
                };
            }
        }
        // A helper moves for its strengths, so its regret is shared among them; a needer's
        // among its gaps, by weight.
        let undecided = !decided;
        for a in 0..r {
            let i = self.rows[a];
            let strong = self.p.strong[i] & undecided;
            let share = &mut self.share[a * dims..(a + 1) * dims];
            share.fill(0.0);
            if strong != 0 {
                for d in 0..dims {
                    if strong >> d & 1 == 1 {
                        share[d] = 1.0 / strong.count_ones() as f64;
                    }
                }
            } else {
                let open: f64 = self.p.gaps[i]
                    .iter()
                    .filter(|g| undecided >> g.0 & 1 == 1)
                    .map(|g| g.1)
                    .sum();
                for &(d, w) in &self.p.gaps[i] {
                    if undecided >> d & 1 == 1 {
                        share[d] = w / open;
                    }
                }
            }
        }
        let mut sum = 0.0;
        for d in 0..dims {
            if self.helpers_left[d] > 0 {
                // Both bound what d adds.
                sum += self.regret_dimension(d).min(self.full[d]);
            }
        }
        sum
    }

    /// One undecided dimension's bound with regrets, maximised over the sets of groups (at
    /// most one per remaining helper) that newly get it.
    fn regret_dimension(&mut self, d: usize) -> f64 {
        let (t, dims) = (self.p.t, self.p.dims);
        let r = self.rows.len();
        let rows = &self.rows[..];
        let cap = &self.cap[..];
        let regret = &self.regret[..];
        let share = &self.share[..];
        let mask = &self.mask[..];
        let mut lacking = [0usize; CHOICE];
        let mut nl = 0;
        let mut places_had = 0;
        for g in 0..t {
            if cap[g] == 0 {
                continue;
            }
            if mask[g] >> d & 1 == 1 {
                places_had += cap[g];
            } else if nl == CHOICE {
                // Too many sets to try: the plain per-dimension bound.
                return self.full[d];
            } else {
                lacking[nl] = g;
                nl += 1;
            }
        }
        // A new group costs the regret share of its cheapest helper.
        let mut cost = [f64::INFINITY; CHOICE];
        for a in 0..r {
            if self.p.strong[rows[a]] >> d & 1 == 1 {
                for j in 0..nl {
                    cost[j] = cost[j].min(share[a * dims + d] * regret[a * t + lacking[j]]);
                }
            }
        }
        // Each needer of d, net of its regret share: in the best group that has d, and in
        // each lacking group (which must keep a place for the helper).
        let had = &mut self.best_had[..];
        let new = &mut self.net_new[..];
        let mut needers = 0;
        for a in 0..r {
            let Some(&(_, w)) = self.p.gaps[rows[a]].iter().find(|g| g.0 == d) else {
                continue;
            };
            let part = share[a * dims + d];
            let mut b = 0.0f64;
            for g in 0..t {
                if cap[g] > 0 && mask[g] >> d & 1 == 1 {
                    b = b.max(w - part * regret[a * t + g]);
                }
            }
            had[needers] = b;
            for j in 0..nl {
                let g = lacking[j];
                new[needers * CHOICE + j] = if cap[g] >= 2 {
                    w - part * regret[a * t + g]
                } else {
                    0.0
                };
            }
            needers += 1;
        }
        // Empty groups with equal prices are interchangeable: a set takes the earlier first.
        let price = &self.prices[self.at..self.at + t];
        let mut twin_before = [0u32; CHOICE];
        for j in 1..nl {
            let (g, h) = (lacking[j - 1], lacking[j]);
            if self.size[g] == 0 && self.size[h] == 0 && price[g] == price[h] {
                twin_before[j] = 1 << (j - 1);
            }
        }
        let k_max = self.helpers_left[d].min(nl);
        let mut best = 0.0f64;
        let mut values = [0.0f64; 128];
        let mut chosen = [0usize; CHOICE];
        for set in 0u32..1 << nl {
            if set.count_ones() as usize > k_max {
                continue;
            }
            let mut v = 0.0;
            let mut places = places_had;
            let mut c = 0;
            let mut ok = true;
            let mut bits = set;
            while bits != 0 {
                let j = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                ok &= cost[j] < f64::INFINITY && set & twin_before[j] == twin_before[j];
                let g = lacking[j];
                v += self.uncovered[g * dims + d] - cost[j];
                places += cap[g] - 1;
                chosen[c] = j;
                c += 1;
            }
            if !ok {
                continue;
            }
            // The needers' best net values, as many as there are places.
            let mut count = 0;
            let mut total = 0.0;
            let mut x = 0;
            while x < needers {
                let mut b = had[x];
                let mut y = 0;
                while y < c {
                    b = b.max(new[x * CHOICE + chosen[y]]);
                    y += 1;
                }
                if b > 0.0 {
                    values[count] = b;
                    count += 1;
                    total += b;
                }
                x += 1;
            }
            if count > places {
                total = top_sum(&mut values[..count], places);
            }
            best = best.max(v + total);
        }
        best
    }

    /// Every helper placed: the other branches by an exact assignment to the free places.
    fn leaf(&mut self) {
        let (t, min, max) = (self.p.t, self.p.min, self.p.max);
        let m = self.needers.len();
        let mut slots: Vec<(usize, bool)> = Vec::new();
        for g in 0..t {
            for at in self.size[g] + 1..=max {
                slots.push((g, at <= min));
            }
        }
        let cols = slots.len();
        let mut cost = vec![0.0; m * cols];
        for (r, &i) in self.needers.iter().enumerate() {
            for (c, &(g, below_min)) in slots.iter().enumerate() {
                let bonus = if below_min { self.bonus } else { 0.0 };
                cost[r * cols + c] = -(value(&self.p.gaps[i], self.mask[g]) + bonus);
            }
        }
        let column = hungarian(&cost, m, cols);
        let mut sizes = self.size.clone();
        let mut total = self.covered;
        for r in 0..m {
            let g = slots[column[r]].0;
            sizes[g] += 1;
            total += value(&self.p.gaps[self.needers[r]], self.mask[g]);
        }
        assert!(
            sizes.iter().all(|s| (min..=max).contains(s)),
            "every group within its sizes"
        );
        if total > self.best + EPS {
            self.best = total;
            self.best_group_of.copy_from_slice(&self.group_of);
            for r in 0..m {
                self.best_group_of[self.needers[r]] = slots[column[r]].0;
            }
        }
    }
}

/// Puts `x` into `values`, whose last slot is free and the others sorted largest first.
fn insert_descending<T: PartialOrd + Copy>(values: &mut [T], x: T) {
    let mut j = values.len() - 1;
    while j > 0 && values[j - 1] < x {
        values[j] = values[j - 1];
        j -= 1;
    }
    values[j] = x;
}

/// The sum of the `k` largest values (the slice is reordered).
fn top_sum(values: &mut [f64], k: usize) -> f64 {
    for i in 1..values.len() {
        let x = values[i];
        insert_descending(&mut values[..=i], x);
    }
    values[..k].iter().sum()
}

/// Weak duality: for group prices λ ≥ 0, no assignment of the rows within the capacities is
/// worth more than Σ_g λ_g · cap_g + Σ_rows max_g (value − λ_g).
fn dual_bound(vals: &[f64], t: usize, cap: &[usize], price: &[f64]) -> f64 {
    let mut b = 0.0;
    for g in 0..t {
        if cap[g] > 0 {
            b += price[g] * cap[g] as f64;
        }
    }
    for row in vals.chunks(t) {
        let mut top = f64::NEG_INFINITY;
        for g in 0..t {
            if cap[g] > 0 {
                top = top.max(row[g] - price[g]);
            }
        }
        b += top;
    }
    b
}

/// Maximum-weight assignment of rows to groups with capacities, by successive shortest
/// paths over the groups: each row goes where it gains most net of the cheapest chain of
/// single moves freeing a place there; `price` ends as optimal dual prices (≥ 0).
struct Transport {
    at: Vec<usize>,
    count: Vec<usize>,
    dist: Vec<f64>,
    next: Vec<usize>,
    via: Vec<usize>,
    edge: Vec<f64>,
    price: Vec<f64>,
}

impl Transport {
    fn new(n: usize, t: usize) -> Self {
        Transport {
            at: vec![NONE; n],
            count: vec![0; t],
            dist: vec![0.0; t],
            next: vec![NONE; t],
            via: vec![NONE; t * t],
            edge: vec![0.0; t * t],
            price: vec![0.0; t],
        }
    }

    /// The optimum's value; the rows must fit in the capacities.
    fn solve(&mut self, vals: &[f64], t: usize, cap: &[usize]) -> f64 {
        let rows = vals.len() / t;
        self.count.fill(0);
        let mut full = 0;
        let mut total = 0.0;
        for r in 0..rows {
            let row = &vals[r * t..(r + 1) * t];
            // A row worth nothing anywhere only takes a place: it goes last, into any room
            // left, which keeps the assignment optimal and saves its search.
            if row.iter().all(|&v| v == 0.0) {
                self.at[r] = NONE;
                continue;
            }
            if full > 0 {
                self.distances(vals, t, cap, r);
            } else {
                // Room everywhere: nothing to move.
                for g in 0..t {
                    self.dist[g] = if cap[g] > 0 { 0.0 } else { f64::INFINITY };
                }
            }
            let mut to = NONE;
            let mut top = f64::NEG_INFINITY;
            for g in 0..t {
                if self.dist[g] < f64::INFINITY && row[g] - self.dist[g] > top {
                    top = row[g] - self.dist[g];
                    to = g;
                }
            }
            total += top;
            self.at[r] = to;
            self.count[to] += 1;
            let mut g = to;
            while self.count[g] > cap[g] {
                let g2 = self.next[g];
                let moved = self.via[g * t + g2];
                self.at[moved] = g2;
                self.count[g] -= 1;
                self.count[g2] += 1;
                g = g2;
            }
            if self.count[g] == cap[g] {
                full += 1;
            }
        }
        let mut g = 0;
        for r in 0..rows {
            if self.at[r] == NONE {
                while self.count[g] >= cap[g] {
                    g += 1;
                }
                self.at[r] = g;
                self.count[g] += 1;
            }
        }
        self.distances(vals, t, cap, rows);
        // With every place taken no group has room: the prices are then any potentials of
        // the moves, shifted to be ≥ 0 (a common shift changes nothing when the rows fill
        // the places exactly).
        if (0..t).all(|g| self.count[g] == cap[g]) {
            for g in 0..t {
                self.dist[g] = if cap[g] > 0 { 0.0 } else { f64::INFINITY };
            }
            self.relax(t);
            let low = (0..t)
                .filter(|&g| cap[g] > 0)
                .map(|g| self.dist[g])
                .fold(f64::INFINITY, f64::min);
            for g in 0..t {
                self.dist[g] -= low;
            }
        }
        for g in 0..t {
            self.price[g] = if cap[g] > 0 {
                self.dist[g].max(0.0)
            } else {
                0.0
            };
        }
        total
    }

    /// dist[g]: the least worth lost by freeing a place in g (0 when it has room), over
    /// chains of single moves of the first `rows` rows as placed.
    fn distances(&mut self, vals: &[f64], t: usize, cap: &[usize], rows: usize) {
        self.edge.fill(f64::INFINITY);
        for r in 0..rows {
            let g = self.at[r];
            if g == NONE || self.count[g] < cap[g] {
                continue;
            }
            let row = &vals[r * t..(r + 1) * t];
            let mut g2 = 0;
            while g2 < t {
                if g2 != g && cap[g2] > 0 && row[g] - row[g2] < self.edge[g * t + g2] {
                    self.edge[g * t + g2] = row[g] - row[g2];
                    self.via[g * t + g2] = r;
                }
                g2 += 1;
            }
        }
        for g in 0..t {
            self.dist[g] = if self.count[g] < cap[g] {
                0.0
            } else {
                f64::INFINITY
            };
        }
        self.relax(t);
    }

    /// Bellman–Ford over the move edges from the current `dist` (an optimal assignment has
    /// no gaining cycle of moves, so it settles).
    fn relax(&mut self, t: usize) {
        self.next.fill(NONE);
        for _ in 0..t {
            let mut changed = false;
            let mut g = 0;
            while g < t {
                let mut g2 = 0;
                while g2 < t {
                    let through = self.edge[g * t + g2] + self.dist[g2];
                    if through < self.dist[g] - 1e-12 {
                        self.dist[g] = through;
                        self.next[g] = g2;
                        changed = true;
                    }
                    g2 += 1;
                }
                g += 1;
            }
            if !changed {
                break;
            }
        }
    }
}

/// Minimum-cost assignment of `rows ≤ cols` rows to distinct columns (Hungarian algorithm
/// with potentials, O(rows² · cols)): each row's column.
fn hungarian(cost: &[f64], rows: usize, cols: usize) -> Vec<usize> {
    let mut u = vec![0.0; rows + 1];
    let mut v = vec![0.0; cols + 1];
    let mut owner = vec![0usize; cols + 1];
    let mut way = vec![0usize; cols + 1];
    for i in 1..=rows {
        owner[0] = i;
        let mut j0 = 0;
        let mut low = vec![f64::INFINITY; cols + 1];
        let mut used = vec![false; cols + 1];
        loop {
            used[j0] = true;
            let i0 = owner[j0];
            let mut delta = f64::INFINITY;
            let mut j1 = 0;
            for j in 1..=cols {
                if !used[j] {
                    let cur = cost[(i0 - 1) * cols + j - 1] - u[i0] - v[j];
                    if cur < low[j] {
                        low[j] = cur;
                        way[j] = j0;
                    }
                    if low[j] < delta {
                        delta = low[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=cols {
                if used[j] {
                    u[owner[j]] += delta;
                    v[j] -= delta;
                } else {
                    low[j] -= delta;
                }
            }
            j0 = j1;
            if owner[j0] == 0 {
                break;
            }
        }
        while j0 != 0 {
            let j1 = way[j0];
            owner[j0] = owner[j1];
            j0 = j1;
        }
    }
    let mut column = vec![0; rows];
    for j in 1..=cols {
        if owner[j] != 0 {
            column[owner[j] - 1] = j - 1;
        }
    }
    column
}

//! Grouping benchmarks on synthetic branches of the default bank (a seeded generator): forming
//! 党建协作组 for 100, 1,000 and 5,000 branches with default settings (categories mixed), with
//! categories kept together, and 1:1 pairing. The budget is 2 s for 1,000 branches
//! in Chromium; native runs first.
//!
//! Run with `cargo bench --bench grouping`.

#[path = "../grouping_common/mod.rs"]
mod common;

use std::sync::LazyLock;

use branch_self_check::bank::Bank;
use branch_self_check::grouping::{
    form_groups, groups_csv, pair_branches, GroupingBranch, Locks, Rule, Settings,
};
use common::{bank, synthetic, REALISTIC};
use divan::Bencher;

const SIZES: [usize; 3] = [100, 1_000, 5_000];

fn main() {
    divan::main();
}

struct Fixture {
    bank: Bank,
    branches: Vec<Vec<GroupingBranch>>,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let bank = bank();
    let branches = SIZES
        .iter()
        .map(|&n| synthetic(&bank, n, 42, REALISTIC))
        .collect();
    Fixture { bank, branches }
});

fn branches(n: usize) -> &'static [GroupingBranch] {
    let at = SIZES.iter().position(|&s| s == n).unwrap_or(0);
    &FIXTURE.branches[at]
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn form_mixed(bencher: Bencher, n: usize) {
    let branches = branches(n);
    let settings = Settings::default();
    bencher.bench(|| form_groups(branches, &settings, &Locks::default(), &FIXTURE.bank));
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn form_categories_together(bencher: Bencher, n: usize) {
    let branches = branches(n);
    let settings = Settings {
        categories: Rule::Together,
        ..Settings::default()
    };
    bencher.bench(|| form_groups(branches, &settings, &Locks::default(), &FIXTURE.bank));
}

#[divan::bench(args = [100, 1_000], sample_count = 5)]
fn pair(bencher: Bencher, n: usize) {
    let branches = branches(n);
    let settings = Settings::default();
    bencher.bench(|| pair_branches(branches, &settings, &FIXTURE.bank));
}

#[divan::bench(args = [1_000], sample_count = 5)]
fn csv(bencher: Bencher, n: usize) {
    let branches = branches(n);
    let grouping = form_groups(
        branches,
        &Settings::default(),
        &Locks::default(),
        &FIXTURE.bank,
    )
    .expect("groups form");
    bencher.bench(|| groups_csv(&grouping, branches));
}

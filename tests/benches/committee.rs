//! Committee workbench benchmarks on 5,000 generated records of the default bank: reading
//! them into a roster (every record parsed, checked and re-scored), computing the figures
//! (one assessment and one ranking of trainings per branch), every view, and all of it
//! together. The issue's budget is 2 s for read + roll-up in Chromium; native runs first.
//!
//! Run with `cargo bench --bench committee`.

use std::sync::LazyLock;

use branch_self_check::bank::{load_bank, Bank, Locale, DEFAULT_BANK_JSON};
use branch_self_check::committee::generate::generate;
use branch_self_check::committee::{
    category_evaluation, category_problems, common_problems, figures, heat_map, overview,
    red_lines, rollup_csv, save_workbench, training_plan, Figures, HeatSettings, HeatSort, Input,
    Intake, Roster,
};
use divan::Bencher;

const RECORDS: usize = 5_000;

fn main() {
    divan::main();
}

struct Fixture {
    bank: Bank,
    files: Vec<(String, String)>,
    roster: Roster,
    figures: Figures,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let bank = load_bank(DEFAULT_BANK_JSON).expect("the default bank loads");
    let files = generate(&bank, RECORDS, 1);
    let roster = read(&bank, &files);
    assert!(roster.issues.is_empty(), "generated records all load");
    let figures = figures(&bank, &roster);
    Fixture {
        bank,
        files,
        roster,
        figures,
    }
});

/// Reads the files as a page would: pushed, then read 100 at a time.
fn read(bank: &Bank, files: &[(String, String)]) -> Roster {
    let mut intake = Intake::new(bank);
    for (name, text) in files {
        intake.push(Input::File {
            name: name.clone(),
            text: text.clone(),
        });
    }
    while !intake.is_done() {
        intake.step(bank, 100);
    }
    intake.into_roster()
}

/// Every view a committee page opens on, with default settings.
fn all_views(f: &Fixture, figures: &Figures) -> usize {
    let bank = &f.bank;
    overview(bank, figures).len()
        + heat_map(
            bank,
            &f.roster,
            figures,
            Locale::Zh,
            &HeatSettings::default(),
        )
        .len()
        + category_evaluation(bank, figures).categories.len()
        + common_problems(bank, figures, 20).len()
        + category_problems(bank, figures).len()
        + red_lines(bank, figures).by_item.len()
        + training_plan(bank, figures).len()
}

#[divan::bench(sample_count = 10)]
fn intake(bencher: Bencher) {
    let f = &*FIXTURE;
    bencher.bench(|| read(&f.bank, divan::black_box(&f.files)));
}

#[divan::bench(sample_count = 10)]
fn compute_figures(bencher: Bencher) {
    let f = &*FIXTURE;
    bencher.bench(|| figures(&f.bank, divan::black_box(&f.roster)));
}

#[divan::bench(sample_count = 20)]
fn every_view(bencher: Bencher) {
    let f = &*FIXTURE;
    bencher.bench(|| all_views(f, divan::black_box(&f.figures)));
}

/// One interaction on the heat map: sort 5,000 rows by a dimension.
#[divan::bench(sample_count = 20)]
fn heat_map_sorted(bencher: Bencher) {
    let f = &*FIXTURE;
    let settings = HeatSettings {
        sort: HeatSort::Dimension(2),
        descending: true,
        ..HeatSettings::default()
    };
    bencher.bench(|| heat_map(&f.bank, &f.roster, &f.figures, Locale::Zh, &settings));
}

/// Opening the heat map: 5,000 rows in natural order of their names.
#[divan::bench(sample_count = 20)]
fn heat_map_by_name(bencher: Bencher) {
    let f = &*FIXTURE;
    let settings = HeatSettings::default();
    bencher.bench(|| heat_map(&f.bank, &f.roster, &f.figures, Locale::Zh, &settings));
}

#[divan::bench(sample_count = 20)]
fn outputs(bencher: Bencher) {
    let f = &*FIXTURE;
    bencher.bench(|| {
        rollup_csv(&f.bank, &f.roster, &f.figures, Locale::Zh).len()
            + save_workbench(&f.bank, &f.roster).len()
    });
}

/// The issue's figure: 5,000 records read and rolled up.
#[divan::bench(sample_count = 10)]
fn read_and_roll_up(bencher: Bencher) {
    let f = &*FIXTURE;
    bencher.bench(|| {
        let roster = read(&f.bank, divan::black_box(&f.files));
        let figures = figures(&f.bank, &roster);
        all_views(f, &figures)
    });
}

//! Writes generated self-check exports for the default bank (see `committee::generate`).
//!
//! `cargo run --release --example gen-records -- --count N --seed S --out DIR`

use std::path::PathBuf;
use std::process::ExitCode;

use branch_self_check::bank::{load_bank, DEFAULT_BANK_JSON};
use branch_self_check::committee::generate::generate;

const USAGE: &str = "usage: gen-records --count N --seed S --out DIR";

fn main() -> ExitCode {
    match run() {
        Ok(written) => {
            println!("{written}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<String, String> {
    let (mut count, mut seed, mut out) = (None, None, None);
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--count" => {
                count = Some(
                    value
                        .parse::<usize>()
                        .map_err(|e| format!("--count: {e}"))?,
                )
            }
            "--seed" => seed = Some(value.parse::<u64>().map_err(|e| format!("--seed: {e}"))?),
            "--out" => out = Some(PathBuf::from(value)),
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    let (count, seed, out) = match (count, seed, out) {
        (Some(c), Some(s), Some(o)) => (c, s, o),
        _ => return Err("--count, --seed and --out are all required".into()),
    };
    let bank = load_bank(DEFAULT_BANK_JSON).map_err(|e| format!("the default bank: {e}"))?;
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let files = generate(&bank, count, seed);
    for (name, text) in &files {
        let path = out.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(format!(
        "wrote {} records of bank {} {} to {}",
        files.len(),
        bank.id,
        bank.version,
        out.display()
    ))
}

//! Derives the default bank the wasm embeds: the Chinese texts only, minified. The whole
//! bilingual bank ships beside the wasm and is fetched when a reader switches to English,
//! so Chinese readers (most of them) never download the English half.

use std::{env, fs, path::Path};

use serde_json::Value;

fn main() {
    let source = "src/bank/default-bank.json";
    println!("cargo:rerun-if-changed={source}");
    let text = fs::read_to_string(source).unwrap_or_else(|e| panic!("reading {source}: {e}"));
    let mut bank: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{source} is not JSON: {e}"));
    drop_english(&mut bank);
    let out =
        Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("default-bank.zh.json");
    fs::write(&out, bank.to_string()).unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));
}

/// Removes `en` from every text object (`{"zh-CN": …, "en": …}`); the loader falls back to
/// `zh-CN` for a text without `en`.
fn drop_english(value: &mut Value) {
    match value {
        Value::Object(object) => {
            let is_text =
                object.contains_key("zh-CN") && object.keys().all(|k| k == "zh-CN" || k == "en");
            if is_text {
                object.remove("en");
            } else {
                object.values_mut().for_each(drop_english);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(drop_english),
        _ => {}
    }
}

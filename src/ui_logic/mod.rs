//! The UI's pure rules: what the screens compute without a browser. Unlike `ui` and `embed`
//! (wasm32 only), this module is compiled on the host too, so `cargo test` checks it.

pub mod config;
pub mod first_screens;
pub mod geometry;
pub mod labels;
pub mod rows;
pub mod screen;
pub mod takeover;
pub mod text;
pub mod words;

/// `next` in the order of `previous`: the items `previous` had keep their places, new ones
/// follow in `next`'s order, and items no longer in `next` are dropped. The results keep a
/// list's order this way while the reader edits an answer inside it, as moving a node would
/// take the focus from the control in use.
pub fn keep_order(previous: &[String], next: Vec<String>) -> Vec<String> {
    let mut kept: Vec<String> = previous
        .iter()
        .filter(|id| next.contains(id))
        .cloned()
        .collect();
    kept.extend(next.into_iter().filter(|id| !previous.contains(id)));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn keep_order_keeps_the_old_places_and_appends_new_items() {
        let previous = strings(&["b", "a", "c"]);
        // Re-ranked: a first now, c gone, d new.
        let next = strings(&["a", "d", "b"]);
        assert_eq!(keep_order(&previous, next), strings(&["b", "a", "d"]));
    }

    #[test]
    fn keep_order_without_a_previous_order_is_the_new_order() {
        let next = strings(&["x", "y"]);
        assert_eq!(keep_order(&[], next.clone()), next);
        assert_eq!(keep_order(&strings(&["z"]), next.clone()), next);
        assert!(keep_order(&strings(&["x"]), Vec::new()).is_empty());
    }
}

//! What the loader could not read, so that validation reports no problem that is only an
//! after-effect of an unreadable item, and names every item by its index in the file.
//! Filled in by `load.rs` as it reads the top-level lists; read by `validate.rs`.

use std::collections::{HashMap, HashSet};

/// What the loader could not read.
#[derive(Debug, Default)]
pub(super) struct Gaps {
    /// For a top-level list where some item could not be read: the index in the file of
    /// each item that was read. A list that could not be read at all maps to no index.
    pub read_indices: HashMap<&'static str, Vec<usize>>,
    /// The ids of items that could not be read, by list: references to them are not errors.
    pub unread_ids: HashMap<&'static str, Vec<String>>,
    /// Lists with an unread part whose ids are unknown: references into them are not checked.
    pub open: HashSet<&'static str>,
}

impl Gaps {
    /// Whether every item of `list` was read.
    pub fn complete(&self, list: &str) -> bool {
        !self.read_indices.contains_key(list)
    }

    /// `list` could not be read at all.
    pub fn unreadable(&mut self, list: &'static str) {
        self.read_indices.insert(list, Vec::new());
        self.open.insert(list);
    }

    /// An item of `list` could not be read; its id, if it has a readable one.
    pub fn unread(&mut self, list: &'static str, id: Option<&str>) {
        match id {
            Some(id) => {
                self.unread_ids
                    .entry(list)
                    .or_default()
                    .push(id.to_string());
            }
            None => {
                self.open.insert(list);
            }
        }
    }
}

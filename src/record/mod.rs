//! The exportable self-check: versioned file, share-link codec, saved state, compare.

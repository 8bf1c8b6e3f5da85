//! FNV-1a hashing: the checksums and fingerprints of record files and share links.

const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a, 64 bits.
pub(crate) fn fnv1a64(bytes: &[u8]) -> u64 {
    fold(OFFSET_BASIS, bytes)
}

fn fold(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(PRIME)
    })
}

/// FNV-1a 64 of what is written to it, as it is written: a serialiser writing into it
/// hashes its output without making the text.
#[cfg(any(not(target_arch = "wasm32"), feature = "committee-page"))]
pub(crate) struct Fnv1a64Writer(u64);

#[cfg(any(not(target_arch = "wasm32"), feature = "committee-page"))]
impl Fnv1a64Writer {
    pub(crate) fn new() -> Fnv1a64Writer {
        Fnv1a64Writer(OFFSET_BASIS)
    }

    pub(crate) fn hash(&self) -> u64 {
        self.0
    }
}

#[cfg(any(not(target_arch = "wasm32"), feature = "committee-page"))]
impl std::io::Write for Fnv1a64Writer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0 = fold(self.0, bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// FNV-1a truncated to its low 16 bits, for the two-byte fields of a share link.
pub(crate) fn fnv1a16(bytes: &[u8]) -> u16 {
    (fnv1a64(bytes) & 0xffff) as u16
}

/// A hash as 16 lowercase hex digits.
pub(crate) fn hex(hash: u64) -> String {
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vectors() {
        // Reference values from the FNV specification's test suite.
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
        assert_eq!(hex(fnv1a64(b"a")), "af63dc4c8601ec8c");
        assert_eq!(fnv1a16(b"a"), 0xec8c);
    }

    #[test]
    fn the_writer_hashes_what_is_written_in_pieces_as_the_whole() {
        use std::io::Write;
        let mut writer = Fnv1a64Writer::new();
        for piece in ["fo", "", "o", "bar"] {
            writer.write_all(piece.as_bytes()).unwrap();
        }
        assert_eq!(writer.hash(), 0x8594_4171_f739_67e8);
        assert_eq!(Fnv1a64Writer::new().hash(), fnv1a64(b""));
    }
}

//! Base64url without padding (RFC 4648 §5), strict both ways: the share link's alphabet.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Why a text is not canonical base64url.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Base64Error {
    /// A character outside the alphabet, at this character position (0-based).
    InvalidChar { position: usize, character: char },
    /// A length no encoder produces (one character left over).
    BadLength,
    /// The unused bits of the last character are not zero: the text was altered.
    NonCanonical,
}

/// Encodes bytes as base64url, no padding.
pub(crate) fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1; // 1 byte → 2 chars, 2 → 3, 3 → 4
        for i in 0..chars {
            let index = (n >> (18 - 6 * i)) & 0x3f;
            out.push(char::from(ALPHABET[index as usize]));
        }
    }
    out
}

/// Decodes base64url without padding. Refuses padding, whitespace, other alphabets and
/// non-zero trailing bits, so every payload has exactly one spelling.
pub(crate) fn decode(text: &str) -> Result<Vec<u8>, Base64Error> {
    let mut sextets = Vec::with_capacity(text.len());
    for (position, character) in text.chars().enumerate() {
        match sextet(character) {
            Some(value) => sextets.push(value),
            None => {
                return Err(Base64Error::InvalidChar {
                    position,
                    character,
                })
            }
        }
    }
    if sextets.len() % 4 == 1 {
        return Err(Base64Error::BadLength);
    }
    let mut out = Vec::with_capacity(sextets.len() * 3 / 4);
    for chunk in sextets.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, s)| n | (u32::from(*s) << (18 - 6 * i)));
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        let keep = chunk.len() - 1; // 2 chars → 1 byte, 3 → 2, 4 → 3
        if bytes[keep..].iter().any(|b| *b != 0) {
            return Err(Base64Error::NonCanonical);
        }
        out.extend_from_slice(&bytes[..keep]);
    }
    Ok(out)
}

fn sextet(c: char) -> Option<u8> {
    let value = match c {
        'A'..='Z' => c as u32 - 'A' as u32,
        'a'..='z' => c as u32 - 'a' as u32 + 26,
        '0'..='9' => c as u32 - '0' as u32 + 52,
        '-' => 62,
        '_' => 63,
        _ => return None,
    };
    u8::try_from(value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4648_vectors_in_the_url_alphabet() {
        let cases: [(&[u8], &str); 7] = [
            (b"", ""),
            (b"f", "Zg"),
            (b"fo", "Zm8"),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg"),
            (b"fooba", "Zm9vYmE"),
            (b"foobar", "Zm9vYmFy"),
        ];
        for (bytes, text) in cases {
            assert_eq!(encode(bytes), text);
            assert_eq!(decode(text), Ok(bytes.to_vec()));
        }
        assert_eq!(encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(decode("-_8"), Ok(vec![0xfb, 0xff]));
    }

    #[test]
    fn refuses_what_no_encoder_writes() {
        assert_eq!(
            decode("Zg=="),
            Err(Base64Error::InvalidChar {
                position: 2,
                character: '='
            })
        );
        assert_eq!(
            decode("Zm9+"),
            Err(Base64Error::InvalidChar {
                position: 3,
                character: '+'
            })
        );
        assert_eq!(decode("Zm9vY"), Err(Base64Error::BadLength));
        assert_eq!(decode("Zh"), Err(Base64Error::NonCanonical));
    }
}

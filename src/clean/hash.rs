//! The hasher behind the cleaner's maps and sets of short strings and words.

/// A small, fast, non-cryptographic hasher (FNV-1a over 8-byte words) for the
/// cleaner's maps of short strings; hash flooding is not a concern for a
/// local reader.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.mix(bytes, 0);
    }
}

impl FastHasher {
    /// `write` of `bytes` lowercased, for bytes that are all ASCII letters
    /// and digits: setting bit 5 lowercases a letter and keeps a digit, so
    /// the word needs no lowercase copy.
    pub fn write_alnum_lowercase(&mut self, bytes: &[u8]) {
        debug_assert!(bytes.iter().all(u8::is_ascii_alphanumeric));
        self.mix(bytes, 0x20);
    }

    /// `write`, with `or` set in every byte first.
    #[inline]
    fn mix(&mut self, bytes: &[u8], or: u8) {
        const PRIME: u64 = 0x0000_0100_0000_01b3;
        let or8 = u64::from(or) * 0x0101_0101_0101_0101;
        let mut h = self.0 ^ 0xcbf2_9ce4_8422_2325;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]) | or8;
            h = (h ^ w).wrapping_mul(PRIME).rotate_left(29);
        }
        for &b in chunks.remainder() {
            h = (h ^ u64::from(b | or)).wrapping_mul(PRIME);
        }
        self.0 = h;
    }
}

/// `BuildHasher` for `FastHasher`.
pub type FastBuild = std::hash::BuildHasherDefault<FastHasher>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::Hasher;

    #[test]
    fn lowercasing_writer_hashes_like_a_lowercase_copy() {
        for w in [
            "Ab",
            "HELLO",
            "Keyboardists",
            "MiXeD123CaseWORDS0987654321",
            "x9",
        ] {
            let mut a = FastHasher::default();
            a.write_alnum_lowercase(w.as_bytes());
            let mut b = FastHasher::default();
            b.write(w.to_ascii_lowercase().as_bytes());
            assert_eq!(a.finish(), b.finish(), "{w}");
        }
    }
}

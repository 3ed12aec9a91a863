//! Hashes for the cache: FNV-1a for short names (stable across builds and
//! Rust versions, unlike `std`'s `DefaultHasher`), and a fast checksum for
//! the tens of megabytes of a cache file.

/// 64-bit FNV-1a of `bytes`, continuing from `hash` (start with [`FNV_START`]).
pub(crate) fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(FNV_PRIME);
    }
    hash
}

pub(crate) const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// A 64-bit checksum of `bytes` that catches damage (a flipped bit, a lost
/// or repeated block, a truncation), several gigabytes a second: four
/// independent lanes each take a little-endian word at a time through
/// `lane = rotl((lane ^ word) * K, 31)`, a bijection of the lane for any
/// word, so changing one word always changes the result. Not for hostile
/// input: a cache is only ever damaged by accident.
pub(crate) fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut lanes: [u64; 4] = [
        0x243f_6a88_85a3_08d3,
        0x1319_8a2e_0370_7344,
        0xa409_3822_299f_31d0,
        0x082e_fa98_ec4e_6c89,
    ];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            let word = u64::from_le_bytes(word.try_into().expect("8 bytes"));
            *lane = (*lane ^ word).wrapping_mul(K).rotate_left(31);
        }
    }
    let mut hash = fnv1a(FNV_START, blocks.remainder());
    hash = fnv1a(hash, &(bytes.len() as u64).to_le_bytes());
    for lane in lanes {
        hash = mix(hash ^ lane);
    }
    hash
}

/// A finaliser that spreads every input bit over the output (SplitMix64's).
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_matches_the_published_values() {
        assert_eq!(fnv1a(FNV_START, b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(FNV_START, b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(FNV_START, b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn checksum_sees_every_flipped_bit_and_every_truncation() {
        let bytes: Vec<u8> = (0..200u32).map(|i| (i * 37 % 251) as u8).collect();
        let sum = checksum(&bytes);
        assert_eq!(sum, checksum(&bytes.clone()), "deterministic");
        for i in 0..bytes.len() {
            for bit in 0..8 {
                let mut damaged = bytes.clone();
                damaged[i] ^= 1 << bit;
                assert_ne!(checksum(&damaged), sum, "byte {i} bit {bit}");
            }
        }
        for len in 0..bytes.len() {
            assert_ne!(checksum(&bytes[..len]), sum, "cut at {len}");
        }
    }

    #[test]
    fn checksum_sees_swapped_blocks() {
        let mut bytes = vec![0u8; 64];
        bytes[..32].fill(1);
        let mut swapped = vec![0u8; 64];
        swapped[32..].fill(1);
        assert_ne!(checksum(&bytes), checksum(&swapped));
    }
}

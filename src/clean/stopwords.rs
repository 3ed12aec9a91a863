//! Small multilingual stopword lists and their look-up table: the share of
//! stopwords tells prose from menus, tags and headlines.

/// Small stopword lists (en, de, fr, es, pt, it, nl, id): frequent function
/// words that prose is full of and menus, tags and headlines mostly lack.
const STOPWORDS: &[&str] = &[
    // English
    "the", "a", "an", "of", "to", "in", "and", "is", "that", "for", "on", "with", "as", "was", "it",
    "by", "at", "from", "be", "has", "have", "are", "were", "this", "which", "but", "not", "or",
    "he", "she", "they", "his", "her", "their", "its", "will", "would", "been", "had", "said",
    "who", "we", "you", "i", "our", "than", "about", "after", "also", "can", "if", "when", "there",
    "what", "so", "into", "them", "no", "all", "do", "could", "these", "those", "my", "your",
    "it's", "is", "just", "some", "because", "while", "more", // German
    "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "zu", "den", "von", "mit", "sich",
    "des", "auf", "für", "im", "dem", "es", "auch", "als", "wird", "bei", "werden", "aus", "hat",
    "dass", "sie", "nach", "wie", "noch", "wir", "ich", "er", "zum", "zur", "über", "vor", "sind",
    "einen", "einer", "oder", "aber", // French
    "le", "la", "les", "de", "des", "du", "et", "est", "un", "une", "en", "que", "qui", "dans",
    "pour", "pas", "sur", "au", "avec", "ce", "il", "elle", "ne", "se", "par", "plus", "sont",
    "son", "sa", "ses", "aux", "été", "nous", "vous", "mais", // Spanish
    "el", "los", "las", "y", "es", "del", "por", "con", "para", "lo", "su", "al", "como", "más",
    "pero", "sus", "ya", "fue", "este", "esta", "entre", "sin", "sobre", // Portuguese
    "o", "os", "as", "e", "é", "do", "da", "dos", "das", "em", "um", "uma", "não", "na", "no",
    "mais", "ao", "mas", "foi", "ele", "ela", "seu", "sua", "pelo", "pela", "são", "também",
    "você", "nos", "nas", "muito", // Italian
    "il", "gli", "di", "della", "che", "per", "non", "si", "dei", "delle", "alla", "come", "più",
    "ma", "sono", "anche", "nel", "nella", "ha", "questo", "questa", "degli", // Dutch
    "het", "een", "van", "dat", "op", "te", "voor", "niet", "met", "zijn", "er", "ook", "aan",
    "om", "bij", "wordt", // Indonesian
    "yang", "dan", "di", "ke", "dari", "ini", "itu", "dengan", "untuk", "tidak", "ada", "dalam",
    "akan", "pada", "juga", "saya", "kita", "kami", "bisa", "atau", "oleh", "karena", "sudah",
    "kalau", "jangan",
];

/// True when `w` (lowercase, punctuation trimmed) is a stopword in some language.
pub fn is_stopword(w: &str) -> bool {
    // Every stopword fits in eight bytes, so a word is looked up as one
    // integer, and longer words need no lookup at all.
    is_stopword_bytes(w.as_bytes())
}

/// `is_stopword` for a word given as bytes: one bucket of the table, its
/// slots compared without a branch (whether a word is a stopword is as
/// good as random, so a branch per probe would often be mispredicted).
#[inline]
pub fn is_stopword_bytes(w: &[u8]) -> bool {
    if w.is_empty() || w.len() > 8 {
        return false;
    }
    is_stopword_key(pack(w))
}

/// `is_stopword` for a word of at most eight bytes given as `pack` packs it.
#[inline]
pub fn is_stopword_key(key: u64) -> bool {
    let b = &TABLE[bucket(key)];
    (key != 0) & ((b[0] == key) | (b[1] == key) | (b[2] == key) | (b[3] == key))
}

/// Buckets of the table: 2^BUCKET_BITS, of `SLOTS` packed words each.
const BUCKET_BITS: u32 = 9;
const SLOTS: usize = 4;

/// The stopwords packed as integers, each in the bucket its hash names;
/// 0 marks an empty slot. Built at compile time, where a bucket that
/// overflowed would fail the build.
static TABLE: [[u64; SLOTS]; 1 << BUCKET_BITS] = {
    let mut t = [[0u64; SLOTS]; 1 << BUCKET_BITS];
    let mut i = 0;
    while i < STOPWORDS.len() {
        let key = pack(STOPWORDS[i].as_bytes());
        let b = &mut t[bucket(key)];
        let mut j = 0;
        while b[j] != 0 && b[j] != key {
            j += 1;
        }
        b[j] = key;
        i += 1;
    }
    t
};

/// The bucket of a packed word: the top bits of a multiplicative hash.
const fn bucket(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - BUCKET_BITS)) as usize
}

/// The bytes of a word of at most eight bytes as one integer (little-endian,
/// zero-padded).
pub const fn pack(w: &[u8]) -> u64 {
    // Two overlapping loads, the second shifted into place: the bytes both
    // hold land on the same bits. (Copying into an array would call
    // `memcpy` and stall the load after it, for every word looked up.)
    let n = w.len();
    match n {
        0 => 0,
        1 => w[0] as u64,
        2..=3 => {
            let lo = u16::from_le_bytes([w[0], w[1]]);
            let hi = u16::from_le_bytes([w[n - 2], w[n - 1]]);
            lo as u64 | (hi as u64) << (8 * (n - 2))
        }
        _ => {
            let lo = u32::from_le_bytes([w[0], w[1], w[2], w[3]]);
            let hi = u32::from_le_bytes([w[n - 4], w[n - 3], w[n - 2], w[n - 1]]);
            lo as u64 | (hi as u64) << (8 * (n - 4))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_fit_and_are_found() {
        assert!(STOPWORDS.iter().all(|w| w.len() <= 8));
        assert!(STOPWORDS.iter().all(|w| is_stopword(w)));
        assert!(!is_stopword("\0") && !is_stopword("th") && !is_stopword("thes"));
        assert!(is_stopword("the") && is_stopword("também") && is_stopword("für"));
        assert!(!is_stopword("thee") && !is_stopword("") && !is_stopword("questionable"));
        // Packed little-endian, zero-padded: "a" and "a\0" are one key, but
        // no word holds a NUL.
        let word = b"abcdefgh";
        for n in 0..=8 {
            let mut padded = [0u8; 8];
            padded[..n].copy_from_slice(&word[..n]);
            assert_eq!(pack(&word[..n]), u64::from_le_bytes(padded), "{n}");
        }
    }
}

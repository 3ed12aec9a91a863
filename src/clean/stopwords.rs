//! Small multilingual stopword lists and their look-up table: the share of
//! stopwords tells prose from menus, tags and headlines.

use std::sync::OnceLock;

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

/// `is_stopword` for a word given as bytes.
pub fn is_stopword_bytes(w: &[u8]) -> bool {
    if w.is_empty() || w.len() > 8 {
        return false;
    }
    let table = stop_table();
    let key = pack(w);
    let mask = table.len() - 1;
    let mut i = slot(key, mask);
    // Open addressing with linear probing; 0 (no word) marks an empty slot.
    loop {
        match table[i] {
            0 => return false,
            k if k == key => return true,
            _ => i = (i + 1) & mask,
        }
    }
}

/// The stopwords packed as integers in an open-addressing table at most a
/// quarter full, so a look-up is a multiply and one or two probes.
fn stop_table() -> &'static [u64] {
    static TABLE: OnceLock<Vec<u64>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let size = (STOPWORDS.len() * 4).next_power_of_two();
        let mut t = vec![0u64; size];
        for w in STOPWORDS {
            let key = pack(w.as_bytes());
            let mut i = slot(key, size - 1);
            while t[i] != 0 && t[i] != key {
                i = (i + 1) & (size - 1);
            }
            t[i] = key;
        }
        t
    })
}

/// The home slot of a packed word in a table of `mask + 1` slots.
fn slot(key: u64, mask: usize) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & mask
}

/// The bytes of a word of at most eight bytes as one integer.
fn pack(w: &[u8]) -> u64 {
    // Two overlapping loads, the second shifted into place: the bytes both
    // hold land on the same bits. (Copying into an array would call
    // `memcpy` and stall the load after it, for every word looked up.)
    let n = w.len();
    match n {
        0 => 0,
        1 => u64::from(w[0]),
        2..=3 => {
            let lo = u16::from_le_bytes([w[0], w[1]]);
            let hi = u16::from_le_bytes([w[n - 2], w[n - 1]]);
            u64::from(lo) | u64::from(hi) << (8 * (n - 2))
        }
        _ => {
            let lo = u32::from_le_bytes([w[0], w[1], w[2], w[3]]);
            let hi = u32::from_le_bytes([w[n - 4], w[n - 3], w[n - 2], w[n - 1]]);
            u64::from(lo) | u64::from(hi) << (8 * (n - 4))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_fit_and_are_found() {
        assert!(STOPWORDS.iter().all(|w| w.len() <= 8));
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

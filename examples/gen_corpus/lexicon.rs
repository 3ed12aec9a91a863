//! Invented proper nouns built from syllables: places, people, firms and
//! products. They give the corpus a large vocabulary (tens of thousands of
//! distinct words) the way real news does.

use crate::rng::Rng;

const ONSETS: &[&str] = &[
    "b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "r", "s", "sh",
    "st", "t", "th", "tr", "v", "w", "z", "bl", "cl", "fl", "gl", "pl", "sk", "sp", "j", "qu", "y",
];
const VOWELS: &[&str] = &[
    "a", "e", "i", "o", "u", "a", "e", "o", "ai", "ea", "ou", "ie", "oa", "y", "au", "ei",
];
const CODAS: &[&str] = &[
    "", "", "", "n", "r", "l", "s", "th", "ck", "m", "nd", "rt", "st", "x", "ll", "ng", "rn", "ld",
    "sk", "v",
];
const PLACE_ENDS: &[&str] = &[
    "ton", "ford", "mere", "wick", "bury", "by", "stead", "haven", "field", "moor", "port",
    "bridge", "holm", "dale", "well", "ham", "combe", "ley", "mouth", "gate", "thorpe", "sea",
    "brook", "cliff", "hurst", "low", "wold", "ness", "shaw", "minster",
];
const NAME_ENDS: &[&str] = &[
    "son", "er", "ley", "ard", "ick", "ow", "man", "ell", "ing", "", "", "a", "in", "ez", "ov",
    "berg", "ski", "ton", "ward", "es", "is", "oni",
];
const GIVEN: &[&str] = &[
    "Ada",
    "Aiden",
    "Alma",
    "Amir",
    "Anika",
    "Arlo",
    "Astrid",
    "Beatrix",
    "Bram",
    "Calla",
    "Cedric",
    "Celeste",
    "Dara",
    "Delphine",
    "Desmond",
    "Edda",
    "Elias",
    "Elsbeth",
    "Emeka",
    "Esme",
    "Ezra",
    "Fenna",
    "Florin",
    "Gideon",
    "Greta",
    "Hal",
    "Hanne",
    "Idris",
    "Ines",
    "Ivo",
    "Jalen",
    "Joanna",
    "Jonah",
    "Kaito",
    "Kasia",
    "Keziah",
    "Lars",
    "Leona",
    "Lior",
    "Lucan",
    "Magda",
    "Malik",
    "Marisol",
    "Mateo",
    "Mira",
    "Nadia",
    "Nils",
    "Noor",
    "Odile",
    "Oren",
    "Orla",
    "Pavel",
    "Petra",
    "Quentin",
    "Rafe",
    "Rania",
    "Rosalind",
    "Rufus",
    "Saoirse",
    "Selim",
    "Sigrun",
    "Soren",
    "Tamsin",
    "Tariq",
    "Thea",
    "Tobias",
    "Ulla",
    "Valentin",
    "Vesna",
    "Wendell",
    "Wren",
    "Xavier",
    "Yara",
    "Yusuf",
    "Zadie",
    "Zeno",
    "Agnes",
    "Bartholomew",
    "Constance",
    "Dmitri",
    "Eamon",
    "Fatima",
    "Gwen",
    "Hector",
    "Ingrid",
    "Jasper",
    "Kofi",
    "Linnea",
    "Marek",
    "Nell",
    "Otto",
    "Priya",
    "Ruth",
    "Silas",
    "Tilde",
    "Ursula",
    "Viggo",
    "Winifred",
    "Yannick",
    "Zora",
    "Anouk",
    "Bastian",
    "Cosima",
    "Dario",
    "Elin",
    "Farah",
];

/// The invented names of one generated world.
pub struct Lexicon {
    pub places: Vec<String>,
    pub surnames: Vec<String>,
    pub given: Vec<String>,
    pub brands: Vec<String>,
}

fn syllable(r: &mut Rng, out: &mut String) {
    out.push_str(r.pick_str(ONSETS));
    out.push_str(r.pick_str(VOWELS));
    out.push_str(r.pick_str(CODAS));
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A word of `1..=max` syllables plus one of `ends`.
fn word(r: &mut Rng, max: usize, ends: &[&str]) -> String {
    let mut s = String::new();
    for _ in 0..r.range(1, max) {
        syllable(r, &mut s);
    }
    s.push_str(r.pick_str(ends));
    capitalise(&s)
}

/// Unique words, in the order made.
fn unique(r: &mut Rng, n: usize, make: impl Fn(&mut Rng) -> String) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let w = make(r);
        if w.len() > 3 && w.len() < 16 && seen.insert(w.clone()) {
            out.push(w);
        }
    }
    out
}

impl Lexicon {
    pub fn new(seed: u64) -> Lexicon {
        let r = &mut Rng::new(seed ^ 0x1E81C0);
        let places = unique(r, 6000, |r| word(r, 2, PLACE_ENDS));
        let surnames = unique(r, 12000, |r| word(r, 2, NAME_ENDS));
        let mut given: Vec<String> = GIVEN.iter().map(|s| s.to_string()).collect();
        given.extend(unique(r, 1500, |r| {
            word(r, 2, &["a", "o", "an", "el", "is", "ie", ""])
        }));
        let brands = unique(r, 3000, |r| {
            let mut s = word(
                r,
                2,
                &["ix", "a", "on", "ora", "ex", "io", "um", "ent", "ly"],
            );
            if r.chance(0.1) {
                s.push_str(r.pick_str(&["Tech", "Works", "Labs", "Line"]));
            }
            s
        });
        Lexicon {
            places,
            surnames,
            given,
            brands,
        }
    }

    pub fn place(&self, r: &mut Rng) -> &str {
        // Some places are in the news far more often than others.
        let n = self.places.len();
        let i = if r.chance(0.5) {
            r.below(n / 20)
        } else {
            r.below(n)
        };
        &self.places[i]
    }

    pub fn person(&self, r: &mut Rng) -> String {
        let mut s = r.pick_str(&self.given).to_string();
        s.push(' ');
        if r.chance(0.08) {
            s.push_str(r.pick_str(&self.surnames));
            s.push('-');
        }
        s.push_str(r.pick_str(&self.surnames));
        s
    }
}

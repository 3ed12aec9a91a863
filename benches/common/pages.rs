//! Invented scraped pages for the benches (menus, widgets, teasers, prose
//! in several languages, comments, footers), the same on every run.
#![allow(dead_code)]

/// A tiny deterministic generator, so every run cleans the same text.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const MENU: &[&str] = &[
    "Home",
    "World",
    "Business",
    "Sport",
    "Culture",
    "Opinion",
    "Weather",
    "Politik",
    "Esportes",
    "Économie",
    "Berita",
    "Cultura",
    "Tech",
    "Podcasts",
    "Video",
];

const WIDGETS: &[&str] = &[
    "Share this article",
    "Facebook",
    "Twitter",
    "Email",
    "×",
    "FacebookTwitterWhatsApp",
    "Sign up for our newsletter",
    "Advertisement",
    "12 comments",
    "Compartilhe",
    "Artikel teilen",
    "Leia também: outra notícia do dia",
    "Top NewsVideo",
    "News > World > Europe",
    "Photo: Lena Hart / Getty Images",
    "Updated 3 hours ago",
];

/// Sentence pieces per language: (openers, middles, endings).
type Lang = (
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
);

const EN: Lang = (
    &[
        "The council said",
        "Engineers told residents",
        "According to the report,",
        "Officials warned on Tuesday that",
    ],
    &[
        "the new crossing would open next spring",
        "the work would be finished on time and within the budget",
        "the river had risen by two metres overnight",
        "prices for bread and fuel kept climbing through the autumn",
    ],
    &[
        ", and members agreed to review it next year.",
        " after a long debate in the town hall.",
        ", which surprised many of the people who live nearby.",
        ".",
    ],
);

const PT: Lang = (
    &[
        "O prefeito disse que",
        "Segundo o relatório,",
        "Os moradores afirmam que",
    ],
    &[
        "a nova ponte será aberta na próxima primavera",
        "as obras terminam dentro do prazo e do orçamento",
        "o rio subiu dois metros durante a noite",
    ],
    &[
        ", e a câmara vai rever o plano no próximo ano.",
        ".",
        " depois de um longo debate.",
    ],
);

const DE: Lang = (
    &[
        "Der Bürgermeister sagte, dass",
        "Laut dem Bericht",
        "Die Anwohner berichten, dass",
    ],
    &[
        "die neue Brücke im nächsten Frühjahr eröffnet wird",
        "die Arbeiten pünktlich und im Rahmen des Budgets enden",
        "der Fluss über Nacht um zwei Meter gestiegen ist",
    ],
    &[
        ", und der Rat will den Plan im nächsten Jahr prüfen.",
        ".",
        " nach einer langen Debatte.",
    ],
);

const ID: Lang = (
    &[
        "Wali kota mengatakan bahwa",
        "Menurut laporan itu,",
        "Warga mengatakan bahwa",
    ],
    &[
        "jembatan baru akan dibuka pada musim semi",
        "pekerjaan akan selesai tepat waktu dan sesuai anggaran",
        "sungai naik dua meter dalam semalam",
    ],
    &[
        ", dan dewan akan meninjau rencana itu tahun depan.",
        ".",
        " setelah perdebatan panjang.",
    ],
);

const JA: Lang = (
    &["市長は", "報告書によると、", "住民によると、"],
    &[
        "新しい橋は来年の春に開通する予定で",
        "工事は予算内で期限までに終わる見込みで",
        "川は一晩で二メートル上昇し",
    ],
    &[
        "、議会は来年計画を見直すという。",
        "。",
        "、長い議論の末に決まった。",
    ],
);

fn sentence(r: &mut Rng, (open, mid, end): Lang) -> String {
    format!("{} {}{}", r.pick(open), r.pick(mid), r.pick(end))
}

/// One invented page: navigation, teasers, a headline block, widgets, a story
/// with a sub-heading and a list, related links, comments and a footer.
pub fn page(r: &mut Rng, i: usize) -> String {
    let lang = [EN, EN, EN, PT, DE, ID, JA][i % 7];
    let mut s = String::new();
    for _ in 0..(8 + r.next() % 30) {
        s.push_str(r.pick(MENU));
        s.push('\n');
    }
    for t in 0..3 {
        s.push_str(&format!(
            "Teaser {t}: bridge plans and river levels in town {i}\n"
        ));
    }
    s.push_str(&format!(
        "Council number {i} approves the new river crossing plan\n"
    ));
    s.push_str("By Jane Roe\nMarch 3, 2021 at 9:40 am\n");
    for _ in 0..4 {
        s.push_str(r.pick(WIDGETS));
        s.push('\n');
    }
    let paras = 6 + r.next() % 14;
    for p in 0..paras {
        let n = 1 + r.next() % 5;
        let para: Vec<String> = (0..n).map(|_| sentence(r, lang)).collect();
        s.push_str(&para.join(" "));
        s.push_str("\n\n");
        if p == 3 {
            s.push_str("What happens next\n1. Survey the banks\n2. Close the road\n3. Build\n\n");
        }
        if r.next().is_multiple_of(4) {
            s.push_str(r.pick(WIDGETS));
            s.push('\n');
        }
    }
    s.push_str(
        "Related Articles\nFarmers market moves indoors for winter\nNew cycle lanes planned\n",
    );
    s.push_str("Leave a comment\nhikerjo says:\nGreat news for the valley, finally!\n");
    s.push_str("Sign up for our newsletter\n© 2021 The Valley Ledger. All rights reserved.\n");
    s
}

/// Pages joined until the text holds at least `bytes` bytes.
pub fn corpus(bytes: usize) -> String {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let mut text = String::with_capacity(bytes + 10_000);
    let mut i = 0;
    while text.len() < bytes {
        text.push_str(&page(&mut r, i));
        i += 1;
    }
    text
}

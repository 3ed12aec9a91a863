//! German, Spanish, French and Japanese templates: fewer than English, but
//! enough for search and dedupe to meet other languages.

use crate::prose::{Junk, LangData, Topic};

pub static DE: LangData = LangData {
    code: "de",
    topics: &[
        Topic {
            name: "Lokales",
            heads: &[
                "{place}: Gemeinderat stimmt für {dding}",
                "Streit um {dding} in {place} geht weiter",
                "{Ps} will {dding} bis {fyear} umsetzen",
                "{place} investiert {money} in {dding}",
                "Bürger in {place} protestieren gegen {dding}",
            ],
            leads: &[
                "Der Gemeinderat von {place} hat am {weekday} mit {num} zu {n1} Stimmen beschlossen, {dding} zu finanzieren.",
                "In {place} sorgt {dding} seit Monaten für Diskussionen; nun liegt ein Kompromiss vor.",
            ],
            sents: &[
                "Die Kosten belaufen sich nach Angaben der Verwaltung auf rund {money}.",
                "Bürgermeisterin {Q} sprach von einer {dadj} Entscheidung.",
                "Rund {big} Menschen hatten eine Petition unterschrieben.",
                "Die Opposition kritisierte, dass {dding} zu spät komme.",
                "Bereits im Jahr {year} war ein ähnlicher Antrag gescheitert.",
                "Die Arbeiten sollen im {dmonth} beginnen und etwa {num} Monate dauern.",
                "Auch in {any_place} wird über {dding} gestritten.",
                "Der {org} kündigte an, die Pläne genau zu prüfen.",
                "Anwohner klagen seit Jahren über Lärm und fehlende Parkplätze.",
                "Die Stadtbibliothek bleibt während der Bauzeit geöffnet.",
            ],
        },
        Topic {
            name: "Wirtschaft",
            heads: &[
                "{brand} streicht {n2} Stellen in {place}",
                "{brand} meldet {dadj} Quartal",
                "Mittelstand in {place} klagt über Energiepreise",
            ],
            leads: &[
                "Der Hersteller {brand} aus {place} baut {n2} Arbeitsplätze ab, wie das Unternehmen am {weekday} mitteilte.",
            ],
            sents: &[
                "Der Umsatz sank im Vergleich zum Vorjahr um {pct}.",
                "Betriebsratschef {Q} nannte die Entscheidung einen Schlag für die Region.",
                "Das Unternehmen beschäftigt rund {big} Mitarbeiter.",
                "Analysten rechnen mit einer Erholung frühestens im {dmonth}.",
            ],
        },
    ],
    generic: &[
        "Eine Stellungnahme des {org} lag zunächst nicht vor.",
        "Die Entscheidung soll im {dmonth} noch einmal überprüft werden.",
        "Viele Anwohner zeigten sich erleichtert.",
        "Kritiker halten den Plan für {dadj}.",
        "Weitere Informationen gibt es auf der Internetseite der Gemeinde.",
        "Die nächste Sitzung findet am {day}. {dmonth} statt.",
    ],
    said: &[
        "„{quote}“, sagte {P}.",
        "{Q} sagte: „{quote}“",
        "„{quote}“, so {Ps}.",
    ],
    quotes: &[
        "Wir haben lange auf diesen Tag gewartet.",
        "Das ist ein guter Kompromiss für alle Beteiligten.",
        "Die Zahlen sprechen eine deutliche Sprache.",
        "So kann es nicht weitergehen.",
        "Wir bleiben dran.",
        "Niemand hat mit so vielen Besuchern gerechnet.",
    ],
    subheads: &[
        "Wie es weitergeht",
        "Die Kosten",
        "Kritik aus {place}",
        "Hintergrund",
    ],
    words: de_words,
    money: &["Euro"],
    junk: &Junk {
        nav: &[
            "Startseite",
            "Lokales",
            "Politik",
            "Wirtschaft",
            "Sport",
            "Kultur",
            "Wetter",
            "Video",
        ],
        chrome: &["Anmelden", "Abonnieren", "Menü", "Suche"],
        share: &["Artikel teilen", "Teilen"],
        networks: &["Facebook", "X", "WhatsApp", "E-Mail", "Link kopieren"],
        related: &["Mehr zum Thema:", "Lesen Sie auch:"],
        tail: &[
            "Kommentare",
            "Meistgelesen",
            "Newsletter abonnieren",
            "Diese Website verwendet Cookies. Mit der Nutzung stimmen Sie dem zu. Akzeptieren | Einstellungen",
            "Impressum | Datenschutz | Kontakt",
        ],
        ad: &["Anzeige", "ANZEIGE"],
        by: "Von",
        watch: "Video ansehen:",
    },
};

fn de_words(key: &str) -> &'static [&'static str] {
    match key {
        "dding" => &[
            "das neue Hallenbad",
            "die Sanierung der Stadtbibliothek",
            "den Radweg am Fluss",
            "die Umgehungsstraße",
            "das Jugendzentrum",
            "den Ausbau des Bahnhofs",
            "die Erweiterung der Grundschule",
            "den Windpark",
            "das Parkhaus am Markt",
            "die Fußgängerzone",
            "den Hochwasserschutz",
            "die Nachtbuslinie",
        ],
        "dadj" => &[
            "schwierigen",
            "mutigen",
            "überfälligen",
            "teuren",
            "vernünftigen",
            "knappen",
        ],
        "dmonth" => &[
            "Januar",
            "März",
            "Mai",
            "Juli",
            "September",
            "Oktober",
            "Dezember",
        ],
        "orgkind" => &["Landkreis", "Stadtrat", "Verband", "Verein", "Stadtwerke"],
        "role" => &["Stadträtin", "Anwohner", "Sprecher der Initiative"],
        _ => panic!("no German words for {{{key}}}"),
    }
}

pub static ES: LangData = LangData {
    code: "es",
    topics: &[Topic {
        name: "Local",
        heads: &[
            "{place} aprueba {sding} tras meses de debate",
            "Vecinos de {place} protestan contra {sding}",
            "{Ps} promete {sding} antes de {fyear}",
            "El ayuntamiento de {place} invertirá {money} en {sding}",
        ],
        leads: &[
            "El pleno del ayuntamiento de {place} aprobó el {weekday} {sding} con {num} votos a favor y {n1} en contra.",
            "Los vecinos de {place} llevan {num} meses reclamando {sding}, y por fin tienen una respuesta.",
        ],
        sents: &[
            "El coste total del proyecto asciende a unos {money}, según fuentes municipales.",
            "La alcaldesa, {Q}, calificó la decisión de {sadj}.",
            "Más de {big} personas firmaron una petición en apoyo del plan.",
            "La oposición critica que el proyecto llega tarde.",
            "Las obras comenzarán en {smonth} y durarán unos {num} meses.",
            "En {any_place} se vivió una situación parecida en {year}.",
            "La {org} ha pedido más información sobre los plazos.",
            "Los comerciantes de la zona temen perder clientes durante las obras.",
        ],
    }],
    generic: &[
        "La {org} no respondió a las preguntas de este periódico.",
        "El proyecto se revisará de nuevo en {smonth}.",
        "Muchos vecinos se mostraron aliviados.",
        "La próxima reunión está prevista para el {day} de {smonth}.",
    ],
    said: &[
        "«{quote}», dijo {P}.",
        "{Q} afirmó: «{quote}»",
        "«{quote}», explicó {Ps}.",
    ],
    quotes: &[
        "Llevamos años esperando este momento.",
        "Es un buen acuerdo para todos.",
        "Las cifras hablan por sí solas.",
        "No vamos a rendirnos.",
        "Nadie esperaba tanta gente.",
    ],
    subheads: &["Qué pasará ahora", "El coste", "Reacciones en {place}"],
    words: es_words,
    money: &["euros"],
    junk: &Junk {
        nav: &[
            "Portada",
            "Local",
            "Política",
            "Economía",
            "Deportes",
            "Cultura",
            "Vídeo",
        ],
        chrome: &["Iniciar sesión", "Suscríbete", "Menú", "Buscar"],
        share: &["Compartir", "Compartir artículo"],
        networks: &["Facebook", "X", "WhatsApp", "Correo", "Copiar enlace"],
        related: &["Lee también:", "Más información:"],
        tail: &[
            "Comentarios",
            "Lo más leído",
            "Recibe nuestro boletín",
            "Utilizamos cookies propias y de terceros. Aceptar | Configurar",
            "Aviso legal | Privacidad | Contacto",
        ],
        ad: &["Publicidad", "PUBLICIDAD"],
        by: "Por",
        watch: "Mira el vídeo a continuación:",
    },
};

fn es_words(key: &str) -> &'static [&'static str] {
    match key {
        "sding" => &[
            "la nueva piscina municipal",
            "la reforma de la biblioteca",
            "el carril bici del paseo",
            "la ampliación del colegio",
            "el parque del río",
            "la peatonalización del centro",
            "el nuevo centro de salud",
            "la línea de autobús nocturno",
            "el mercado de abastos",
        ],
        "sadj" => &[
            "histórica",
            "valiente",
            "necesaria",
            "precipitada",
            "razonable",
        ],
        "smonth" => &["enero", "marzo", "mayo", "julio", "septiembre", "noviembre"],
        "orgkind" => &["Diputación", "Asociación", "Fundación", "Mancomunidad"],
        "role" => &["concejala", "vecino", "portavoz"],
        _ => panic!("no Spanish words for {{{key}}}"),
    }
}

pub static FR: LangData = LangData {
    code: "fr",
    topics: &[Topic {
        name: "Régions",
        heads: &[
            "{place} : le conseil municipal adopte {fding}",
            "À {place}, {fding} divise les habitants",
            "{Ps} s'engage sur {fding} d'ici {fyear}",
            "{place} investit {money} dans {fding}",
        ],
        leads: &[
            "Le conseil municipal de {place} a adopté {weekday} soir {fding}, par {num} voix contre {n1}.",
            "Depuis {num} mois, {fding} agite {place}. Un compromis semble enfin trouvé.",
        ],
        sents: &[
            "Le coût total du projet est estimé à {money}, selon la mairie.",
            "La maire, {Q}, a salué une décision {fadj}.",
            "Plus de {big} personnes avaient signé une pétition.",
            "L'opposition dénonce un projet trop tardif.",
            "Les travaux doivent débuter en {fmonth} et durer environ {num} mois.",
            "À {any_place}, une situation semblable s'était produite en {year}.",
            "L'{org} demande davantage de précisions sur le calendrier.",
            "Les commerçants du centre-ville craignent une baisse de fréquentation.",
        ],
    }],
    generic: &[
        "Contactée, l'{org} n'a pas souhaité s'exprimer.",
        "Le dossier sera réexaminé en {fmonth}.",
        "De nombreux habitants se disent soulagés.",
        "La prochaine réunion publique aura lieu le {day} {fmonth}.",
    ],
    said: &[
        "« {quote} », a déclaré {P}.",
        "{Q} a expliqué : « {quote} »",
        "« {quote} », résume {Ps}.",
    ],
    quotes: &[
        "Nous attendions ce jour depuis longtemps.",
        "C'est un bon compromis pour tout le monde.",
        "Les chiffres parlent d'eux-mêmes.",
        "Nous ne lâcherons rien.",
        "Personne ne s'attendait à autant de monde.",
    ],
    subheads: &["Et maintenant ?", "Le coût", "Réactions à {place}"],
    words: fr_words,
    money: &["euros"],
    junk: &Junk {
        nav: &[
            "Accueil",
            "Régions",
            "Politique",
            "Économie",
            "Sport",
            "Culture",
            "Vidéo",
        ],
        chrome: &["Se connecter", "S'abonner", "Menu", "Rechercher"],
        share: &["Partager", "Partager l'article"],
        networks: &["Facebook", "X", "WhatsApp", "E-mail", "Copier le lien"],
        related: &["À lire aussi :", "Lire aussi :"],
        tail: &[
            "Commentaires",
            "Les plus lus",
            "Inscrivez-vous à notre newsletter",
            "Ce site utilise des cookies. En poursuivant, vous acceptez leur utilisation. Accepter | Paramétrer",
            "Mentions légales | Confidentialité | Contact",
        ],
        ad: &["Publicité", "PUBLICITÉ"],
        by: "Par",
        watch: "Regardez la vidéo ci-dessous :",
    },
};

fn fr_words(key: &str) -> &'static [&'static str] {
    match key {
        "fding" => &[
            "la nouvelle piscine",
            "la rénovation de la médiathèque",
            "la piste cyclable des quais",
            "l'agrandissement de l'école",
            "le parc éolien",
            "la zone piétonne",
            "la maison de santé",
            "la ligne de bus de nuit",
            "les halles du marché",
        ],
        "fadj" => &[
            "historique",
            "courageuse",
            "attendue",
            "précipitée",
            "raisonnable",
        ],
        "fmonth" => &["janvier", "mars", "mai", "juillet", "septembre", "novembre"],
        "orgkind" => &["Association", "Agglomération", "Fondation", "Union"],
        "role" => &["conseillère municipale", "habitant", "porte-parole"],
        _ => panic!("no French words for {{{key}}}"),
    }
}

pub static JA: LangData = LangData {
    code: "ja",
    topics: &[Topic {
        name: "地域",
        heads: &[
            "{place}で{jthing}が話題に　来訪者{n2}倍",
            "{place}、{jthing}の計画を決定",
            "{jthing}めぐり住民説明会　{place}",
            "{place}の{jthing}、{year}年度に完成へ",
        ],
        leads: &[
            "{place}で、{jthing}が思わぬ人気を集めている。{org}によると、週末の来訪者は前年の約{num}倍に増えた。",
            "{place}は{weekday}、{jthing}の整備計画を正式に決定した。総事業費は約{money}。",
        ],
        sents: &[
            "地元の商店街振興組合の理事長、{Q}さん（{n2}）は「まさかここまでとは」と話す。",
            "計画は{year}年から検討されていたが、財源の確保が課題となっていた。",
            "町によると、{jthing}の利用者は{big}人を超えた。",
            "一方で、駐車場の不足や騒音を心配する声もある。",
            "{any_place}でも同様の取り組みが始まっている。",
            "工事は来年{n1}月に始まり、約{num}か月かかる見込み。",
            "{org}は今後、利用状況を調べたうえで対応を検討するとしている。",
        ],
    }],
    generic: &[
        "関係者によると、詳しい日程は未定だという。",
        "町は来月にも住民向けの説明会を開く予定だ。",
        "観光客の増加で、周辺の飲食店もにぎわっている。",
    ],
    said: &[
        "「{quote}」と{P}さんは話す。",
        "{Q}さんは「{quote}」と語った。",
    ],
    quotes: &[
        "最初は冗談のつもりだったんです",
        "町が明るくなった気がします",
        "これからも続けていきたい",
        "こんなに人が来るとは思いませんでした",
    ],
    subheads: &["今後の課題", "住民の声", "広がる取り組み"],
    words: ja_words,
    money: &["億円", "万円"],
    junk: &Junk {
        nav: &["ニュース", "地域", "経済", "スポーツ", "社会", "動画"],
        chrome: &["ログイン", "会員登録", "メニュー", "検索"],
        share: &["シェア", "📤 シェア　🐦 ポスト　💬 0"],
        networks: &["X", "Facebook", "LINE", "はてブ"],
        related: &["関連記事", "あわせて読みたい"],
        tail: &[
            "コメント",
            "ランキング",
            "ニュースレター登録",
            "当サイトはクッキーを使用しています。同意する",
            "利用規約 | プライバシー",
        ],
        ad: &["広告"],
        by: "",
        watch: "動画はこちら：",
    },
};

fn ja_words(key: &str) -> &'static [&'static str] {
    match key {
        "jthing" => &[
            "タコ形のポスト",
            "駅前の足湯",
            "古民家カフェ",
            "夜市",
            "星空観察会",
            "棚田の灯り",
            "レトロな路面電車",
            "港の朝市",
            "手作りの看板",
            "巨大な雪だるま",
            "無人の古本屋",
        ],
        "role" => &["町長", "住民", "理事長"],
        _ => panic!("no Japanese words for {{{key}}}"),
    }
}

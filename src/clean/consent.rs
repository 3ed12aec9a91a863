//! Cookie and consent notices: the banner a site shows until the reader
//! agrees ("We use cookies … By continuing you agree … Accept").
//! Such a banner is page furniture whatever its length, so it is removed as
//! boilerplate even when it reads like prose.

use std::sync::OnceLock;

use super::needles::Needles;
use super::signals::Line;

/// Longest banner, in words; story paragraphs about cookies run longer or
/// lack a consent word.
const MAX_WORDS: u32 = 70;

/// Words that mark the consent part of a banner, in the supported languages.
const CONSENT: &[&str] = &[
    "accept",
    "agree",
    "consent",
    "by continuing",
    "manage settings",
    "cookie settings",
    "cookie policy",
    "aceitar",
    "aceito",
    "concorda",
    "consentimento",
    "akzeptieren",
    "zustimmen",
    "einverstanden",
    "accepter",
    "j'accepte",
    "consentement",
    "aceptar",
    "acepto",
    "consentimiento",
    "accetta",
    "accetto",
    "consenso",
    "setuju",
    "menyetujui",
];

/// Words that name the site or its use, which a banner always mentions.
const SITE: &[&str] = &[
    "site",
    "browsing",
    "browser",
    "experience",
    "navega",
    "navigation",
    "navigazione",
    "webseite",
    "website",
    "situs",
    "sitio",
    "experiência",
    "erlebnis",
];

fn consent_words() -> &'static Needles {
    static N: OnceLock<Needles> = OnceLock::new();
    N.get_or_init(|| Needles::new(CONSENT))
}

fn site_words() -> &'static Needles {
    static N: OnceLock<Needles> = OnceLock::new();
    N.get_or_init(|| Needles::new(SITE))
}

/// True when `l` is a cookie or consent banner: it names cookies and the
/// site, and asks for (or assumes) the reader's agreement.
pub fn is_banner(l: &Line) -> bool {
    if l.words < 6 || l.words > MAX_WORDS {
        return false;
    }
    let lower = l.lower();
    let Some(at) = memchr::memmem::find(lower.as_bytes(), b"cookie") else {
        return false;
    };
    // "cookie" as a word start: not the end of another word.
    let word_start = at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric();
    word_start && consent_words().any_in(lower) && site_words().any_in(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banners_in_several_languages() {
        let yes = [
            "We use cookies to give you the best experience on our site. By continuing you agree to our use of cookies. Accept | Manage settings",
            "Este site usa cookies para melhorar a sua experiência. Ao continuar navegando, você concorda com a nossa política.",
            "Wir verwenden Cookies, um Ihnen ein besseres Erlebnis zu bieten. Mit der Nutzung der Seite sind Sie einverstanden.",
        ];
        for t in yes {
            assert!(is_banner(&Line::new(t)), "{t}");
        }
        let no = [
            "The bakery sold four hundred cookies on Saturday, and the owner said she would agree to open on Sundays too.",
            "Fortune cookies were handed out at the end of the dinner with the mayor and the council members.",
            "We accept that the plan has flaws, the minister said on Tuesday after the long debate in parliament.",
        ];
        for t in no {
            assert!(!is_banner(&Line::new(t)), "{t}");
        }
    }
}

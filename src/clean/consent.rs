//! Notices a site addresses to its readers. Cookie and consent banners: the
//! banner a site shows until the reader agrees ("We use cookies … By continuing you agree … Accept").
//! Such a banner is page furniture whatever its length, so it is removed as
//! boilerplate even when it reads like prose. Comment policies ("Comments
//! are moderated…") open the comment section, so they end the story.

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
    // Built once: building a searcher costs more than most searches.
    static COOKIE: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let cookie = COOKIE.get_or_init(|| memchr::memmem::Finder::new(b"cookie"));
    let Some(at) = cookie.find(lower.as_bytes()) else {
        return false;
    };
    // "cookie" as a word start: not the end of another word.
    let word_start = at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric();
    word_start && consent_words().any_in(lower) && site_words().any_in(lower)
}

/// Word starts that name reader comments, in the supported languages.
const COMMENT_STEMS: &[&str] = &["comment", "coment", "kommentar", "komentar"];

/// Word parts of a moderation rule: moderation, approval, respect, offence.
const MODERATION: &[&str] = &[
    "moderat",
    "approv",
    "aprova",
    "moderi",
    "respect",
    "respeit",
    "respet",
    "rispett",
    "offensive",
    "ofensiv",
    "offensiv",
];

fn moderation_words() -> &'static Needles {
    static N: OnceLock<Needles> = OnceLock::new();
    N.get_or_init(|| Needles::new(MODERATION))
}

/// True when `l` states the rules for reader comments: its subject (its
/// first word, after a short label such as "Note:") is comments, and it
/// speaks of moderation, approval, respect or offence.
pub fn is_comment_policy(l: &Line) -> bool {
    if l.words < 4 || l.words > 50 {
        return false;
    }
    let lower = l.lower();
    // A plain line has no colon: no search.
    let colon = match l.plain {
        true => None,
        false => memchr::memchr(b':', lower.as_bytes()),
    };
    // With no label, the first word is the line's: one that starts with
    // an ASCII letter or digit other than the stems' `c` and `k` rules the
    // line out at a glance (most prose, where "ment" is common: in French
    // and Portuguese the search below finds it in most lines; this check
    // was 3% of the cleaner's instructions, mostly that search and what
    // followed it).
    if colon.is_none()
        && lower
            .as_bytes()
            .first()
            .is_some_and(|&b| b.is_ascii_alphanumeric() && b != b'c' && b != b'k')
    {
        return false;
    }
    // Every stem has "ment", and the first word is part of the line: most
    // other lines are ruled out by one vectorised search.
    static MENT: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let ment = MENT.get_or_init(|| memchr::memmem::Finder::new(b"ment"));
    if ment.find(lower.as_bytes()).is_none() {
        return false;
    }
    // Past a label of at most two words ending in a colon.
    let rest = match colon {
        Some(c) if lower[..c].split_whitespace().count() <= 2 => &lower[c + 1..],
        _ => lower,
    };
    let Some(first) = rest.split_whitespace().next() else {
        return false;
    };
    let first = first.trim_start_matches(|c: char| !c.is_alphanumeric());
    COMMENT_STEMS.iter().any(|s| first.starts_with(s)) && moderation_words().any_in(rest)
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

    #[test]
    fn every_comment_stem_has_the_word_part_searched_first() {
        assert!(COMMENT_STEMS.iter().all(|s| s.contains("ment")));
        // And starts with one of the bytes the first-word look lets through.
        assert!(
            COMMENT_STEMS
                .iter()
                .all(|s| matches!(s.as_bytes()[0], b'c' | b'k'))
        );
    }

    #[test]
    fn comment_policies_but_not_stories_about_comments() {
        let yes = [
            "NOTE: Comments with offensive language will not be approved by the moderator.",
            "Atenção: comentários ofensivos não serão publicados.",
            "Kommentare werden vor der Veröffentlichung moderiert.",
        ];
        for t in yes {
            assert!(is_comment_policy(&Line::new(t)), "{t}");
        }
        let no = [
            "The minister said the comments were offensive and asked for an apology.",
            "Comments from the mayor were published in the local paper on Monday.",
        ];
        for t in no {
            assert!(!is_comment_policy(&Line::new(t)), "{t}");
        }
    }
}

//! Share bars: lines that are nothing but the names of social networks and
//! share buttons, spaced or glued together, possibly with a share count.

use std::sync::OnceLock;

use super::needles::Needles;

/// Names of social networks and share buttons, as they appear in share bars.
const SOCIAL: &[&str] = &[
    "facebook",
    "twitter",
    "pinterest",
    "reddit",
    "linkedin",
    "whatsapp",
    "email",
    "mail",
    "flipboard",
    "mix",
    "tumblr",
    "telegram",
    "messenger",
    "sms",
    "print",
    "instagram",
    "youtube",
    "rss",
    "buffer",
    "pin",
    "pinit",
    "tweet",
    "share",
    "shares",
    "pocket",
    "vk",
    "xing",
    "stumbleupon",
    "digg",
    "submit",
    "more",
    "comment",
    "comments",
    "copy",
    "link",
    "google",
    "plus",
    "line",
    "viber",
    "skype",
    "snapchat",
    "tiktok",
    "feed",
    "weibo",
    "wechat",
    "naver",
    "kakao",
    "hatena",
    "evernote",
    "gmail",
    "yahoo",
    "outlook",
    "threads",
    "bluesky",
    "mastodon",
    "x",
    "like",
    "save",
    "follow",
];

/// True when the line is nothing but social-network and share-button names,
/// possibly glued together ("FacebookTwitterEmail") or with a share count.
pub fn is_social_run(key: &str, words: u32) -> bool {
    if key.is_empty() || words > 12 || key.len() > 120 {
        return false;
    }
    static NAMES: OnceLock<Needles> = OnceLock::new();
    let names_set = NAMES.get_or_init(|| Needles::new(SOCIAL));
    let mut rest = key.trim_start_matches(|c: char| c.is_ascii_digit());
    let had_digits = rest.len() != key.len();
    let mut names = 0;
    while !rest.is_empty() {
        // Longest name first, so "shares" wins over "share".
        let best = names_set.longest_at(rest.as_bytes(), 0);
        if best == 0 {
            break;
        }
        rest = &rest[best..];
        names += 1;
    }
    rest.is_empty() && names > 0 && (names >= 2 || had_digits || words <= 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn social_runs() {
        assert!(is_social_run("facebooktwitterpinterestemail", 1));
        assert!(is_social_run("0shares", 1));
        assert!(is_social_run("facebook", 1));
        assert!(!is_social_run("facebookfiles", 2));
        assert!(!is_social_run("mixed", 1));
    }
}

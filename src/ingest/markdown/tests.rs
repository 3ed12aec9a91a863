//! Unit tests for the Markdown converter: front matter, headings, and the
//! plain text each Markdown construct becomes.

use super::*;

fn plain(md: &str) -> String {
    plain_text(md)
}

#[test]
fn headings_are_lines_of_their_own() {
    assert_eq!(
        plain("Intro\n## A *sub* heading ##\nText\n\nSetext\n------\n"),
        "Intro\n\nA sub heading\n\nText\n\nSetext\n"
    );
}

#[test]
fn emphasis_markers_go() {
    assert_eq!(
        plain("Some **bold**, *it*, __b__, _i_, ***both*** and ~~struck~~ words.\n"),
        "Some bold, it, b, i, both and struck words.\n"
    );
    assert_eq!(
        plain("\\*not emphasis\\* &amp; 2 * 3 = 6\n"),
        "*not emphasis* & 2 * 3 = 6\n"
    );
}

#[test]
fn links_become_their_text() {
    let md = "See [the **report**](https://x.example/r \"Title\"), <https://auto.example> \
              and [the ref][r].\n\n[r]: https://ref.example/ \"Ref\"\n";
    assert_eq!(
        plain(md),
        "See the report, https://auto.example and the ref.\n"
    );
}

#[test]
fn images_become_their_alt_text_on_a_line_or_go() {
    assert_eq!(
        plain("Before ![A *gull* on a post](gull.jpg \"t\") after\n\n![](blank.png)\n\nEnd\n"),
        "Before\nA gull on a post\nafter\n\nEnd\n"
    );
    assert_eq!(plain("[![Logo](logo.png)](https://x.example)\n"), "Logo\n");
}

#[test]
fn block_quotes_keep_their_paragraphs() {
    assert_eq!(
        plain("> Quoted **text**\n> continues\n>\n> Second paragraph\n\nAfter\n"),
        "Quoted text continues\n\nSecond paragraph\n\nAfter\n"
    );
}

#[test]
fn list_items_get_bullets_or_numbers() {
    assert_eq!(
        plain("- one\n- two\n  wrapped\n  - nested\n- three\n\n3. first\n4. second\n"),
        "• one\n• two wrapped\n• nested\n• three\n\n3. first\n4. second\n"
    );
    assert_eq!(
        plain("* loose one\n\n* loose two\n"),
        "• loose one\n\n• loose two\n"
    );
}

#[test]
fn code_spans_and_blocks_keep_their_text() {
    assert_eq!(plain("Run `cargo test` now.\n"), "Run cargo test now.\n");
    assert_eq!(
        plain("Before\n\n```rust\nfn main() {\n    run(*x);\n}\n```\n\nAfter\n"),
        "Before\n\nfn main() {\n    run(*x);\n}\n\nAfter\n"
    );
    assert_eq!(
        plain("Indented:\n\n    let a = **b**;\n\nDone\n"),
        "Indented:\n\nlet a = **b**;\n\nDone\n"
    );
}

#[test]
fn rules_go() {
    assert_eq!(
        plain("One\n\n---\n\nTwo\n\n* * *\n\nThree\n"),
        "One\n\nTwo\n\nThree\n"
    );
}

#[test]
fn hard_wrapped_paragraph_is_one_line() {
    assert_eq!(
        plain("This paragraph was\nwrapped at a short\nwidth by the scraper.\n\nNext one.\n"),
        "This paragraph was wrapped at a short width by the scraper.\n\nNext one.\n"
    );
    // An explicit line break is kept.
    assert_eq!(
        plain("One  \ntwo\\\nthree<br>four\n"),
        "One\ntwo\nthree\nfour\n"
    );
}

#[test]
fn html_comments_and_tags_go_their_text_stays() {
    assert_eq!(
        plain("Text <!-- note --> more <span class=\"x\">inside</span>.\n"),
        "Text more inside.\n"
    );
    assert_eq!(plain("<!-- a block\ncomment -->\n\nAfter\n"), "After\n");
    assert_eq!(
        plain("Text <!-- spans\ntwo lines --> after\n"),
        "Text after\n"
    );
    let block = "<div class=\"ad\">\n<p>Kept text</p>\n<script>var a = \"<p>x</p>\";</script>\n\
                 <style>p { color: red }</style>\n</div>\n\nAfter\n";
    assert_eq!(plain(block), "Kept text\n\nAfter\n");
}

#[test]
fn reference_definitions_go() {
    assert_eq!(
        plain("Text.\n\n[1]: https://x.example/a\n[note]: <https://x.example/b> 'B'\n"),
        "Text.\n"
    );
}

#[test]
fn tables_are_rows_of_cells() {
    assert_eq!(
        plain("| Team | Score |\n|---|---:|\n| **Rovers** | 3 |\n| United | 1 |\n"),
        "Team | Score\nRovers | 3\nUnited | 1\n"
    );
}

#[test]
fn full_clipping() {
    let md = "[Skip to content](#main)\n\n\
**Business** · Retail · Food\n\n\
## Bakery pauses new shops\n\n\
*Published 3 November 2026 · By [Jonah Featherstone](/authors/jf), Business Correspondent*\n\n\
![The chain's flagship bakery](https://img.example/shop.jpg)\n\n\
Tallow & Rye, the bakery chain that has opened a new shop roughly every\n\
three weeks since 2023, is **pausing its expansion** until at least next\n\
summer, its founder said on Tuesday.\n\n\
<!-- ad slot -->\n\n\
> \"We grew on the basis that bread is something people buy,\" said\n\
> [Oriana Dempsey][od].\n\n\
The company said:\n\n\
- eight sites with signed leases will open;\n\
- the rest are *shelved*;\n\
- prices rise by `20p`.\n\n\
---\n\n\
> **Read more:** [Why your loaf costs more](https://example.com/wheat)\n\n\
[od]: https://example.com/people/od\n";
    let want = "Skip to content\n\n\
Business · Retail · Food\n\n\
Bakery pauses new shops\n\n\
Published 3 November 2026 · By Jonah Featherstone, Business Correspondent\n\n\
The chain's flagship bakery\n\n\
Tallow & Rye, the bakery chain that has opened a new shop roughly every three weeks since 2023, \
is pausing its expansion until at least next summer, its founder said on Tuesday.\n\n\
\"We grew on the basis that bread is something people buy,\" said Oriana Dempsey.\n\n\
The company said:\n\n\
• eight sites with signed leases will open;\n\
• the rest are shelved;\n\
• prices rise by 20p.\n\n\
Read more: Why your loaf costs more\n";
    assert_eq!(plain(md), want);
}

#[test]
fn front_matter_fields_and_quotes() {
    let text = "---\ntitle: \"A: B\"\nDate: '2026-11-24'\nurl: https://x.org/a\n\
                authors: [\"Ann\", 'Bo']\nsource:\n---\nBody\n";
    let (front, rest) = split_front_matter(text).unwrap();
    assert_eq!(
        front,
        Front {
            title: Some("A: B".into()),
            date: Some("2026-11-24".into()),
            url: Some("https://x.org/a".into()),
            source: None,
            author: Some("Ann, Bo".into()),
        }
    );
    assert_eq!(rest, "Body\n");
}

#[test]
fn unclosed_front_matter_is_body() {
    assert_eq!(split_front_matter("---\ntitle: x\nno end\n"), None);
    assert_eq!(split_front_matter("title: x\n---\n"), None);
}

#[test]
fn first_level_one_heading() {
    let (t, rest) = heading("intro\n## Sub\n# The Title ##\nBody\n").unwrap();
    assert_eq!(t, "The Title");
    assert_eq!(rest, "Body\n");
    assert_eq!(heading("#hashtag\nno heading\n"), None);
}

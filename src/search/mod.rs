//! Incremental full-text search over titles and bodies: no terminal, no
//! files, just text in and document ids out.
//!
//! - [`Query::parse`] turns what the user typed after `/` into required
//!   words, quoted phrases and a prefix (the last word while it is typed).
//! - [`IndexBuilder`] indexes documents (`add(id, [title, paragraphs…])`,
//!   ids increasing) and [`IndexBuilder::finish`]es an [`Index`]; chunks
//!   built on other threads join with [`IndexBuilder::append`]. New
//!   documents (ids above every indexed one) are indexed alone and joined
//!   to a built index with [`Index::merged`].
//! - [`Index::search`] gives the matching ids in ascending order; the count
//!   is their length. [`Index::start`] gives [`Hits`] whose phrase checks
//!   run a bounded number per call, for keystrokes that must stay fast.
//!   [`Index::to_bytes`]/[`Index::from_bytes`] cache the index.
//! - [`find_matches`] gives the byte ranges to highlight in one text.
//!
//! Matching is case- and diacritic-insensitive ("cafe" finds "Café"), see
//! [`fold`] for the exact rules shared by all of the above.
//!
//! Size: the index keeps a sorted vocabulary in one string and, per word,
//! its documents as delta-encoded varints (a bitset when that is smaller).
//! It keeps no text and no word positions: positions would roughly triple
//! its size, so phrases are answered by narrowing to the documents holding
//! all their words, then asking the caller to check those few
//! ([`Query::phrases_match`] on the document's text). A phrase still being
//! typed with a short last word (`"harbour b`) can leave thousands of
//! candidates: check them a few hundred per keystroke with [`Hits::check`]
//! (the first screen of results is then exact) and finish on idle ticks.
//!
//! Speed: a query intersects posting lists from the rarest up; a prefix is
//! a range of the sorted vocabulary, collected into a bitset over all
//! documents when its words are common. The heaviest one-letter prefixes
//! (the first keystroke of every word) keep that bitset once made, for
//! the next keystrokes (made when first typed, not with the index: see
//! [`prefixes`]). `benches/search.rs` measures it all on 100,000
//! synthetic articles.
//!
//! ```
//! use byline::search::{IndexBuilder, Query, find_matches};
//!
//! let docs = ["Café culture", "The Harbour Bridge at night", "A bridge by the harbour"];
//! let mut builder = IndexBuilder::new();
//! for (id, text) in docs.iter().enumerate() {
//!     builder.add(id as u32, [*text]).unwrap();
//! }
//! let index = builder.finish();
//!
//! assert_eq!(index.search(&Query::parse("cafe"), |_| true), [0]);
//! assert_eq!(index.search(&Query::parse("harb"), |_| true), [1, 2]);
//! let phrase = Query::parse("\"harbour bridge\"");
//! assert_eq!(index.search(&phrase, |id| phrase.phrases_match([docs[id as usize]])), [1]);
//! assert_eq!(find_matches(docs[0], &Query::parse("cafe")), [0..5]);
//! ```

mod batch;
mod build;
mod chars;
pub mod fold;
mod highlight;
mod hits;
mod index;
mod merge;
mod pending;
mod persist;
mod postings;
mod prefixes;
mod query;
mod scan;
mod vocab;

pub use build::{BuildError, IndexBuilder};
pub use highlight::find_matches;
pub use hits::Hits;
pub use index::Index;
pub use persist::{FORMAT_VERSION, FormatError};
pub(crate) use postings::{push_varint, read_varint};
pub use query::{Phrase, Query};

/// A document's number, chosen by the caller: increasing as documents are
/// added, and dense (it indexes bitsets), e.g. a position in the library.
pub type DocId = u32;

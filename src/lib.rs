//! byline: a keyboard-driven terminal reader for local collections of scraped news.
//!
//! The data flows one way: files → [`ingest`] → [`clean`] → [`article::Article`]
//! → [`library`] → [`app`] → [`ui`] → terminal ([`tui`]).

pub mod app;
pub mod article;
pub mod background;
pub mod blocks;
pub mod cache;
pub mod clean;
pub mod cli;
pub mod config;
pub mod ingest;
pub mod library;
pub mod live;
pub mod sanitize;
pub mod search;
pub mod store;
#[cfg(test)]
mod test_rng;
pub mod tui;
pub mod ui;
pub mod watch;
pub mod words;

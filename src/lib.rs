//! backstop fact-checks research notes against a local corpus of articles.
//!
//! The analysis (everything but `cli` and `lsp`) works on plain data and knows
//! nothing of terminals or protocols. See ARCHITECTURE.md for the map.

pub mod analysis;
pub mod article;
pub mod cache;
pub mod claims;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod dates;
pub mod diagnostic;
pub mod files;
pub mod lexicon;
pub mod lsp;
pub mod navigation;
pub mod note;
pub mod people;
pub mod quantities;
pub mod registry;
pub mod retrieval;
pub mod rules;
pub mod severity;
pub mod suppression;
pub mod text;
pub mod workspace;

//! Text utilities shared by every layer: positions, normalisation, and
//! untrusted text put into Markdown.

pub mod line_index;
pub mod markdown;
pub mod normalize;
mod occurring;
pub mod word_list;

pub use line_index::{ColumnUnit, LineCol, LineIndex};
pub use normalize::{Normalized, Word, normalize, word_starts, words};
pub use occurring::occurring;
pub use word_list::{WordList, WordRef, Words};

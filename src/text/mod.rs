//! Text utilities shared by every layer: positions and normalisation.

pub mod line_index;
pub mod normalize;

pub use line_index::{ColumnUnit, LineCol, LineIndex};
pub use normalize::{Normalized, Word, normalize, words};

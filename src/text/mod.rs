//! Text utilities shared by every layer: positions and normalisation.

pub mod line_index;

pub use line_index::{ColumnUnit, LineCol, LineIndex};

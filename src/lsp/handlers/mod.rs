//! One file per LSP request. Each handler finds its document's offset, asks
//! the engine (`crate::navigation`, the analysis) and converts the answer
//! (`convert`); none does the thinking itself.

mod code_action;
mod completion;
mod debug_panic;
mod definition;
mod document_symbols;
mod hover;
mod inlay_hints;
mod references;
pub mod workspace_symbols;

pub use code_action::CodeActionHandler;
pub use completion::CompletionHandler;
pub use debug_panic::DebugPanicHandler;
pub use definition::DefinitionHandler;
pub use document_symbols::DocumentSymbolsHandler;
pub use hover::HoverHandler;
pub use inlay_hints::InlayHintsHandler;
pub use references::ReferencesHandler;

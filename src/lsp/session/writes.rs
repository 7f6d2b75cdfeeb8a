//! The cache writes the session starts (`Analysis::persist`), off the
//! paths that answer the editor, and kept track of so that `shutdown`
//! lets them finish: a write cut short loses nothing stored before (files
//! are renamed into place), but the next start would redo the work it
//! held.

use std::sync::{Arc, Mutex};

use tokio::task::JoinHandle;

use crate::analysis::Analysis;

#[derive(Clone, Default)]
pub struct CacheWrites {
    running: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl CacheWrites {
    /// Store what `analysis` made that the cache lacks, on a blocking thread.
    pub fn persist(&self, analysis: Arc<Analysis>) {
        let handle = tokio::task::spawn_blocking(move || analysis.persist());
        let mut running = self.lock();
        running.retain(|h| !h.is_finished());
        running.push(handle);
    }

    /// Wait for every write started so far.
    pub async fn finish(&self) {
        let running = std::mem::take(&mut *self.lock());
        for handle in running {
            if let Err(err) = handle.await {
                tracing::error!("internal error while writing the cache: {err}");
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<JoinHandle<()>>> {
        self.running
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

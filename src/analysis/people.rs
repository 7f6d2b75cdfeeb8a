//! The people index of an analysis: the previous analysis's or the
//! cache's when it fits this corpus, else one of them brought up to date,
//! else built.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use super::Analysis;
use crate::cache::PeopleFile;
use crate::people::{PeopleIndex, Updated};

impl Analysis {
    /// Who is named and who said what, on first use: the previous
    /// analysis's or the cache's when it is this corpus's, else one of them
    /// updated for the changed articles, else built (`persist` stores it).
    pub fn people(&self) -> &PeopleIndex {
        self.people_from(None)
    }

    /// `people`, reading the stored index from `read` when it is
    /// the file wanted (`CacheLink::load_people`).
    pub(super) fn people_from(&self, read: Option<PeopleFile>) -> &PeopleIndex {
        self.people.get_or_init(|| {
            let hashes: Vec<[u8; 32]> = self.records.iter().map(|r| r.hash).collect();
            let curated = &self.workspace.config.people;
            let is_current = |base: &PeopleIndex| base.is_of(&self.corpus, &hashes, curated);
            let mut base = self.people_base.clone();
            if let Some(base) = base.as_ref().filter(|b| is_current(b)) {
                return base.clone();
            }
            // The cache's index when there is no other, or when it is this
            // very corpus's; else the previous analysis's is the closer one.
            if let Some(link) = &self.cache
                && (base.is_none() || link.has_people())
            {
                match link.load_people(read) {
                    Ok(stored) if is_current(&stored) => return Arc::new(stored),
                    Ok(stored) => base = Some(Arc::new(stored)),
                    Err(reason) => tracing::debug!("no stored people index: {reason}"),
                }
            }
            if let Some(base) = base {
                match Arc::unwrap_or_clone(base).update(&self.corpus, curated, &hashes) {
                    Some(Updated::Spliced(updated)) => {
                        self.people_updated.store(true, Ordering::Relaxed);
                        return Arc::new(updated);
                    }
                    Some(Updated::Rebuilt(rebuilt)) => {
                        tracing::debug!("people index rebuilt: the change reaches other articles");
                        self.people_built.store(true, Ordering::Relaxed);
                        return Arc::new(rebuilt);
                    }
                    None => tracing::debug!(
                        "people index built: the stored one does not fit this corpus"
                    ),
                }
            }
            self.people_built.store(true, Ordering::Relaxed);
            Arc::new(PeopleIndex::build(&self.corpus, curated))
        })
    }

    /// Store a people index built here, or updated from more than one in a
    /// hundred articles, once. Storing a large index costs more than the
    /// next run's update of a few articles, and that run usually has changes
    /// of its own to apply anyway; so the stored index is a base that small
    /// changes are applied to until they add up (BENCHMARKS.md).
    pub(super) fn persist_people(&self) {
        if let (Some(link), Some(people)) = (&self.cache, self.people.get())
            && (self.people_built.load(Ordering::Relaxed)
                || (self.people_updated.load(Ordering::Relaxed)
                    && people.articles_reread() * 100 > self.corpus.len()))
            && !self.people_saved.swap(true, Ordering::Relaxed)
        {
            link.store_people(people);
        }
    }
}

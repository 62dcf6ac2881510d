//! `newsgraph update`: articles into the store of a built folder, articles
//! out of it, and every export written again from the store.
//!
//! A stored article with the same content hash is skipped before
//! extraction; one with another hash has its mentions replaced. The graph
//! is then rebuilt from the stored mentions (no article is read or
//! extracted again), exports are staged, the transaction commits, and only
//! then are the exports renamed into place: a killed update leaves the
//! store and the exports as they were.

use std::{cell::Cell, io::Write, time::Duration, time::Instant};

use super::{Outcome, UpdateArgs, finish, prepare, progress::Progress};
use crate::{
    article::Article,
    collect::{Collector, DEFAULT_SORT_MEMORY},
    error::{Error, Result},
    export::{ExportOptions, Filter},
    graph::GraphOptions,
    mention::TripleMention,
    pipeline::{self, Extracted},
    store::{self, Store, content_hash},
};

/// Stores a batch of extracted articles with the mentions `filter` keeps,
/// handing those mentions to `collector` too when there is one (`build`).
pub(super) fn store_batch(
    st: &Store,
    mut collector: Option<&mut Collector<'_>>,
    filter: &Filter,
    batch: Vec<Extracted>,
) -> Result<()> {
    for x in batch {
        let kept: Vec<&TripleMention> = x
            .mentions
            .iter()
            .filter(|m| filter.keeps_mention(m))
            .collect();
        if let Some(c) = collector.as_deref_mut() {
            // The collector spills into the output folder.
            let out = st.path().parent().unwrap_or(st.path());
            for m in &kept {
                c.add(m).map_err(|e| Error::io(out, e))?;
            }
        }
        st.add_article(&x.article, &kept)?;
    }
    Ok(())
}

pub(super) fn run(a: UpdateArgs, err: &mut dyn Write) -> Result<Outcome> {
    let started = Instant::now();
    let dir = &a.dir;
    if !dir.is_dir() {
        return Err(Error::MissingInput(dir.clone()));
    }
    let wait = Duration::from_secs(a.wait);
    let _lock = store::lock_dir(dir, wait)?;
    let st = Store::open(dir, wait)?;
    let settings = st.settings()?;
    let input = a.input;
    let p = prepare(&input)?;
    let (mut removed, mut absent) = (0usize, Vec::new());
    for id in &a.remove {
        if st.remove_article(id)? {
            removed += 1;
        } else {
            absent.push(id.as_str());
        }
    }
    let (added, replaced, unchanged) = (Cell::new(0usize), Cell::new(0usize), Cell::new(0usize));
    let failed = Cell::new(None);
    let admit = |art: &Article| match st.stored_hash(&art.id) {
        Ok(Some(h)) if h == content_hash(art) => {
            unchanged.set(unchanged.get() + 1);
            false
        }
        Ok(old) => {
            if old.is_some() {
                if let Err(e) = st.remove_article(&art.id) {
                    failed.set(Some(e));
                    return false;
                }
                replaced.set(replaced.get() + 1);
            } else {
                added.set(added.get() + 1);
            }
            true
        }
        Err(e) => {
            failed.set(Some(e));
            false
        }
    };
    let progress = Progress::new(&p.files, !input.quiet);
    let summary = pipeline::run_articles(
        &p.files,
        &p.read,
        &p.lex,
        |s| progress.update(s),
        admit,
        |batch| match failed.take() {
            Some(e) => Err(e),
            None => store_batch(&st, None, &settings.filter, batch),
        },
    )?;
    progress.finish();
    if let Some(e) = failed.take() {
        return Err(e);
    }
    // The graph from every stored mention: a scan of the store, no article
    // read or extracted again.
    let opts = GraphOptions {
        modalities: settings.modalities.clone(),
    };
    let mut collector = Collector::new(dir, Some(&p.lex), &opts, DEFAULT_SORT_MEMORY);
    st.for_each_mention(|m| collector.add(&m).map_err(|e| Error::io(dir, e)))?;
    let (g, mut spilled) = collector.finish().map_err(|e| Error::io(dir, e))?;
    // The store's tables beside the exports; it commits after both.
    let (g, staged, st) = super::export::stage_filtered_with(
        dir,
        g,
        &mut spilled,
        &settings.filter,
        &ExportOptions {
            excel_bom: settings.excel,
        },
        move |g| st.write_graph(g).map(|()| st),
    )?;
    let (articles, mentions) = st.counts()?;
    st.commit()?;
    staged.persist()?;
    if !input.quiet {
        for id in &absent {
            let _ = writeln!(err, "not in the store, so not removed: {id}");
        }
        let _ = writeln!(
            err,
            "{} added, {} replaced, {} unchanged (same content hash), {removed} removed; \
             the store holds {articles} articles, {mentions} mentions; {} nodes, {} edges written to {}",
            added.get(),
            replaced.get(),
            unchanged.get(),
            g.graph.node_count(),
            g.graph.edge_count(),
            dir.display()
        );
    }
    if input.inputs.is_empty() {
        // Only removals: no article to read, nothing to report of reading.
        return Ok(Outcome::Ok);
    }
    finish(&input, &p, &summary, started, err)
}

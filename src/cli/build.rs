//! `newsgraph build`: extract, merge, write every export.
//!
//! Mentions are never all in memory: each batch goes into a
//! [`Collector`], which keeps the graph and spills the rows of
//! `triples.csv` and the citations of `graph.json` to sorted runs in the
//! output folder; the exports are then written from those runs. Each
//! article and its mentions also go into a new SQLite store
//! (`graph.sqlite`, [`crate::store`]), renamed into place with the
//! exports.

use std::{fs, io::Write, time::Duration, time::Instant};

use super::{BuildArgs, Outcome, finish, output_dir, prepare, progress::Progress};
use crate::{
    collect::Collector,
    error::{Error, Result},
    export::{ExportOptions, Staged},
    graph::GraphOptions,
    pipeline,
    store::{self, Settings, Store},
};

pub(super) fn run(a: BuildArgs, err: &mut dyn Write) -> Result<Outcome> {
    let p = prepare(&a.input)?;
    let filter = a.output.filter(&a.filter)?;
    let created = output_dir(&a.output.out)?;
    let lock = store::lock_dir(&a.output.out, Duration::from_secs(60))?;
    let st = Store::create(
        &a.output.out,
        &Settings {
            modalities: a.output.modalities.clone(),
            excel: a.output.excel,
            filter: filter.clone(),
        },
    )?;
    let started = Instant::now();
    let opts = GraphOptions {
        modalities: a.output.modalities.clone(),
    };
    let mut collector = Collector::new(
        &a.output.out,
        Some(&p.lex),
        &opts,
        a.output.sort_memory << 20,
    );
    let progress = Progress::new(&p.files, !a.input.quiet);
    let summary = pipeline::run_ahead(
        &p.files,
        &p.read,
        &p.lex,
        |s| progress.update(s),
        |batch| super::update::store_batch(&st, Some(&mut collector), &filter, batch),
    )?;
    progress.finish();
    if summary.articles == 0 {
        // Nothing read: the folder stays as it was (the spilled runs are
        // unnamed files, gone with the collector).
        drop(collector);
        drop(st);
        drop(lock);
        if created {
            let _ = fs::remove_dir(&a.output.out);
        }
        return finish(&a.input, &p, &summary, started, err);
    }
    let (g, mut spilled) = collector
        .finish()
        .map_err(|e| Error::io(&a.output.out, e))?;
    // The store's tables and its completion beside the exports.
    let (g, mut staged, store) = super::export::stage_filtered_with(
        &a.output.out,
        g,
        &mut spilled,
        &filter,
        &ExportOptions {
            excel_bom: a.output.excel,
        },
        move |g| {
            st.write_graph(g)?;
            let mut staged = Staged::default();
            st.stage(&mut staged)?;
            Ok(staged)
        },
    )?;
    staged.append(store);
    staged.persist()?;
    if !a.input.quiet {
        let _ = writeln!(
            err,
            "{} nodes, {} edges written to {}",
            g.graph.node_count(),
            g.graph.edge_count(),
            a.output.out.display()
        );
    }
    finish(&a.input, &p, &summary, started, err)
}

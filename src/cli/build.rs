//! `newsgraph build`: extract, merge, write every export.
//!
//! Mentions are never all in memory: each batch goes into a
//! [`Collector`], which keeps the graph and spills the rows of
//! `triples.csv` and the citations of `graph.json` to sorted runs in the
//! output folder; the exports are then written from those runs.

use std::{fs, io::Write, time::Instant};

use super::{BuildArgs, Outcome, finish, output_dir, prepare, progress::Progress};
use crate::{
    collect::Collector,
    error::{Error, Result},
    export::ExportOptions,
    graph::GraphOptions,
    pipeline,
};

pub(super) fn run(a: BuildArgs, err: &mut dyn Write) -> Result<Outcome> {
    let p = prepare(&a.input)?;
    let filter = a.output.filter(&a.filter)?;
    let created = output_dir(&a.output.out)?;
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
    let summary = pipeline::run_with(
        &p.files,
        &p.read,
        &p.lex,
        |s| progress.update(s),
        |batch| -> Result<()> {
            for m in batch.iter().filter(|m| filter.keeps_mention(m)) {
                collector.add(m).map_err(|e| Error::io(&a.output.out, e))?;
            }
            Ok(())
        },
    )?;
    progress.finish();
    if summary.articles == 0 {
        // Nothing read: the folder stays as it was (the spilled runs are
        // unnamed files, gone with the collector).
        drop(collector);
        if created {
            let _ = fs::remove_dir(&a.output.out);
        }
        return finish(&a.input, &p, &summary, started, err);
    }
    let (g, mut spilled) = collector
        .finish()
        .map_err(|e| Error::io(&a.output.out, e))?;
    let g = super::export::write_filtered(
        &a.output.out,
        g,
        &mut spilled,
        &filter,
        &ExportOptions {
            excel_bom: a.output.excel,
        },
    )?;
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

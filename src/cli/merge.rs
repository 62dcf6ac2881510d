//! `newsgraph merge`: the graph and every export from the `triples.csv`
//! files of many shards.
//!
//! Rows stream from the files into a [`Collector`], as extraction's do in
//! `build`, so shards larger than memory merge; and since the collector's
//! output depends only on the set of rows, merging the shards of a corpus
//! gives the files one `build` over the whole corpus gives.

use std::{fs, io::Write, time::Instant};

use super::{MergeArgs, Outcome};
use crate::{
    collect::Collector,
    error::{Error, Result},
    export::{self, ExportOptions, for_each_triple},
    graph::GraphOptions,
    lexicon::Lexicon,
    pipeline,
};

pub(super) fn run(a: MergeArgs, err: &mut dyn Write) -> Result<Outcome> {
    let started = Instant::now();
    for t in &a.triples {
        if !t.is_file() {
            return Err(Error::MissingInput(t.clone()));
        }
    }
    // Node labels and types come from the lexicon, as in `build`.
    let data = a.data.clone().unwrap_or_else(pipeline::default_data_dir);
    let lex = Lexicon::load(&data)?;
    fs::create_dir_all(&a.out).map_err(|e| Error::io(&a.out, e))?;
    let opts = GraphOptions {
        modalities: a.modalities.clone(),
    };
    let mut collector = Collector::new(&a.out, Some(&lex), &opts, a.sort_memory << 20);
    for t in &a.triples {
        for_each_triple(t, |m| collector.add(&m).map_err(|e| Error::io(&a.out, e)))?;
    }
    let rows = collector.mentions();
    let (g, mut spilled) = collector.finish().map_err(|e| Error::io(&a.out, e))?;
    export::write_all_from(
        &a.out,
        &g,
        &mut spilled,
        &ExportOptions { excel_bom: a.excel },
    )?;
    if !a.quiet {
        let _ = writeln!(
            err,
            "{rows} triples from {} file(s) in {:.2} s: {} nodes, {} edges written to {}",
            a.triples.len(),
            started.elapsed().as_secs_f64(),
            g.graph.node_count(),
            g.graph.edge_count(),
            a.out.display()
        );
    }
    Ok(Outcome::Ok)
}

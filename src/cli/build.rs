//! `newsgraph build`: extract, merge, write every export.

use std::{
    io::{self, IsTerminal, Write},
    time::Instant,
};

use super::{BuildArgs, Outcome, finish, prepare, progress_line};
use crate::{
    error::Result,
    export::{self, ExportOptions},
    extract::TripleMention,
    graph::{GraphOptions, KnowledgeGraph},
    pipeline,
};

pub(super) fn run(a: BuildArgs, err: &mut dyn Write) -> Result<Outcome> {
    let p = prepare(&a.input)?;
    let started = Instant::now();
    let tty = io::stderr().is_terminal() && !a.input.quiet;
    let mut mentions: Vec<TripleMention> = Vec::new();
    let summary = pipeline::run(
        &p.files,
        &p.lex,
        |s| {
            if tty {
                let _ = write!(err, "{}", progress_line(s, started));
            }
        },
        |batch| -> Result<()> {
            mentions.extend(batch);
            Ok(())
        },
    )?;
    if tty {
        let _ = writeln!(err);
    }
    let opts = GraphOptions { modalities: a.modalities.clone() };
    let g = KnowledgeGraph::build(&mentions, Some(&p.lex), &opts);
    export::write_all(&a.out, &g, &mentions, &ExportOptions { excel_bom: a.excel })?;
    if !a.input.quiet {
        let _ = writeln!(err, "{} nodes, {} edges written to {}", g.graph.node_count(), g.graph.edge_count(), a.out.display());
    }
    Ok(finish(&a.input, &summary, started, err))
}


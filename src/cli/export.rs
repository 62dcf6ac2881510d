//! `newsgraph export`: every export again from `triples.csv` files, with
//! filters; and the filtered writing that `build` shares.
//!
//! Rows stream from the files into a [`Collector`] as in `merge`, so the
//! files can be larger than memory; mention-level filters drop rows before
//! they reach it, graph-level ones narrow the finished graph
//! ([`Filter::apply`]).

use std::{io::Write, path::Path, time::Instant};

use super::{ExportArgs, FilterArgs, Outcome, OutputArgs};
use crate::{
    collect::Collector,
    data::DataSource,
    error::{Error, Result},
    export::{self, BehindEdges, ExportOptions, Filter, MentionSource, for_each_triple},
    graph::{GraphOptions, KnowledgeGraph},
    lexicon::Lexicon,
};

impl FilterArgs {
    /// The library's [`Filter`], after checks clap cannot make alone.
    ///
    /// # Errors
    ///
    /// [`Error::Usage`] when `--since` is after `--until`.
    pub fn filter(&self) -> Result<Filter> {
        if let (Some(s), Some(u)) = (&self.since, &self.until) {
            if s.as_str() > u.as_str() && !s.starts_with(u.as_str()) {
                return Err(Error::Usage(format!("--since {s} is after --until {u}")));
            }
        }
        Ok(Filter {
            min_weight: self.min_weight,
            min_confidence: 0.0,
            relations: self.relations.clone(),
            families: self.families.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            around: self.around.clone(),
            depth: self.depth,
        })
    }
}

impl OutputArgs {
    /// The filters of `f` with this output's `--min-confidence`.
    pub(super) fn filter(&self, f: &FilterArgs) -> Result<Filter> {
        Ok(Filter {
            min_confidence: self.min_confidence,
            ..f.filter()?
        })
    }
}

/// Narrows `g` with the graph-level filters and writes every export.
pub(super) fn write_filtered(
    out: &Path,
    g: KnowledgeGraph,
    mentions: &mut dyn MentionSource,
    filter: &Filter,
    opts: &ExportOptions,
) -> Result<KnowledgeGraph> {
    let (g, staged) = stage_filtered(out, g, mentions, filter, opts)?;
    staged.persist()?;
    Ok(g)
}

/// [`write_filtered`] without the renames: the exports in temporary files.
pub(super) fn stage_filtered(
    out: &Path,
    g: KnowledgeGraph,
    mentions: &mut dyn MentionSource,
    filter: &Filter,
    opts: &ExportOptions,
) -> Result<(KnowledgeGraph, export::Staged)> {
    let (g, staged, ()) = stage_filtered_with(out, g, mentions, filter, opts, |_| Ok(()))?;
    Ok((g, staged))
}

/// [`stage_filtered`], with `also` run on the narrowed graph on another
/// thread while the exports are written (the store's tables of the same
/// graph). An export's error comes first, then `also`'s.
pub(super) fn stage_filtered_with<T: Send>(
    out: &Path,
    g: KnowledgeGraph,
    mentions: &mut dyn MentionSource,
    filter: &Filter,
    opts: &ExportOptions,
    also: impl FnOnce(&KnowledgeGraph) -> Result<T> + Send,
) -> Result<(KnowledgeGraph, export::Staged, T)> {
    let g = filter.apply(g)?;
    let (staged, other) = std::thread::scope(|s| {
        let other = s.spawn(|| also(&g));
        let staged = if filter.is_graph_level() {
            export::stage_all(out, &g, &mut BehindEdges::new(mentions, &g), opts)
        } else {
            export::stage_all(out, &g, mentions, opts)
        };
        let other = other
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (staged, other)
    });
    let staged = staged?;
    Ok((g, staged, other?))
}

pub(super) fn run(a: ExportArgs, err: &mut dyn Write) -> Result<Outcome> {
    let started = Instant::now();
    for t in &a.triples {
        if !t.is_file() {
            return Err(Error::MissingInput(t.clone()));
        }
    }
    let filter = a.output.filter(&a.filter)?;
    let lex = if a.no_lexicon {
        None
    } else {
        Some(Lexicon::load_from(&DataSource::resolve(a.data.as_deref()))?)
    };
    super::output_dir(&a.output.out)?;
    let opts = GraphOptions {
        modalities: a.output.modalities.clone(),
    };
    let mut collector = Collector::new(
        &a.output.out,
        lex.as_ref(),
        &opts,
        a.output.sort_memory << 20,
    );
    let mut read = 0u64;
    for t in &a.triples {
        for_each_triple(t, |m| {
            read += 1;
            if filter.keeps_mention(&m) {
                collector.add(&m).map_err(|e| Error::io(&a.output.out, e))?;
            }
            Ok(())
        })?;
    }
    let kept = collector.mentions();
    let (g, mut spilled) = collector
        .finish()
        .map_err(|e| Error::io(&a.output.out, e))?;
    let g = write_filtered(
        &a.output.out,
        g,
        &mut spilled,
        &filter,
        &ExportOptions {
            excel_bom: a.output.excel,
        },
    )?;
    if !a.quiet {
        let _ = writeln!(
            err,
            "{read} triples from {} file(s), {kept} kept, in {:.2} s: {} nodes, {} edges written to {}",
            a.triples.len(),
            started.elapsed().as_secs_f64(),
            g.graph.node_count(),
            g.graph.edge_count(),
            a.output.out.display()
        );
    }
    Ok(Outcome::Ok)
}

//! `newsgraph merge`: the graph and every export from the `triples.csv`
//! files of many shards.
//!
//! It is `export` with no filter and the lexicon loaded: rows stream from
//! the files into a collector, as extraction's do in `build`, so shards
//! larger than memory merge; and since the collector's output depends only
//! on the set of rows, merging the shards of a corpus gives the files one
//! `build` over the whole corpus gives.

use std::io::Write;

use super::{ExportArgs, FilterArgs, MergeArgs, Outcome};
use crate::error::Result;

pub(super) fn run(a: MergeArgs, err: &mut dyn Write) -> Result<Outcome> {
    let filter = FilterArgs {
        min_weight: 1,
        depth: 1,
        ..FilterArgs::default()
    };
    super::export::run(
        ExportArgs {
            triples: a.triples,
            output: a.output,
            data: a.data,
            no_lexicon: false,
            quiet: a.quiet,
            filter,
        },
        err,
    )
}

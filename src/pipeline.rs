//! The run: inputs streamed through extraction on every core, in order.
//!
//! In: input files and the lexicon. Out: mentions handed to a sink batch by
//! batch in input order, and a [`Summary`] of what was read and skipped.
//!
//! What must hold: the order of mentions is the input order whatever the
//! number of threads (batches are extracted in parallel and handed on in
//! sequence), so every export is byte-identical across thread counts; only
//! one batch of articles is in memory at a time.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::{
    article::{Skip, for_each_article},
    extract::{TripleMention, extract},
    lexicon::Lexicon,
};

/// Articles extracted together; large enough to keep cores busy, small
/// enough to bound memory.
pub const BATCH: usize = 512;

/// What a run read.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// Articles extracted.
    pub articles: usize,
    /// Bytes of article text.
    pub bytes: u64,
    /// Mentions found (complete and partial).
    pub mentions: usize,
    /// Articles that could not be read.
    pub skipped: Vec<Skip>,
}

/// Streams every article of `files` through extraction.
///
/// `progress` is called after each batch with the running summary; `sink`
/// receives each batch's mentions in input order. An error from `sink`
/// stops the run.
pub fn run<E>(
    files: &[PathBuf],
    lex: &Lexicon,
    mut progress: impl FnMut(&Summary),
    mut sink: impl FnMut(Vec<TripleMention>) -> Result<(), E>,
) -> Result<Summary, E> {
    let mut summary = Summary::default();
    let mut batch = Vec::with_capacity(BATCH);
    let mut flush = |batch: &mut Vec<crate::article::Article>, summary: &mut Summary| -> Result<(), E> {
        let found: Vec<Vec<TripleMention>> = batch.par_iter().map(|a| extract(a, lex)).collect();
        summary.articles += batch.len();
        summary.bytes += batch.iter().map(|a| a.text.len() as u64).sum::<u64>();
        batch.clear();
        let all: Vec<TripleMention> = found.into_iter().flatten().collect();
        summary.mentions += all.len();
        sink(all)?;
        progress(summary);
        Ok(())
    };
    for_each_article(files, |item| {
        match item {
            Ok(a) => {
                batch.push(a);
                if batch.len() == BATCH {
                    flush(&mut batch, &mut summary)?;
                }
            }
            Err(s) => summary.skipped.push(s),
        }
        Ok(())
    })?;
    if !batch.is_empty() {
        flush(&mut batch, &mut summary)?;
    }
    Ok(summary)
}

/// Where the lexicons are when `--data` is not given: `$NEWSGRAPH_DATA`,
/// else `./data` if it holds a gazetteer, else the `data/` of the source
/// tree the binary was built from.
pub fn default_data_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("NEWSGRAPH_DATA") {
        return PathBuf::from(d);
    }
    let local = Path::new("data");
    if local.join("gazetteer").is_dir() {
        return local.to_path_buf();
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

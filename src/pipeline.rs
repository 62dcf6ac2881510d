//! The run: inputs streamed through extraction on every core, in order.
//!
//! In: input files and the lexicon. Out: mentions handed to a sink batch by
//! batch in input order, and a [`Summary`] of what was read and skipped.
//!
//! What must hold: the order of mentions is the input order whatever the
//! number of threads (batches are extracted in parallel and handed on in
//! sequence), so every export is byte-identical across thread counts; at
//! most three batches of articles are in memory at a time (one being read,
//! one waiting, one being extracted).
//!
//! Reading (decompression, JSON parsing) runs on its own thread, one batch
//! ahead of extraction, so the cores that extract never wait for input.

use std::{
    path::{Path, PathBuf},
    sync::mpsc,
    thread,
};

use rayon::prelude::*;

use crate::{
    article::{Article, ReadOptions, Skip, for_each_article_with},
    extract::extract,
    lexicon::Lexicon,
    mention::TripleMention,
};

/// Articles extracted together; large enough to keep cores busy, small
/// enough to bound memory.
pub const BATCH: usize = 512;

/// A batch is also handed on once its texts reach this many bytes, so a
/// corpus of very long articles keeps memory bounded too.
pub const BATCH_BYTES: usize = 16 << 20;

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
    /// Input files read to the end (for progress over many files).
    pub files_done: usize,
}

/// Streams every article of `files` through extraction.
///
/// `progress` is called after each batch with the running summary; `sink`
/// receives each batch's mentions in input order. An error from `sink`
/// stops the run.
pub fn run<E>(
    files: &[PathBuf],
    lex: &Lexicon,
    progress: impl FnMut(&Summary),
    sink: impl FnMut(Vec<TripleMention>) -> Result<(), E>,
) -> Result<Summary, E> {
    run_with(files, &ReadOptions::default(), lex, progress, sink)
}

/// What the reading thread hands on, in input order.
enum Read {
    Batch(Vec<Article>),
    Skip(Skip),
    FileDone,
}

/// [`run`], reading the inputs as `read` says (their encoding).
pub fn run_with<E>(
    files: &[PathBuf],
    read: &ReadOptions,
    lex: &Lexicon,
    progress: impl FnMut(&Summary),
    mut sink: impl FnMut(Vec<TripleMention>) -> Result<(), E>,
) -> Result<Summary, E> {
    run_articles(
        files,
        read,
        lex,
        progress,
        |_| true,
        |batch| sink(batch.into_iter().flat_map(|x| x.mentions).collect()),
    )
}

/// One article and what extraction found in it.
#[derive(Debug)]
pub struct Extracted {
    /// The article as read.
    pub article: Article,
    /// Its mentions, complete and partial, in extraction order.
    pub mentions: Vec<TripleMention>,
}

/// [`run_with`] for callers that need the articles too (the store):
/// `admit` is asked about each article, in input order and on the calling
/// thread, before it is extracted (an update passes over stored ones), and
/// `sink` receives each batch's articles with their mentions.
pub fn run_articles<E>(
    files: &[PathBuf],
    read: &ReadOptions,
    lex: &Lexicon,
    mut progress: impl FnMut(&Summary),
    mut admit: impl FnMut(&Article) -> bool,
    mut sink: impl FnMut(Vec<Extracted>) -> Result<(), E>,
) -> Result<Summary, E> {
    for_each_batch(files, read, |summary, mut batch| {
        batch.retain(|a| admit(a));
        // A bug on one article must not lose the run: a panic
        // while extracting it becomes a skip that names it.
        let found: Vec<std::result::Result<Vec<TripleMention>, Skip>> = batch
            .par_iter()
            .map(|a| {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extract(a, lex))).map_err(|_| Skip {
                    path: PathBuf::from(&a.id),
                    line: None,
                    reason: "internal error while extracting this article (a bug: please report it with the article); skipped".into(),
                })
            })
            .collect();
        let done: Vec<Extracted> = batch
            .into_iter()
            .zip(found)
            .filter_map(|(article, r)| match r {
                Ok(mentions) => Some(Extracted { article, mentions }),
                Err(s) => {
                    summary.skipped.push(s);
                    None
                }
            })
            .collect();
        summary.mentions += done.iter().map(|x| x.mentions.len()).sum::<usize>();
        sink(done)?;
        progress(summary);
        Ok(())
    })
}

/// Reads every article of `files` as a run reads them (decoded as `read`
/// says, on a reader thread, one batch ahead) and hands each batch to `f`
/// with the running summary, whose articles, bytes, skips and files are
/// counted here. An error from `f` stops the reading and is returned.
///
/// [`run_articles`] extracts the batches; `newsgraph explain` reads through
/// this too, so both read the same inputs the same way.
pub fn for_each_batch<E>(
    files: &[PathBuf],
    read: &ReadOptions,
    mut f: impl FnMut(&mut Summary, Vec<Article>) -> Result<(), E>,
) -> Result<Summary, E> {
    let mut summary = Summary::default();
    // One batch may wait while one is used and the next is read.
    let (tx, rx) = mpsc::sync_channel::<Read>(1);
    thread::scope(|scope| {
        scope.spawn(move || read_batches(files, read, tx));
        for msg in rx {
            match msg {
                Read::Skip(s) => summary.skipped.push(s),
                Read::FileDone => summary.files_done += 1,
                Read::Batch(batch) => {
                    summary.articles += batch.len();
                    summary.bytes += batch.iter().map(|a| a.text.len() as u64).sum::<u64>();
                    // Returning drops the receiver, which stops the reader.
                    f(&mut summary, batch)?;
                }
            }
        }
        Ok(summary)
    })
}

/// Reads `files` into batches on the calling thread; stops when the
/// receiver is gone.
fn read_batches(files: &[PathBuf], read: &ReadOptions, tx: mpsc::SyncSender<Read>) {
    let mut batch = Vec::with_capacity(BATCH);
    let mut bytes = 0;
    for file in files {
        let sent = for_each_article_with(std::slice::from_ref(file), read, |item| match item {
            Ok(a) => {
                bytes += a.text.len();
                batch.push(a);
                if batch.len() == BATCH || bytes >= BATCH_BYTES {
                    bytes = 0;
                    tx.send(Read::Batch(std::mem::replace(
                        &mut batch,
                        Vec::with_capacity(BATCH),
                    )))
                } else {
                    Ok(())
                }
            }
            Err(s) => tx.send(Read::Skip(s)),
        })
        .and_then(|()| tx.send(Read::FileDone));
        if sent.is_err() {
            return;
        }
    }
    if !batch.is_empty() {
        let _ = tx.send(Read::Batch(batch));
    }
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

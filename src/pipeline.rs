//! The run: inputs streamed through extraction on every core, in order.
//!
//! In: input files and the lexicon. Out: mentions handed to a sink batch by
//! batch in input order, and a [`Summary`] of what was read and skipped.
//!
//! What must hold: the order of mentions is the input order whatever the
//! number of threads (batches are extracted in parallel and handed on in
//! sequence), so every export is byte-identical across thread counts; at
//! most four batches of articles are in memory at a time (one being read,
//! one waiting, one being extracted, one being sunk).
//!
//! Reading (decompression, JSON parsing) runs on its own thread, one batch
//! ahead of extraction, so the cores that extract never wait for input;
//! with [`run_ahead`], the sink of a batch (the store, the collector) runs
//! while the next batch is extracted, so they do not wait for the sink
//! either.

use std::{
    collections::VecDeque,
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
    run_ahead(files, read, lex, progress, |batch| {
        sink(batch.into_iter().flat_map(|x| x.mentions).collect())
    })
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
///
/// A batch is admitted only once the batch before it has been sunk, so
/// `admit` sees the effect of every earlier article (an update that reads
/// an article id twice replaces the first). Nothing overlaps the sink;
/// [`run_ahead`] is for callers that admit every article.
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
        let done = extract_batch(batch, lex, summary);
        sink(done)?;
        progress(summary);
        Ok(())
    })
}

/// [`run_articles`] admitting every article, with the sink of one batch
/// overlapping the extraction of the next: each batch is queued on the
/// thread pool as soon as it is read, and `sink` runs on the calling thread
/// while the pool extracts the batch after the one sunk, so the cores do
/// not idle while a batch is stored, nor at the end of a batch while its
/// last articles are extracted. Batches reach `sink` in input order, as in
/// [`run_articles`].
pub fn run_ahead<E>(
    files: &[PathBuf],
    read: &ReadOptions,
    lex: &Lexicon,
    mut progress: impl FnMut(&Summary),
    mut sink: impl FnMut(Vec<Extracted>) -> Result<(), E>,
) -> Result<Summary, E> {
    type Job = mpsc::Receiver<(Vec<Extracted>, Vec<Skip>)>;
    // Waits for the oldest batch queued and sinks it.
    let mut sink_oldest = |queued: &mut VecDeque<Job>, summary: &mut Summary| -> Result<(), E> {
        let Some(job) = queued.pop_front() else {
            return Ok(());
        };
        // The job sends its batch, or panics and the scope raises that.
        let (done, mut skipped) = job.recv().expect("an extraction job sends its batch");
        summary.skipped.append(&mut skipped);
        summary.mentions += done.iter().map(|x| x.mentions.len()).sum::<usize>();
        sink(done)?;
        progress(summary);
        Ok(())
    };
    rayon::in_place_scope(|s| {
        // Batches queued on the pool, oldest first: at most two.
        let mut queued: VecDeque<Job> = VecDeque::with_capacity(2);
        let mut summary = for_each_batch(files, read, |summary, batch| {
            let (tx, rx) = mpsc::sync_channel(1);
            s.spawn(move |_| {
                let mut skipped = Vec::new();
                let done = extract_articles(batch, lex, &mut skipped);
                let _ = tx.send((done, skipped));
            });
            queued.push_back(rx);
            if queued.len() > 1 {
                sink_oldest(&mut queued, summary)?;
            }
            Ok(())
        })?;
        while !queued.is_empty() {
            sink_oldest(&mut queued, &mut summary)?;
        }
        Ok(summary)
    })
}

/// Extracts `batch` on every core, counting its mentions into `summary`
/// and an article whose extraction panicked as a skip.
fn extract_batch(batch: Vec<Article>, lex: &Lexicon, summary: &mut Summary) -> Vec<Extracted> {
    let done = extract_articles(batch, lex, &mut summary.skipped);
    summary.mentions += done.iter().map(|x| x.mentions.len()).sum::<usize>();
    done
}

/// Extracts `batch` on every core, in order; an article whose extraction
/// panicked is left out and pushed to `skipped`.
fn extract_articles(batch: Vec<Article>, lex: &Lexicon, skipped: &mut Vec<Skip>) -> Vec<Extracted> {
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
    batch
        .into_iter()
        .zip(found)
        .filter_map(|(article, r)| match r {
            Ok(mentions) => Some(Extracted { article, mentions }),
            Err(s) => {
                skipped.push(s);
                None
            }
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Batches as a sink sees them: each article's id and its mentions'
    /// triples.
    type Seen = Vec<Vec<(String, Vec<(String, String, String)>)>>;

    fn seen(batch: Vec<Extracted>, out: &mut Seen) {
        out.push(
            batch
                .into_iter()
                .map(|x| {
                    let ms = x
                        .mentions
                        .iter()
                        .map(|m| {
                            (
                                m.subject.clone(),
                                m.relation.as_str().into(),
                                m.object.clone(),
                            )
                        })
                        .collect();
                    (x.article.id, ms)
                })
                .collect(),
        );
    }

    #[test]
    fn extracting_ahead_sinks_the_same_batches_in_input_order() {
        let lex = Lexicon::from_strs(
            "id\ttype\tlabel_ar\tlabel_en\tcountry\tcode\tnames\tnisbas\tmetonyms\n\
             iran\tstate\tإيران\tIran\tiran\tIRN\tإيران\tإيراني\tطهران\n\
             israel\tstate\tإسرائيل\tIsrael\tisrael\tISR\tإسرائيل\tإسرائيلي\t\n",
            "",
            "",
            "assault\tactive\tstem\tقصف\n",
            "",
        )
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("a.jsonl");
        // Three batches and a bit, some articles with a triple.
        let n = BATCH * 3 + 7;
        let lines: Vec<String> = (0..n)
            .map(|i| {
                let text = if i % 3 == 0 {
                    "قصفت إيران إسرائيل أمس."
                } else {
                    "خبر بلا حدث."
                };
                serde_json::json!({"id": format!("a{i}"), "text": text}).to_string()
            })
            .collect();
        std::fs::write(&input, lines.join("\n")).unwrap();
        let files = [input];
        let (mut plain, mut ahead) = (Seen::new(), Seen::new());
        let a = run_articles(
            &files,
            &ReadOptions::default(),
            &lex,
            |_| {},
            |_| true,
            |b| -> Result<(), ()> {
                seen(b, &mut plain);
                Ok(())
            },
        )
        .unwrap();
        let b = run_ahead(
            &files,
            &ReadOptions::default(),
            &lex,
            |_| {},
            |b| -> Result<(), ()> {
                seen(b, &mut ahead);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(plain.len(), 4);
        assert_eq!(plain, ahead);
        let ids: Vec<&str> = ahead.iter().flatten().map(|(id, _)| id.as_str()).collect();
        let want: Vec<String> = (0..n).map(|i| format!("a{i}")).collect();
        assert_eq!(ids, want.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(a.mentions > 0 && a.mentions == b.mentions && a.articles == n);
        // A sink's error stops the run.
        let mut calls = 0;
        let e = run_ahead(
            &files,
            &ReadOptions::default(),
            &lex,
            |_| {},
            |_| {
                calls += 1;
                Err("full")
            },
        );
        assert_eq!((e.unwrap_err(), calls), ("full", 1));
    }
}

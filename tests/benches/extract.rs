//! Criterion benchmarks of the extraction stages, per MB of Arabic text:
//! normalization, gazetteer matching (`scan::items` over tokens), and whole
//! extraction (sentences, matching, rules, citations).
//!
//! Texts: `data/articles/*.txt`, and when the shared corpus is present
//! (`../shared/corpus/saudinewsnet.jsonl.gz`, or `$NEWSGRAPH_BENCH_SAMPLE`),
//! its first 300 articles read in place; no corpus is ever copied into the
//! repository.
//!
//! ```text
//! cargo bench --bench extract
//! ```

// criterion_group! defines a function that cannot carry a doc comment.
#![allow(missing_docs)]

use std::{hint::black_box, path::PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsgraph::{
    article::{Article, for_each_article, input_files},
    extract::{extract, scan},
    lexicon::Lexicon,
    normalize::normalize,
    pipeline::default_data_dir,
};

const SAMPLE_ARTICLES: usize = 300;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(inputs: &[PathBuf], limit: usize) -> Vec<Article> {
    let files = input_files(inputs).expect("bench inputs exist");
    let mut out = Vec::new();
    // Stop reading once there are enough articles.
    let _ = for_each_article(&files, |item| {
        if let Ok(a) = item {
            out.push(a);
        }
        if out.len() >= limit { Err(()) } else { Ok(()) }
    });
    out
}

fn corpora() -> Vec<(&'static str, Vec<Article>)> {
    let mut out = vec![("samples", read(&[root().join("data/articles")], usize::MAX))];
    let sample = std::env::var_os("NEWSGRAPH_BENCH_SAMPLE")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/corpus/saudinewsnet.jsonl.gz"));
    if sample.is_file() {
        out.push(("snn300", read(&[sample], SAMPLE_ARTICLES)));
    } else {
        eprintln!(
            "{}: absent; benchmarking data/articles only",
            sample.display()
        );
    }
    out
}

fn stages(c: &mut Criterion) {
    let lex = Lexicon::load(&default_data_dir()).expect("lexicons load");
    for (name, articles) in corpora() {
        let bytes: u64 = articles.iter().map(|a| a.text.len() as u64).sum();
        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Bytes(bytes));
        g.sample_size(10);

        g.bench_function("normalize", |b| {
            b.iter(|| {
                for a in &articles {
                    black_box(normalize(black_box(&a.text)));
                }
            })
        });

        // Matching alone: the text is normalized and tokenized beforehand.
        let prepared: Vec<(_, Vec<Vec<scan::Token>>)> = articles
            .iter()
            .map(|a| {
                let n = normalize(&a.text);
                let toks = scan::sentences(&n.text)
                    .into_iter()
                    .map(|r| scan::tokens(&n.text, r))
                    .collect();
                (n, toks)
            })
            .collect();
        g.bench_function("gazetteer_items", |b| {
            b.iter(|| {
                for (text, sentences) in &prepared {
                    for toks in sentences {
                        black_box(scan::items(text, toks, &lex));
                    }
                }
            })
        });

        g.bench_function("sentences_and_tokens", |b| {
            b.iter(|| {
                for (norm, _) in &prepared {
                    for r in scan::sentences(&norm.text) {
                        black_box(scan::tokens(&norm.text, r));
                    }
                }
            })
        });

        g.bench_function("extract", |b| {
            b.iter(|| {
                for a in &articles {
                    black_box(extract(black_box(a), &lex));
                }
            })
        });
        g.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);

//! Criterion benchmark of what follows extraction: collecting mentions into
//! the graph and the sorted runs, and writing every export from them, per
//! thousand mentions (generated, so the figure does not move with the
//! rules).
//!
//! ```text
//! cargo bench --bench collect
//! ```

// criterion_group! defines a function that cannot carry a doc comment.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsgraph::{
    collect::Collector,
    export::{ExportOptions, write_all_from},
    graph::GraphOptions,
    mention::TripleMention,
    schema::{Modality, Relation},
};

const IDS: &[&str] = &[
    "iran",
    "israel",
    "russia",
    "turkey",
    "armenia",
    "azerbaijan",
    "united_states",
    "saudi_arabia",
    "yemen",
    "syria",
];
const RELS: &[Relation] = &[
    Relation::Accuse,
    Relation::Consult,
    Relation::Support,
    Relation::Assault,
    Relation::Agree,
];

fn mentions(n: usize) -> Vec<TripleMention> {
    (0..n)
        .map(|i| {
            let s = IDS[i % IDS.len()];
            let o = IDS[(i / 3 + 1 + i % 7) % IDS.len()];
            TripleMention {
                article: format!("art-{:07}", i / 3),
                sentence: i % 3,
                start: 100 * (i % 3),
                end: 100 * (i % 3) + 90,
                char_start: 50 * (i % 3),
                char_end: 50 * (i % 3) + 45,
                subject: s.into(),
                relation: RELS[i % RELS.len()],
                object: o.into(),
                modality: if i % 11 == 0 { Modality::Reported } else { Modality::Asserted },
                cue: "اتهمت".into(),
                evidence: "اتهمت طهران إسرائيل بالوقوف وراء الهجوم على المنشأة النووية في نطنز، وقالت إنها سترد.".into(),
                complete: true,
                subject_label: s.into(),
                subject_type: "state".into(),
                object_label: o.into(),
                object_type: "state".into(),
                date: format!("2018-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                rule: String::new(),
                confidence: 1.0,
                subject_span: None,
                cue_span: None,
                object_span: None,
                source: String::new(),
                url: String::new(),
            }
        })
        .collect()
}

fn collect(c: &mut Criterion) {
    let ms = mentions(20_000);
    let mut g = c.benchmark_group("collect");
    g.throughput(Throughput::Elements(ms.len() as u64));
    g.sample_size(10);
    g.bench_function("collect_and_write_all", |b| {
        b.iter(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let mut col = Collector::new(dir.path(), None, &GraphOptions::default(), 8 << 20);
            for m in &ms {
                col.add(m).expect("spill");
            }
            let (graph, mut spilled) = col.finish().expect("finish");
            black_box(
                write_all_from(dir.path(), &graph, &mut spilled, &ExportOptions::default())
                    .expect("exports"),
            );
        })
    });
    g.finish();
}

criterion_group!(benches, collect);
criterion_main!(benches);

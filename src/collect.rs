//! Collecting a run's mentions with bounded memory: the graph stays in
//! memory, every `triples.csv` row and every edge citation goes to disk.
//!
//! In: [`TripleMention`]s one at a time, from extraction (`build`) or read
//! back from `triples.csv` files (`merge`). Out: the finished
//! [`KnowledgeGraph`] and a [`Spilled`] source that streams `triples.csv`
//! and the citations of `graph.json` in order.
//!
//! What must hold:
//! - memory is the graph plus a fixed sort buffer, whatever the number of
//!   articles: rows are appended to sorted runs in temporary files in the
//!   output folder as they arrive and merged when the exports are written;
//! - the output depends only on the set of mentions added, not on their
//!   order, the thread count or how the corpus was sharded, because rows are
//!   sorted by a total order (sort key, then the row's bytes) and the graph
//!   merges by id. This is what makes `merge` of shards give the files of
//!   one `build`.
//!
//! Why spill rather than keep citations compactly in memory: a compact
//! citation (article index, offsets, a file position for its sentence) is
//! still tens of bytes, so memory would grow with the corpus; sorted runs
//! keep it flat, and writing `graph.json` becomes one sequential read.

use std::{io, path::Path};

use crate::{
    export::{Citations, EdgeCitation, ExportOptions, MentionSource, write_triples_csv},
    extsort::{Key, KeyReader, Merged, Sorter},
    graph::{Citation, GraphOptions, KnowledgeGraph},
    lexicon::Lexicon,
    mention::TripleMention,
    schema::{Modality, Relation},
    span::Span,
};

/// Sort buffer of a run unless told otherwise: with the graph and the
/// batch in flight, peak memory stays well under 300 MB.
pub const DEFAULT_SORT_MEMORY: usize = 64 << 20;

/// Builds the graph and spills rows as mentions arrive.
#[derive(Debug)]
pub struct Collector<'l> {
    graph: KnowledgeGraph,
    lex: Option<&'l Lexicon>,
    opts: GraphOptions,
    triples: Sorter,
    citations: Sorter,
    row: csv::Writer<Vec<u8>>,
    key: Key,
}

fn row_writer() -> csv::Writer<Vec<u8>> {
    // The same writer settings as `write_triples_csv`, without the header.
    csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::with_capacity(1 << 16))
}

impl<'l> Collector<'l> {
    /// A collector that spills into `dir` (which must exist) and keeps about
    /// `memory` bytes of rows in memory.
    pub fn new(
        dir: &Path,
        lex: Option<&'l Lexicon>,
        opts: &GraphOptions,
        memory: usize,
    ) -> Collector<'l> {
        // Rows hold every mention, citations only those that make edges.
        let rows = memory / 8 * 5;
        Collector {
            graph: KnowledgeGraph::default(),
            lex,
            opts: opts.clone(),
            triples: Sorter::new(dir, rows),
            citations: Sorter::new(dir, memory - rows),
            row: row_writer(),
            key: Key::default(),
        }
    }

    /// Adds one mention.
    ///
    /// # Errors
    ///
    /// Writing a run to the output folder failed.
    pub fn add(&mut self, m: &TripleMention) -> io::Result<()> {
        let start = self.row.get_ref().len();
        self.row.serialize(m).map_err(csv_err)?;
        self.row.flush()?;
        let k = self
            .key
            .clear()
            .str(&m.article)
            .u64(m.sentence as u64)
            .str(&m.subject)
            .str(m.relation.as_str())
            .str(&m.object)
            .str(m.modality.as_str());
        self.triples.push(&k.bytes, &self.row.get_ref()[start..])?;
        if self.row.get_ref().len() > 1 << 20 {
            self.row = row_writer();
        }
        self.graph.add(m, self.lex, &self.opts);
        if let Some((s, r, o)) = self.opts.edge_key(m) {
            let k = self
                .key
                .clear()
                .str(s)
                .str(r.as_str())
                .str(o)
                .str(&m.article)
                .u64(m.sentence as u64)
                .u64(m.start as u64)
                .u64(m.end as u64)
                .u64(m.char_start as u64)
                .u64(m.char_end as u64)
                // Citation's Ord compares modalities in declaration order.
                .u8(m.modality as u8)
                .str(m.modality.as_str())
                .str(&m.cue)
                .str(&m.evidence)
                .str(&m.date);
            // None before every span, as Option's Ord has it.
            for sp in [m.subject_span, m.cue_span, m.object_span] {
                let (a, b) = sp.map_or((0, 0), |sp| (sp.start as u64 + 1, sp.end as u64));
                k.u64(a).u64(b);
            }
            k.str(&m.source).str(&m.url);
            self.citations.push(&k.bytes, &[])?;
        }
        Ok(())
    }

    /// Mentions added so far.
    pub fn mentions(&self) -> u64 {
        self.triples.len()
    }

    /// The graph so far (article lists not yet in order).
    pub fn graph(&self) -> &KnowledgeGraph {
        &self.graph
    }

    /// Finishes the graph and the runs.
    ///
    /// # Errors
    ///
    /// Writing the last run failed.
    pub fn finish(mut self) -> io::Result<(KnowledgeGraph, Spilled)> {
        self.graph.finish();
        let spilled = Spilled {
            triples: Some(self.triples.finish()?),
            citations: Some(self.citations.finish()?),
        };
        Ok((self.graph, spilled))
    }
}

fn csv_err(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// A run's mentions on disk, sorted; read once by the exports.
#[derive(Debug)]
pub struct Spilled {
    triples: Option<Merged>,
    citations: Option<Merged>,
}

fn read_twice() -> io::Error {
    io::Error::other("spilled mentions can be read only once")
}

impl MentionSource for Spilled {
    fn write_triples(&mut self, w: &mut dyn Write, opts: &ExportOptions) -> io::Result<()> {
        let mut rows = self.triples.take().ok_or_else(read_twice)?;
        // The header (and byte-order mark) exactly as the in-memory writer
        // puts them.
        write_triples_csv(&mut *w, &[], opts)?;
        while let Some((_, row)) = rows.next_record()? {
            w.write_all(row)?;
        }
        Ok(())
    }

    fn citations(&mut self, _: &KnowledgeGraph) -> io::Result<Citations<'_>> {
        // graph.json and graph.html both list the citations: read them again
        // from the start each time.
        let recs = self.citations.as_mut().ok_or_else(read_twice)?;
        recs.rewind()?;
        Ok(Box::new(std::iter::from_fn(move || {
            match recs.next_record() {
                Ok(Some((k, _))) => Some(decode_citation(k)),
                Ok(None) => None,
                Err(e) => Some(Err(e)),
            }
        })))
    }
}

use std::io::Write;

fn decode_citation(k: &[u8]) -> io::Result<EdgeCitation> {
    let bad = |e: String| io::Error::new(io::ErrorKind::InvalidData, e);
    let mut r = KeyReader::new(k);
    let source = r.str()?;
    let relation: Relation = r.str()?.parse().map_err(bad)?;
    let target = r.str()?;
    let article = r.str()?;
    let [sentence, start, end, char_start, char_end] =
        [r.u64()?, r.u64()?, r.u64()?, r.u64()?, r.u64()?].map(|n| n as usize);
    r.u8()?;
    let modality: Modality = r.str()?.parse().map_err(bad)?;
    let (cue, evidence, date) = (r.str()?, r.str()?, r.str()?);
    let mut span = || -> io::Result<Option<Span>> {
        let (a, b) = (r.u64()? as usize, r.u64()? as usize);
        Ok((a > 0).then(|| Span {
            start: a - 1,
            end: b,
        }))
    };
    let (subject_span, cue_span, object_span) = (span()?, span()?, span()?);
    let (article_source, url) = (r.str()?, r.str()?);
    Ok(EdgeCitation {
        source,
        relation,
        target,
        citation: Citation {
            article,
            sentence,
            start,
            end,
            char_start,
            char_end,
            modality,
            cue,
            evidence,
            date,
            subject_span,
            cue_span,
            object_span,
            source: article_source,
            url,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::write_json;

    fn m(
        article: &str,
        sentence: usize,
        s: &str,
        r: Relation,
        o: &str,
        modality: Modality,
        cue: &str,
    ) -> TripleMention {
        TripleMention {
            article: article.into(),
            sentence,
            start: sentence * 10,
            end: sentence * 10 + 5,
            char_start: sentence * 5,
            char_end: sentence * 5 + 3,
            subject: s.into(),
            relation: r,
            object: o.into(),
            modality,
            cue: cue.into(),
            evidence: format!("جملة {sentence}, \"مقتبسة\"\nسطر"),
            complete: !s.is_empty() && !o.is_empty(),
            subject_label: format!("{s}_ar"),
            subject_type: "state".into(),
            object_label: format!("{o}_ar"),
            object_type: "state".into(),
            date: format!("2018-0{}-01", 1 + sentence % 9),
            ..crate::mention::tests::sample("")
        }
    }

    fn sample() -> Vec<TripleMention> {
        use Modality::*;
        use Relation::*;
        let mut v = Vec::new();
        for i in 0..300usize {
            let a = format!("a{:03}", (i * 37) % 101);
            v.push(m(
                &a,
                i % 7,
                "turkey",
                Accuse,
                "russia",
                if i % 5 == 0 { Reported } else { Asserted },
                "اتهم",
            ));
            v.push(m(&a, i % 7, "russia", Consult, "armenia", Asserted, "بحث"));
            v.push(m(
                &a,
                i % 3,
                "armenia",
                Consult,
                "russia",
                Hypothetical,
                "قد",
            ));
            v.push(m(&a, i % 4, "", Assault, "armenia", Asserted, "قصف"));
        }
        v
    }

    fn exports(ms: &[TripleMention], memory: usize) -> (Vec<u8>, Vec<u8>) {
        let dir = tempfile::tempdir().unwrap();
        let mut c = Collector::new(dir.path(), None, &GraphOptions::default(), memory);
        for x in ms {
            c.add(x).unwrap();
        }
        let (g, mut sp) = c.finish().unwrap();
        let (mut t, mut j) = (Vec::new(), Vec::new());
        sp.write_triples(&mut t, &ExportOptions::default()).unwrap();
        write_json(&mut j, &g, &mut sp).unwrap();
        (t, j)
    }

    #[test]
    fn spilled_exports_match_in_memory_ones() {
        let ms = sample();
        let g = KnowledgeGraph::build(&ms, None, &GraphOptions::default());
        let (mut t, mut j) = (Vec::new(), Vec::new());
        write_triples_csv(&mut t, &ms, &ExportOptions::default()).unwrap();
        write_json(&mut j, &g, &mut &ms[..]).unwrap();
        for memory in [2 << 10, 64 << 20] {
            let (t2, j2) = exports(&ms, memory);
            assert_eq!(
                String::from_utf8(t2).unwrap(),
                String::from_utf8(t.clone()).unwrap(),
                "memory {memory}"
            );
            assert_eq!(
                String::from_utf8(j2).unwrap(),
                String::from_utf8(j.clone()).unwrap(),
                "memory {memory}"
            );
        }
    }

    #[test]
    fn order_and_sharding_do_not_matter() {
        let ms = sample();
        let want = exports(&ms, 4 << 10);
        let mut rev = ms.clone();
        rev.reverse();
        assert_eq!(exports(&rev, 4 << 10), want);
        let (a, b) = ms.split_at(ms.len() / 3);
        let shuffled: Vec<TripleMention> = b.iter().chain(a).cloned().collect();
        assert_eq!(exports(&shuffled, 1 << 30), want);
    }

    #[test]
    fn json_lists_every_citation_once() {
        let ms = sample();
        let (_, j) = exports(&ms, 4 << 10);
        let v: serde_json::Value = serde_json::from_slice(&j).unwrap();
        let total: usize = v["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["citations"].as_array().unwrap().len())
            .sum();
        let weights: u64 = v["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["weight"].as_u64().unwrap())
            .sum();
        assert_eq!(total as u64, weights);
        assert_eq!(
            total,
            ms.iter()
                .filter(|m| GraphOptions::default().edge_key(m).is_some())
                .count()
        );
    }
}

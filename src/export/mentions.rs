//! Where the per-mention files get their rows: `triples.csv`, and the
//! citations that `graph.json` lists under each edge.
//!
//! In: a [`MentionSource`]: mentions in memory (a slice), or a run's
//! mentions spilled to sorted files ([`crate::collect::Spilled`]). Out:
//! `triples.csv` and `graph.json` written as streams.
//!
//! What must hold: `graph.json` is written from a stream of citations
//! grouped by edge in [`KnowledgeGraph::edges`] order, each group sorted as
//! [`Citation`]'s `Ord`; an edge never holds its citations in memory, so the
//! file can list millions of them.

use std::{
    cell::RefCell,
    io::{self, Write},
    iter::Peekable,
};

use serde::{
    Serialize, Serializer,
    ser::{Error as _, SerializeSeq, SerializeStruct},
};

use super::{ExportOptions, write_triples_csv};
use crate::{
    graph::{Citation, Edge, KnowledgeGraph, Node},
    mention::{TripleMention, round_confidence},
    schema::Relation,
};

/// One citation of one edge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EdgeCitation {
    /// The edge's subject id.
    pub source: String,
    /// The edge's relation.
    pub relation: Relation,
    /// The edge's object id.
    pub target: String,
    /// The citation.
    pub citation: Citation,
}

impl EdgeCitation {
    fn edge(&self) -> (&str, &str, &str) {
        (&self.source, self.relation.as_str(), &self.target)
    }
}

/// Citations in edge order (source, relation name, target), each edge's
/// sorted.
pub type Citations<'a> = Box<dyn Iterator<Item = io::Result<EdgeCitation>> + 'a>;

/// The mentions behind a graph, as the files that list them need them.
///
/// `triples.csv` may be written once only (a spilled run streams it from
/// disk); citations may be read again.
pub trait MentionSource {
    /// Writes `triples.csv`: every mention, sorted by article, sentence and
    /// triple.
    ///
    /// # Errors
    ///
    /// Writing failed, or the source was already read.
    fn write_triples(&mut self, w: &mut dyn Write, opts: &ExportOptions) -> io::Result<()>;

    /// Every citation of an edge of a graph built from these mentions with
    /// `g`'s options, in edge order. Citations of edges that `g` lacks (a
    /// filtered graph) may be included; writers skip them. Each call starts
    /// from the first citation (`graph.json` and `graph.html` both read
    /// them).
    ///
    /// # Errors
    ///
    /// Reading a spilled run failed, or the source was already read.
    fn citations(&mut self, g: &KnowledgeGraph) -> io::Result<Citations<'_>>;
}

impl MentionSource for &[TripleMention] {
    fn write_triples(&mut self, w: &mut dyn Write, opts: &ExportOptions) -> io::Result<()> {
        write_triples_csv(w, self, opts)
    }

    fn citations(&mut self, g: &KnowledgeGraph) -> io::Result<Citations<'_>> {
        let opts = g.options();
        let mut v: Vec<EdgeCitation> = self
            .iter()
            .filter_map(|m| {
                let (s, relation, o) = opts.edge_key(m)?;
                Some(EdgeCitation {
                    source: s.to_string(),
                    relation,
                    target: o.to_string(),
                    citation: Citation::of(m),
                })
            })
            .collect();
        v.sort_by(|a, b| (a.edge(), &a.citation).cmp(&(b.edge(), &b.citation)));
        Ok(Box::new(v.into_iter().map(Ok)))
    }
}

/// The whole graph with every citation, for programs: `{"nodes": [...],
/// "edges": [...]}`, each edge with its `citations`.
///
/// # Errors
///
/// Writing failed, or reading the citations did.
pub fn write_json<W: Write>(
    mut w: W,
    g: &KnowledgeGraph,
    mentions: &mut dyn MentionSource,
) -> io::Result<()> {
    let cites = RefCell::new(mentions.citations(g)?.peekable());
    let doc = Doc {
        nodes: g.nodes(),
        edges: Edges {
            edges: g.edges(),
            cites: &cites,
        },
    };
    serde_json::to_writer_pretty(&mut w, &doc)?;
    w.write_all(b"\n")
}

#[derive(Serialize)]
struct Doc<'a, 'c> {
    nodes: Vec<&'a Node>,
    edges: Edges<'a, 'c>,
}

type Cursor<'c> = RefCell<Peekable<Citations<'c>>>;

struct Edges<'a, 'c> {
    edges: Vec<&'a Edge>,
    cites: &'a Cursor<'c>,
}

impl Serialize for Edges<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.edges.iter().map(|e| EdgeJson {
            e,
            cites: self.cites,
        }))
    }
}

struct EdgeJson<'a, 'c> {
    e: &'a Edge,
    cites: &'a Cursor<'c>,
}

impl Serialize for EdgeJson<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.e;
        let mut st = s.serialize_struct("Edge", 8)?;
        st.serialize_field("source", &e.source)?;
        st.serialize_field("target", &e.target)?;
        st.serialize_field("relation", &e.relation)?;
        st.serialize_field("weight", &e.weight)?;
        st.serialize_field("articles", &e.articles)?;
        st.serialize_field("modalities", &e.modalities)?;
        st.serialize_field("confidence", &round_confidence(e.confidence()))?;
        st.serialize_field(
            "citations",
            &EdgeCitations {
                e,
                cites: self.cites,
            },
        )?;
        st.end()
    }
}

struct EdgeCitations<'a, 'c> {
    e: &'a Edge,
    cites: &'a Cursor<'c>,
}

impl Serialize for EdgeCitations<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let want = (
            self.e.source.as_str(),
            self.e.relation.as_str(),
            self.e.target.as_str(),
        );
        let mut seq = s.serialize_seq(None)?;
        let mut cites = self.cites.borrow_mut();
        loop {
            // Citations of edges before this one belong to edges a filter
            // removed; skip them.
            let here = match cites.peek() {
                None => break,
                Some(Err(_)) => {
                    return Err(S::Error::custom(
                        cites.next().and_then(Result::err).expect("an error"),
                    ));
                }
                Some(Ok(c)) => c.edge().cmp(&want),
            };
            match here {
                std::cmp::Ordering::Less => {
                    cites.next();
                }
                std::cmp::Ordering::Equal => {
                    let c = cites.next().expect("peeked").expect("peeked Ok");
                    seq.serialize_element(&c.citation)?;
                }
                std::cmp::Ordering::Greater => break,
            }
        }
        seq.end()
    }
}

//! The merged graph: one node per actor, one edge per (subject, relation,
//! object), every citation kept.
//!
//! In: triple mentions (from extraction, or read back from `triples.csv`
//! files of many shards) and the lexicon for actor metadata. Out: a
//! [`KnowledgeGraph`] over a petgraph `DiGraph`.
//!
//! What must hold:
//! - merging is associative and commutative: the graph depends on the set of
//!   mentions, not on their order or on how they were sharded, because nodes
//!   and edges are keyed by id and every list is sorted before it is read;
//! - symmetric relations are stored once, subject ≤ object by id;
//! - only complete mentions whose modality the [`GraphOptions`] keep make
//!   edges (by default asserted and reported: a denied attack is no edge).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use serde::Serialize;

use crate::{
    extract::TripleMention,
    lexicon::Lexicon,
    schema::{Modality, Relation},
};

/// A node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Node {
    /// Schema id.
    pub id: String,
    /// Arabic label.
    pub label: String,
    /// English label (empty for actors the gazetteer lacks).
    pub label_en: String,
    /// Actor type.
    #[serde(rename = "type")]
    pub kind: String,
    /// The state it belongs to, if known.
    pub country: String,
    /// Mentions as subject or object.
    pub mentions: usize,
    /// Earliest article date where it appears (ISO date prefix), if any.
    pub first_date: String,
    /// Latest article date.
    pub last_date: String,
}

/// Where a triple was read.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Citation {
    /// Article id.
    pub article: String,
    /// Sentence index.
    pub sentence: usize,
    /// Byte range start.
    pub start: usize,
    /// Byte range end.
    pub end: usize,
    /// Char range start.
    pub char_start: usize,
    /// Char range end.
    pub char_end: usize,
    /// Modality of this mention.
    pub modality: Modality,
    /// The cue words.
    pub cue: String,
    /// The sentence.
    pub evidence: String,
    /// The article's date.
    pub date: String,
}

/// An edge with everything merged into it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edge {
    /// Subject id.
    pub source: String,
    /// Object id.
    pub target: String,
    /// Relation.
    pub relation: Relation,
    /// Number of citations.
    pub weight: usize,
    /// Articles it was read in, sorted.
    pub articles: Vec<String>,
    /// Citations per modality.
    pub modalities: BTreeMap<Modality, usize>,
    /// Every citation, sorted by article and position.
    pub citations: Vec<Citation>,
}

impl Edge {
    /// The first citation's evidence.
    pub fn first_evidence(&self) -> &str {
        self.citations.first().map(|c| c.evidence.as_str()).unwrap_or("")
    }

    /// `asserted;reported` style list.
    pub fn modality_list(&self) -> String {
        self.modalities.keys().map(|m| m.as_str()).collect::<Vec<_>>().join(";")
    }

    /// Earliest and latest dates among its citations (ISO `YYYY-MM-DD`).
    pub fn date_range(&self) -> Option<(String, String)> {
        let ds: BTreeSet<String> = self.citations.iter().filter_map(|c| iso_date(&c.date)).collect();
        Some((ds.first()?.clone(), ds.last()?.clone()))
    }
}

/// The ISO date prefix of a date string, if it has one.
pub fn iso_date(s: &str) -> Option<String> {
    let d = s.get(..10)?;
    let b = d.as_bytes();
    let ok = b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    ok.then(|| d.to_string())
}

/// Which mentions become edges.
#[derive(Clone, Debug)]
pub struct GraphOptions {
    /// Modalities kept.
    pub modalities: Vec<Modality>,
}

impl Default for GraphOptions {
    fn default() -> Self {
        GraphOptions { modalities: vec![Modality::Asserted, Modality::Reported] }
    }
}

/// The merged graph.
#[derive(Debug, Default)]
pub struct KnowledgeGraph {
    /// The petgraph graph; parallel edges are distinct relations.
    pub graph: DiGraph<Node, Edge>,
    nodes: HashMap<String, NodeIndex>,
    edges: HashMap<(NodeIndex, Relation, NodeIndex), EdgeIndex>,
}

impl KnowledgeGraph {
    /// Builds the graph from mentions; the result does not depend on their order.
    pub fn build<'m>(mentions: impl IntoIterator<Item = &'m TripleMention>, lex: Option<&Lexicon>, opts: &GraphOptions) -> KnowledgeGraph {
        let mut g = KnowledgeGraph::default();
        for m in mentions {
            g.add(m, lex, opts);
        }
        g.finish();
        g
    }

    /// Adds one mention (ignored unless complete and of a kept modality).
    pub fn add(&mut self, m: &TripleMention, lex: Option<&Lexicon>, opts: &GraphOptions) {
        if !m.complete || m.subject.is_empty() || m.object.is_empty() || !opts.modalities.contains(&m.modality) {
            return;
        }
        let (mut s, mut o) = ((&m.subject, &m.subject_label, &m.subject_type), (&m.object, &m.object_label, &m.object_type));
        if m.relation.is_symmetric() && o.0 < s.0 {
            std::mem::swap(&mut s, &mut o);
        }
        let date = iso_date(&m.date).unwrap_or_default();
        let si = self.node(s.0, s.1, s.2, lex, &date);
        let oi = self.node(o.0, o.1, o.2, lex, &date);
        let key = (si, m.relation, oi);
        let ei = match self.edges.get(&key) {
            Some(&e) => e,
            None => {
                let e = self.graph.add_edge(
                    si,
                    oi,
                    Edge {
                        source: s.0.clone(),
                        target: o.0.clone(),
                        relation: m.relation,
                        weight: 0,
                        articles: Vec::new(),
                        modalities: BTreeMap::new(),
                        citations: Vec::new(),
                    },
                );
                self.edges.insert(key, e);
                e
            }
        };
        let e = &mut self.graph[ei];
        e.weight += 1;
        *e.modalities.entry(m.modality).or_default() += 1;
        e.articles.push(m.article.clone());
        e.citations.push(Citation {
            article: m.article.clone(),
            sentence: m.sentence,
            start: m.start,
            end: m.end,
            char_start: m.char_start,
            char_end: m.char_end,
            modality: m.modality,
            cue: m.cue.clone(),
            evidence: m.evidence.clone(),
            date: m.date.clone(),
        });
    }

    fn node(&mut self, id: &str, label: &str, kind: &str, lex: Option<&Lexicon>, date: &str) -> NodeIndex {
        let i = match self.nodes.get(id) {
            Some(&i) => i,
            None => {
                let known = lex.and_then(|l| l.actor(id));
                let node = Node {
                    id: id.to_string(),
                    label: known.map(|a| a.label_ar.clone()).unwrap_or_else(|| label.to_string()),
                    label_en: known.map(|a| a.label_en.clone()).unwrap_or_default(),
                    kind: known.map(|a| a.kind.as_str().to_string()).unwrap_or_else(|| kind.to_string()),
                    country: known.and_then(|a| a.country.clone()).unwrap_or_default(),
                    mentions: 0,
                    first_date: String::new(),
                    last_date: String::new(),
                };
                let i = self.graph.add_node(node);
                self.nodes.insert(id.to_string(), i);
                i
            }
        };
        let n = &mut self.graph[i];
        n.mentions += 1;
        // A label read from text may differ shard to shard; the smallest wins
        // so the result does not depend on order.
        if lex.and_then(|l| l.actor(id)).is_none() && !label.is_empty() && (n.label.is_empty() || label < n.label.as_str()) {
            n.label = label.to_string();
        }
        if !date.is_empty() {
            if n.first_date.is_empty() || date < n.first_date.as_str() {
                n.first_date = date.to_string();
            }
            if date > n.last_date.as_str() {
                n.last_date = date.to_string();
            }
        }
        i
    }

    fn finish(&mut self) {
        for e in self.graph.edge_weights_mut() {
            e.articles.sort();
            e.articles.dedup();
            e.citations.sort();
        }
    }

    /// Nodes sorted by id.
    pub fn nodes(&self) -> Vec<&Node> {
        let mut v: Vec<&Node> = self.graph.node_weights().collect();
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v
    }

    /// Edges sorted by (source, relation, target).
    pub fn edges(&self) -> Vec<&Edge> {
        let mut v: Vec<&Edge> = self.graph.edge_weights().collect();
        v.sort_by(|a, b| (&a.source, a.relation.as_str(), &a.target).cmp(&(&b.source, b.relation.as_str(), &b.target)));
        v
    }

    /// The node with this id.
    pub fn node_by_id(&self, id: &str) -> Option<&Node> {
        self.nodes.get(id).map(|&i| &self.graph[i])
    }

    /// Keeps only what `keep` accepts, and then only nodes with an edge.
    pub fn filter(&self, keep: impl Fn(&Edge) -> bool) -> KnowledgeGraph {
        let mut g = KnowledgeGraph::default();
        for e in self.edges().into_iter().filter(|e| keep(e)) {
            let s = self.node_by_id(&e.source).expect("edge source is a node").clone();
            let t = self.node_by_id(&e.target).expect("edge target is a node").clone();
            let si = *g.nodes.entry(s.id.clone()).or_insert_with(|| g.graph.add_node(s));
            let ti = *g.nodes.entry(t.id.clone()).or_insert_with(|| g.graph.add_node(t));
            let ei = g.graph.add_edge(si, ti, e.clone());
            g.edges.insert((si, e.relation, ti), ei);
        }
        g
    }

    /// Node ids within `depth` hops of `id`, either direction.
    pub fn neighbourhood(&self, id: &str, depth: usize) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let Some(&start) = self.nodes.get(id) else { return seen };
        let mut frontier = vec![start];
        seen.insert(id.to_string());
        for _ in 0..depth {
            let mut next = Vec::new();
            for n in frontier {
                for m in self.graph.neighbors_undirected(n) {
                    if seen.insert(self.graph[m].id.clone()) {
                        next.push(m);
                    }
                }
            }
            frontier = next;
        }
        seen
    }
}

//! The merged graph: one node per actor, one edge per (subject, relation,
//! object), with what the exports show of its citations.
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
//!   edges (by default asserted and reported: a denied attack is no edge);
//! - memory grows with the graph, not with the corpus: an edge keeps counts,
//!   its article ids (one shared copy per article), its first citation and
//!   its dates, never the list of its citations, which runs spill to disk
//!   instead ([`crate::collect`]).

use std::{
    cmp::Ordering,
    collections::{BTreeMap, BTreeSet, HashMap},
    sync::Arc,
};

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use serde::Serialize;

use crate::{
    date::iso_date,
    lexicon::Lexicon,
    mention::{TripleMention, round_confidence},
    schema::{Modality, Relation},
    span::Span,
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
    /// Other Arabic names of the actor (`|`-separated), from the gazetteer.
    pub aliases: String,
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
    /// Where the subject is named in the evidence, when it is.
    pub subject_span: Option<Span>,
    /// Where the cue stands in the evidence.
    pub cue_span: Option<Span>,
    /// Where the object is named in the evidence, when it is.
    pub object_span: Option<Span>,
    /// The article's source, if known.
    pub source: String,
    /// The article's address, if known.
    pub url: String,
}

impl Citation {
    /// The citation a mention makes.
    pub fn of(m: &TripleMention) -> Citation {
        Citation {
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
            subject_span: m.subject_span,
            cue_span: m.cue_span,
            object_span: m.object_span,
            source: m.source.clone(),
            url: m.url.clone(),
        }
    }

    /// Orders a mention's citation against this one without building it.
    fn cmp_mention(&self, m: &TripleMention) -> Ordering {
        (
            m.article.as_str(),
            m.sentence,
            m.start,
            m.end,
            m.char_start,
            m.char_end,
            m.modality,
            m.cue.as_str(),
            m.evidence.as_str(),
            m.date.as_str(),
            (m.subject_span, m.cue_span, m.object_span),
            (m.source.as_str(), m.url.as_str()),
        )
            .cmp(&(
                self.article.as_str(),
                self.sentence,
                self.start,
                self.end,
                self.char_start,
                self.char_end,
                self.modality,
                self.cue.as_str(),
                self.evidence.as_str(),
                self.date.as_str(),
                (self.subject_span, self.cue_span, self.object_span),
                (self.source.as_str(), self.url.as_str()),
            ))
            .reverse()
    }
}

/// An edge with everything the exports show about it.
///
/// The edge keeps counts and one citation, not every citation: a corpus of
/// a million articles has millions of citations, each with its sentence,
/// and they would not fit in memory. `graph.json` lists every citation by
/// streaming them from where the run spilled them (see
/// [`crate::collect`] and [`crate::export::MentionSource`]).
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
    /// Articles it was read in, sorted, each once. Shared with the other
    /// edges of the same article rather than copied.
    pub articles: Vec<Arc<str>>,
    /// Citations per modality.
    pub modalities: BTreeMap<Modality, usize>,
    /// The first citation by article and position, the one exports quote.
    pub first_citation: Option<Citation>,
    /// Every ISO date (`YYYY-MM-DD`) among the citations, for timelines.
    pub days: BTreeSet<String>,
    /// How many citations have each confidence, in thousandths, sorted by
    /// confidence: enough to combine them ([`Edge::confidence`]) in an
    /// order of their own, so the result does not depend on the order
    /// mentions came in. A sorted `Vec` rather than a map: an edge usually
    /// has one or two distinct values, and there may be millions of edges.
    #[serde(skip)]
    pub confidences: Vec<(u16, usize)>,
}

impl Edge {
    /// Number of citations (the same as [`Edge::weight`]).
    pub fn citation_count(&self) -> usize {
        self.weight
    }

    /// The first citation's evidence.
    pub fn first_evidence(&self) -> &str {
        self.first_citation
            .as_ref()
            .map(|c| c.evidence.as_str())
            .unwrap_or("")
    }

    /// `asserted;reported` style list.
    pub fn modality_list(&self) -> String {
        self.modalities
            .keys()
            .map(|m| m.as_str())
            .collect::<Vec<_>>()
            .join(";")
    }

    /// Earliest and latest dates among its citations (ISO `YYYY-MM-DD`).
    pub fn date_range(&self) -> Option<(String, String)> {
        Some((self.days.first()?.clone(), self.days.last()?.clone()))
    }

    /// The edge's confidence: its citations' confidences combined as a
    /// noisy-or, 1 − Π(1 − cᵢ), so each citation is independent evidence
    /// and more of them can only raise it.
    pub fn confidence(&self) -> f64 {
        noisy_or([self].into_iter())
    }
}

/// The noisy-or of the citations of `edges`, multiplied in a fixed order
/// (by confidence), so it is the same whatever order they were added in.
pub fn noisy_or<'e>(edges: impl Iterator<Item = &'e Edge>) -> f64 {
    let mut all: BTreeMap<u16, usize> = BTreeMap::new();
    for e in edges {
        for &(c, n) in &e.confidences {
            *all.entry(c).or_default() += n;
        }
    }
    let doubt: f64 = all
        .iter()
        .map(|(&c, &n)| (1.0 - f64::from(c) / 1000.0).powi(n.min(i32::MAX as usize) as i32))
        .product();
    1.0 - doubt
}

/// Which mentions become edges.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphOptions {
    /// Modalities kept.
    pub modalities: Vec<Modality>,
}

impl Default for GraphOptions {
    fn default() -> Self {
        GraphOptions {
            modalities: vec![Modality::Asserted, Modality::Reported],
        }
    }
}

impl GraphOptions {
    /// The edge a mention cites, as `(subject, relation, object)` with a
    /// symmetric relation's ids in order, or `None` when the mention makes
    /// no edge (incomplete, or of a modality not kept).
    pub fn edge_key<'m>(&self, m: &'m TripleMention) -> Option<(&'m str, Relation, &'m str)> {
        if !m.complete
            || m.subject.is_empty()
            || m.object.is_empty()
            || !self.modalities.contains(&m.modality)
        {
            return None;
        }
        let (s, o) = (m.subject.as_str(), m.object.as_str());
        Some(if m.relation.is_symmetric() && o < s {
            (o, m.relation, s)
        } else {
            (s, m.relation, o)
        })
    }
}

/// The merged graph.
#[derive(Debug, Default)]
pub struct KnowledgeGraph {
    /// The petgraph graph; parallel edges are distinct relations.
    pub graph: DiGraph<Node, Edge>,
    nodes: HashMap<String, NodeIndex>,
    edges: HashMap<(NodeIndex, Relation, NodeIndex), EdgeIndex>,
    options: GraphOptions,
    /// The last article id seen: mentions come article by article, so one
    /// shared copy per article serves every edge it cites.
    last_article: Option<Arc<str>>,
}

impl KnowledgeGraph {
    /// Builds the graph from mentions; the result does not depend on their order.
    pub fn build<'m>(
        mentions: impl IntoIterator<Item = &'m TripleMention>,
        lex: Option<&Lexicon>,
        opts: &GraphOptions,
    ) -> KnowledgeGraph {
        let mut g = KnowledgeGraph::default();
        for m in mentions {
            g.add(m, lex, opts);
        }
        g.finish();
        g
    }

    /// The options of the last [`KnowledgeGraph::add`]: which mentions cite
    /// its edges.
    pub fn options(&self) -> &GraphOptions {
        &self.options
    }

    /// Adds one mention (ignored unless complete and of a kept modality).
    ///
    /// Call [`KnowledgeGraph::finish`] after the last one.
    pub fn add(&mut self, m: &TripleMention, lex: Option<&Lexicon>, opts: &GraphOptions) {
        if self.options != *opts {
            self.options = opts.clone();
        }
        let Some((s, relation, o)) = opts.edge_key(m) else {
            return;
        };
        let label = |id: &str| {
            if id == m.subject {
                (m.subject_label.as_str(), m.subject_type.as_str())
            } else {
                (m.object_label.as_str(), m.object_type.as_str())
            }
        };
        let date = iso_date(&m.date);
        let d = date.as_deref().unwrap_or("");
        let si = self.node(s, label(s), lex, d);
        let oi = self.node(o, label(o), lex, d);
        let key = (si, relation, oi);
        let ei = match self.edges.get(&key) {
            Some(&e) => e,
            None => {
                let e = self.graph.add_edge(
                    si,
                    oi,
                    Edge {
                        source: s.to_string(),
                        target: o.to_string(),
                        relation,
                        weight: 0,
                        articles: Vec::new(),
                        modalities: BTreeMap::new(),
                        first_citation: None,
                        days: BTreeSet::new(),
                        confidences: Vec::new(),
                    },
                );
                self.edges.insert(key, e);
                e
            }
        };
        let article = match &self.last_article {
            Some(a) if **a == *m.article => a.clone(),
            _ => {
                let a: Arc<str> = Arc::from(m.article.as_str());
                self.last_article = Some(a.clone());
                a
            }
        };
        let e = &mut self.graph[ei];
        e.weight += 1;
        *e.modalities.entry(m.modality).or_default() += 1;
        let thousandths = (round_confidence(m.confidence) * 1000.0).round() as u16;
        match e.confidences.binary_search_by_key(&thousandths, |c| c.0) {
            Ok(i) => e.confidences[i].1 += 1,
            Err(i) => e.confidences.insert(i, (thousandths, 1)),
        }
        if e.articles.last().is_none_or(|l| **l != *article) {
            e.articles.push(article);
        }
        if e.first_citation
            .as_ref()
            .is_none_or(|c| c.cmp_mention(m) == Ordering::Greater)
        {
            e.first_citation = Some(Citation::of(m));
        }
        if let Some(d) = date {
            e.days.insert(d);
        }
    }

    fn node(
        &mut self,
        id: &str,
        (label, kind): (&str, &str),
        lex: Option<&Lexicon>,
        date: &str,
    ) -> NodeIndex {
        let i = match self.nodes.get(id) {
            Some(&i) => i,
            None => {
                let known = lex.and_then(|l| l.actor(id));
                let node = Node {
                    id: id.to_string(),
                    label: known
                        .map(|a| a.label_ar.clone())
                        .unwrap_or_else(|| label.to_string()),
                    label_en: known.map(|a| a.label_en.clone()).unwrap_or_default(),
                    kind: known
                        .map(|a| a.kind.as_str().to_string())
                        .unwrap_or_else(|| kind.to_string()),
                    country: known.and_then(|a| a.country.clone()).unwrap_or_default(),
                    mentions: 0,
                    first_date: String::new(),
                    last_date: String::new(),
                    aliases: known.map(|a| a.aliases.join("|")).unwrap_or_default(),
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
        if lex.and_then(|l| l.actor(id)).is_none()
            && !label.is_empty()
            && (n.label.is_empty() || label < n.label.as_str())
        {
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

    /// Puts every edge's article list in order; call after the last
    /// [`KnowledgeGraph::add`] ([`KnowledgeGraph::build`] does).
    pub fn finish(&mut self) {
        for e in self.graph.edge_weights_mut() {
            e.articles.sort();
            e.articles.dedup();
            e.articles.shrink_to_fit();
        }
        self.last_article = None;
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
        v.sort_by(|a, b| {
            (&a.source, a.relation.as_str(), &a.target).cmp(&(
                &b.source,
                b.relation.as_str(),
                &b.target,
            ))
        });
        v
    }

    /// The node with this id.
    pub fn node_by_id(&self, id: &str) -> Option<&Node> {
        self.nodes.get(id).map(|&i| &self.graph[i])
    }

    /// Keeps only what `keep` accepts, and then only nodes with an edge.
    pub fn filter(&self, keep: impl Fn(&Edge) -> bool) -> KnowledgeGraph {
        let mut g = KnowledgeGraph {
            options: self.options.clone(),
            ..KnowledgeGraph::default()
        };
        for e in self.edges().into_iter().filter(|e| keep(e)) {
            let s = self
                .node_by_id(&e.source)
                .expect("edge source is a node")
                .clone();
            let t = self
                .node_by_id(&e.target)
                .expect("edge target is a node")
                .clone();
            let si = *g
                .nodes
                .entry(s.id.clone())
                .or_insert_with(|| g.graph.add_node(s));
            let ti = *g
                .nodes
                .entry(t.id.clone())
                .or_insert_with(|| g.graph.add_node(t));
            let ei = g.graph.add_edge(si, ti, e.clone());
            g.edges.insert((si, e.relation, ti), ei);
        }
        g
    }

    /// Node ids within `depth` hops of `id`, either direction.
    pub fn neighbourhood(&self, id: &str, depth: usize) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let Some(&start) = self.nodes.get(id) else {
            return seen;
        };
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

#[cfg(test)]
mod tests {
    use super::*;

    fn m(article: &str, confidence: f64) -> TripleMention {
        TripleMention {
            confidence,
            ..crate::mention::tests::sample(article)
        }
    }

    #[test]
    fn edge_confidence_is_the_noisy_or_in_any_order() {
        let ms = [m("x", 0.3), m("y", 0.5), m("z", 0.1234), m("w", 0.3)];
        let g = KnowledgeGraph::build(&ms, None, &GraphOptions::default());
        // Rounded to thousandths first: 0.1234 counts as 0.123.
        let want = 1.0 - 0.7 * 0.5 * 0.877 * 0.7;
        let c = g.edges()[0].confidence();
        assert!((c - want).abs() < 1e-12, "{c}");
        let rev: Vec<TripleMention> = ms.iter().rev().cloned().collect();
        let g2 = KnowledgeGraph::build(&rev, None, &GraphOptions::default());
        assert_eq!(g2.edges()[0].confidence().to_bits(), c.to_bits());
        let sure =
            KnowledgeGraph::build(&[m("x", 1.0), m("y", 0.2)], None, &GraphOptions::default());
        assert_eq!(sure.edges()[0].confidence(), 1.0);
    }
}

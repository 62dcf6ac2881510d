//! `graph.html`: the graph in a browser, with the sentence behind every
//! edge.
//!
//! In: a [`KnowledgeGraph`] and its citations ([`MentionSource`]). Out: one
//! self-contained HTML page: the vendored sigma.js and graphology builds
//! (`html/vendor/`, refreshed by `html/vendor/refresh.sh`), the page's own
//! script and style (`html/page.*`), and the graph as JSON in a
//! `<script type="application/json">`, laid out here ([`super::layout`]).
//!
//! What must hold:
//! - the page loads nothing from the network: every script, style and datum
//!   is inlined, and no `<` reaches the JSON unescaped, so no evidence
//!   sentence can close the script element;
//! - the same graph gives the same bytes (nodes by id, edges in graph order,
//!   citations in [`Citation`] order, articles by first citation);
//! - an edge stores at most [`CITATIONS_PER_EDGE`] citations and says how
//!   many it has, so the corpus graph stays a file a browser opens; its
//!   counts per day and modality are complete, so filters count right.

use std::{
    collections::{BTreeMap, HashMap},
    io::{self, Write},
};

use serde::Serialize;
use serde_json::{Value, json};

use super::{
    MentionSource,
    dot::{TYPE_FILLS, family_style},
    layout::layout,
};
use crate::{
    date::iso_date,
    graph::{Citation, KnowledgeGraph},
    schema::{Family, Relation},
};

/// Citations stored per edge; the rest are counted and left to
/// `triples.csv`.
pub const CITATIONS_PER_EDGE: usize = 20;

/// Above this many edges the page opens with only the [`TOP_EDGES`]
/// heaviest ones drawn, and says so.
pub const LARGE_GRAPH_EDGES: usize = 4000;

/// Edges drawn first in a large graph.
pub const TOP_EDGES: usize = 1500;

const PAGE: &str = include_str!("html/page.html");
const CSS: &str = include_str!("html/page.css");
const APP: &str = include_str!("html/page.js");
const GRAPHOLOGY: &str = include_str!("html/vendor/graphology.umd.min.js");
const SIGMA: &str = include_str!("html/vendor/sigma.min.js");

/// Node colours by type: the DOT export's fills (`graph.dot`'s legend),
/// deepened so a dot reads on white.
const TYPE_COLOURS: &[(&str, &str)] = &[
    ("state", "#4a86c5"),
    ("person", "#e08a1e"),
    ("organization", "#4daf4a"),
    ("place", "#8c7bc0"),
    ("group", "#d6609f"),
];
const OTHER_COLOUR: &str = "#9a9a9a";

/// One citation as the page shows it. Every field a citation row gains
/// (the rule that read it, its confidence) is added here and in
/// `page.js`'s `citationView`.
#[derive(Serialize)]
struct CiteRow<'c> {
    /// Index into the article table.
    a: usize,
    /// Sentence index.
    i: usize,
    /// Character range in the article.
    ch: [usize; 2],
    m: &'c str,
    cue: &'c str,
    e: &'c str,
    /// Subject, cue and object spans in the evidence, in characters.
    s: Option<[usize; 2]>,
    c: Option<[usize; 2]>,
    o: Option<[usize; 2]>,
}

fn cite_row(c: &Citation, article: usize) -> CiteRow<'_> {
    let span = |s: Option<crate::span::Span>| s.map(|s| [s.start, s.end]);
    CiteRow {
        a: article,
        i: c.sentence,
        ch: [c.char_start, c.char_end],
        m: c.modality.as_str(),
        cue: &c.cue,
        e: &c.evidence,
        s: span(c.subject_span),
        c: span(c.cue_span),
        o: span(c.object_span),
    }
}

/// Articles in order of first citation: `[id, date, source, url]`.
#[derive(Default)]
struct Articles {
    index: HashMap<String, usize>,
    rows: Vec<[String; 4]>,
}

impl Articles {
    fn of(&mut self, c: &Citation) -> usize {
        if let Some(&i) = self.index.get(&c.article) {
            return i;
        }
        let i = self.rows.len();
        let date = iso_date(&c.date).unwrap_or_else(|| c.date.clone());
        self.rows
            .push([c.article.clone(), date, c.source.clone(), c.url.clone()]);
        self.index.insert(c.article.clone(), i);
        i
    }
}

/// Escapes `<` inside the JSON (it occurs only in strings there, and is
/// one byte in UTF-8), so `</script>` and `<!--` in an evidence sentence
/// stay text.
struct ScriptSafe<W>(W);

impl<W: Write> Write for ScriptSafe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = rest.iter().position(|&b| b == b'<') {
            self.0.write_all(&rest[..i])?;
            self.0.write_all(b"\\u003c")?;
            rest = &rest[i + 1..];
        }
        self.0.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// Where `graph.html` draws each node (in [`KnowledgeGraph::nodes`]
/// order): computed from the graph alone, so it can be made while other
/// files are written.
#[derive(Clone, Debug, PartialEq)]
pub struct PageLayout {
    pos: Vec<(f64, f64)>,
}

impl PageLayout {
    /// The layout of `g`'s nodes along its edges (self-loops left out),
    /// weighted by citations.
    pub fn of(g: &KnowledgeGraph) -> PageLayout {
        let nodes = g.nodes();
        let index = node_index(&nodes);
        let edges: Vec<(usize, usize, f64)> = g
            .edges()
            .iter()
            .map(|e| {
                (
                    index[e.source.as_str()],
                    index[e.target.as_str()],
                    e.weight as f64,
                )
            })
            .filter(|(a, b, _)| a != b)
            .collect();
        PageLayout {
            pos: layout(nodes.len(), &edges),
        }
    }
}

fn node_index<'g>(nodes: &[&'g crate::graph::Node]) -> HashMap<&'g str, usize> {
    nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect()
}

/// Writes `graph.html`.
///
/// # Errors
///
/// Writing failed, or reading the citations did.
pub fn write_html<W: Write>(
    w: W,
    g: &KnowledgeGraph,
    mentions: &mut dyn MentionSource,
) -> io::Result<()> {
    write_html_laid_out(w, g, mentions, &PageLayout::of(g))
}

/// [`write_html`] with the layout made before ([`PageLayout::of`] of the
/// same graph).
///
/// # Errors
///
/// Writing failed, or reading the citations did.
pub fn write_html_laid_out<W: Write>(
    mut w: W,
    g: &KnowledgeGraph,
    mentions: &mut dyn MentionSource,
    laid: &PageLayout,
) -> io::Result<()> {
    let mut parts = PAGE.split("@@");
    w.write_all(parts.next().unwrap_or_default().as_bytes())?;
    // page.html alternates text and the names of what goes between.
    while let (Some(name), Some(text)) = (parts.next(), parts.next()) {
        match name {
            "CSS" => w.write_all(CSS.as_bytes())?,
            "GRAPHOLOGY" => w.write_all(GRAPHOLOGY.as_bytes())?,
            "SIGMA" => w.write_all(SIGMA.as_bytes())?,
            "APP" => w.write_all(APP.as_bytes())?,
            "DATA" => write_data(&mut ScriptSafe(&mut w), g, mentions, laid)?,
            other => return Err(io::Error::other(format!("page.html: unknown part {other}"))),
        }
        w.write_all(text.as_bytes())?;
    }
    Ok(())
}

fn write_data(
    w: &mut impl Write,
    g: &KnowledgeGraph,
    mentions: &mut dyn MentionSource,
    laid: &PageLayout,
) -> io::Result<()> {
    let nodes = g.nodes();
    let index = node_index(&nodes);
    let edges = g.edges();
    let ends: Vec<(usize, usize)> = edges
        .iter()
        .map(|e| (index[e.source.as_str()], index[e.target.as_str()]))
        .collect();
    let mut degree = vec![0usize; nodes.len()];
    for &(a, b) in &ends {
        degree[a] += 1;
        degree[b] += 1;
    }
    let pos = &laid.pos;
    if pos.len() != nodes.len() {
        return Err(io::Error::other(
            "graph.html: the layout is of another graph",
        ));
    }
    let round = |v: f64| (v * 10.0).round() / 10.0;
    let families: BTreeMap<&str, Value> = [Family::Standing, Family::Cooperation, Family::Conflict]
        .into_iter()
        .map(|f| (f.as_str(), json!(family_style(f).0)))
        .collect();
    let relations: BTreeMap<&str, &str> = Relation::ALL
        .iter()
        .map(|r| (r.as_str(), r.family().as_str()))
        .collect();
    let types: Vec<Value> = TYPE_COLOURS
        .iter()
        .map(|(t, c)| {
            let dot = TYPE_FILLS.iter().find(|(d, _)| d == t).map(|(_, f)| *f);
            json!([t, c, dot])
        })
        .collect();
    let meta = json!({
        "nodes": nodes.len(),
        "edges": edges.len(),
        "citationsPerEdge": CITATIONS_PER_EDGE,
        "largeGraphEdges": LARGE_GRAPH_EDGES,
        "topEdges": TOP_EDGES,
        "families": families,
        "relations": relations,
        "types": types,
        "otherType": OTHER_COLOUR,
    });
    w.write_all(b"{\"meta\":")?;
    serde_json::to_writer(&mut *w, &meta)?;
    w.write_all(b",\n\"nodes\":[")?;
    for (i, n) in nodes.iter().enumerate() {
        if i > 0 {
            w.write_all(b",\n")?;
        }
        let row = json!([
            n.id,
            n.label,
            n.label_en,
            n.kind,
            degree[i],
            round(pos[i].0),
            round(pos[i].1)
        ]);
        serde_json::to_writer(&mut *w, &row)?;
    }
    w.write_all(b"],\n\"edges\":[")?;
    let mut cites = mentions.citations(g)?.peekable();
    let mut articles = Articles::default();
    for (k, e) in edges.iter().enumerate() {
        let want = (e.source.as_str(), e.relation.as_str(), e.target.as_str());
        let mut total = 0usize;
        let mut kept = Vec::new();
        // (day, modality) → citations: complete, for the filters' counts.
        let mut tally: BTreeMap<(String, &str), usize> = BTreeMap::new();
        while let Some(next) = cites.peek() {
            let here = match next {
                Ok(c) => (c.source.as_str(), c.relation.as_str(), c.target.as_str()).cmp(&want),
                Err(_) => return Err(cites.next().and_then(Result::err).expect("an error")),
            };
            match here {
                // An edge a filter removed.
                std::cmp::Ordering::Less => {
                    cites.next();
                }
                std::cmp::Ordering::Equal => {
                    let c = cites.next().expect("peeked")?.citation;
                    total += 1;
                    *tally
                        .entry((iso_date(&c.date).unwrap_or_default(), c.modality.as_str()))
                        .or_default() += 1;
                    if kept.len() < CITATIONS_PER_EDGE {
                        let a = articles.of(&c);
                        kept.push(serde_json::to_value(cite_row(&c, a))?);
                    }
                }
                std::cmp::Ordering::Greater => break,
            }
        }
        if k > 0 {
            w.write_all(b",\n")?;
        }
        let tally: Vec<Value> = tally
            .into_iter()
            .map(|((d, m), n)| json!([d, m, n]))
            .collect();
        // The edge's confidence (the noisy-or of its mentions'): page.js
        // shows the confidence filter when edges carry it.
        let row = json!({
            "conf": crate::mention::round_confidence(e.confidence()),
            "s": ends[k].0,
            "t": ends[k].1,
            "r": e.relation.as_str(),
            "w": e.weight,
            "m": e.modalities,
            "sym": e.relation.is_symmetric(),
            "n": total,
            "tally": tally,
            "c": kept,
        });
        serde_json::to_writer(&mut *w, &row)?;
    }
    w.write_all(b"],\n\"articles\":")?;
    serde_json::to_writer(&mut *w, &articles.rows)?;
    w.write_all(b"}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inlined_code_cannot_close_its_script() {
        for (name, code) in [
            ("page.js", APP),
            ("page.css", CSS),
            ("graphology", GRAPHOLOGY),
            ("sigma", SIGMA),
        ] {
            assert!(!code.to_ascii_lowercase().contains("</script"), "{name}");
        }
        let mut out = Vec::new();
        ScriptSafe(&mut out)
            .write_all(br#"{"e":"a</script><!--b"}"#)
            .unwrap();
        assert_eq!(out, br#"{"e":"a\u003c/script>\u003c!--b"}"#);
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["e"], "a</script><!--b");
    }
}

//! DOT for Graphviz, drawn so that a person can read it:
//!
//! - node ids are quoted ASCII (the actor id, or its `.XXXX.` encoding), so
//!   the file survives tools that mangle non-ASCII identifiers; the Arabic
//!   goes in the label only;
//! - node labels are Arabic over English (HTML-like labels, XML-escaped), in an Arabic-capable font
//!   ([`FONT`]): Graphviz's cairo renderer shapes through pango, which joins
//!   the letters and lays Arabic right to left. The Arabic line sits in a
//!   right-to-left isolate (U+2067 … U+2069, Unicode UAX #9) so that digits
//!   or Latin inside it, or the English line below, do not reorder it;
//! - edges are coloured and styled by family (standing grey dashed,
//!   cooperation green, conflict red bold), labelled with the relation,
//!   undirected-looking (`dir=none`) for symmetric relations, thicker with
//!   more citations; a legend node explains colours and styles; the edge's
//!   confidence is a `confidence` attribute, which Graphviz keeps but does
//!   not draw;
//! - the layout depends on size: `dot` (left to right) while the graph is
//!   small enough for its layered drawing to stay legible, `sfdp` with
//!   overlap removal for larger graphs, where `dot` makes one very wide
//!   rank. Large graphs get straight edges: spline routing around a few
//!   hundred nodes takes minutes (110 s for 433 nodes here) where straight
//!   lines take two seconds. The choice is written into the file (`layout=`), so
//!   `dot -Tpng graph.dot` and `newsgraph render` draw the same picture.

use std::{
    collections::HashMap,
    io::{self, Write},
};

use super::graphml::nmtoken;
use crate::{graph::KnowledgeGraph, mention::confidence_text, schema::Family};

/// Fonts tried in order (a pango family list). Noto Naskh Arabic and Noto
/// Sans Arabic ship in Debian's fonts-noto-core; DejaVu Sans has Arabic too.
pub const FONT: &str = "Noto Naskh Arabic,Noto Sans Arabic,DejaVu Sans";

/// The English line's fonts.
const LATIN_FONT: &str = "Noto Sans,DejaVu Sans";

/// Above this many nodes the layered `dot` layout gets too wide to read and
/// the file asks for the force-directed `sfdp` instead.
pub const LAYERED_MAX_NODES: usize = 60;

/// A DOT double-quoted string: `"` and `\` escaped, line breaks as `\n`
/// (a centred line), other controls dropped with the XML-illegal ones.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in super::xml_clean(s).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Wraps right-to-left text in a Unicode right-to-left isolate.
fn isolate(s: &str) -> String {
    format!("\u{2067}{s}\u{2069}")
}

/// An HTML-like node label: the Arabic line larger (Naskh letters are small
/// for their point size), the English line below in a Latin sans. Text is
/// XML-escaped; an actor without an Arabic label shows its id.
fn node_label(ar: &str, en: &str, id: &str) -> String {
    let top = if ar.trim().is_empty() {
        super::xml_text(id)
    } else {
        super::xml_text(&isolate(ar))
    };
    let mut out = format!(r#"<font point-size="16">{top}</font>"#);
    if !en.trim().is_empty() {
        out.push_str(&format!(
            r##"<br/><font face="{LATIN_FONT}" point-size="11" color="#333333">{}</font>"##,
            super::xml_text(en)
        ));
    }
    out
}

pub(super) fn family_style(f: Family) -> (&'static str, &'static str) {
    match f {
        Family::Standing => ("#7f7f7f", "dashed"),
        Family::Cooperation => ("#1a9850", "solid"),
        Family::Conflict => ("#d73027", "bold"),
    }
}

pub(super) const TYPE_FILLS: &[(&str, &str)] = &[
    ("state", "#deebf7"),
    ("person", "#fee0b6"),
    ("organization", "#e5f5e0"),
    ("place", "#f2f0f7"),
    ("group", "#fde0ef"),
];
const OTHER_FILL: &str = "#f7f7f7";

/// Writes the graph as DOT.
pub fn write_dot<W: Write>(mut w: W, g: &KnowledgeGraph) -> io::Result<()> {
    let nodes = g.nodes();
    let font = quote(FONT);
    writeln!(w, "digraph newsgraph {{")?;
    if nodes.len() <= LAYERED_MAX_NODES {
        writeln!(
            w,
            "  graph [layout=dot, rankdir=LR, ranksep=0.9, nodesep=0.25, splines=true, fontname={font}];"
        )?;
    } else {
        writeln!(
            w,
            "  graph [layout=sfdp, overlap=prism, overlap_scaling=2, sep=\"+12\", K=1.2, repulsiveforce=1.5, splines=false, outputorder=edgesfirst, fontname={font}];"
        )?;
    }
    writeln!(
        w,
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"{OTHER_FILL}\", color=\"#888888\", fontname={font}, fontsize=14];"
    )?;
    writeln!(w, "  edge [fontname={font}, fontsize=9, arrowsize=0.7];")?;
    let ids: HashMap<&str, String> = nodes
        .iter()
        .map(|n| (n.id.as_str(), quote(&nmtoken(&n.id))))
        .collect();
    for n in &nodes {
        let fill = TYPE_FILLS
            .iter()
            .find(|(t, _)| *t == n.kind)
            .map_or(OTHER_FILL, |(_, f)| f);
        let tip = format!("{} ({}, {} mentions)", n.id, n.kind, n.mentions);
        writeln!(
            w,
            "  {} [label=<{}>, tooltip={}, fillcolor=\"{fill}\"];",
            ids[n.id.as_str()],
            node_label(&n.label, &n.label_en, &n.id),
            quote(&tip)
        )?;
    }
    for e in g.edges() {
        let (color, style) = family_style(e.relation.family());
        let dir = if e.relation.is_symmetric() {
            ", dir=none"
        } else {
            ""
        };
        let pen = 1.0 + (e.weight as f64).ln().max(0.0);
        let label = if e.weight > 1 {
            format!("{} ×{}", e.relation.as_str(), e.weight)
        } else {
            e.relation.as_str().to_string()
        };
        writeln!(
            w,
            "  {} -> {} [label={}, tooltip={}, color=\"{color}\", fontcolor=\"{color}\", style={style}, penwidth={pen:.2}{dir}, confidence={}];",
            ids[e.source.as_str()],
            ids[e.target.as_str()],
            quote(&label),
            quote(e.first_evidence()),
            confidence_text(e.confidence()),
        )?;
    }
    legend(&mut w)?;
    writeln!(w, "}}")
}

/// One plain node with an HTML-like table: it works in every layout (a
/// cluster would not in `sfdp`) and needs no invisible helper edges.
fn legend<W: Write>(w: &mut W) -> io::Result<()> {
    let mut rows = String::new();
    for (f, line) in [
        (Family::Standing, "- - - -"),
        (Family::Cooperation, "———"),
        (Family::Conflict, "━━━"),
    ] {
        let (color, _) = family_style(f);
        rows.push_str(&format!(r#"<tr><td align="left"><font color="{color}">{line}</font></td><td align="left">{}</td></tr>"#, f.as_str()));
    }
    for (t, fill) in TYPE_FILLS {
        rows.push_str(&format!(
            r#"<tr><td bgcolor="{fill}" border="1"> </td><td align="left">{t}</td></tr>"#
        ));
    }
    writeln!(
        w,
        r##"  "~legend" [shape=plaintext, style="", fontsize=11, label=<<table border="1" cellborder="0" cellspacing="2" cellpadding="3" color="#bbbbbb"><tr><td colspan="2"><b>legend</b></td></tr>{rows}<tr><td colspan="2" align="left">×N = cited N times</td></tr></table>>];"##
    )
}

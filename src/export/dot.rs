//! DOT for Graphviz: ASCII node ids, Arabic labels in an Arabic-capable
//! font (Graphviz's cairo/pango renderer shapes and orders them right to
//! left), colour by relation family, and a legend.

use std::io::{self, Write};

use crate::{graph::KnowledgeGraph, schema::Family};

/// Fonts tried in order; fontconfig falls back along the list. Noto ships
/// in Debian's fonts-noto-core.
pub const FONT: &str = "Noto Naskh Arabic,Noto Sans Arabic,DejaVu Sans";

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

/// Wraps right-to-left text in a Unicode right-to-left isolate so that a
/// viewer without a bidi-aware layout still keeps it apart from Latin text.
fn isolate(s: &str) -> String {
    format!("\u{2067}{s}\u{2069}")
}

fn family_style(f: Family) -> (&'static str, &'static str) {
    match f {
        Family::Standing => ("#7f7f7f", "dashed"),
        Family::Cooperation => ("#1a9850", "solid"),
        Family::Conflict => ("#d73027", "bold"),
    }
}

/// Writes the graph as DOT.
pub fn write_dot<W: Write>(mut w: W, g: &KnowledgeGraph) -> io::Result<()> {
    writeln!(w, "digraph newsgraph {{")?;
    writeln!(w, "  graph [layout=dot, rankdir=LR, ranksep=1.0, nodesep=0.4, overlap=false, splines=true, fontname={}];", quote(FONT))?;
    writeln!(w, "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f7f7f7\", fontname={}, fontsize=14];", quote(FONT))?;
    writeln!(w, "  edge [fontname={}, fontsize=10];", quote(FONT))?;
    let ids: std::collections::HashMap<&str, usize> = g.nodes().iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    for (i, n) in g.nodes().iter().enumerate() {
        let fill = match n.kind.as_str() {
            "state" => "#deebf7",
            "person" => "#fee0b6",
            "organization" => "#e5f5e0",
            "place" => "#f2f0f7",
            _ => "#f7f7f7",
        };
        let label = if n.label_en.is_empty() { isolate(&n.label) } else { format!("{}\n{}", isolate(&n.label), n.label_en) };
        writeln!(w, "  n{i} [label={}, tooltip={}, fillcolor=\"{fill}\"];", quote(&label), quote(&n.id))?;
    }
    for e in g.edges() {
        let (color, style) = family_style(e.relation.family());
        let dir = if e.relation.is_symmetric() { ", dir=none" } else { "" };
        let pen = 1.0 + (e.weight as f64).ln().max(0.0);
        writeln!(
            w,
            "  n{} -> n{} [label={}, color=\"{color}\", fontcolor=\"{color}\", style={style}, penwidth={pen:.2}{dir}];",
            ids[e.source.as_str()],
            ids[e.target.as_str()],
            quote(e.relation.as_str())
        )?;
    }
    writeln!(w, "  subgraph cluster_legend {{")?;
    writeln!(w, "    label=\"legend\"; fontsize=12; color=\"#bbbbbb\";")?;
    for (k, f) in [Family::Standing, Family::Cooperation, Family::Conflict].iter().enumerate() {
        let (color, style) = family_style(*f);
        writeln!(w, "    legend_a{k} [label=\"\", shape=point, width=0.05];")?;
        writeln!(w, "    legend_b{k} [label={}, shape=plaintext, style=\"\"];", quote(f.as_str()))?;
        writeln!(w, "    legend_a{k} -> legend_b{k} [color=\"{color}\", style={style}];")?;
    }
    writeln!(w, "  }}")?;
    writeln!(w, "}}")
}

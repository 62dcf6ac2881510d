//! GEXF 1.3, Gephi's own format, valid against the GEXF 1.3 schema
//! (`tests/schemas/gexf-1.3/gexf.xsd`).
//!
//! Why GEXF besides GraphML: Gephi keeps parallel edges of a GEXF file apart
//! when their `kind` differs, so every relation between a pair survives the
//! import (its GraphML importer sums them into one), and GEXF carries time.
//!
//! - Each edge has `kind` and `label` = the relation, `weight` = citations,
//!   and the relation again as an attribute (networkx does not read `kind`).
//! - When citations carry dates ([`crate::date::iso_date`]) the graph is
//!   `mode="dynamic" timeformat="date"`: a node lives from its first to its
//!   last date (`start`/`end`), an edge has one `<spell>` per date it was
//!   reported on, so Gephi's timeline shows who was in the news together
//!   when. Undated nodes and edges carry no time, which Gephi reads as
//!   always present. Without any date the graph is static.
//! - Every edge is directed; a symmetric relation (written once, subject ≤
//!   object) has `symmetric = true`. GEXF's per-edge `undirected` would be
//!   right in Gephi, but networkx refuses a mixed file, and `mutual` makes
//!   two edges of one in both.
//! - No `xsi:schemaLocation`, which the RelaxNG schema rejects: the file
//!   is valid against both the XSD and `gexf.rng`.
//! - No `viz:` colours: the 1.3 XSD and RelaxNG schemas put them in
//!   different namespaces, so one of the two always rejects them. Gephi's
//!   Appearance panel colours by `type` or `relation_family` in two clicks.

use std::{
    collections::BTreeSet,
    io::{self, Write},
};

use super::xml_attr;
use crate::{graph::KnowledgeGraph, mention::confidence_text};

/// `(id, type)` of node attributes, then of edge attributes.
const NODE_ATTRS: &[(&str, &str)] = &[
    ("label_en", "string"),
    ("type", "string"),
    ("country", "string"),
    ("mentions", "integer"),
    ("first_date", "string"),
    ("last_date", "string"),
];
const EDGE_ATTRS: &[(&str, &str)] = &[
    ("relation", "string"),
    ("relation_family", "string"),
    ("modalities", "string"),
    ("articles", "string"),
    ("citations", "integer"),
    ("symmetric", "boolean"),
    ("first_evidence", "string"),
    ("confidence", "double"),
];

/// Writes the graph as GEXF 1.3.
pub fn write_gexf<W: Write>(mut w: W, g: &KnowledgeGraph) -> io::Result<()> {
    let nodes = g.nodes();
    let edges = g.edges();
    let dated = nodes.iter().any(|n| !n.first_date.is_empty());
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(w, r#"<gexf xmlns="http://gexf.net/1.3" version="1.3">"#)?;
    writeln!(w, "  <meta>")?;
    writeln!(
        w,
        "    <creator>newsgraph {}</creator>",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(
        w,
        "    <description>actors and relations read in Arabic news; one edge per relation, weight = citations</description>"
    )?;
    writeln!(w, "  </meta>")?;
    if dated {
        writeln!(
            w,
            r#"  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">"#
        )?;
    } else {
        writeln!(w, r#"  <graph defaultedgetype="directed" mode="static">"#)?;
    }
    for (class, attrs) in [("node", NODE_ATTRS), ("edge", EDGE_ATTRS)] {
        writeln!(w, r#"    <attributes class="{class}" mode="static">"#)?;
        for (id, ty) in attrs {
            writeln!(
                w,
                r#"      <attribute id="{id}" title="{id}" type="{ty}"/>"#
            )?;
        }
        writeln!(w, "    </attributes>")?;
    }
    writeln!(w, r#"    <nodes count="{}">"#, nodes.len())?;
    for n in &nodes {
        let time = if n.first_date.is_empty() {
            String::new()
        } else {
            format!(r#" start="{}" end="{}""#, n.first_date, n.last_date)
        };
        writeln!(
            w,
            r#"      <node id="{}" label="{}"{time}>"#,
            xml_attr(&n.id),
            xml_attr(label(&n.label, &n.id))
        )?;
        let mentions = n.mentions.to_string();
        attvalues(
            &mut w,
            &[
                ("label_en", &n.label_en),
                ("type", &n.kind),
                ("country", &n.country),
                ("mentions", &mentions),
                ("first_date", &n.first_date),
                ("last_date", &n.last_date),
            ],
        )?;
        writeln!(w, "      </node>")?;
    }
    writeln!(w, "    </nodes>")?;
    writeln!(w, r#"    <edges count="{}">"#, edges.len())?;
    for (i, e) in edges.iter().enumerate() {
        let rel = e.relation.as_str();
        writeln!(
            w,
            r#"      <edge id="e{i}" source="{}" target="{}" kind="{rel}" label="{rel}" weight="{}">"#,
            xml_attr(&e.source),
            xml_attr(&e.target),
            e.weight
        )?;
        let citations = e.citation_count().to_string();
        attvalues(
            &mut w,
            &[
                ("relation", rel),
                ("relation_family", e.relation.family().as_str()),
                ("modalities", &e.modality_list()),
                ("articles", &e.articles.join(";")),
                ("citations", &citations),
                (
                    "symmetric",
                    if e.relation.is_symmetric() {
                        "true"
                    } else {
                        "false"
                    },
                ),
                ("first_evidence", e.first_evidence()),
                ("confidence", &confidence_text(e.confidence())),
            ],
        )?;
        let days: BTreeSet<String> = e.days.clone();
        if !days.is_empty() {
            writeln!(w, "        <spells>")?;
            for d in &days {
                writeln!(w, r#"          <spell start="{d}" end="{d}"/>"#)?;
            }
            writeln!(w, "        </spells>")?;
        }
        writeln!(w, "      </edge>")?;
    }
    writeln!(w, "    </edges>")?;
    writeln!(w, "  </graph>")?;
    writeln!(w, "</gexf>")
}

/// Gephi shows the id where a label is missing; say so explicitly.
fn label<'a>(label: &'a str, id: &'a str) -> &'a str {
    if label.trim().is_empty() { id } else { label }
}

fn attvalues<W: Write>(w: &mut W, values: &[(&str, &str)]) -> io::Result<()> {
    let present: Vec<_> = values.iter().filter(|(_, v)| !v.is_empty()).collect();
    if present.is_empty() {
        return Ok(());
    }
    writeln!(w, "        <attvalues>")?;
    for (k, v) in present {
        writeln!(
            w,
            r#"          <attvalue for="{k}" value="{}"/>"#,
            xml_attr(v)
        )?;
    }
    writeln!(w, "        </attvalues>")
}

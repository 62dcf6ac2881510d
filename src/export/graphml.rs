//! GraphML for Gephi, networkx, igraph and yEd, valid against the GraphML
//! 1.0 schema (`tests/schemas/graphml/graphml.xsd`), in two views:
//!
//! - [`write_graphml`], the multigraph: one `<edge>` per (subject, relation,
//!   object), so `accuse` and `consult` between the same pair stay apart;
//! - [`write_graphml_collapsed`], one `<edge>` per ordered actor pair with
//!   its relations listed and the weights summed.
//!
//! Why two: Gephi's GraphML importer merges parallel edges and sums their
//! weights, losing the relation of all but one; networkx and igraph keep
//! them. The collapsed file says what Gephi would make of the multigraph,
//! but says it with every relation named.
//!
//! Keys carry `attr.name` and `attr.type`. An edge's `confidence` is the
//! noisy-or of its citations' (the collapsed file: of all the pair's). `label` and `weight` are the names
//! Gephi maps to its own label and weight columns; `weight` is a `double`
//! because that is the type of Gephi's weight column (a count fits). Empty
//! values are left out rather than written as empty strings, so a missing
//! English label reads as missing. Every edge is directed: a symmetric
//! relation (written once, subject ≤ object) has `symmetric = true`, since a
//! per-edge `directed="false"` makes networkx refuse the whole file.

use std::io::{self, Write};

use super::{PairEdge, pair_edges, xml_text};
use crate::{graph::KnowledgeGraph, mention::confidence_text};

/// `(id, for, attr.name, attr.type)` of every key of the multigraph file.
const KEYS: &[(&str, &str, &str, &str)] = &[
    ("label", "node", "label", "string"),
    ("label_en", "node", "label_en", "string"),
    ("type", "node", "type", "string"),
    ("country", "node", "country", "string"),
    ("mentions", "node", "mentions", "int"),
    ("first_date", "node", "first_date", "string"),
    ("last_date", "node", "last_date", "string"),
    ("e_label", "edge", "label", "string"),
    ("relation", "edge", "relation", "string"),
    ("relation_family", "edge", "relation_family", "string"),
    ("weight", "edge", "weight", "double"),
    ("modalities", "edge", "modalities", "string"),
    ("articles", "edge", "articles", "string"),
    ("citations", "edge", "citations", "int"),
    ("symmetric", "edge", "symmetric", "boolean"),
    ("first_evidence", "edge", "first_evidence", "string"),
    ("e_first_date", "edge", "first_date", "string"),
    ("e_last_date", "edge", "last_date", "string"),
    ("confidence", "edge", "confidence", "double"),
];

/// The edge keys of the collapsed file (its node keys are the same).
const PAIR_KEYS: &[(&str, &str, &str, &str)] = &[
    ("e_label", "edge", "label", "string"),
    ("relations", "edge", "relations", "string"),
    ("relation_families", "edge", "relation_families", "string"),
    ("relation_family", "edge", "relation_family", "string"),
    ("relation_count", "edge", "relation_count", "int"),
    ("weight", "edge", "weight", "double"),
    ("modalities", "edge", "modalities", "string"),
    ("articles", "edge", "articles", "string"),
    ("first_evidence", "edge", "first_evidence", "string"),
    ("e_first_date", "edge", "first_date", "string"),
    ("e_last_date", "edge", "last_date", "string"),
    ("confidence", "edge", "confidence", "double"),
];

/// Writes the multigraph: one edge per relation between a pair.
pub fn write_graphml<W: Write>(mut w: W, g: &KnowledgeGraph) -> io::Result<()> {
    let keys: Vec<_> = KEYS.iter().collect();
    head(&mut w, &keys)?;
    nodes(&mut w, g)?;
    for (i, e) in g.edges().into_iter().enumerate() {
        writeln!(
            w,
            r#"    <edge id="e{i}" source="{}" target="{}">"#,
            nmtoken(&e.source),
            nmtoken(&e.target)
        )?;
        let dates = e.date_range().unwrap_or_default();
        data(&mut w, "e_label", e.relation.as_str())?;
        data(&mut w, "relation", e.relation.as_str())?;
        data(&mut w, "relation_family", e.relation.family().as_str())?;
        data(&mut w, "weight", &e.weight.to_string())?;
        data(&mut w, "modalities", &e.modality_list())?;
        data(&mut w, "articles", &e.articles.join(";"))?;
        data(&mut w, "citations", &e.citation_count().to_string())?;
        data(
            &mut w,
            "symmetric",
            if e.relation.is_symmetric() {
                "true"
            } else {
                "false"
            },
        )?;
        data(&mut w, "first_evidence", e.first_evidence())?;
        data(&mut w, "e_first_date", &dates.0)?;
        data(&mut w, "e_last_date", &dates.1)?;
        data(&mut w, "confidence", &confidence_text(e.confidence()))?;
        writeln!(w, "    </edge>")?;
    }
    tail(&mut w)
}

/// Writes the collapsed view: one edge per ordered actor pair, its relations
/// listed (`label` "accuse, consult"), `weight` the sum of their weights.
pub fn write_graphml_collapsed<W: Write>(mut w: W, g: &KnowledgeGraph) -> io::Result<()> {
    let keys: Vec<_> = KEYS
        .iter()
        .filter(|k| k.1 == "node")
        .chain(PAIR_KEYS)
        .collect();
    head(&mut w, &keys)?;
    nodes(&mut w, g)?;
    for (i, p) in pair_edges(g).iter().enumerate() {
        let PairEdge { source, target, .. } = p;
        writeln!(
            w,
            r#"    <edge id="e{i}" source="{}" target="{}">"#,
            nmtoken(source),
            nmtoken(target)
        )?;
        let dates = p.date_range().unwrap_or_default();
        data(&mut w, "e_label", &p.relation_names().join(", "))?;
        data(&mut w, "relations", &p.relation_names().join(";"))?;
        data(
            &mut w,
            "relation_families",
            &p.families()
                .iter()
                .map(|f| f.as_str())
                .collect::<Vec<_>>()
                .join(";"),
        )?;
        data(&mut w, "relation_family", p.main_family().as_str())?;
        data(&mut w, "relation_count", &p.edges.len().to_string())?;
        data(&mut w, "weight", &p.weight().to_string())?;
        data(&mut w, "modalities", &p.modality_list())?;
        data(&mut w, "articles", &p.articles().join(";"))?;
        data(&mut w, "first_evidence", p.first_evidence())?;
        data(&mut w, "e_first_date", &dates.0)?;
        data(&mut w, "e_last_date", &dates.1)?;
        data(&mut w, "confidence", &confidence_text(p.confidence()))?;
        writeln!(w, "    </edge>")?;
    }
    tail(&mut w)
}

fn head<W: Write>(w: &mut W, keys: &[&(&str, &str, &str, &str)]) -> io::Result<()> {
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, for_, name, ty) in keys {
        writeln!(
            w,
            r#"  <key id="{id}" for="{for_}" attr.name="{name}" attr.type="{ty}"/>"#
        )?;
    }
    writeln!(w, r#"  <graph id="newsgraph" edgedefault="directed">"#)
}

fn nodes<W: Write>(w: &mut W, g: &KnowledgeGraph) -> io::Result<()> {
    for n in g.nodes() {
        writeln!(w, r#"    <node id="{}">"#, nmtoken(&n.id))?;
        for (k, v) in [
            ("label", &n.label),
            ("label_en", &n.label_en),
            ("type", &n.kind),
            ("country", &n.country),
        ] {
            data(w, k, v)?;
        }
        data(w, "mentions", &n.mentions.to_string())?;
        data(w, "first_date", &n.first_date)?;
        data(w, "last_date", &n.last_date)?;
        writeln!(w, "    </node>")?;
    }
    Ok(())
}

fn tail<W: Write>(w: &mut W) -> io::Result<()> {
    writeln!(w, "  </graph>")?;
    writeln!(w, "</graphml>")
}

fn data<W: Write>(w: &mut W, key: &str, value: &str) -> io::Result<()> {
    if value.is_empty() {
        return Ok(());
    }
    writeln!(w, r#"      <data key="{key}">{}</data>"#, xml_text(value))
}

/// The id as a GraphML `NMTOKEN`: schema ids (ASCII snake_case) pass
/// unchanged; any other character, and `.` itself so that the mapping stays
/// one-to-one, becomes `.XXXX.` with its code point in hex.
pub(crate) fn nmtoken(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            out.push(c);
        } else {
            out.push_str(&format!(".{:04X}.", c as u32));
        }
    }
    if out.is_empty() { ".0000.".into() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nmtoken_keeps_schema_ids_and_encodes_the_rest() {
        assert_eq!(nmtoken("united_states"), "united_states");
        assert_eq!(nmtoken("a b"), "a.0020.b");
        assert_eq!(nmtoken("a.b"), "a.002E.b");
        assert_ne!(nmtoken("a.0020.b"), nmtoken("a b"));
        assert_eq!(nmtoken("قطر"), ".0642..0637..0631.");
    }
}

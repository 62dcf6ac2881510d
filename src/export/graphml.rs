//! GraphML for Gephi, networkx and igraph: typed `<key>`s, one `<edge>` per
//! (subject, relation, object), valid against the GraphML 1.0 schema.

use std::io::{self, Write};

use super::xml_text;
use crate::graph::KnowledgeGraph;

const KEYS: &[(&str, &str, &str, &str)] = &[
    // id, for, attr.name, attr.type
    ("label", "node", "label", "string"),
    ("label_en", "node", "label_en", "string"),
    ("type", "node", "type", "string"),
    ("country", "node", "country", "string"),
    ("mentions", "node", "mentions", "int"),
    ("e_label", "edge", "label", "string"),
    ("relation", "edge", "relation", "string"),
    ("relation_family", "edge", "relation_family", "string"),
    ("weight", "edge", "weight", "double"),
    ("modalities", "edge", "modalities", "string"),
    ("articles", "edge", "articles", "string"),
    ("citations", "edge", "citations", "int"),
    ("symmetric", "edge", "symmetric", "boolean"),
    ("first_evidence", "edge", "first_evidence", "string"),
];

/// Writes the graph as GraphML.
pub fn write_graphml<W: Write>(mut w: W, g: &KnowledgeGraph) -> io::Result<()> {
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, for_, name, ty) in KEYS {
        writeln!(w, r#"  <key id="{id}" for="{for_}" attr.name="{name}" attr.type="{ty}"/>"#)?;
    }
    writeln!(w, r#"  <graph id="newsgraph" edgedefault="directed">"#)?;
    for n in g.nodes() {
        writeln!(w, r#"    <node id="{}">"#, xml_text(&n.id))?;
        for (k, v) in [("label", &n.label), ("label_en", &n.label_en), ("type", &n.kind), ("country", &n.country)] {
            writeln!(w, r#"      <data key="{k}">{}</data>"#, xml_text(v))?;
        }
        writeln!(w, r#"      <data key="mentions">{}</data>"#, n.mentions)?;
        writeln!(w, "    </node>")?;
    }
    for (i, e) in g.edges().into_iter().enumerate() {
        writeln!(w, r#"    <edge id="e{i}" source="{}" target="{}">"#, xml_text(&e.source), xml_text(&e.target))?;
        for (k, v) in [
            ("e_label", e.relation.as_str()),
            ("relation", e.relation.as_str()),
            ("relation_family", e.relation.family().as_str()),
            ("modalities", &e.modality_list()),
            ("articles", &e.articles.join(";")),
        ] {
            writeln!(w, r#"      <data key="{k}">{}</data>"#, xml_text(v))?;
        }
        writeln!(w, r#"      <data key="weight">{}</data>"#, e.weight)?;
        writeln!(w, r#"      <data key="citations">{}</data>"#, e.citations.len())?;
        writeln!(w, r#"      <data key="symmetric">{}</data>"#, e.relation.is_symmetric())?;
        writeln!(w, r#"      <data key="first_evidence">{}</data>"#, xml_text(e.first_evidence()))?;
        writeln!(w, "    </edge>")?;
    }
    writeln!(w, "  </graph>")?;
    writeln!(w, "</graphml>")
}

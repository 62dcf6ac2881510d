//! CSV files for `neo4j-admin database import full`: `neo4j_nodes.csv`
//! and `neo4j_relationships.csv`.
//!
//! The headers use the importer's field syntax (`id:ID`, `:LABEL`,
//! `:START_ID`, `:END_ID`, `:TYPE`, `weight:int`, `first_date:date`,
//! `articles:string[]` with the default `;` array delimiter), so the files
//! load with no header file or column mapping:
//!
//! ```text
//! neo4j-admin database import full --nodes=neo4j_nodes.csv \
//!     --relationships=neo4j_relationships.csv neo4j
//! ```
//!
//! Each node is an `Actor` with a second label from its type (`State`,
//! `Person`, …); each relationship's type is the relation in upper case
//! (`ACCUSE`, `LEADER_OF`), as Cypher style has it. One relationship per
//! relation, as in `edges.csv`. Never a byte-order mark: these files are for
//! the importer, not a spreadsheet. Empty fields are absent properties.

use std::io::{self, Write};

use super::tables::csv_err;
use crate::{graph::KnowledgeGraph, mention::confidence_text};

/// The header of `neo4j_nodes.csv`.
pub const NODE_HEADER: &[&str] = &[
    "id:ID",
    "label",
    "label_en",
    "type",
    "country",
    "mentions:int",
    "first_date:date",
    "last_date:date",
    ":LABEL",
];

/// The header of `neo4j_relationships.csv`.
pub const RELATIONSHIP_HEADER: &[&str] = &[
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "relation",
    "relation_family",
    "weight:int",
    "citations:int",
    "modalities:string[]",
    "articles:string[]",
    "symmetric:boolean",
    "first_evidence",
    "first_date:date",
    "last_date:date",
    "confidence:double",
];

/// Writes `neo4j_nodes.csv`.
pub fn write_neo4j_nodes<W: Write>(w: W, g: &KnowledgeGraph) -> io::Result<()> {
    let mut cw = csv::Writer::from_writer(w);
    cw.write_record(NODE_HEADER).map_err(csv_err)?;
    for n in g.nodes() {
        let labels = match type_label(&n.kind) {
            Some(t) => format!("Actor;{t}"),
            None => "Actor".to_string(),
        };
        cw.write_record([
            &n.id,
            &n.label,
            &n.label_en,
            &n.kind,
            &n.country,
            &n.mentions.to_string(),
            &n.first_date,
            &n.last_date,
            &labels,
        ])
        .map_err(csv_err)?;
    }
    cw.flush()
}

/// Writes `neo4j_relationships.csv`.
pub fn write_neo4j_relationships<W: Write>(w: W, g: &KnowledgeGraph) -> io::Result<()> {
    let mut cw = csv::Writer::from_writer(w);
    cw.write_record(RELATIONSHIP_HEADER).map_err(csv_err)?;
    for e in g.edges() {
        let (first, last) = e.date_range().unwrap_or_default();
        cw.write_record([
            e.source.as_str(),
            e.target.as_str(),
            &e.relation.as_str().to_ascii_uppercase(),
            e.relation.as_str(),
            e.relation.family().as_str(),
            &e.weight.to_string(),
            &e.citation_count().to_string(),
            &e.modality_list(),
            &e.articles.join(";"),
            if e.relation.is_symmetric() {
                "true"
            } else {
                "false"
            },
            e.first_evidence(),
            &first,
            &last,
            &confidence_text(e.confidence()),
        ])
        .map_err(csv_err)?;
    }
    cw.flush()
}

/// `organization` → `Organization`; `armed_group` → `ArmedGroup`; nothing
/// for a type with no ASCII letter (a label must be a plain identifier
/// here, since `;` separates labels).
fn type_label(kind: &str) -> Option<String> {
    let mut out = String::new();
    for part in kind
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
    {
        let mut cs = part.chars();
        if let Some(c) = cs.next() {
            out.push(c.to_ascii_uppercase());
            out.extend(cs);
        }
    }
    out.starts_with(|c: char| c.is_ascii_alphabetic())
        .then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_labels_are_identifiers() {
        assert_eq!(type_label("state").as_deref(), Some("State"));
        assert_eq!(type_label("armed_group").as_deref(), Some("ArmedGroup"));
        assert_eq!(type_label("").as_deref(), None);
        assert_eq!(type_label("9x").as_deref(), None);
    }
}

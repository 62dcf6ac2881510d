//! CSV exports: `triples.csv` (every mention, every citation), `nodes.csv`
//! and `edges.csv` with Gephi's spreadsheet-import column names first.
//!
//! Written by the `csv` crate (RFC 4180: comma, `"` quoting, `""` inside),
//! UTF-8, `\n` line ends. With `--excel` each starts with a UTF-8
//! byte-order mark: Excel reads a CSV without one in the legacy code page
//! and shows Arabic as mojibake; LibreOffice, pandas and Gephi read both.

use std::io::{self, Write};

use crate::{extract::TripleMention, graph::KnowledgeGraph};

use super::ExportOptions;

fn writer<W: Write>(mut w: W, opts: &ExportOptions) -> io::Result<csv::Writer<W>> {
    if opts.excel_bom {
        w.write_all("\u{FEFF}".as_bytes())?;
    }
    Ok(csv::WriterBuilder::new().from_writer(w))
}

pub(crate) fn csv_err(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// One row per mention, sorted by article, sentence and triple.
pub fn write_triples_csv<W: Write>(
    w: W,
    mentions: &[TripleMention],
    opts: &ExportOptions,
) -> io::Result<()> {
    let mut sorted: Vec<&TripleMention> = mentions.iter().collect();
    sorted.sort_by(|a, b| {
        (
            &a.article,
            a.sentence,
            &a.subject,
            a.relation.as_str(),
            &a.object,
            a.modality.as_str(),
        )
            .cmp(&(
                &b.article,
                b.sentence,
                &b.subject,
                b.relation.as_str(),
                &b.object,
                b.modality.as_str(),
            ))
    });
    let mut cw = writer(w, opts)?;
    if sorted.is_empty() {
        // serde writes the header with the first row; an empty run still
        // gets one so readers see the columns.
        cw.write_record(TRIPLE_COLUMNS).map_err(csv_err)?;
    }
    for m in sorted {
        cw.serialize(m).map_err(csv_err)?;
    }
    cw.flush()
}

/// The columns of `triples.csv`, in order.
pub const TRIPLE_COLUMNS: &[&str] = &[
    "article",
    "sentence",
    "start",
    "end",
    "char_start",
    "char_end",
    "subject",
    "relation",
    "object",
    "modality",
    "cue",
    "evidence",
    "complete",
    "subject_label",
    "subject_type",
    "object_label",
    "object_type",
    "date",
    "subject_span",
    "cue_span",
    "object_span",
    "source",
    "url",
];

/// `Id, Label` first (Gephi), then the actor's attributes.
pub fn write_nodes_csv<W: Write>(w: W, g: &KnowledgeGraph, opts: &ExportOptions) -> io::Result<()> {
    let mut cw = writer(w, opts)?;
    cw.write_record([
        "Id",
        "Label",
        "label_en",
        "type",
        "country",
        "mentions",
        "first_date",
        "last_date",
        "aliases",
    ])
    .map_err(csv_err)?;
    for n in g.nodes() {
        let mentions = n.mentions.to_string();
        cw.write_record([
            &n.id,
            &n.label,
            &n.label_en,
            &n.kind,
            &n.country,
            &mentions,
            &n.first_date,
            &n.last_date,
            &n.aliases,
        ])
        .map_err(csv_err)?;
    }
    cw.flush()
}

/// `Source, Target, Type, Label, Weight` first (Gephi), then the rest.
/// `Type` is `Undirected` for symmetric relations (Gephi reads it per row).
pub fn write_edges_csv<W: Write>(w: W, g: &KnowledgeGraph, opts: &ExportOptions) -> io::Result<()> {
    let mut cw = writer(w, opts)?;
    cw.write_record([
        "Source",
        "Target",
        "Type",
        "Label",
        "Weight",
        "relation_family",
        "modalities",
        "articles",
        "citations",
        "first_evidence",
        "first_date",
        "last_date",
    ])
    .map_err(csv_err)?;
    for e in g.edges() {
        let (first, last) = e.date_range().unwrap_or_default();
        let kind = if e.relation.is_symmetric() {
            "Undirected"
        } else {
            "Directed"
        };
        cw.write_record([
            e.source.as_str(),
            e.target.as_str(),
            kind,
            e.relation.as_str(),
            &e.weight.to_string(),
            e.relation.family().as_str(),
            &e.modality_list(),
            &e.articles.join(";"),
            &e.citation_count().to_string(),
            e.first_evidence(),
            &first,
            &last,
        ])
        .map_err(csv_err)?;
    }
    cw.flush()
}

//! Exports: the graph and its mentions as files other tools open.
//!
//! In: a [`KnowledgeGraph`] and the mentions it came from. Out: bytes on any
//! `impl Write`; [`write_all`] puts every format in a folder.
//!
//! What must hold:
//! - output order is stable (nodes by id, edges by source, relation,
//!   target; mentions by article and position), so the same input gives
//!   byte-identical files;
//! - text that reaches XML has XML-illegal code points removed and is
//!   escaped; CSV goes through the `csv` crate;
//! - [`write_all`] writes each file to a temporary file in the output folder
//!   and renames them into place only when all are written, so a failed or
//!   interrupted run leaves the previous exports as they were.

mod dot;
mod graphml;
mod read;
mod tables;

use std::{
    fs,
    io::{self, BufWriter, Write},
    path::{Path, PathBuf},
};

pub use dot::write_dot;
pub use graphml::write_graphml;
pub use read::{for_each_triple, read_triples};
pub use tables::{write_edges_csv, write_nodes_csv, write_triples_csv};

use crate::{
    error::{Error, Result},
    extract::TripleMention,
    graph::KnowledgeGraph,
};

/// Options that change how files are written.
#[derive(Clone, Debug, Default)]
pub struct ExportOptions {
    /// Start CSV files with a UTF-8 byte-order mark (Excel needs it to read
    /// Arabic).
    pub excel_bom: bool,
}

/// The whole graph with every citation, for programs.
pub fn write_json<W: Write>(mut w: W, g: &KnowledgeGraph) -> io::Result<()> {
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        nodes: Vec<&'a crate::graph::Node>,
        edges: Vec<&'a crate::graph::Edge>,
    }
    serde_json::to_writer_pretty(&mut w, &Doc { nodes: g.nodes(), edges: g.edges() })?;
    w.write_all(b"\n")
}

/// Removes code points XML 1.0 forbids (C0 controls but tab and newlines,
/// surrogates cannot occur in `str`, U+FFFE and U+FFFF).
pub fn xml_clean(s: &str) -> String {
    s.chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}' && !('\u{7F}'..='\u{84}').contains(&c) && !('\u{86}'..='\u{9F}').contains(&c)))
        .collect()
}

/// Escaped, XML-legal text.
pub fn xml_text(s: &str) -> String {
    quick_xml::escape::escape(xml_clean(s).as_str()).into_owned()
}

type Writer = fn(&mut dyn Write, &KnowledgeGraph, &[TripleMention], &ExportOptions) -> io::Result<()>;

/// The files `build` writes, in order.
pub const FILES: &[(&str, Writer)] = &[
    ("triples.csv", |w, _, m, o| write_triples_csv(w, m, o)),
    ("nodes.csv", |w, g, _, o| write_nodes_csv(w, g, o)),
    ("edges.csv", |w, g, _, o| write_edges_csv(w, g, o)),
    ("graph.graphml", |w, g, _, _| write_graphml(w, g)),
    ("graph.dot", |w, g, _, _| write_dot(w, g)),
    ("graph.json", |w, g, _, _| write_json(w, g)),
];

/// Writes every export into `dir`, all or nothing.
pub fn write_all(dir: &Path, g: &KnowledgeGraph, mentions: &[TripleMention], opts: &ExportOptions) -> Result<Vec<PathBuf>> {
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut staged = Vec::new();
    for (name, write) in FILES {
        let path = dir.join(name);
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| Error::Export { path: path.clone(), source: e })?;
        let mut w = BufWriter::new(tmp);
        write(&mut w, g, mentions, opts).map_err(|e| Error::Export { path: path.clone(), source: e })?;
        let tmp = w.into_inner().map_err(|e| Error::Export { path: path.clone(), source: e.into_error() })?;
        tmp.as_file().sync_all().map_err(|e| Error::Export { path: path.clone(), source: e })?;
        staged.push((tmp, path));
    }
    let mut written = Vec::new();
    for (tmp, path) in staged {
        tmp.persist(&path).map_err(|e| Error::Export { path: path.clone(), source: e.error })?;
        written.push(path);
    }
    Ok(written)
}

//! Exports: the graph and its mentions as files other tools open.
//!
//! In: a [`KnowledgeGraph`] and the mentions it came from. Out: bytes on any
//! `impl Write`; [`write_all`] puts every format in a folder ([`FILES`] says
//! which tool each file is for). [`Filter`] narrows a graph first;
//! [`read_triples`] reads `triples.csv` files back, so every export can be
//! made again without the articles; [`render()`] draws the DOT file through
//! Graphviz.
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
mod filter;
mod formula;
mod gexf;
mod graphml;
mod html;
mod layout;
mod mentions;
mod neo4j;
mod read;
mod render;
mod tables;

use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    io::{self, BufWriter, Write},
    path::{Path, PathBuf},
};

pub use dot::{FONT, LAYERED_MAX_NODES, write_dot};
pub use filter::{BehindEdges, Filter, parse_confidence, parse_date_bound, parse_family};
pub use formula::{FormulaGuard, SPREADSHEET_CSV, TRIGGERS};
pub use gexf::write_gexf;
pub use graphml::{write_graphml, write_graphml_collapsed};
pub use html::{
    CITATIONS_PER_EDGE, LARGE_GRAPH_EDGES, PageLayout, TOP_EDGES, write_html, write_html_laid_out,
};
pub use layout::layout;
pub use mentions::{Citations, EdgeCitation, MentionSource, write_json};
pub use neo4j::{
    NODE_HEADER as NEO4J_NODE_HEADER, RELATIONSHIP_HEADER as NEO4J_RELATIONSHIP_HEADER,
    write_neo4j_nodes, write_neo4j_relationships,
};
pub use read::{for_each_triple, read_triples};
pub use render::{RenderFormat, render};
pub use tables::{write_edges_csv, write_nodes_csv, write_triples_csv};

use crate::{
    error::{Error, Result},
    graph::{Edge, KnowledgeGraph},
    mention::TripleMention,
    schema::Family,
};

/// Options that change how files are written.
#[derive(Clone, Debug, Default)]
pub struct ExportOptions {
    /// Start CSV files with a UTF-8 byte-order mark (Excel needs it to read
    /// Arabic).
    pub excel_bom: bool,
}

/// Removes code points XML 1.0 forbids (C0 controls but tab and newlines,
/// surrogates cannot occur in `str`, U+FFFE and U+FFFF).
pub fn xml_clean(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r')
                || (c >= ' '
                    && c != '\u{FFFE}'
                    && c != '\u{FFFF}'
                    && !('\u{7F}'..='\u{84}').contains(&c)
                    && !('\u{86}'..='\u{9F}').contains(&c))
        })
        .collect()
}

/// Escaped, XML-legal text.
pub fn xml_text(s: &str) -> String {
    quick_xml::escape::escape(xml_clean(s).as_str()).into_owned()
}

/// Escaped, XML-legal text for an attribute value: as [`xml_text`], and tab
/// and line breaks as character references, which attribute-value
/// normalization (XML 1.0 §3.3.3) would otherwise turn into spaces.
pub fn xml_attr(s: &str) -> String {
    xml_text(s)
        .replace('\t', "&#9;")
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
}

/// Every relation between one ordered pair of actors, for views with one
/// edge per pair (`graph-collapsed.graphml`).
#[derive(Clone, Debug)]
pub struct PairEdge<'g> {
    /// Subject id.
    pub source: &'g str,
    /// Object id.
    pub target: &'g str,
    /// The pair's edges, one per relation, sorted by relation name.
    pub edges: Vec<&'g Edge>,
}

impl PairEdge<'_> {
    /// Relation names, sorted.
    pub fn relation_names(&self) -> Vec<&'static str> {
        self.edges.iter().map(|e| e.relation.as_str()).collect()
    }

    /// The families present, in schema order.
    pub fn families(&self) -> Vec<Family> {
        let mut fs: Vec<Family> = self.edges.iter().map(|e| e.relation.family()).collect();
        fs.sort();
        fs.dedup();
        fs
    }

    /// The family with the most citations (ties go to the later of
    /// standing, cooperation, conflict), for colouring one edge.
    pub fn main_family(&self) -> Family {
        self.families()
            .into_iter()
            .max_by_key(|f| {
                (
                    self.edges
                        .iter()
                        .filter(|e| e.relation.family() == *f)
                        .map(|e| e.weight)
                        .sum::<usize>(),
                    *f,
                )
            })
            .expect("a pair has at least one edge")
    }

    /// Citations summed over relations.
    pub fn weight(&self) -> usize {
        self.edges.iter().map(|e| e.weight).sum()
    }

    /// Every modality seen, `asserted;reported` style.
    pub fn modality_list(&self) -> String {
        let ms: BTreeSet<_> = self
            .edges
            .iter()
            .flat_map(|e| e.modalities.keys())
            .collect();
        ms.into_iter()
            .map(|m| m.as_str())
            .collect::<Vec<_>>()
            .join(";")
    }

    /// Articles, sorted, each once.
    pub fn articles(&self) -> Vec<&str> {
        let a: BTreeSet<&str> = self
            .edges
            .iter()
            .flat_map(|e| e.articles.iter().map(|a| &**a))
            .collect();
        a.into_iter().collect()
    }

    /// The evidence of the pair's first citation (by article and position).
    pub fn first_evidence(&self) -> &str {
        self.edges
            .iter()
            .filter_map(|e| e.first_citation.as_ref())
            .min()
            .map_or("", |c| c.evidence.as_str())
    }

    /// The noisy-or of every citation of the pair's relations.
    pub fn confidence(&self) -> f64 {
        crate::graph::noisy_or(self.edges.iter().copied())
    }

    /// Earliest and latest citation dates.
    pub fn date_range(&self) -> Option<(String, String)> {
        let ds: BTreeSet<String> = self
            .edges
            .iter()
            .flat_map(|e| e.days.iter().cloned())
            .collect();
        Some((ds.first()?.clone(), ds.last()?.clone()))
    }
}

/// Groups the edges by ordered (source, target) pair, sorted by pair.
/// A symmetric relation is stored subject ≤ object and so joins that pair.
pub fn pair_edges(g: &KnowledgeGraph) -> Vec<PairEdge<'_>> {
    let mut pairs: BTreeMap<(&str, &str), Vec<&Edge>> = BTreeMap::new();
    for e in g.edges() {
        pairs
            .entry((e.source.as_str(), e.target.as_str()))
            .or_default()
            .push(e);
    }
    pairs
        .into_iter()
        .map(|((source, target), edges)| PairEdge {
            source,
            target,
            edges,
        })
        .collect()
}

/// Writes a file from the graph and the mentions.
type MentionsFn =
    fn(&mut dyn Write, &KnowledgeGraph, &mut dyn MentionSource, &ExportOptions) -> io::Result<()>;

/// Writes `graph.html` from the graph, the mentions and its layout.
type PageFn =
    fn(&mut dyn Write, &KnowledgeGraph, &mut dyn MentionSource, &PageLayout) -> io::Result<()>;

/// What an export is written from, which says what may be written at the
/// same time (see [`stage_all`]).
#[derive(Clone, Copy, Debug)]
pub enum Writer {
    /// The graph alone: these files are written in parallel.
    Graph(fn(&mut dyn Write, &KnowledgeGraph, &ExportOptions) -> io::Result<()>),
    /// The graph and the mentions, which one writer reads at a time: these
    /// files are written one after another, in [`FILES`] order.
    Mentions(MentionsFn),
    /// `graph.html`: its layout from the graph alone, computed in parallel
    /// with the other files, then the page from the graph, the layout and
    /// the mentions, in turn with the other mention writers.
    Page(PageFn),
}

/// The files `build` and `export` write, in order:
///
/// | file | for |
/// |---|---|
/// | `triples.csv` | every mention with its citation; `eval`, `export`, spreadsheets |
/// | `nodes.csv`, `edges.csv` | Gephi's spreadsheet import (`Id`, `Label`; `Source`, `Target`, `Type`, `Label`, `Weight`) |
/// | `neo4j_nodes.csv`, `neo4j_relationships.csv` | `neo4j-admin database import full` |
/// | `graph.graphml` | the multigraph, one edge per relation: networkx, igraph, yEd |
/// | `graph-collapsed.graphml` | one edge per actor pair, relations listed: Gephi |
/// | `graph.gexf` | Gephi with relations apart (`kind`) and its timeline (spells) |
/// | `graph.dot` | Graphviz (`newsgraph render`) |
/// | `graph.json` | programs: every node, edge and citation |
/// | `graph.html` | a browser: the graph drawn, searchable, each edge's sentences |
pub const FILES: &[(&str, Writer)] = &[
    (
        "triples.csv",
        Writer::Mentions(|w, _, m, o| m.write_triples(w, o)),
    ),
    (
        "nodes.csv",
        Writer::Graph(|w, g, o| write_nodes_csv(w, g, o)),
    ),
    (
        "edges.csv",
        Writer::Graph(|w, g, o| write_edges_csv(w, g, o)),
    ),
    (
        "neo4j_nodes.csv",
        Writer::Graph(|w, g, _| write_neo4j_nodes(w, g)),
    ),
    (
        "neo4j_relationships.csv",
        Writer::Graph(|w, g, _| write_neo4j_relationships(w, g)),
    ),
    (
        "graph.graphml",
        Writer::Graph(|w, g, _| write_graphml(w, g)),
    ),
    (
        "graph-collapsed.graphml",
        Writer::Graph(|w, g, _| write_graphml_collapsed(w, g)),
    ),
    ("graph.gexf", Writer::Graph(|w, g, _| write_gexf(w, g))),
    ("graph.dot", Writer::Graph(|w, g, _| write_dot(w, g))),
    (
        "graph.json",
        Writer::Mentions(|w, g, m, _| write_json(w, g, m)),
    ),
    (
        "graph.html",
        Writer::Page(|w, g, m, laid| write_html_laid_out(w, g, m, laid)),
    ),
];

/// Writes every export into `dir`, all or nothing.
pub fn write_all(
    dir: &Path,
    g: &KnowledgeGraph,
    mentions: &[TripleMention],
    opts: &ExportOptions,
) -> Result<Vec<PathBuf>> {
    write_all_from(dir, g, &mut { mentions }, opts)
}

/// [`write_all`] with the mentions from any [`MentionSource`], such as the
/// sorted runs a streaming `build` or `merge` spilled to disk.
pub fn write_all_from(
    dir: &Path,
    g: &KnowledgeGraph,
    mentions: &mut dyn MentionSource,
    opts: &ExportOptions,
) -> Result<Vec<PathBuf>> {
    stage_all(dir, g, mentions, opts)?.persist()
}

/// Every export written to temporary files in `dir`, not yet in place: the
/// first half of [`write_all_from`], for callers that must finish other work
/// (an SQLite commit) between writing and renaming. Dropping it removes the
/// temporary files; a signal removes them too ([`crate::cleanup`]).
#[derive(Debug, Default)]
pub struct Staged {
    files: Vec<(tempfile::NamedTempFile, PathBuf, crate::cleanup::Guard)>,
}

/// Writes every export of [`FILES`] to a temporary file in `dir`.
///
/// The files written from the graph alone, and the page's layout, are
/// written on the thread pool while the calling thread writes those that
/// read `mentions`, one after another; each file's bytes are those of a
/// sequential run. When files fail, the error is the first failed file's
/// in [`FILES`] order, and every temporary file is removed.
pub fn stage_all(
    dir: &Path,
    g: &KnowledgeGraph,
    mentions: &mut dyn MentionSource,
    opts: &ExportOptions,
) -> Result<Staged> {
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    // Before any temporary file: a signal removes every one.
    crate::cleanup::install();
    let guarded =
        |name: &str, w: &mut dyn Write, write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>| {
            if opts.excel_bom && SPREADSHEET_CSV.contains(&name) {
                write(&mut FormulaGuard::new(w))
            } else {
                write(w)
            }
        };
    let mut done: Vec<Option<Result<Entry>>> = FILES.iter().map(|_| None).collect();
    rayon::in_place_scope(|s| {
        let (mut chain, mut graph) = (Vec::new(), Vec::new());
        for ((name, writer), slot) in FILES.iter().zip(done.iter_mut()) {
            match *writer {
                Writer::Graph(write) => graph.push((*name, write, slot)),
                Writer::Mentions(write) => chain.push((*name, Chained::Mentions(write), slot)),
                Writer::Page(write) => {
                    // Layouts first: the longest jobs.
                    let (tx, rx) = std::sync::mpsc::sync_channel(1);
                    s.spawn(move |_| {
                        let _ = tx.send(PageLayout::of(g));
                    });
                    chain.push((*name, Chained::Page(write, rx), slot));
                }
            }
        }
        for (name, write, slot) in graph {
            s.spawn(move |_| {
                *slot = Some(stage_file(dir, name, |w| {
                    guarded(name, w, &mut |w| write(w, g, opts))
                }));
            });
        }
        for (name, job, slot) in chain {
            *slot = Some(match job {
                Chained::Mentions(write) => stage_file(dir, name, |w| {
                    guarded(name, w, &mut |w| write(w, g, &mut *mentions, opts))
                }),
                Chained::Page(write, laid) => {
                    // The job sends its layout, or panics and the scope
                    // raises that.
                    let laid = laid.recv().expect("the layout job sends its layout");
                    stage_file(dir, name, |w| {
                        guarded(name, w, &mut |w| write(w, g, &mut *mentions, &laid))
                    })
                }
            });
        }
    });
    let mut staged = Staged { files: Vec::new() };
    for entry in done {
        staged.files.push(entry.expect("every file is written")?);
    }
    Ok(staged)
}

/// A file the calling thread writes from the mentions.
enum Chained {
    Mentions(MentionsFn),
    Page(PageFn, std::sync::mpsc::Receiver<PageLayout>),
}

/// A staged file: the temporary file, where it goes, and the guard that
/// removes it on a signal.
type Entry = (tempfile::NamedTempFile, PathBuf, crate::cleanup::Guard);

/// Writes `dir/name` to a temporary file with `write`, readable by all and
/// synced.
fn stage_file(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<Entry> {
    let path = dir.join(name);
    let err = |source| Error::Export {
        path: path.clone(),
        source,
    };
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(err)?;
    let guard = crate::cleanup::Guard::new(tmp.path());
    let mut w = BufWriter::new(tmp);
    write(&mut w).map_err(err)?;
    let tmp = w.into_inner().map_err(|e| err(e.into_error()))?;
    finish_file(tmp, path, guard)
}

/// Makes a written temporary file readable by all and syncs it.
fn finish_file(
    tmp: tempfile::NamedTempFile,
    path: PathBuf,
    guard: crate::cleanup::Guard,
) -> Result<Entry> {
    let err = |source| Error::Export {
        path: path.clone(),
        source,
    };
    readable(tmp.as_file()).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    Ok((tmp, path, guard))
}

impl Staged {
    /// Writes one more file, `dir/name`, to a temporary file with `write`.
    pub fn stage(
        &mut self,
        dir: &Path,
        name: &str,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<()> {
        self.files.push(stage_file(dir, name, write)?);
        Ok(())
    }

    /// Adds the files of `other`, to be renamed after this one's.
    pub fn append(&mut self, mut other: Staged) {
        self.files.append(&mut other.files);
    }

    /// Adds a temporary file that another writer filled (the SQLite store),
    /// to be renamed to `path` with the others.
    pub fn add(&mut self, tmp: tempfile::NamedTempFile, path: PathBuf) -> Result<()> {
        let guard = crate::cleanup::Guard::new(tmp.path());
        self.push(tmp, path, guard)
    }

    fn push(
        &mut self,
        tmp: tempfile::NamedTempFile,
        path: PathBuf,
        guard: crate::cleanup::Guard,
    ) -> Result<()> {
        self.files.push(finish_file(tmp, path, guard)?);
        Ok(())
    }

    /// Renames every file into place, all or none as far as a rename can
    /// fail.
    pub fn persist(self) -> Result<Vec<PathBuf>> {
        // A rename cannot replace a folder: check every target before the
        // first rename, so a run either replaces all exports or none.
        for (_, path, _) in &self.files {
            if path.is_dir() {
                return Err(Error::Export {
                    path: path.clone(),
                    source: std::io::Error::other("a folder stands where the export goes"),
                });
            }
        }
        let mut written = Vec::new();
        for (tmp, path, guard) in self.files {
            tmp.persist(&path).map_err(|e| Error::Export {
                path: path.clone(),
                source: e.error,
            })?;
            drop(guard);
            written.push(path);
        }
        Ok(written)
    }
}

/// Removes temporary exports an earlier, killed run left in `dir`
/// (`.edges.csv.Ab12Cd.tmp`); returns how many.
pub fn remove_stale_temporaries(dir: &Path) -> usize {
    let names: Vec<&str> = FILES
        .iter()
        .map(|(n, _)| *n)
        .chain([crate::store::FILE])
        .collect();
    crate::cleanup::remove_stale(dir, &names)
}

/// Temporary files are created owner-only (0600); exports are for sharing,
/// so give them the usual 0644 before they are renamed into place.
pub(crate) fn readable(f: &fs::File) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(fs::Permissions::from_mode(0o644))?;
    }
    #[cfg(not(unix))]
    let _ = f;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        graph::GraphOptions,
        schema::{Modality, Relation},
    };

    fn m(s: &str, r: Relation, o: &str, label: &str, date: &str, evidence: &str) -> TripleMention {
        TripleMention {
            article: format!("a-{date}"),
            sentence: 0,
            start: 0,
            end: evidence.len(),
            char_start: 0,
            char_end: evidence.chars().count(),
            subject: s.into(),
            relation: r,
            object: o.into(),
            modality: Modality::Asserted,
            cue: String::new(),
            evidence: evidence.into(),
            complete: true,
            subject_label: label.into(),
            subject_type: "state".into(),
            object_label: format!("{o}_ar"),
            object_type: "person".into(),
            date: date.into(),
            ..crate::mention::tests::sample("")
        }
    }

    fn graph(dated: bool) -> KnowledgeGraph {
        KnowledgeGraph::build(&mentions(dated), None, &GraphOptions::default())
    }

    fn mentions(dated: bool) -> Vec<TripleMention> {
        let d = |s: &'static str| if dated { s } else { "" };
        vec![
            m(
                "tr",
                Relation::Support,
                "az",
                "تركيا",
                d("2020-10-01"),
                "دعم \"قوي\"\nجدا",
            ),
            m(
                "tr",
                Relation::Support,
                "az",
                "تركيا",
                d("2020-10-05"),
                "دعم",
            ),
            m(
                "tr",
                Relation::Aid,
                "az",
                "تركيا",
                d("2020-10-05"),
                "مسيّرات \"x\"\n\u{1}",
            ),
            m(
                "tr",
                Relation::Consult,
                "am",
                "تركيا",
                d("2020-10-07"),
                "اتصال",
            ),
        ]
    }

    #[test]
    fn files_written_in_parallel_are_those_of_one_writer_after_another() {
        let ms = mentions(true);
        let g = graph(true);
        for excel_bom in [false, true] {
            let opts = ExportOptions { excel_bom };
            let dir = tempfile::tempdir().unwrap();
            let written = write_all(dir.path(), &g, &ms, &opts).unwrap();
            assert_eq!(written.len(), FILES.len());
            for (name, writer) in FILES {
                let mut want = Vec::new();
                let write = |w: &mut dyn Write| match writer {
                    Writer::Graph(f) => f(w, &g, &opts),
                    Writer::Mentions(f) => f(w, &g, &mut &ms[..], &opts),
                    Writer::Page(_) => write_html(w, &g, &mut &ms[..]),
                };
                if excel_bom && SPREADSHEET_CSV.contains(name) {
                    let mut guard = FormulaGuard::new(&mut want);
                    write(&mut guard).unwrap();
                    guard.flush().unwrap();
                } else {
                    write(&mut want).unwrap();
                }
                let got = fs::read(dir.path().join(name)).unwrap();
                assert!(got == want, "{name} (excel {excel_bom}) differs");
            }
        }
    }

    fn text(f: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut buf = Vec::new();
        f(&mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn gexf_is_dynamic_only_with_dates_and_keeps_relations_apart() {
        let s = text(|w| write_gexf(w, &graph(false)));
        assert!(
            s.contains(r#"mode="static""#) && !s.contains("<spell"),
            "{s}"
        );
        let s = text(|w| write_gexf(w, &graph(true)));
        assert!(s.contains(r#"mode="dynamic" timeformat="date""#));
        assert!(s.contains(r#"kind="support""#) && s.contains(r#"kind="aid""#));
        assert!(
            s.contains(r#"<node id="tr" label="تركيا" start="2020-10-01" end="2020-10-07">"#),
            "{s}"
        );
        // One spell per day the edge was reported on.
        assert_eq!(
            s.matches(r#"<spell start="2020-10-05" end="2020-10-05"/>"#)
                .count(),
            2
        );
        assert!(s.contains("&#10;") && !s.contains('\u{1}'));
    }

    #[test]
    fn collapsed_graphml_sums_a_pairs_relations() {
        let g = graph(true);
        let pairs = pair_edges(&g);
        assert_eq!(pairs.len(), 2);
        let tr_az = pairs.iter().find(|p| p.target == "az").unwrap();
        assert_eq!(
            (tr_az.relation_names(), tr_az.weight()),
            (vec!["aid", "support"], 3)
        );
        assert_eq!(tr_az.main_family(), Family::Cooperation);
        assert_eq!(
            tr_az.date_range(),
            Some(("2020-10-01".into(), "2020-10-05".into()))
        );
        let s = text(|w| write_graphml_collapsed(w, &g));
        assert_eq!(s.matches("<edge ").count(), 2);
        assert!(
            s.contains(r#"<data key="e_label">aid, support</data>"#)
                && s.contains(r#"<data key="weight">3</data>"#)
        );
        let multi = text(|w| write_graphml(w, &g));
        assert_eq!(multi.matches("<edge ").count(), 3);
    }

    #[test]
    fn dot_ids_are_ascii_and_labels_escaped() {
        let s = text(|w| write_dot(w, &graph(false)));
        for line in s.lines().filter(|l| l.contains(" -> ")) {
            let ids = line.split(" [").next().unwrap();
            assert!(ids.is_ascii(), "{line}");
        }
        assert!(s.contains("layout=dot"));
        assert!(
            s.contains("\u{2067}تركيا\u{2069}"),
            "Arabic label in a right-to-left isolate"
        );
        assert!(s.contains(r#"tooltip="مسيّرات \"x\"\n""#), "{s}");
        assert!(s.contains("support ×2"));
    }

    #[test]
    fn neo4j_headers_and_types() {
        let g = graph(true);
        let n = text(|w| write_neo4j_nodes(w, &g));
        assert!(
            n.starts_with("id:ID,")
                && n.contains(",Actor;State\n")
                && n.contains(",Actor;Person\n")
        );
        let r = text(|w| write_neo4j_relationships(w, &g));
        assert!(r.starts_with(":START_ID,:END_ID,:TYPE,"));
        assert!(
            r.contains(
                "tr,az,SUPPORT,support,cooperation,2,2,asserted,a-2020-10-01;a-2020-10-05,false,"
            ),
            "{r}"
        );
    }

    #[test]
    fn xml_text_and_attributes_are_legal() {
        assert_eq!(xml_attr("a\u{1}\"b\"\nc\u{FFFE}"), "a&quot;b&quot;&#10;c");
        assert_eq!(
            RenderFormat::from_path(Path::new("g.SVG")),
            Some(RenderFormat::Svg)
        );
        assert_eq!(RenderFormat::from_path(Path::new("g.docx")), None);
    }
}

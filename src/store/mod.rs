//! The SQLite store: `DIR/graph.sqlite`, which `build` writes beside the
//! exports and `update` grows as news arrives.
//!
//! In: articles with the mentions extraction found in them, and the
//! finished graph. Out: one SQLite file that SQL clients (the `sqlite3`
//! shell, Python, Datasette) query, and for `update` the stored mentions
//! streamed back, so every export is written again without re-reading or
//! re-extracting a stored article.
//!
//! Tables and views (schema version [`SCHEMA_VERSION`]):
//!
//! | name | holds |
//! |---|---|
//! | `articles` | id, title, date, source, url, `hash` (SHA-256 of text and metadata), `length` (bytes of text) |
//! | `mentions` | every mention as `triples.csv` has it (citation, modality), plus `rule` and `confidence` where the extractor gives them |
//! | `actors` | the graph's nodes, as in `nodes.csv` |
//! | `edges` | the graph's edges, as in `edges.csv` |
//! | `passages`, `passages_fts` | evidence sentences and titles, and their FTS5 index |
//! | `edges_labelled` | edges with both actors' labels |
//! | `mentions_cited` | mentions with their article's title, date, source and url |
//! | `meta` | the build's options, which `update` applies again |
//!
//! What must hold:
//! - a mention read back equals the one stored, so exports rewritten from
//!   the store are byte-identical to a build's; mention fields map to
//!   columns by name in one place, [`MENTION_COLUMNS`], and a field without
//!   a column is an error, never a silently dropped value;
//! - the schema version is `PRAGMA user_version`; a file of another version,
//!   or one that is not a newsgraph store, is refused with a message that
//!   says so;
//! - an update is one transaction in WAL mode (readers such as Datasette go
//!   on reading the last commit); one writer at a time per folder
//!   ([`lock_dir`]), so exports and store move together.
//!
//! The FTS5 index reads each passage with the marks [`strip_marks`] drops
//! (harakat, tatweel) taken out, through SQLite's `unicode61` tokenizer; it
//! does not fold what [`crate::normalize`] folds beyond that (see the
//! README, "The SQLite store"). Queries are typed without marks.

use std::{
    collections::BTreeMap,
    fs::File,
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

use rusqlite::{Connection, OpenFlags, params, types::ValueRef};
use sha2::{Digest, Sha256};

use crate::{
    article::Article,
    error::{Error, Result},
    export::{ExportOptions, Filter, Staged, parse_family, write_edges_csv, write_nodes_csv},
    graph::KnowledgeGraph,
    mention::TripleMention,
    normalize::strip_marks,
    schema::{Modality, Relation},
};

/// The store's file name in an output folder.
pub const FILE: &str = "graph.sqlite";

/// `PRAGMA user_version` of the schema this code reads and writes.
pub const SCHEMA_VERSION: i64 = 1;

/// `PRAGMA application_id`: "NGRP", so a stray SQLite file is told apart.
const APPLICATION_ID: i64 = 0x4e47_5250;

/// How a mention field is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// TEXT.
    Text,
    /// INTEGER.
    Int,
    /// INTEGER 0 or 1.
    Bool,
    /// REAL.
    Real,
}

impl Kind {
    fn sql(self) -> &'static str {
        match self {
            Kind::Text => "TEXT",
            Kind::Int | Kind::Bool => "INTEGER",
            Kind::Real => "REAL",
        }
    }
}

/// The `mentions` table's columns, named as the mention row's fields (and
/// so as `triples.csv`'s columns): the one place where mention fields meet
/// the store. A field is written to the column of its name and read back
/// from it; a NULL column is a field the row does not have. `rule` and
/// `confidence` are here before the extractor fills them.
pub const MENTION_COLUMNS: &[(&str, Kind)] = &[
    ("article", Kind::Text),
    ("sentence", Kind::Int),
    ("start", Kind::Int),
    ("end", Kind::Int),
    ("char_start", Kind::Int),
    ("char_end", Kind::Int),
    ("subject", Kind::Text),
    ("relation", Kind::Text),
    ("object", Kind::Text),
    ("modality", Kind::Text),
    ("cue", Kind::Text),
    ("evidence", Kind::Text),
    ("complete", Kind::Bool),
    ("subject_label", Kind::Text),
    ("subject_type", Kind::Text),
    ("object_label", Kind::Text),
    ("object_type", Kind::Text),
    ("date", Kind::Text),
    ("rule", Kind::Text),
    ("confidence", Kind::Real),
    ("subject_span", Kind::Text),
    ("cue_span", Kind::Text),
    ("object_span", Kind::Text),
    ("source", Kind::Text),
    ("url", Kind::Text),
];

/// The `actors` and `edges` tables' columns: `nodes.csv`'s and
/// `edges.csv`'s, lower case, with Gephi's `Label` of an edge named for
/// what it holds, the relation. Read from the writers' own headers, so a
/// column added to an export reaches the table.
fn graph_columns() -> (Vec<String>, Vec<String>) {
    let g = KnowledgeGraph::default();
    let header =
        |write: fn(&mut Vec<u8>, &KnowledgeGraph, &ExportOptions) -> std::io::Result<()>,
         rename: &[(&str, &str)]| {
            let mut buf = Vec::new();
            write(&mut buf, &g, &ExportOptions::default()).expect("writing to memory");
            let line = String::from_utf8(buf).expect("UTF-8 header");
            line.trim_end()
                .split(',')
                .map(|c| {
                    let c = c.to_lowercase();
                    rename
                        .iter()
                        .find(|(from, _)| *from == c)
                        .map_or(c, |(_, to)| to.to_string())
                })
                .collect::<Vec<_>>()
        };
    (
        header(|w, g, o| write_nodes_csv(w, g, o), &[]),
        header(|w, g, o| write_edges_csv(w, g, o), &[("label", "relation")]),
    )
}

/// The tokenizer of the evidence index. SQLite's `remove_diacritics`
/// knows Latin accents only, so Arabic marks are taken out before indexing
/// (the `search` column, [`strip_marks`]); `unicode61` then splits words
/// and folds case.
pub const FTS_TOKENIZE: &str = "unicode61 remove_diacritics 2";

/// The schema in two parts: the tables (and the pragmas that mark the
/// file), then the indexes, trigger and views. A new store gets the second
/// part when it is complete ([`Store::stage`]): an index built once over
/// every row costs far less than one kept up to date row by row. The
/// statements' order among each kind is the same either way, so the file's
/// `.dump` is too.
fn schema() -> (String, String) {
    let cols: Vec<String> = MENTION_COLUMNS
        .iter()
        .map(|(n, k)| format!("    \"{n}\" {}", k.sql()))
        .collect();
    let int_cols = ["mentions", "weight", "citations"];
    let (actor_cols, edge_cols) = graph_columns();
    let table = |name: &str, cols: &[String], key: &str| {
        let cols: Vec<String> = cols
            .iter()
            .map(|c| {
                let t = if int_cols.contains(&c.as_str()) {
                    "INTEGER"
                } else {
                    "TEXT"
                };
                format!("    \"{c}\" {t}")
            })
            .collect();
        format!(
            "CREATE TABLE {name} (\n{},\n    {key}\n);\n",
            cols.join(",\n")
        )
    };
    let tables = format!(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    title TEXT,
    date TEXT,
    source TEXT,
    url TEXT,
    hash TEXT NOT NULL,
    length INTEGER NOT NULL
);
CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
{mentions}
);
{actors}{edges}CREATE TABLE passages (
    id INTEGER PRIMARY KEY,
    article TEXT NOT NULL,
    sentence INTEGER,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    search TEXT NOT NULL
);
CREATE VIRTUAL TABLE passages_fts USING fts5(
    search, content='passages', content_rowid='id',
    tokenize=\"{FTS_TOKENIZE}\"
);
PRAGMA application_id = {APPLICATION_ID};
PRAGMA user_version = {SCHEMA_VERSION};
",
        mentions = cols.join(",\n"),
        actors = table("actors", &actor_cols, "PRIMARY KEY (id)"),
        edges = table(
            "edges",
            &edge_cols,
            "PRIMARY KEY (source, relation, target)"
        ),
    );
    let late = "CREATE INDEX mentions_article ON mentions(article);
CREATE INDEX mentions_triple ON mentions(subject, relation, object);
CREATE INDEX passages_article ON passages(article);
CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
    INSERT INTO passages_fts(passages_fts, rowid, search) VALUES ('delete', old.id, old.search);
END;
CREATE VIEW edges_labelled AS
SELECT e.source, s.label AS source_label, s.label_en AS source_label_en,
       e.relation, e.relation_family,
       e.target, t.label AS target_label, t.label_en AS target_label_en,
       e.weight, e.modalities, e.first_date, e.last_date, e.first_evidence
FROM edges e
LEFT JOIN actors s ON s.id = e.source
LEFT JOIN actors t ON t.id = e.target;
CREATE VIEW mentions_cited AS
SELECT m.article, a.title, a.date, a.source AS outlet, a.url,
       m.sentence, m.subject, m.subject_label, m.relation, m.object,
       m.object_label, m.modality, m.cue, m.evidence,
       m.start, m.end, m.char_start, m.char_end, m.rule, m.confidence
FROM mentions m
LEFT JOIN articles a ON a.id = m.article;
";
    (tables, late.to_string())
}

/// The options a build wrote its exports with, kept in the store so an
/// update writes them the same way.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    /// Modalities that make edges.
    pub modalities: Vec<Modality>,
    /// CSV files start with a byte-order mark.
    pub excel: bool,
    /// The build's filters.
    pub filter: Filter,
}

/// SHA-256 of an article's text and metadata, hex: what decides whether an
/// update skips a stored article (same hash) or replaces it.
pub fn content_hash(a: &Article) -> String {
    let mut h = Sha256::new();
    // Length-prefixed, so no two different articles feed the same bytes.
    for field in [&a.title, &a.date, &a.source, &a.url] {
        match field {
            None => h.update([0]),
            Some(s) => {
                h.update([1]);
                h.update((s.len() as u64).to_le_bytes());
                h.update(s.as_bytes());
            }
        }
    }
    h.update((a.text.len() as u64).to_le_bytes());
    h.update(a.text.as_bytes());
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(64);
    for b in h.finalize() {
        hex.push(char::from(HEX[usize::from(b >> 4)]));
        hex.push(char::from(HEX[usize::from(b & 15)]));
    }
    hex
}

/// An exclusive lock on an output folder, held while a build or an update
/// writes there and released when dropped (or when the process dies).
#[derive(Debug)]
pub struct DirLock {
    _file: Option<File>,
}

/// Locks `dir` (which must exist) for writing, waiting up to `wait` for
/// another build or update to finish.
///
/// # Errors
///
/// [`Error::Store`] when the wait ran out, [`Error::Io`] when the folder
/// cannot be opened.
pub fn lock_dir(dir: &Path, wait: Duration) -> Result<DirLock> {
    #[cfg(unix)]
    {
        use rustix::fs::{FlockOperation, flock};
        let file = File::open(dir).map_err(|e| Error::io(dir, e))?;
        let deadline = Instant::now() + wait;
        loop {
            match flock(&file, FlockOperation::NonBlockingLockExclusive) {
                Ok(()) => return Ok(DirLock { _file: Some(file) }),
                Err(e) if e == rustix::io::Errno::WOULDBLOCK && Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(e) if e == rustix::io::Errno::WOULDBLOCK => {
                    return Err(Error::Store {
                        path: dir.to_path_buf(),
                        message: format!(
                            "another newsgraph build or update is writing here; waited {} s \
                             (--wait to wait longer); nothing was changed",
                            wait.as_secs()
                        ),
                    });
                }
                Err(e) => return Err(Error::io(dir, e.into())),
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (dir, wait, Instant::now());
        Ok(DirLock { _file: None })
    }
}

/// An open store, inside one write transaction from open to
/// [`Store::commit`]; dropped without a commit, it changes nothing.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// A new store's temporary file, renamed into place with the exports.
    tmp: Option<tempfile::NamedTempFile>,
    /// Removes the temporary file on SIGINT or SIGTERM, as the exports'.
    _guard: Option<crate::cleanup::Guard>,
}

impl Store {
    /// A new, empty store for `dir/graph.sqlite`, written to a temporary
    /// file in `dir` until [`Store::stage`].
    ///
    /// # Errors
    ///
    /// The temporary file cannot be made or SQLite fails.
    pub fn create(dir: &Path, settings: &Settings) -> Result<Store> {
        let path = dir.join(FILE);
        crate::cleanup::install();
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".{FILE}."))
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|source| Error::Export {
                path: path.clone(),
                source,
            })?;
        // Registered at once (the handler is in place already): a signal
        // while the schema is made removes the file too.
        let guard = crate::cleanup::Guard::new(tmp.path());
        let conn = Connection::open(tmp.path()).map_err(sql(&path))?;
        // A new file nobody reads yet: no journal until it is complete, the
        // temporary name is what protects the old store.
        conn.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;",
        )
        .map_err(sql(&path))?;
        conn.execute_batch(&schema().0).map_err(sql(&path))?;
        conn.execute_batch("BEGIN").map_err(sql(&path))?;
        let st = Store {
            conn,
            path,
            tmp: Some(tmp),
            _guard: Some(guard),
        };
        st.set_settings(settings)?;
        Ok(st)
    }

    /// Opens `dir/graph.sqlite` for an update and begins its transaction.
    ///
    /// # Errors
    ///
    /// [`Error::Store`] when there is no store, it is not a newsgraph store,
    /// its schema version is another, or another writer holds it past
    /// `wait`.
    pub fn open(dir: &Path, wait: Duration) -> Result<Store> {
        let path = dir.join(FILE);
        if !path.is_file() {
            return Err(Error::Store {
                path,
                message: "no store here: make one with `newsgraph build ARTICLES -o DIR`".into(),
            });
        }
        let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_WRITE)
            .map_err(sql(&path))?;
        conn.busy_timeout(wait).map_err(sql(&path))?;
        let (app, version): (i64, i64) = conn
            .query_row(
                "SELECT (SELECT application_id FROM pragma_application_id), \
                 (SELECT user_version FROM pragma_user_version)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(sql(&path))?;
        if app != APPLICATION_ID {
            return Err(Error::Store {
                path,
                message: "not a newsgraph store (its application_id is not newsgraph's)".into(),
            });
        }
        if version != SCHEMA_VERSION {
            return Err(Error::Store {
                path,
                message: format!(
                    "store schema version {version}, but this newsgraph reads version \
                     {SCHEMA_VERSION}: build the store again with `newsgraph build`"
                ),
            });
        }
        conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;")
            .map_err(sql(&path))?;
        conn.execute_batch("BEGIN IMMEDIATE").map_err(|e| {
            if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) {
                Error::Store {
                    path: path.clone(),
                    message: format!(
                        "another program is writing to the store; waited {} s",
                        wait.as_secs()
                    ),
                }
            } else {
                sql(&path)(e)
            }
        })?;
        Ok(Store {
            conn,
            path,
            tmp: None,
            _guard: None,
        })
    }

    /// The store's path (`dir/graph.sqlite`).
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn set_settings(&self, s: &Settings) -> Result<()> {
        let join = |v: Vec<&str>| v.join(",");
        let f = &s.filter;
        let rows = [
            ("application", "newsgraph".to_string()),
            ("newsgraph_version", env!("CARGO_PKG_VERSION").to_string()),
            (
                "modalities",
                join(s.modalities.iter().map(|m| m.as_str()).collect()),
            ),
            ("excel", u8::from(s.excel).to_string()),
            (
                "relations",
                join(f.relations.iter().map(|r| r.as_str()).collect()),
            ),
            (
                "families",
                join(f.families.iter().map(|r| r.as_str()).collect()),
            ),
            ("since", f.since.clone().unwrap_or_default()),
            ("until", f.until.clone().unwrap_or_default()),
            ("min_weight", f.min_weight.to_string()),
            ("min_confidence", f.min_confidence.to_string()),
            ("around", f.around.clone().unwrap_or_default()),
            ("depth", f.depth.to_string()),
        ];
        let mut st = self
            .conn
            .prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)")
            .map_err(sql(&self.path))?;
        for (k, v) in rows {
            st.execute(params![k, v]).map_err(sql(&self.path))?;
        }
        Ok(())
    }

    /// The options the store's build used.
    ///
    /// # Errors
    ///
    /// [`Error::Store`] when a stored option does not parse.
    pub fn settings(&self) -> Result<Settings> {
        let mut st = self
            .conn
            .prepare("SELECT key, value FROM meta")
            .map_err(sql(&self.path))?;
        let meta: BTreeMap<String, String> = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(sql(&self.path))?
            .collect::<rusqlite::Result<_>>()
            .map_err(sql(&self.path))?;
        let get = |k: &str| meta.get(k).map(String::as_str).unwrap_or_default();
        let bad = |k: &str, e: String| Error::Store {
            path: self.path.clone(),
            message: format!("meta {k}: {e}"),
        };
        fn list<T>(
            s: &str,
            p: impl Fn(&str) -> std::result::Result<T, String>,
        ) -> std::result::Result<Vec<T>, String> {
            s.split(',').filter(|x| !x.is_empty()).map(p).collect()
        }
        let opt = |k: &str| Some(get(k).to_string()).filter(|s| !s.is_empty());
        let num = |k: &str| get(k).parse::<usize>().map_err(|e| bad(k, e.to_string()));
        Ok(Settings {
            modalities: list(get("modalities"), str::parse::<Modality>)
                .map_err(|e| bad("modalities", e))?,
            excel: get("excel") == "1",
            filter: Filter {
                min_weight: num("min_weight")?,
                // Stores written before confidence existed have no key.
                min_confidence: match get("min_confidence") {
                    "" => 0.0,
                    c => c
                        .parse::<f64>()
                        .map_err(|e| bad("min_confidence", e.to_string()))?,
                },
                relations: list(get("relations"), str::parse::<Relation>)
                    .map_err(|e| bad("relations", e))?,
                families: list(get("families"), parse_family).map_err(|e| bad("families", e))?,
                since: opt("since"),
                until: opt("until"),
                around: opt("around"),
                depth: num("depth")?,
            },
        })
    }

    /// The content hash stored for article `id`, if it is stored.
    ///
    /// # Errors
    ///
    /// SQLite failed.
    pub fn stored_hash(&self, id: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        self.conn
            .prepare_cached("SELECT hash FROM articles WHERE id = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
            .map_err(sql(&self.path))
    }

    /// Takes article `id`, its mentions and passages out; false when it was
    /// not stored.
    ///
    /// # Errors
    ///
    /// SQLite failed.
    pub fn remove_article(&self, id: &str) -> Result<bool> {
        let run = |q: &str| {
            self.conn
                .prepare_cached(q)
                .and_then(|mut s| s.execute([id]))
                .map_err(sql(&self.path))
        };
        run("DELETE FROM mentions WHERE article = ?1")?;
        run("DELETE FROM passages WHERE article = ?1")?;
        Ok(run("DELETE FROM articles WHERE id = ?1")? > 0)
    }

    /// Stores an article with the mentions kept from it, and its title and
    /// cited sentences as passages for full-text search.
    ///
    /// # Errors
    ///
    /// SQLite failed, or a mention has a field [`MENTION_COLUMNS`] lacks.
    pub fn add_article(&self, a: &Article, mentions: &[&TripleMention]) -> Result<()> {
        let err = sql(&self.path);
        self.conn
            .prepare_cached(
                "INSERT OR REPLACE INTO articles (id, title, date, source, url, hash, length) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    a.id,
                    a.title,
                    a.date,
                    a.source,
                    a.url,
                    content_hash(a),
                    a.text.len() as i64
                ])
            })
            .map_err(&err)?;
        let mut ins = self
            .conn
            .prepare_cached(insert_mention_sql())
            .map_err(&err)?;
        for m in mentions {
            row::bind_mention(&mut ins, m).map_err(|e| match e {
                row::BindError::Sql(e) => err(e),
                row::BindError::Field(m) => Error::Usage(m),
            })?;
            ins.raw_execute().map_err(&err)?;
        }
        let mut passage = self
            .conn
            .prepare_cached(
                "INSERT INTO passages (article, sentence, kind, text, search) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .map_err(&err)?;
        // Indexed here rather than by a trigger: a statement that fires a
        // trigger opens a savepoint, and FTS5 writes its pending terms to
        // disk at each one, a tiny segment per passage to merge later (a
        // third of a build's time went there).
        let mut index = self
            .conn
            .prepare_cached("INSERT INTO passages_fts (rowid, search) VALUES (?1, ?2)")
            .map_err(&err)?;
        let title = a.title.as_deref().filter(|t| !t.trim().is_empty());
        let sentences: BTreeMap<usize, &str> = mentions
            .iter()
            .map(|m| (m.sentence, m.evidence.as_str()))
            .collect();
        let all = title.map(|t| (None, "title", t)).into_iter().chain(
            sentences
                .into_iter()
                .map(|(s, t)| (Some(s as i64), "evidence", t)),
        );
        for (sentence, kind, text) in all {
            let search = strip_marks(text);
            let search: &str = &search;
            passage
                .execute(params![a.id, sentence, kind, text, search])
                .map_err(&err)?;
            index
                .execute(params![self.conn.last_insert_rowid(), search])
                .map_err(&err)?;
        }
        Ok(())
    }

    /// Streams every stored mention into `f`, in no particular order.
    ///
    /// # Errors
    ///
    /// SQLite failed, a row does not make a mention, or `f` failed.
    pub fn for_each_mention(&self, mut f: impl FnMut(TripleMention) -> Result<()>) -> Result<()> {
        let cols: Vec<String> = MENTION_COLUMNS
            .iter()
            .map(|(n, _)| format!("\"{n}\""))
            .collect();
        let mut st = self
            .conn
            .prepare(&format!("SELECT {} FROM mentions", cols.join(", ")))
            .map_err(sql(&self.path))?;
        let mut rows = st.query([]).map_err(sql(&self.path))?;
        while let Some(row) = rows.next().map_err(sql(&self.path))? {
            let mut map = serde_json::Map::with_capacity(MENTION_COLUMNS.len());
            for (i, (name, kind)) in MENTION_COLUMNS.iter().enumerate() {
                let v = match (row.get_ref(i).map_err(sql(&self.path))?, kind) {
                    (ValueRef::Null, _) => continue,
                    (ValueRef::Integer(n), Kind::Bool) => serde_json::Value::Bool(n != 0),
                    (ValueRef::Integer(n), _) => n.into(),
                    (ValueRef::Real(x), _) => x.into(),
                    (ValueRef::Text(t), _) => String::from_utf8_lossy(t).into_owned().into(),
                    (ValueRef::Blob(_), _) => {
                        return Err(self.bad_row(format!("column {name} holds a blob")));
                    }
                };
                map.insert((*name).to_string(), v);
            }
            let m: TripleMention = serde_json::from_value(serde_json::Value::Object(map))
                .map_err(|e| self.bad_row(e.to_string()))?;
            f(m)?;
        }
        Ok(())
    }

    fn bad_row(&self, e: String) -> Error {
        Error::Store {
            path: self.path.clone(),
            message: format!("a stored mention does not read back ({e}): build the store again"),
        }
    }

    /// Replaces the `actors` and `edges` tables with the graph's nodes and
    /// edges, row for row as `nodes.csv` and `edges.csv` list them.
    ///
    /// # Errors
    ///
    /// SQLite failed.
    pub fn write_graph(&self, g: &KnowledgeGraph) -> Result<()> {
        let opts = ExportOptions::default();
        let mut nodes = Vec::new();
        let mut edges = Vec::new();
        write_nodes_csv(&mut nodes, g, &opts).map_err(|e| Error::io(&self.path, e))?;
        write_edges_csv(&mut edges, g, &opts).map_err(|e| Error::io(&self.path, e))?;
        let (actor_cols, edge_cols) = graph_columns();
        self.fill("actors", &actor_cols, &nodes)?;
        self.fill("edges", &edge_cols, &edges)
    }

    fn fill(&self, table: &str, columns: &[String], csv_bytes: &[u8]) -> Result<()> {
        let err = sql(&self.path);
        self.conn
            .execute(&format!("DELETE FROM {table}"), [])
            .map_err(&err)?;
        let mut rdr = csv::Reader::from_reader(csv_bytes);
        let names: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
        let marks = vec!["?"; columns.len()].join(", ");
        let mut st = self
            .conn
            .prepare(&format!(
                "INSERT INTO {table} ({}) VALUES ({marks})",
                names.join(", ")
            ))
            .map_err(&err)?;
        for rec in rdr.records() {
            let rec = rec.map_err(|e| Error::io(&self.path, e.into()))?;
            st.execute(rusqlite::params_from_iter(rec.iter()))
                .map_err(&err)?;
        }
        Ok(())
    }

    /// Articles and mentions stored.
    ///
    /// # Errors
    ///
    /// SQLite failed.
    pub fn counts(&self) -> Result<(i64, i64)> {
        self.conn
            .query_row(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(sql(&self.path))
    }

    /// Commits an update. Exports staged before are renamed after this,
    /// so a kill before it leaves store and exports as they were.
    ///
    /// # Errors
    ///
    /// SQLite failed; nothing was committed then.
    pub fn commit(self) -> Result<()> {
        self.conn.execute_batch("COMMIT").map_err(sql(&self.path))?;
        self.conn.close().map_err(|(_, e)| sql(&self.path)(e))
    }

    /// Completes a new store and adds it to `staged`, to be renamed into
    /// place with the exports.
    ///
    /// # Errors
    ///
    /// SQLite failed, or the file could not be synced.
    pub fn stage(mut self, staged: &mut Staged) -> Result<()> {
        let tmp = self
            .tmp
            .take()
            .expect("stage is for a store made by create");
        let err = sql(&self.path);
        self.conn.execute_batch(&schema().1).map_err(&err)?;
        self.conn.execute_batch("COMMIT").map_err(&err)?;
        // Readers of the finished store get WAL: they read while an update
        // writes. The mode is recorded in the file.
        self.conn
            .execute_batch("PRAGMA journal_mode = WAL")
            .map_err(&err)?;
        self.conn.close().map_err(|(_, e)| err(e))?;
        // A WAL left by the store being replaced would be replayed onto the
        // new file: fold it into the old one first.
        if self.path.is_file() {
            if let Ok(old) =
                Connection::open_with_flags(&self.path, OpenFlags::SQLITE_OPEN_READ_WRITE)
            {
                let _ = old.busy_timeout(Duration::from_secs(10));
                let _ = old.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }
        staged.add(tmp, self.path.clone())
    }
}

fn sql(path: &Path) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |e| {
        // A full disk is a failed write like any export's, and says so in
        // the same words.
        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) {
            return Error::Export {
                path: path.to_path_buf(),
                source: std::io::Error::new(
                    std::io::ErrorKind::StorageFull,
                    format!("No space left on device (SQLite: {e})"),
                ),
            };
        }
        Error::Store {
            path: path.to_path_buf(),
            message: e.to_string(),
        }
    }
}

/// The `mentions` insert, parameters in [`MENTION_COLUMNS`] order; made
/// once, as it is the key of the prepared statement's cache.
fn insert_mention_sql() -> &'static str {
    static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SQL.get_or_init(|| {
        let names: Vec<String> = MENTION_COLUMNS
            .iter()
            .map(|(n, _)| format!("\"{n}\""))
            .collect();
        let marks: Vec<String> = (1..=MENTION_COLUMNS.len())
            .map(|i| format!("?{i}"))
            .collect();
        format!(
            "INSERT INTO mentions ({}) VALUES ({})",
            names.join(", "),
            marks.join(", ")
        )
    })
}

/// A mention's fields in [`MENTION_COLUMNS`] order, NULL for a column the
/// row has no field for: the plain statement of what [`row::bind_mention`]
/// binds, which a test holds it to.
#[cfg(test)]
fn mention_values(m: &TripleMention) -> Result<Vec<rusqlite::types::Value>> {
    use rusqlite::types::Value as Sql;
    use serde_json::Value as J;
    let J::Object(mut map) = serde_json::to_value(m).map_err(|e| Error::Usage(e.to_string()))?
    else {
        unreachable!("a mention serializes as a map");
    };
    let values = MENTION_COLUMNS
        .iter()
        .map(|(name, _)| match map.remove(*name) {
            None | Some(J::Null) => Sql::Null,
            Some(J::Bool(b)) => Sql::Integer(i64::from(b)),
            Some(J::Number(n)) => n
                .as_i64()
                .map_or_else(|| Sql::Real(n.as_f64().unwrap_or(f64::NAN)), Sql::Integer),
            Some(J::String(s)) => Sql::Text(s),
            Some(other) => Sql::Text(other.to_string()),
        })
        .collect();
    if let Some(field) = map.keys().next() {
        return Err(Error::Usage(format!(
            "the mention field `{field}` has no column in the store: add it to \
             MENTION_COLUMNS in src/store/mod.rs and raise SCHEMA_VERSION"
        )));
    }
    Ok(values)
}

mod row;

#[cfg(test)]
mod tests;

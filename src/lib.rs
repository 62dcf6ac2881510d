//! newsgraph turns Arabic news articles into a knowledge graph of who did
//! what to whom, with every edge citing the sentence it came from.
//!
//! # Brief overview
//!
//! The pipeline has one module per stage:
//!
//! 1. [`article`] reads `.txt`, `.jsonl`, `.jsonl.gz` and stdin into
//!    [`article::Article`]s, reporting unreadable ones as skips;
//! 2. [`normalize`] folds Arabic spelling for matching and keeps a map back
//!    to the original bytes;
//! 3. [`lexicon`] loads the TSV lexicons of `data/` into one aho-corasick
//!    automaton (built once, shared read-only);
//! 4. [`extract`] finds actors, titles and relation cues, and applies the
//!    rules: one article in, its cited [`mention::TripleMention`]s out
//!    (the mention row, [`mention`], sits below extract and graph, as does
//!    [`date`]);
//! 5. [`graph`] merges mentions into one node per actor and one edge per
//!    (subject, relation, object);
//! 6. [`export`] writes CSV (Gephi, Neo4j), GraphML, GEXF, DOT and JSON,
//!    optionally filtered, and draws the DOT file with Graphviz;
//! 7. [`store`] keeps articles, mentions and the graph in SQLite
//!    (`graph.sqlite`, with full-text search over the evidence), so
//!    `update` adds articles and writes every export again without the
//!    archive;
//! 8. [`eval`] scores triples against gold, and [`eval::events`] scores event
//!    detection against the Arabic event benchmark.
//!
//! ```
//! use newsgraph::{article::Article, extract::extract, lexicon::Lexicon};
//!
//! let lex = Lexicon::from_strs(
//!     "id\ttype\tlabel_ar\tlabel_en\tcountry\tcode\tnames\tnisbas\tmetonyms\n\
//!      iran\tstate\tإيران\tIran\tiran\tIRN\tإيران\tإيراني\tطهران\n\
//!      israel\tstate\tإسرائيل\tIsrael\tisrael\tISR\tإسرائيل\tإسرائيلي\t\n",
//!     "", "", "accuse\tactive\tstem\tاتهم\n", "",
//! ).unwrap();
//! let a = Article { id: "a1".into(), text: "اتهمت طهران إسرائيل بالهجوم.".into(), ..Article::default() };
//! let m = &extract(&a, &lex)[0];
//! assert_eq!((m.subject.as_str(), m.relation.as_str(), m.object.as_str()), ("iran", "accuse", "israel"));
//! assert_eq!(&a.text[m.start..m.end], m.evidence);
//! ```

#![deny(missing_docs)]
// Stage docs name their private parts (`extract`'s `rules`) for whoever
// works on the stage; in the public docs such a name shows as plain text.

pub mod article;
pub mod classes;
pub mod cleanup;
pub mod cli;
pub mod collect;
pub mod data;
pub mod date;
pub mod error;
pub mod eval;
pub mod export;
pub mod extract;
pub mod extsort;
pub mod graph;
pub mod lexicon;
pub mod mention;
pub mod normalize;
pub mod pattern;
pub mod pipeline;
pub mod records;
pub mod schema;
pub mod span;
pub mod store;
pub mod trace;

pub use error::{Error, Result};

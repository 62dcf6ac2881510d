//! The integration test binary (`autotests = false`): one module per area,
//! each driving the real `newsgraph` binary through `util`.

/// Temporary folders and a runner for the built binary.
mod util;

/// Exports as Gephi, Graphviz, networkx, igraph, LibreOffice and
/// neo4j-admin read them; filters; byte-identical output.
mod export;

/// Bad input and faults from the command line: skips, exit codes, limits,
/// earlier exports left untouched (issue 6).
mod faults;

/// Property tests of extraction on random Arabic-like text (issue 6).
mod props;

/// Streaming build and `merge` of shards: byte-identical exports whatever
/// the thread count, sort memory or sharding (issue 5).
mod merge;

/// The SQLite store and `update`: exports as one build's whatever the
/// order, kills and races, and the store in sqlite3, Python and Datasette
/// (issue 13).
mod store;

/// `eval-events` on the Arabic event benchmark copied into
/// tests/bench/arabic_event_gsr: runs, prints its figures, parses (issue 3).
mod events;

/// Extraction end to end: citations slice back, sample gold above the bar,
/// eval agrees with the independent scorer, the rule table, the dev set, the
/// committed sample exports (issues 2 and 3).
mod extract;

/// The rule tables of tests/rules/: rows that must, must not, or do not
/// yet come out, per rule family (issue 10).
mod rules;

/// `explain` reads every input kind and encoding `build` reads, and
/// reports skips as `build` does.
mod explain;
/// What a new user trips on: wrong input kinds, -o, Gephi and spreadsheet
/// traps, signals, dates, list flags, the built-in lexicon, messages, the
/// README's claims (issue 14).
mod newuser;

/// `graph.html` in headless Chromium through puppeteer-core: search,
/// filters, an edge's highlighted sentences, the URL hash, the README's
/// screenshot (issue 12).
mod html;

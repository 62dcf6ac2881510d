//! The command line: clap definitions and one function per subcommand.
//!
//! In: parsed arguments and the writers for stdout and stderr. Out: an
//! [`Outcome`] that `main` maps to an exit code. Subcommands validate
//! everything (lexicons loaded, inputs found) before any work starts.

use std::{io::Write, path::PathBuf, time::Instant};

use clap::{Args, Parser, Subcommand};

mod build;
mod eval_events;
mod explain;
mod export;
mod extract;
mod merge;
mod progress;
mod render;
mod update;

use crate::{
    article,
    data::DataSource,
    error::{Error, Result},
    eval,
    export::RenderFormat,
    lexicon::Lexicon,
    pipeline::Summary,
    schema::{Family, Modality, Relation},
};

/// Arabic news in, a cited knowledge graph of who did what to whom out.
#[derive(Debug, Parser)]
#[command(name = "newsgraph", version, about, long_about = None)]
pub struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract, merge and write every export of the graph into a folder.
    #[command(
        after_help = "Example:\n  newsgraph build data/articles -o exports\n  newsgraph build corpus.jsonl.gz -o out --families conflict --since 2020-10"
    )]
    Build(BuildArgs),
    /// Add articles to the store of a built folder (or take them out) and
    /// write every export again from it.
    Update(UpdateArgs),
    /// Build the graph and every export from the triples.csv files of
    /// shards built apart (see README, "Performance and scale").
    #[command(after_help = "Example:\n  newsgraph merge shards/*/triples.csv -o exports")]
    Merge(MergeArgs),
    /// Write every export again from triples.csv files, narrowed by
    /// filters (relations, families, dates, weight, one actor's
    /// neighbourhood).
    #[command(
        after_help = "Example:\n  newsgraph export exports/triples.csv -o armenia --families conflict --around armenia --depth 1"
    )]
    Export(ExportArgs),
    /// Draw a DOT file (a build's graph.dot) to PNG, SVG or PDF with the
    /// installed Graphviz.
    #[command(after_help = "Example:\n  newsgraph render exports/graph.dot -o exports/graph.png")]
    Render(RenderArgs),
    /// Print every triple mention as one JSON object a line.
    #[command(after_help = "Example:\n  newsgraph extract data/articles | head -3")]
    Extract(ExtractArgs),
    /// Score a triples CSV against gold triples.
    #[command(
        after_help = "Example:\n  newsgraph eval --gold tests/gold/seeds.tsv exports/triples.csv"
    )]
    Eval(EvalArgs),
    /// Score assault and protest detection and actor countries on the
    /// Arabic event benchmark (tests/bench/arabic_event_gsr).
    #[command(
        after_help = "Example:\n  newsgraph eval-events --gsr tests/bench/arabic_event_gsr --show-errors 5"
    )]
    EvalEvents(EvalEventsArgs),
    /// Show how each sentence of an article was read (items, phrases,
    /// mentions), for lexicon and rule work.
    #[command(
        after_help = "Example:\n  newsgraph explain data/articles/000_5cff76571cb00134.txt | less"
    )]
    Explain(ExplainArgs),
}

/// Options shared by commands that read articles.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files or folders (.txt, .jsonl, .jsonl.gz; folders recursively); `-`
    /// reads JSON Lines from standard input.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The lexicon folder (default: $NEWSGRAPH_DATA, else the lexicon built
    /// into newsgraph).
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// No progress or summary on stderr.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Exit with code 3 when any article was skipped.
    #[arg(long)]
    pub strict: bool,
    /// The encoding of input files without a byte-order mark; citations
    /// then refer to the text decoded to UTF-8.
    #[arg(long, value_enum, default_value = "utf-8")]
    pub encoding: article::InputEncoding,
}

/// `build` options.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Inputs and lexicons.
    #[command(flatten)]
    pub input: InputArgs,
    /// Where and how the exports are written.
    #[command(flatten)]
    pub output: OutputArgs,
    /// Filters.
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// Where and how the exports are written (`build`, `export`, `merge`).
#[derive(Clone, Debug, Args)]
pub struct OutputArgs {
    /// The output folder (required, so a run never replaces exports by
    /// default).
    #[arg(long, short = 'o')]
    pub out: PathBuf,
    /// Start CSV files with a byte-order mark so Excel reads Arabic.
    #[arg(long)]
    pub excel: bool,
    /// Modalities that make edges, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "asserted,reported")]
    pub modalities: Vec<Modality>,
    /// Drop edges whose confidence (the noisy-or of their citations'
    /// confidences) is below X, from 0 to 1.
    // Negative numbers are taken as values so they get the range message.
    #[arg(long, value_name = "X", default_value_t = 0.0, allow_negative_numbers = true,
          value_parser = crate::export::parse_confidence)]
    pub min_confidence: f64,
    /// Memory for sorting rows before they spill to the output folder, MB
    /// (0 spills every few rows: for tests).
    #[arg(long, default_value_t = 64, hide = true)]
    pub sort_memory: usize,
}

/// Options that narrow the graph before it is written (`build`, `export`).
///
/// Relations, families and dates select mentions, so weights count only
/// what passed; `--min-weight` and `--around` then narrow the graph, and
/// triples.csv keeps the mentions behind the edges left.
#[derive(Clone, Debug, Default, Args)]
#[command(next_help_heading = "Filters")]
pub struct FilterArgs {
    /// Drop edges cited fewer than N times.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_weight: usize,
    /// Keep only these relations (comma-separated schema names, e.g.
    /// accuse,assault).
    #[arg(long, value_delimiter = ',', value_name = "RELATION")]
    pub relations: Vec<Relation>,
    /// Keep only relations of these families: standing, cooperation,
    /// conflict (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "FAMILY", value_parser = crate::export::parse_family)]
    pub families: Vec<Family>,
    /// Keep mentions dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD);
    /// undated mentions are dropped.
    #[arg(long, value_name = "DATE", value_parser = crate::export::parse_date_bound)]
    pub since: Option<String>,
    /// Keep mentions dated on or before DATE; 2020-10 covers the whole
    /// month.
    #[arg(long, value_name = "DATE", value_parser = crate::export::parse_date_bound)]
    pub until: Option<String>,
    /// Keep only actors within --depth hops of ACTOR (an id such as
    /// `turkey`, or an exact Arabic or English label).
    #[arg(long, value_name = "ACTOR")]
    pub around: Option<String>,
    /// Hops from --around.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "around")]
    pub depth: usize,
}

/// `export` options.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// triples.csv files (written by build, export or merge), in any order.
    #[arg(required = true, value_name = "TRIPLES.csv")]
    pub triples: Vec<PathBuf>,
    /// Where and how the exports are written.
    #[command(flatten)]
    pub output: OutputArgs,
    /// The lexicon folder, for English labels and countries (default as in
    /// build).
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Use no lexicon: labels and types come from the triples alone.
    #[arg(long, conflicts_with = "data")]
    pub no_lexicon: bool,
    /// No summary on stderr.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Filters.
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// `render` options.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The DOT file (a build's graph.dot).
    pub input: PathBuf,
    /// The image to write; .png, .svg or .pdf picks the format.
    #[arg(long, short = 'o')]
    pub out: PathBuf,
    /// The image format, when the output's extension does not say it.
    #[arg(long)]
    pub format: Option<RenderFormat>,
    /// Lay out with this Graphviz engine instead of the one the file asks
    /// for.
    #[arg(long, value_parser = ["dot", "neato", "fdp", "sfdp", "circo", "twopi", "osage", "patchwork"])]
    pub layout: Option<String>,
    /// No messages on stderr.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// `update` options.
#[derive(Debug, Args)]
// Articles are optional here: `update DIR --remove ID` reads none.
#[command(mut_arg("inputs", |a| a.required(false)))]
pub struct UpdateArgs {
    /// The folder a build wrote (it holds graph.sqlite).
    pub dir: PathBuf,
    /// Articles to add, or to replace when their id is stored with other
    /// content (as in build), and how to read them.
    #[command(flatten)]
    pub input: InputArgs,
    /// Take the articles with these ids out of the store.
    #[arg(long, value_name = "ID", num_args = 1..)]
    pub remove: Vec<String>,
    /// Seconds to wait for another build or update writing to the folder.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    pub wait: u64,
}

/// `merge` options.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The triples.csv files of the shards, in any order.
    #[arg(required = true)]
    pub triples: Vec<PathBuf>,
    /// Where and how the exports are written.
    #[command(flatten)]
    pub output: OutputArgs,
    /// The lexicon folder, for actor labels (as in `build`).
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// No summary on stderr.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// `extract` options.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Inputs and lexicons.
    #[command(flatten)]
    pub input: InputArgs,
}

/// `explain` options: what reading needs, nothing that it would ignore.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Files or folders, read as `build` reads them.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The lexicon folder (default: $NEWSGRAPH_DATA, else the lexicon built
    /// into newsgraph).
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// The encoding of input files without a byte-order mark.
    #[arg(long, value_enum, default_value = "utf-8")]
    pub encoding: article::InputEncoding,
    /// Also show the chain of rules behind each mention and the
    /// candidates a rule blocked.
    #[arg(long)]
    pub trace: bool,
}

/// `eval-events` options.
#[derive(Debug, Args)]
pub struct EvalEventsArgs {
    /// The benchmark folder (assault_gsr.csv, protest_gsr.csv and their
    /// *_spans.json).
    #[arg(long)]
    pub gsr: PathBuf,
    /// The lexicon folder (default: $NEWSGRAPH_DATA, else the lexicon built
    /// into newsgraph).
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Show this many false positives and false negatives per event type.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub show_errors: usize,
}

/// `eval` options.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold triples (TSV: article subject relation object status evidence).
    #[arg(long)]
    pub gold: PathBuf,
    /// The triples CSV to score (a build's triples.csv).
    pub triples: PathBuf,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Gold actors (TSV: id, arabic_forms): map predicted ids that are not
    /// gold ids to the gold actor named the same (needs --nodes).
    #[arg(long, requires = "nodes")]
    pub actors: Option<PathBuf>,
    /// The prediction's nodes.csv, whose labels the mapping reads.
    #[arg(long, requires = "actors")]
    pub nodes: Option<PathBuf>,
}

/// How a command ended, for the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Everything worked.
    Ok,
    /// The run finished but skipped articles and `--strict` was given.
    Skipped,
}

/// Runs a parsed command.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> Result<Outcome> {
    match cli.command {
        Command::Build(a) => build::run(a, err),
        Command::Update(a) => update::run(a, err),
        Command::Merge(a) => merge::run(a, err),
        Command::Export(a) => export::run(a, err),
        Command::Render(a) => render::run(a, err),
        Command::Extract(a) => extract::run(a, out, err),
        Command::Explain(a) => explain::run(a, out, err),
        Command::EvalEvents(a) => eval_events::run(a, out),
        Command::Eval(a) => {
            let map = a
                .actors
                .as_deref()
                .zip(a.nodes.as_deref())
                .map(|(actors, nodes)| eval::ActorMap { actors, nodes });
            let report = eval::evaluate_mapped(&a.gold, &a.triples, map)?;
            let text = if a.json {
                serde_json::to_string_pretty(&report).expect("report serializes") + "\n"
            } else {
                report.render()
            };
            write_out(out, text.as_bytes())?;
            Ok(Outcome::Ok)
        }
    }
}

pub(crate) fn write_out(out: &mut dyn Write, bytes: &[u8]) -> Result<()> {
    out.write_all(bytes).map_err(|e| Error::io("<stdout>", e))
}

pub(crate) struct Prepared {
    pub(crate) files: Vec<PathBuf>,
    /// Files in the input folders that are not read, with their kinds.
    pub(crate) ignored: crate::records::Ignored,
    pub(crate) lex: Lexicon,
    pub(crate) read: article::ReadOptions,
}

pub(crate) fn prepare(a: &InputArgs) -> Result<Prepared> {
    if let Some(n) = a.threads {
        // A second call fails when a pool already exists (tests); harmless.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    let (files, ignored) = article::input_files_and_ignored(&a.inputs).map_err(list_hint)?;
    // `update --remove` alone names no input: nothing to read is no error.
    if files.is_empty() && !a.inputs.is_empty() {
        return Err(Error::Usage(format!(
            "no articles to read: {}; newsgraph reads .txt, .jsonl, .jsonl.gz, .json and .csv",
            ignored
                .summary()
                .unwrap_or_else(|| "the input folders hold no files".into())
        )));
    }
    let lex = Lexicon::load_from(&DataSource::resolve(a.data.as_deref()))?;
    Ok(Prepared {
        files,
        ignored,
        lex,
        read: article::ReadOptions {
            encoding: a.encoding,
        },
    })
}

/// A missing input that is a value of a list flag was most likely meant
/// for it (`--modalities asserted reported`): say that lists take commas.
fn list_hint(e: Error) -> Error {
    match e {
        Error::MissingInput(p)
            if p.to_str().is_some_and(|v| {
                v.parse::<Modality>().is_ok()
                    || v.parse::<Relation>().is_ok()
                    || crate::export::parse_family(v).is_ok()
            }) =>
        {
            Error::Usage(format!(
                "{}: no such file or directory; list options take their values joined by commas, not spaces (--modalities asserted,reported)",
                p.display()
            ))
        }
        e => e,
    }
}

/// Prints the skips and the summary; an error when no article was read at
/// all (nothing found or everything skipped), which callers return before
/// writing anything.
pub(crate) fn finish(
    a: &InputArgs,
    p: &Prepared,
    s: &Summary,
    started: Instant,
    err: &mut dyn Write,
) -> Result<Outcome> {
    if !a.quiet || s.articles == 0 {
        for skip in &s.skipped {
            let _ = writeln!(err, "skipped: {skip}");
        }
    }
    let ignored = p.ignored.summary();
    if !a.quiet {
        if let Some(i) = &ignored {
            let _ = writeln!(err, "{i}");
        }
        let _ = writeln!(
            err,
            "{} articles ({:.1} MB) in {:.2} s, {} mentions, {} skipped",
            s.articles,
            s.bytes as f64 / 1e6,
            started.elapsed().as_secs_f64(),
            s.mentions,
            s.skipped.len()
        );
    }
    if s.articles == 0 {
        let mut found = format!(
            "{} input file(s), {} article(s) skipped",
            p.files.len(),
            s.skipped.len()
        );
        if let Some(i) = ignored {
            found += &format!(", {i}");
        }
        return Err(Error::Usage(format!(
            "no article was read ({found}); nothing written"
        )));
    }
    if a.strict && !s.skipped.is_empty() {
        Ok(Outcome::Skipped)
    } else {
        Ok(Outcome::Ok)
    }
}

/// Makes the output folder, saying clearly when `-o` names a file; returns
/// whether it was created, so a run that writes nothing can remove it.
pub(crate) fn output_dir(out: &std::path::Path) -> Result<bool> {
    if out.exists() {
        if out.is_dir() {
            crate::export::remove_stale_temporaries(out);
            return Ok(false);
        }
        return Err(Error::Usage(format!(
            "{}: -o names an existing file; give a folder for the exports (it is created when missing)",
            out.display()
        )));
    }
    std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
    Ok(true)
}

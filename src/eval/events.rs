//! The event benchmark: does extraction find the `assault` and `protest`
//! events that people found in Arabic news sentences, and does it name the
//! right countries as their actors?
//!
//! In: a folder laid out as `tests/bench/arabic_event_gsr/` (from
//! openeventdata/arabic_event_gsr, MIT): `assault_gsr.csv` and
//! `protest_gsr.csv` (columns `id, event_type, label, accept, reject, total,
//! text`, one sentence a row) and `assault_spans.json`,
//! `protest_spans.json` (for accepted events, each annotator's source and
//! target actor with its CAMEO code). Out: a [`Report`] per event type:
//! detection scores, the same under two looser readings (every modality; a
//! bare keyword test), and actor agreement. The library never prints;
//! [`Report::render`] gives the text the CLI shows.
//!
//! What holds:
//! - every sentence is extracted as its own article (id = the row id), so
//!   no sentence borrows actors from another;
//! - only `yes` counts as positive and only `easy no` and `difficult no` as
//!   negative; `ambiguous` rows are left out of every figure;
//! - a sentence is *detected* when it yields a mention of the relation,
//!   complete or partial, whose modality is in [`COUNTED_MODALITIES`];
//! - figures are a pure function of the folder and the lexicon.

use std::{
    collections::{BTreeMap, BTreeSet, HashMap},
    fs,
    path::{Path, PathBuf},
};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    article::Article,
    error::{Error, Result},
    extract::{
        extract,
        scan::{self, Kind},
    },
    lexicon::{Lexicon, Payload},
    mention::TripleMention,
    normalize::normalize,
    schema::{ActorType, Modality, Relation},
};

/// Modalities that count as the report of an event. Only `asserted`: the
/// extractor gives `reported` to talk about an event (a condemnation, an
/// analysis, a reference to a past attack, a claim), which the benchmark's
/// annotators judged not to report one. Negated and hypothetical mentions
/// never count. The report also gives the figure counting every modality.
pub const COUNTED_MODALITIES: &[Modality] = &[Modality::Asserted];

/// The event types of the benchmark: the relation and the stem of its
/// files (`<stem>_gsr.csv`, `<stem>_spans.json`).
pub const EVENT_TYPES: &[(Relation, &str)] = &[
    (Relation::Assault, "assault"),
    (Relation::Protest, "protest"),
];

/// CAMEO codes that name a country under another code than the lexicon's
/// ISO 3166-1 alpha-3.
///
/// CAMEO takes its country codes from the UN's three-letter list (CAMEO
/// codebook 1.1b3, §3.1.1), which is ISO 3166-1 alpha-3, `PSE` for
/// Palestine included; older dictionaries keep codes ISO has withdrawn
/// (ISO 3166-3: `TMP` East Timor, `ZAR` Zaire, and `ROM`, Romania's code
/// before 2002), and GDELT's CAMEO country list has `WSB` (West Bank) and
/// `GZS` (Gaza Strip), which the lexicon folds into Palestine. None of
/// these occurs in the dev half; the table keeps the comparison honest if
/// the other half has them. Kosovo (CAMEO `KSV`) cannot be compared: it has
/// no ISO code, so the lexicon gives it none.
pub const CAMEO_ALIASES: &[(&str, &str)] = &[
    ("ROM", "ROU"),
    ("TMP", "TLS"),
    ("ZAR", "COD"),
    ("WSB", "PSE"),
    ("GZS", "PSE"),
];

/// A sentence's gold label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    /// Every annotator saw the event.
    Yes,
    /// Every annotator rejected it.
    EasyNo,
    /// Most annotators rejected it.
    DifficultNo,
    /// Too few labels to tell; left out of the scores.
    Ambiguous,
}

impl Label {
    fn parse(s: &str) -> Option<Label> {
        match s.trim() {
            "yes" => Some(Label::Yes),
            "easy no" => Some(Label::EasyNo),
            "difficult no" => Some(Label::DifficultNo),
            "ambiguous" => Some(Label::Ambiguous),
            _ => None,
        }
    }
}

/// One row of a `*_gsr.csv` file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GsrRow {
    /// The sentence id (document id and sentence number).
    pub id: String,
    /// The gold label.
    pub label: Label,
    /// The sentence.
    pub text: String,
}

/// What the annotators gave as the actors of one accepted sentence: the
/// country codes of every annotator's source and target, and the codes
/// that name no country.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoldActors {
    /// Source countries (ISO alpha-3 after [`CAMEO_ALIASES`]).
    pub source: BTreeSet<String>,
    /// Target countries.
    pub target: BTreeSet<String>,
    /// Codes given that are no country the lexicon knows (`IGO`, `IMG`,
    /// `KUR` …), with their count; `None` and empty roles are not counted.
    pub other_codes: BTreeMap<String, usize>,
}

/// Detection counts and their scores.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Score {
    /// `yes` sentences detected.
    pub tp: usize,
    /// `no` sentences detected.
    pub fp: usize,
    /// `yes` sentences missed.
    #[serde(rename = "fn")]
    pub fn_: usize,
    /// `no` sentences not detected.
    pub tn: usize,
    /// tp / (tp + fp), 0 when nothing was detected.
    pub precision: f64,
    /// tp / (tp + fn), 0 when there are no positives.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

impl Score {
    /// Scores the four counts.
    pub fn new(tp: usize, fp: usize, fn_: usize, tn: usize) -> Score {
        let ratio = |a: usize, b: usize| if b > 0 { a as f64 / b as f64 } else { 0.0 };
        let (precision, recall) = (ratio(tp, tp + fp), ratio(tp, tp + fn_));
        let f1 = super::f1(precision, recall);
        Score {
            tp,
            fp,
            fn_,
            tn,
            precision,
            recall,
            f1,
        }
    }

    fn from_flags(flags: impl Iterator<Item = (bool, bool)>) -> Score {
        let (mut tp, mut fp, mut fn_, mut tn) = (0, 0, 0, 0);
        for (gold, found) in flags {
            match (gold, found) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fn_ += 1,
                (false, false) => tn += 1,
            }
        }
        Score::new(tp, fp, fn_, tn)
    }
}

/// How often one side of the detected events resolves to the annotated
/// country.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Agreement {
    /// Detected `yes` sentences whose annotators gave this side a country.
    pub gold: usize,
    /// Of those, sentences where a counted mention's actor on this side
    /// belongs to one of the annotated countries.
    pub agree: usize,
    /// Sentences where this side resolved only to other countries.
    pub other_country: usize,
    /// Sentences where this side resolved to no country (empty, or an
    /// actor with no state).
    pub no_country: usize,
    /// agree / gold, 0 when gold is 0.
    pub rate: f64,
}

impl Agreement {
    fn finish(mut self) -> Agreement {
        self.rate = if self.gold > 0 {
            self.agree as f64 / self.gold as f64
        } else {
            0.0
        };
        self
    }
}

/// A sentence scored wrong, for people to read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Example {
    /// The row id.
    pub id: String,
    /// The gold label.
    pub label: Label,
    /// The sentence.
    pub text: String,
    /// What extraction found of the relation, one entry a mention:
    /// `subject -> object [modality] «cue»` (empty side: `?`).
    pub found: Vec<String>,
}

/// The figures of one event type.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TypeReport {
    /// The relation scored.
    pub relation: Relation,
    /// Rows read.
    pub sentences: usize,
    /// Rows per label.
    pub labels: BTreeMap<Label, usize>,
    /// Detection under [`COUNTED_MODALITIES`].
    pub detection: Score,
    /// Detection counting a mention of any modality.
    pub all_modalities: Score,
    /// The baseline: a cue form of the relation occurs in the sentence
    /// (the lexicon's gazetteer matching), whatever its actors.
    pub keyword: Score,
    /// Subjects against the annotated source countries.
    pub source: Agreement,
    /// Objects against the annotated target countries.
    pub target: Agreement,
    /// `yes` sentences that have annotator spans.
    pub yes_with_spans: usize,
    /// `yes` sentences without any.
    pub yes_without_spans: usize,
    /// Span records whose sentence is not in the CSV (the other half).
    pub spans_unmatched: usize,
    /// Non-country codes the annotators gave for detected `yes` sentences,
    /// left out of the agreement.
    pub other_codes: BTreeMap<String, usize>,
    /// Every false positive, in file order.
    pub false_positives: Vec<Example>,
    /// Every false negative, in file order.
    pub false_negatives: Vec<Example>,
}

/// The whole benchmark.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The folder read.
    pub gsr: PathBuf,
    /// The modalities that count (see [`COUNTED_MODALITIES`]).
    pub counted_modalities: Vec<Modality>,
    /// One report per event type, in [`EVENT_TYPES`] order.
    pub types: Vec<TypeReport>,
}

/// Runs the benchmark on the folder `dir`.
///
/// # Errors
///
/// A missing or unreadable file, a CSV without the needed columns, a label
/// outside `yes`, `easy no`, `difficult no`, `ambiguous`, or a spans file
/// that is not the expected JSON.
pub fn evaluate(dir: &Path, lex: &Lexicon) -> Result<Report> {
    let mut types = Vec::new();
    for &(relation, stem) in EVENT_TYPES {
        let csv_path = dir.join(format!("{stem}_gsr.csv"));
        let rows = read_gsr(
            &csv_path,
            &fs::read(&csv_path).map_err(|e| Error::io(&csv_path, e))?,
        )?;
        let spans_path = dir.join(format!("{stem}_spans.json"));
        let spans_text = fs::read_to_string(&spans_path).map_err(|e| Error::io(&spans_path, e))?;
        let (spans, unmatched) = read_spans(&spans_path, &spans_text, &rows, lex)?;
        let mut report = evaluate_rows(relation, &rows, &spans, lex);
        report.spans_unmatched = unmatched;
        types.push(report);
    }
    Ok(Report {
        gsr: dir.to_path_buf(),
        counted_modalities: COUNTED_MODALITIES.to_vec(),
        types,
    })
}

/// Reads a `*_gsr.csv` file's bytes (`path` names it in errors).
///
/// # Errors
///
/// Missing `id`, `label` or `text` columns, a malformed record, or an
/// unknown label, with the 1-based line of the record.
pub fn read_gsr(path: &Path, bytes: &[u8]) -> Result<Vec<GsrRow>> {
    let err = |message: String| Error::Eval {
        path: path.to_path_buf(),
        message,
    };
    let bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(bytes);
    let mut rdr = csv::ReaderBuilder::new().from_reader(bytes);
    let header: Vec<String> = rdr
        .headers()
        .map_err(|e| err(e.to_string()))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| err(format!("line 1: expected a column {name:?}")))
    };
    let (ci, cl, ct) = (col("id")?, col("label")?, col("text")?);
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| err(e.to_string()))?;
        let line = rec.position().map_or(0, |p| p.line());
        let get = |c: usize| rec.get(c).unwrap_or("");
        let label = Label::parse(get(cl)).ok_or_else(|| {
            err(format!(
                "line {line}: expected a label yes, easy no, difficult no or ambiguous, found {:?}",
                get(cl)
            ))
        })?;
        rows.push(GsrRow {
            id: get(ci).trim().to_string(),
            label,
            text: get(ct).to_string(),
        });
    }
    Ok(rows)
}

/// One record of a spans file, as far as the benchmark reads it (its
/// `source` id is not reliable; see [`read_spans`]).
#[derive(Deserialize)]
struct SpanRecord {
    text: String,
    #[serde(default)]
    spans: Vec<Span>,
}

#[derive(Deserialize)]
struct Span {
    #[serde(default)]
    source_role: Role,
    #[serde(default)]
    target_role: Role,
}

/// A CAMEO role: an object with `main` (country or international code) and
/// `role`, an empty object when the annotator gave no actor, or a bare
/// string (`"UNKNOWN"`).
#[derive(Default, Deserialize)]
#[serde(untagged)]
enum Role {
    Coded {
        #[serde(default)]
        main: Option<String>,
    },
    Bare(String),
    #[default]
    Missing,
}

impl Role {
    fn main(&self) -> Option<&str> {
        match self {
            Role::Coded { main } => main.as_deref(),
            Role::Bare(s) => Some(s),
            Role::Missing => None,
        }
    }
}

/// Reads a spans file into gold actors by row id. A record belongs to
/// every row with its text (trimmed); its `source` field is not used,
/// because in `protest_spans.json` it is not reliable: 12 records carry an
/// outlet name instead of an id, and 21 the id of another sentence (10 of
/// them sentences of the other half). Returns the map and the number of
/// records whose text is in no row.
///
/// # Errors
///
/// Text that is not a JSON array of span records.
pub fn read_spans(
    path: &Path,
    text: &str,
    rows: &[GsrRow],
    lex: &Lexicon,
) -> Result<(HashMap<String, GoldActors>, usize)> {
    let records: Vec<SpanRecord> = serde_json::from_str(text.trim_start_matches('\u{FEFF}'))
        .map_err(|e| Error::Eval {
            path: path.to_path_buf(),
            message: format!("expected span records: {e}"),
        })?;
    let mut by_text: HashMap<&str, Vec<&str>> = HashMap::new();
    for r in rows {
        by_text
            .entry(r.text.trim())
            .or_default()
            .push(r.id.as_str());
    }
    let known: BTreeSet<&str> = lex
        .actors
        .iter()
        .filter(|a| a.kind == ActorType::State)
        .filter_map(|a| a.code.as_deref())
        .collect();
    let mut out: HashMap<String, GoldActors> = HashMap::new();
    let mut unmatched = 0;
    for rec in records {
        let Some(ids) = by_text.get(rec.text.trim()) else {
            unmatched += 1;
            continue;
        };
        let mut gold = GoldActors::default();
        for span in &rec.spans {
            for (role, side) in [(&span.source_role, 0), (&span.target_role, 1)] {
                let Some(code) = role
                    .main()
                    .map(str::trim)
                    .filter(|c| !c.is_empty() && *c != "None")
                else {
                    continue;
                };
                let code = code.to_uppercase();
                let iso = CAMEO_ALIASES
                    .iter()
                    .find(|(c, _)| *c == code)
                    .map_or(code.as_str(), |(_, iso)| iso);
                if known.contains(iso) {
                    let set = if side == 0 {
                        &mut gold.source
                    } else {
                        &mut gold.target
                    };
                    set.insert(iso.to_string());
                } else {
                    *gold.other_codes.entry(code.clone()).or_default() += 1;
                }
            }
        }
        for id in ids {
            let g = out.entry(id.to_string()).or_default();
            g.source.extend(gold.source.iter().cloned());
            g.target.extend(gold.target.iter().cloned());
            for (c, n) in &gold.other_codes {
                *g.other_codes.entry(c.clone()).or_default() += n;
            }
        }
    }
    Ok((out, unmatched))
}

/// The ISO alpha-3 code of the state an actor belongs to: a state's own
/// code, or the code of the state in a person's, organ's or group's
/// `country`. Actors of an international body or of no state have none.
pub fn state_code<'l>(lex: &'l Lexicon, id: &str) -> Option<&'l str> {
    let a = lex.actor(id)?;
    let state = if a.kind == ActorType::State {
        a
    } else {
        lex.actor(a.country.as_deref()?)?
    };
    (state.kind == ActorType::State)
        .then_some(state.code.as_deref())
        .flatten()
}

/// Whether a cue form of `relation` occurs in `text`, matched the way
/// extraction matches (normalization, clitics, leftmost-longest), whatever
/// actors surround it.
pub fn has_cue(text: &str, relation: Relation, lex: &Lexicon) -> bool {
    let norm = normalize(text);
    scan::sentences(&norm.text).into_iter().any(|sr| {
        let toks = scan::tokens(&norm.text, sr);
        scan::items(&norm, &toks, lex)
            .iter()
            .any(|item| match item.kind {
                Kind::Hit(form) => lex
                    .gazetteer
                    .payloads(form)
                    .iter()
                    .any(|p| matches!(p, Payload::Cue { relation: r, .. } if *r == relation)),
                _ => false,
            })
    })
}

/// Scores one event type on rows already read.
pub fn evaluate_rows(
    relation: Relation,
    rows: &[GsrRow],
    spans: &HashMap<String, GoldActors>,
    lex: &Lexicon,
) -> TypeReport {
    struct Seen {
        mentions: Vec<TripleMention>,
        keyword: bool,
    }
    let seen: Vec<Seen> = rows
        .par_iter()
        .map(|row| {
            let article = Article {
                id: row.id.clone(),
                text: row.text.clone(),
                ..Article::default()
            };
            let mentions = extract(&article, lex)
                .into_iter()
                .filter(|m| m.relation == relation)
                .collect();
            Seen {
                mentions,
                keyword: has_cue(&row.text, relation, lex),
            }
        })
        .collect();

    let mut labels = BTreeMap::new();
    for row in rows {
        *labels.entry(row.label).or_default() += 1;
    }
    let counted = |m: &TripleMention| COUNTED_MODALITIES.contains(&m.modality);
    let scored: Vec<(&GsrRow, &Seen)> = rows
        .iter()
        .zip(&seen)
        .filter(|(r, _)| r.label != Label::Ambiguous)
        .collect();
    let gold = |r: &GsrRow| r.label == Label::Yes;
    let detected = |s: &Seen| s.mentions.iter().any(counted);
    let detection = Score::from_flags(scored.iter().map(|(r, s)| (gold(r), detected(s))));
    let all_modalities = Score::from_flags(
        scored
            .iter()
            .map(|(r, s)| (gold(r), !s.mentions.is_empty())),
    );
    let keyword = Score::from_flags(scored.iter().map(|(r, s)| (gold(r), s.keyword)));

    let example = |r: &GsrRow, s: &Seen| Example {
        id: r.id.clone(),
        label: r.label,
        text: r.text.clone(),
        found: s
            .mentions
            .iter()
            .map(|m| {
                let side = |x: &str| {
                    if x.is_empty() {
                        "?".to_string()
                    } else {
                        x.to_string()
                    }
                };
                format!(
                    "{} -> {} [{}] «{}»",
                    side(&m.subject),
                    side(&m.object),
                    m.modality,
                    m.cue
                )
            })
            .collect(),
    };
    let false_positives = scored
        .iter()
        .filter(|(r, s)| !gold(r) && detected(s))
        .map(|(r, s)| example(r, s))
        .collect();
    let false_negatives = scored
        .iter()
        .filter(|(r, s)| gold(r) && !detected(s))
        .map(|(r, s)| example(r, s))
        .collect();

    let (mut source, mut target) = (Agreement::default(), Agreement::default());
    let mut other_codes = BTreeMap::new();
    let (mut yes_with_spans, mut yes_without_spans) = (0, 0);
    for (r, s) in &scored {
        if !gold(r) {
            continue;
        }
        let Some(g) = spans.get(&r.id) else {
            yes_without_spans += 1;
            continue;
        };
        yes_with_spans += 1;
        if !detected(s) {
            continue;
        }
        for (code, n) in &g.other_codes {
            *other_codes.entry(code.clone()).or_default() += n;
        }
        let mentions: Vec<&TripleMention> = s.mentions.iter().filter(|m| counted(m)).collect();
        for (agreement, want, side) in [
            (
                &mut source,
                &g.source,
                (|m: &TripleMention| m.subject.clone()) as fn(&TripleMention) -> String,
            ),
            (&mut target, &g.target, |m: &TripleMention| m.object.clone()),
        ] {
            if want.is_empty() {
                continue;
            }
            agreement.gold += 1;
            let codes: Vec<&str> = mentions
                .iter()
                .filter_map(|m| state_code(lex, &side(m)))
                .collect();
            if codes.iter().any(|c| want.contains(*c)) {
                agreement.agree += 1;
            } else if codes.is_empty() {
                agreement.no_country += 1;
            } else {
                agreement.other_country += 1;
            }
        }
    }

    TypeReport {
        relation,
        sentences: rows.len(),
        labels,
        detection,
        all_modalities,
        keyword,
        source: source.finish(),
        target: target.finish(),
        yes_with_spans,
        yes_without_spans,
        spans_unmatched: 0,
        other_codes,
        false_positives,
        false_negatives,
    }
}

impl Report {
    /// Keeps the first `n` false positives and false negatives of each type
    /// (for printing and JSON).
    pub fn truncate_errors(&mut self, n: usize) {
        for t in &mut self.types {
            t.false_positives.truncate(n);
            t.false_negatives.truncate(n);
        }
    }

    /// The report as text: per type, one `P= R= F1=` line per reading and
    /// one line per agreement, then up to `show_errors` false positives and
    /// false negatives with their text.
    pub fn render(&self, show_errors: usize) -> String {
        let modalities: Vec<&str> = self.counted_modalities.iter().map(|m| m.as_str()).collect();
        let mut s = format!(
            "event benchmark {} (detected: a mention of modality {}; yes vs easy/difficult no)\n",
            self.gsr.display(),
            modalities.join(" or ")
        );
        for t in &self.types {
            let n = |l: Label| t.labels.get(&l).copied().unwrap_or(0);
            s += &format!(
                "{}: {} sentences (yes {}, easy no {}, difficult no {}; {} ambiguous left out)\n",
                t.relation,
                t.sentences,
                n(Label::Yes),
                n(Label::EasyNo),
                n(Label::DifficultNo),
                n(Label::Ambiguous)
            );
            for (name, sc) in [
                ("detection", &t.detection),
                ("all-modalities", &t.all_modalities),
                ("keyword", &t.keyword),
            ] {
                s += &format!(
                    "  {:<8} {:<15} P={:.3} R={:.3} F1={:.3}  (tp={} fp={} fn={} tn={})\n",
                    t.relation.as_str(),
                    name,
                    sc.precision,
                    sc.recall,
                    sc.f1,
                    sc.tp,
                    sc.fp,
                    sc.fn_,
                    sc.tn
                );
            }
            for (name, a) in [("source", &t.source), ("target", &t.target)] {
                s += &format!(
                    "  {:<8} {name}-agreement {:.3}  ({} of {} detected yes sentences with a gold {name} country; other country {}, no country {})\n",
                    t.relation.as_str(),
                    a.rate,
                    a.agree,
                    a.gold,
                    a.other_country,
                    a.no_country
                );
            }
            let others: Vec<String> = t
                .other_codes
                .iter()
                .map(|(c, n)| format!("{c} {n}"))
                .collect();
            s += &format!(
                "  spans: {} yes sentences with spans, {} without; {} span records from outside this half; non-country codes left out: {}\n",
                t.yes_with_spans,
                t.yes_without_spans,
                t.spans_unmatched,
                if others.is_empty() {
                    "none".to_string()
                } else {
                    others.join(", ")
                }
            );
            for (name, list) in [
                ("false positives", &t.false_positives),
                ("false negatives", &t.false_negatives),
            ] {
                if show_errors == 0 || list.is_empty() {
                    continue;
                }
                s += &format!(
                    "  {} {name} (first {} of the file):\n",
                    t.relation,
                    show_errors.min(list.len())
                );
                for e in list.iter().take(show_errors) {
                    let label = match e.label {
                        Label::Yes => "yes",
                        Label::EasyNo => "easy no",
                        Label::DifficultNo => "difficult no",
                        Label::Ambiguous => "ambiguous",
                    };
                    s += &format!("    {} [{label}] {}\n", e.id, e.text.trim());
                    for f in &e.found {
                        s += &format!("        found {f}\n");
                    }
                }
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        Lexicon::from_strs(
            "id\ttype\tlabel_ar\tlabel_en\tcountry\tcode\tnames\tnisbas\tmetonyms\n\
             iran\tstate\tإيران\tIran\tiran\tIRN\tإيران\tإيراني\tطهران\n\
             israel\tstate\tإسرائيل\tIsrael\tisrael\tISR\tإسرائيل\tإسرائيلي\t\n\
             ali\tperson\tعلي\tAli\tiran\t\tعلي خامنئي\t\t\n",
            "",
            "",
            "assault\tactive\tstem\tقصف\nassault\tactive\tstem\tتقصف\nprotest\tactive\tstem\tتظاهر\n",
            "لم\tnegated\n",
        )
        .unwrap()
    }

    fn row(id: &str, label: Label, text: &str) -> GsrRow {
        GsrRow {
            id: id.into(),
            label,
            text: text.into(),
        }
    }

    #[test]
    fn reads_labels_and_rejects_unknown_ones() {
        let csv = "\u{FEFF}id,event_type,label,accept,reject,total,text\r\na,ASSAULT,yes,3,0,3,\"قصف, ثم\"\r\nb,ASSAULT,easy no,0,3,3,x\r\n";
        let rows = read_gsr(Path::new("t.csv"), csv.as_bytes()).unwrap();
        assert_eq!(
            rows,
            vec![
                row("a", Label::Yes, "قصف, ثم"),
                row("b", Label::EasyNo, "x")
            ]
        );
        let bad = "id,label,text\na,maybe,x\n";
        let e = read_gsr(Path::new("t.csv"), bad.as_bytes())
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "t.csv: line 2: expected a label yes, easy no, difficult no or ambiguous, found \"maybe\""
        );
        let e = read_gsr(Path::new("t.csv"), b"id,text\n")
            .unwrap_err()
            .to_string();
        assert_eq!(e, "t.csv: line 1: expected a column \"label\"");
    }

    #[test]
    fn counts_detection_modalities_and_keywords() {
        let lex = lex();
        let rows = vec![
            row("1", Label::Yes, "قصفت إسرائيل إيران."),
            row("2", Label::EasyNo, "لم تقصف إسرائيل إيران."),
            row("3", Label::DifficultNo, "قصفت إسرائيل إيران."),
            row("4", Label::Yes, "سقط صاروخ."),
            row("5", Label::Ambiguous, "قصفت إسرائيل إيران."),
            row("6", Label::EasyNo, "زار علي خامنئي إسرائيل."),
        ];
        let t = evaluate_rows(Relation::Assault, &rows, &HashMap::new(), &lex);
        assert_eq!(
            (
                t.detection.tp,
                t.detection.fp,
                t.detection.fn_,
                t.detection.tn
            ),
            (1, 1, 1, 2)
        );
        assert_eq!((t.all_modalities.tp, t.all_modalities.fp), (1, 2));
        assert_eq!((t.keyword.tp, t.keyword.fp, t.keyword.tn), (1, 2, 1));
        assert!((t.detection.f1 - 0.5).abs() < 1e-9);
        assert_eq!(
            t.false_positives
                .iter()
                .map(|e| e.id.as_str())
                .collect::<Vec<_>>(),
            ["3"]
        );
        assert_eq!(
            t.false_negatives
                .iter()
                .map(|e| e.id.as_str())
                .collect::<Vec<_>>(),
            ["4"]
        );
        assert_eq!(t.labels[&Label::Ambiguous], 1);
    }

    #[test]
    fn agreement_resolves_persons_to_their_state_and_maps_cameo_codes() {
        let lex = lex();
        assert_eq!(state_code(&lex, "ali"), Some("IRN"));
        assert_eq!(state_code(&lex, "nobody"), None);
        let rows = vec![
            row("1", Label::Yes, "قصف علي خامنئي إسرائيل."),
            row("2", Label::Yes, "قصفت إيران إسرائيل."),
        ];
        let spans = r#"[
          {"source": "2", "text": "قصف علي خامنئي إسرائيل.", "spans": [
             {"source_role": {"main": "IRN", "role": "GOV"}, "target_role": {"main": "ISR"}},
             {"source_role": {}, "target_role": "UNKNOWN"}]},
          {"source": "Outlet", "text": "قصفت إيران إسرائيل.", "spans": [
             {"source_role": {"main": "IGO"}, "target_role": {"main": "IRN"}}]},
          {"source": "elsewhere", "text": "?", "spans": []}
        ]"#;
        let (gold, unmatched) = read_spans(Path::new("s.json"), spans, &rows, &lex).unwrap();
        assert_eq!(unmatched, 1);
        assert_eq!(
            gold["2"].other_codes,
            BTreeMap::from([("IGO".to_string(), 1)])
        );
        let t = evaluate_rows(Relation::Assault, &rows, &gold, &lex);
        assert_eq!((t.source.gold, t.source.agree), (1, 1));
        assert_eq!(
            (t.target.gold, t.target.agree, t.target.other_country),
            (2, 1, 1)
        );
        assert_eq!(t.other_codes.get("UNKNOWN"), Some(&1));
    }

    #[test]
    fn render_has_one_score_line_per_reading() {
        let lex = lex();
        let t = evaluate_rows(
            Relation::Protest,
            &[row("1", Label::Yes, "تظاهر الإيرانيون.")],
            &HashMap::new(),
            &lex,
        );
        let r = Report {
            gsr: "g".into(),
            counted_modalities: COUNTED_MODALITIES.to_vec(),
            types: vec![t],
        };
        let text = r.render(1);
        assert_eq!(
            text.lines()
                .filter(|l| l.contains("P=") && l.contains("F1="))
                .count(),
            3
        );
        assert!(text.contains("protest  detection"), "{text}");
    }
}

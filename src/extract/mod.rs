//! Extraction: one article in, its cited triple mentions out.
//!
//! In: an [`Article`] and the shared, read-only [`Lexicon`]. Out: every
//! [`TripleMention`] the rules find, complete (both sides resolved) or
//! partial (one side empty), each with its citation and modality.
//!
//! What must hold:
//! - `&article.text[m.start..m.end] == m.evidence` for every mention, and
//!   the same in characters (`char_start..char_end`): citations slice back;
//! - extraction is a pure function of the article and the lexicon, so shards
//!   extracted apart and merged give what one run gives;
//! - nothing here allocates per lexicon entry: the automaton is shared.
//!
//! - every mention's `rule` column names the rules that made it (cue row,
//!   frame and argument rules, rewrites, modality rule), each an id of
//!   `data/rules/` or a lexicon row (see [`crate::trace`]).
//!
//! The stages per article, after the article's survey ([`Cast`]: who is
//! named, which organs are tied to which state, the home state), each
//! sentence going through them in order (`sentence`), each stage a type
//! that borrows the one before it and returns its own:
//!
//! 1. tokens: sentences, tokens and lexicon items with their clitic
//!    readings ([`scan`]), then each item classified (`tokens::Tokens`):
//!    an actor, a title, an organ, an anaphor, a closed-class word of
//!    `classes.tsv`, its cues and modality marker;
//! 2. chunks (`chunk::Chunks`, built in `chunk` and `title`): actor
//!    phrases, an organ with its state, a title with its holder (which also
//!    yields `leader_of`/`official_of`), names the gazetteer lacks,
//!    coordinated lists;
//! 3. frames (`frames::Frames`): for each cue, the patterns of
//!    `data/rules/patterns.rules`, the rewrites and the modality
//!    (`modality`), then the arguments its frame takes (`frames`, `mutual`,
//!    with the searches of `args`), each candidate through one `emit` (type
//!    limits, provenance) into a `Raw` mention;
//! 4. mentions: cited here: byte and character spans, evidence, cue, rule
//!    chain and confidence.

pub mod scan;

use crate::span::Span;
pub use discourse::Cast;
use discourse::Post;

mod args;
mod chunk;
mod discourse;
mod frames;
mod modality;
mod mutual;
mod rewrite;
mod sentence;
mod title;
mod tokens;

use crate::{
    article::Article,
    lexicon::Lexicon,
    mention::TripleMention,
    normalize::{Normalized, normalize},
    schema::{ActorType, Modality, Relation},
};

/// An actor as the article resolves it: one the gazetteer knows, or one the
/// text introduces (a name after a title).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorInfo {
    /// Schema id.
    pub id: String,
    /// Arabic label.
    pub label: String,
    /// Type.
    pub kind: ActorType,
    /// The state it belongs to, if known.
    pub country: Option<String>,
}

/// Extracts every triple mention of one article.
pub fn extract(article: &Article, lex: &Lexicon) -> Vec<TripleMention> {
    let norm = normalize(&article.text);
    let mut cast = Cast::new(lex);
    cast.year = article_year(article);
    let sents = scan_sentences(&norm, lex);
    cast.survey(&norm.text, &sents);
    let mut out = Vec::new();
    // (byte offset, its character offset) of the last citation.
    let mut counted = (0usize, 0usize);
    for (si, (sr, items)) in sents.iter().enumerate() {
        let (sr, items) = (*sr, items.as_slice());
        let (raws, _) = sentence::sentence(&norm.text, items, lex, &mut cast, false);
        if raws.is_empty() {
            continue;
        }
        let (s, e) = norm.orig_span(sr.start, sr.end);
        let (s, e) = trim_span(&article.text, s, e);
        let evidence = &article.text[s..e];
        // Sentences come in text order, so characters are counted from the
        // last cited sentence on, not from the start: linear in the article.
        if s >= counted.0 {
            counted = (s, counted.1 + article.text[counted.0..s].chars().count());
        } else {
            counted = (s, article.text[..s].chars().count());
        }
        let char_start = counted.1;
        let char_end = char_start + evidence.chars().count();
        let mut seen = Vec::new();
        for r in raws {
            let key = (r.subject.clone(), r.relation, r.object.clone(), r.modality);
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let (cs, ce) = norm.orig_span(items[r.cue].range.start, items[r.cue].range.end);
            let (cs, ce) = trim_span(&article.text, cs, ce);
            let mark = |i: Option<usize>| {
                let it = &items[i?];
                let (bs, be) = norm.orig_span(it.form_start, it.range.end);
                Span::within(&article.text, s, e, bs, be)
            };
            let subject_span = mark(cast.named_at(&norm.text, items, &r.subject, r.cue, true));
            let object_span = mark(cast.named_at(&norm.text, items, &r.object, r.cue, false));
            let side = |a: &Option<ActorInfo>| match a {
                Some(a) => (a.id.clone(), a.label.clone(), a.kind.as_str().to_string()),
                None => Default::default(),
            };
            let (subject, subject_label, subject_type) = side(&r.subject);
            let (object, object_label, object_type) = side(&r.object);
            out.push(TripleMention {
                article: article.id.clone(),
                sentence: si,
                start: s,
                end: e,
                char_start,
                char_end,
                complete: r.subject.is_some() && r.object.is_some(),
                subject,
                relation: r.relation,
                object,
                modality: r.modality,
                cue: article.text[cs..ce].trim().to_string(),
                evidence: evidence.to_string(),
                subject_label,
                subject_type,
                object_label,
                object_type,
                date: article.date.clone().unwrap_or_default(),
                rule: crate::trace::Chain { refs: &r.rules }.to_string(),
                confidence: lex.confidence.of(&r.rules),
                subject_span,
                cue_span: Span::within(&article.text, s, e, cs, ce),
                object_span,
                source: article.source.clone().unwrap_or_default(),
                url: article.url.clone().unwrap_or_default(),
            });
        }
    }
    out
}

/// Explains extraction sentence by sentence: the tokens with their
/// readings, the chunks (actor phrases), the mentions, and with `trace` the
/// chain of rules behind each mention and the candidates a rule blocked.
pub fn explain(article: &Article, lex: &Lexicon, trace: bool) -> String {
    use std::fmt::Write;
    let norm = normalize(&article.text);
    let mut cast = Cast::new(lex);
    cast.year = article_year(article);
    let sents = scan_sentences(&norm, lex);
    cast.survey(&norm.text, &sents);
    let mut out = String::new();
    let id = |a: &Option<ActorInfo>| a.as_ref().map_or("-", |a| a.id.as_str()).to_string();
    for (si, (sr, items)) in sents.iter().enumerate() {
        let (sr, items) = (*sr, items.as_slice());
        let _ = writeln!(out, "sentence {si}: {}", &norm.text[sr.start..sr.end]);
        let mut probe = cast.clone();
        out += &sentence::describe(&norm.text, items, lex, &mut probe);
        let (raws, blocked) = sentence::sentence(&norm.text, items, lex, &mut cast, trace);
        let cue = |c: usize| &norm.text[items[c].range.start..items[c].range.end];
        for r in raws {
            let _ = write!(
                out,
                "  => {} {} {} [{}] cue «{}»",
                id(&r.subject),
                r.relation,
                id(&r.object),
                r.modality,
                cue(r.cue)
            );
            if trace {
                let _ = write!(out, "  rule {}", crate::trace::Chain { refs: &r.rules });
            }
            out.push('\n');
        }
        if trace {
            for b in blocked {
                let _ = writeln!(
                    out,
                    "  x  {} {} {} cue «{}»  blocked by {}",
                    id(&b.subject),
                    b.relation,
                    id(&b.object),
                    cue(b.cue),
                    crate::trace::Chain { refs: &b.rules }
                );
            }
        }
    }
    out
}

/// Every sentence of the normalized text with its lexicon items: the rules
/// read them in order, but the article's survey reads them all first.
fn scan_sentences(norm: &Normalized, lex: &Lexicon) -> Vec<(scan::Range, Vec<scan::Item>)> {
    let text = norm.text.as_str();
    scan::sentences(text)
        .into_iter()
        .map(|sr| {
            let toks = scan::tokens(text, sr);
            let items = scan::items(norm, &toks, lex);
            (sr, items)
        })
        .collect()
}

fn article_year(a: &Article) -> Option<u32> {
    let d = crate::date::iso_date(a.date.as_deref()?)?;
    d.get(..4)?.parse().ok()
}

fn trim_span(text: &str, s: usize, e: usize) -> (usize, usize) {
    let seg = &text[s..e];
    let lead = seg.len() - seg.trim_start().len();
    let trail = seg.len() - seg.trim_end().len();
    if lead + trail >= seg.len() {
        (s, e)
    } else {
        (s + lead, e - trail)
    }
}

/// A relation the rules found, before it is cited.
#[derive(Clone, Debug)]
struct Raw {
    subject: Option<ActorInfo>,
    relation: Relation,
    object: Option<ActorInfo>,
    modality: Modality,
    /// Index of the cue item in the sentence.
    cue: usize,
    /// The rules that made it, in the order they applied.
    rules: Vec<crate::trace::RuleRef>,
}

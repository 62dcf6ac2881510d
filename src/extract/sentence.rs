//! The sentence: the stages run in order over one sentence, each handing
//! its typed output to the next, and [`describe`] (explain's lines).
//!
//! 1. [`Tokens`] ([`super::tokens`]): every item classified;
//! 2. [`Chunks`] ([`super::chunk`], [`super::title`]): actor phrases, and
//!    the standing triples of titles;
//! 3. [`Frames`] ([`super::frames`], [`super::args`], [`super::mutual`],
//!    [`super::modality`]): every cue with its arguments and modality,
//!    through `emit` into [`Raw`] mentions;
//! 4. the article's memory ([`Cast`]) learns the sentence's topic, the
//!    actors seen and the last pair named, for the sentences after it.
//!
//! Each stage borrows what the stages before it made and returns its own;
//! none edits another's output.

use super::{
    ActorInfo, Cast, Raw,
    chunk::{self, Chunked, Chunks, Phrase},
    frames::Frames,
    rewrite,
    scan::{Item, clitic_splits},
    tokens::{Mean, TOPIC, Tokens},
};
use crate::{
    lexicon::Lexicon,
    pattern::{Feature, View},
    schema::{ActorType, Relation},
    trace::RuleRef,
};

/// What the pattern language sees of a sentence: its tokens and the
/// phrases chunked so far.
pub(super) struct Seen<'s, 'a, 'l> {
    pub(super) tok: &'s Tokens<'a, 'l>,
    pub(super) phrases: &'s [Phrase<'a>],
    pub(super) phrase_at: &'s [Option<usize>],
}

impl View for Seen<'_, '_, '_> {
    fn len(&self) -> usize {
        self.tok.items.len()
    }

    fn test(&self, k: usize, f: &Feature, cue: usize) -> bool {
        match f {
            Feature::Class(c) => self.tok.find(self.tok.word(k), *c).is_some(),
            Feature::Form(form) => clitic_splits(self.tok.word(k), &self.tok.lex.classes)
                .iter()
                .any(|&(_, rest)| rest == form),
            Feature::Actor(kind) => {
                let actors = match (&self.tok.means[k], self.phrase_at[k]) {
                    (_, Some(p)) => self.phrases[p].actors.clone(),
                    (Mean::Actor(a, _), None) => vec![a.clone()],
                    _ => Vec::new(),
                };
                !actors.is_empty() && kind.is_none_or(|t| actors.iter().all(|a| a.kind == t))
            }
            Feature::Cue(rel) => self.tok.cues[k]
                .iter()
                .any(|&(r, ..)| rel.is_none_or(|x| x == r)),
            Feature::Punct(p) => {
                matches!(self.tok.means[k], Mean::Punct(c) if p.is_none_or(|x| x == c))
            }
            Feature::Prep => matches!(self.tok.means[k], Mean::Prep(_)),
            Feature::Noun | Feature::Verb => {
                let lexical = self.tok.cues[k].first().is_some_and(|&(_, _, n, _)| n);
                let noun = self.tok.nominal(k, lexical);
                noun == matches!(f, Feature::Noun) && (k == cue || !self.tok.cues[k].is_empty())
            }
            Feature::Not(f) => !self.test(k, f, cue),
        }
    }

    fn stop(&self, k: usize) -> bool {
        matches!(
            self.tok.means[k],
            Mean::Boundary | Mean::Punct('.' | ':' | '?' | '!' | ';')
        )
    }
}

/// A candidate that did not become a mention, and the rule that stopped it.
#[derive(Clone, Debug)]
pub struct Blocked {
    /// Index of the cue item.
    pub cue: usize,
    /// The relation it would have had.
    pub relation: Relation,
    /// Its subject and object, as far as they were found.
    pub subject: Option<ActorInfo>,
    /// See `subject`.
    pub object: Option<ActorInfo>,
    /// The rules that built it, then the one that stopped it.
    pub rules: Vec<RuleRef>,
}

/// Applies every rule to one sentence's items.
pub(super) fn sentence(
    text: &str,
    items: &[Item],
    lex: &Lexicon,
    cast: &mut Cast<'_>,
    trace: bool,
) -> (Vec<Raw>, Vec<Blocked>) {
    let tok = Tokens::read(text, items, lex, cast);
    let Chunked {
        chunks,
        posts,
        blocked,
    } = chunk::chunks(&tok, cast, trace);
    let mut f = Frames::new(&tok, &chunks, posts, blocked, trace);
    f.relations();
    f.places_within();
    let (raws, blocked) = f.finish();
    let raws = rewrite::rewrite(&tok, &chunks, raws);
    remember(&chunks, cast);
    (raws, blocked)
}

/// What the sentences after this one may refer back to: its topic (the
/// first phrase no preposition governs), every actor it names, and the
/// last pair of states or bodies it names together («البلدين»).
fn remember(ch: &Chunks<'_>, cast: &mut Cast<'_>) {
    if let Some(p) = ch
        .phrases
        .iter()
        .find(|p| p.prep.is_none() && !p.adjectival)
    {
        cast.topic = p.actors.first().cloned();
    }
    for p in &ch.phrases {
        for a in &p.actors {
            cast.saw(a);
        }
    }
    let pair = (0..ch.phrases.len())
        .filter(|&k| k == 0 || ch.phrases[k - 1].group != ch.phrases[k].group)
        .map(|k| ch.group_actors(k))
        .rfind(|g| {
            g.len() == 2
                && g.iter().all(|a| {
                    matches!(
                        a.kind,
                        ActorType::State | ActorType::Organization | ActorType::Group
                    )
                })
        });
    if pair.is_some() {
        cast.pair = pair;
        cast.pair_age = 0;
    } else {
        cast.pair_age += 1;
    }
}

/// A line per item (its readings) and per actor phrase, for `newsgraph
/// explain`: the tokens and chunks stages as the rules see them.
pub(super) fn describe(text: &str, items: &[Item], lex: &Lexicon, cast: &mut Cast<'_>) -> String {
    use std::fmt::Write;
    let s = Tokens::read(text, items, lex, cast);
    let ch = chunk::chunks(&s, cast, false).chunks;
    let mut out = String::new();
    for (i, it) in items.iter().enumerate() {
        let m = match &s.means[i] {
            Mean::Actor(a, v) => format!("actor {} ({})", a.id, v.as_str()),
            Mean::Role { relation, line, .. } => format!("title {relation} (roles:{line})"),
            Mean::Counterpart => "counterpart".into(),
            Mean::Organ(g, group) => format!(
                "{} {}",
                if *group { "group" } else { "organ" },
                lex.actors[*g as usize].id
            ),
            Mean::TheirState => "their-state".into(),
            Mean::TheTwo => "the-two".into(),
            Mean::Latter => "the-latter".into(),
            Mean::Former => "the-former".into(),
            Mean::We => "we".into(),
            Mean::TheOrg => "the-organization".into(),
            Mean::ThePlace => "the-place".into(),
            Mean::Prep(_) => "preposition".into(),
            Mean::TopicPrep => "topic-preposition".into(),
            Mean::Relative => "relative".into(),
            Mean::Boundary => "clause-boundary".into(),
            Mean::Word => "word".into(),
            Mean::Punct(_) => "punctuation".into(),
        };
        let _ = write!(out, "  {i:>3} {}", s.word(i));
        if !it.prefix.is_empty() {
            let _ = write!(out, "  clitic {}", it.prefix);
        }
        let _ = write!(out, "  {m}");
        for (rel, frame, noun, line) in &s.cues[i] {
            let pos = if *noun { "noun" } else { "verb" };
            let _ = write!(out, "  cue {rel} {} {pos} (cues:{line})", frame.as_str());
        }
        if let Some(md) = s.modals[i] {
            let _ = write!(out, "  marker {md} (modality:{})", s.modal_lines[i]);
        }
        out.push('\n');
    }
    for p in &ch.phrases {
        let ids: Vec<&str> = p.actors.iter().map(|a| a.id.as_str()).collect();
        let _ = write!(out, "  chunk {}..{} {}", p.first, p.last, ids.join(", "));
        match p.prep {
            Some(TOPIC) => out.push_str("  inside a topic phrase"),
            Some(prep) => {
                let _ = write!(out, "  after {prep}");
            }
            None => {}
        }
        if p.adjectival {
            out.push_str("  adjective");
        }
        let _ = writeln!(out, "  list {}", p.group);
    }
    out
}

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
//! named, which organs are tied to which state, the home state):
//!
//! 1. tokens: sentences, tokens and lexicon items with their clitic
//!    readings ([`scan`]); each item classified (`sentence`): an actor, a
//!    title, an organ, an anaphor, a closed-class word of `classes.tsv`;
//! 2. chunks: actor phrases (`chunk`, `title`): an organ with its state,
//!    a title with its holder (which also yields `leader_of`/`official_of`),
//!    names the gazetteer lacks, coordinated lists;
//! 3. frames: for each cue, the patterns of `data/rules/patterns.rules`, the
//!    rewrites and the modality (`modality`), then the arguments its frame
//!    takes (`frames`, `mutual`, with the searches of `args`);
//! 4. mentions: each candidate through one `emit` (type limits, provenance),
//!    then cited here: byte and character spans, evidence, cue.

pub mod scan;

mod args;
mod chunk;
mod frames;
mod modality;
mod mutual;
mod sentence;
mod title;

use std::collections::BTreeMap;

use crate::{
    article::Article,
    classes::{ARTICLE, Class},
    lexicon::{Lexicon, Payload, Via},
    mention::TripleMention,
    normalize::normalize,
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
    let sents = scan_sentences(&norm.text, lex);
    cast.survey(&norm.text, &sents);
    let mut out = Vec::new();
    // (byte offset, its character offset) of the last citation.
    let mut counted = (0usize, 0usize);
    for (si, (sr, items)) in sents.iter().enumerate() {
        let (sr, items) = (*sr, items.as_slice());
        let (raws, _) = sentence::sentence(&norm.text, items, lex, &mut cast);
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
                confidence: 1.0,
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
    let sents = scan_sentences(&norm.text, lex);
    cast.survey(&norm.text, &sents);
    let mut out = String::new();
    let id = |a: &Option<ActorInfo>| a.as_ref().map_or("-", |a| a.id.as_str()).to_string();
    for (si, (sr, items)) in sents.iter().enumerate() {
        let (sr, items) = (*sr, items.as_slice());
        let _ = writeln!(out, "sentence {si}: {}", &norm.text[sr.start..sr.end]);
        let mut probe = cast.clone();
        out += &sentence::describe(&norm.text, items, lex, &mut probe);
        let (raws, blocked) = sentence::sentence(&norm.text, items, lex, &mut cast);
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
fn scan_sentences(text: &str, lex: &Lexicon) -> Vec<(scan::Range, Vec<scan::Item>)> {
    scan::sentences(text)
        .into_iter()
        .map(|sr| {
            let toks = scan::tokens(text, sr);
            let items = scan::items(text, &toks, lex);
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

/// A post as the article names it: the kind of post, the title as written
/// (normalized, «وزير الخارجية»), and the state or body it is held in.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Post {
    relation: Relation,
    title: String,
    of: String,
}

/// What an article has named so far: the memory behind short names, typos,
/// «بلاده» and «البلدين».
#[derive(Clone)]
pub struct Cast<'l> {
    lex: &'l Lexicon,
    /// Persons named in the article: normalized name words → actor.
    persons: Vec<(Vec<String>, ActorInfo)>,
    /// The same names, for exact lookup.
    /// (Only looked up, never iterated, so hashing keeps runs identical.)
    aliases: rustc_hash::FxHashMap<String, ActorInfo>,
    /// The posts the article named → the person who holds each.
    roles: BTreeMap<Post, ActorInfo>,
    /// Recent actors, most recent last.
    recent: Vec<ActorInfo>,
    /// The subject of the last sentence that had one.
    topic: Option<ActorInfo>,
    /// The article's year, from its date.
    year: Option<u32>,
    /// Organs the article tied to a state («النظام السوري»), by generic id.
    organs: BTreeMap<u32, ActorInfo>,
    /// Head nouns of the bodies the article names («المقاومة» of
    /// «المقاومة الشعبية», «تنظيم» of «تنظيم داعش»), without the article,
    /// with the one body each stands for; `None` when it names two.
    heads: BTreeMap<String, Option<ActorInfo>>,
    /// The last two parties named together («روسيا وفرنسا»), for
    /// «الطرفان» and «الجانبين» in a later sentence.
    pair: Option<Vec<ActorInfo>>,
    /// Sentences since `pair` was set.
    pair_age: usize,
    /// The state the article is about, if one stands out.
    home: Option<ActorInfo>,
}

impl<'l> Cast<'l> {
    fn new(lex: &'l Lexicon) -> Cast<'l> {
        Cast {
            lex,
            persons: Vec::new(),
            aliases: Default::default(),
            roles: BTreeMap::new(),
            recent: Vec::new(),
            topic: None,
            year: None,
            organs: BTreeMap::new(),
            heads: BTreeMap::new(),
            pair: None,
            pair_age: 0,
            home: None,
        }
    }

    /// Reads the whole article before its rules run, for what a short form
    /// may refer to before or after the full one: the body each head noun
    /// stands for, the state each organ is tied to («قوات النظام» before
    /// «نظام الأسد»), and the state «النظام» alone means when the article
    /// never ties it (the state it names most).
    fn survey(&mut self, text: &str, sents: &[(scan::Range, Vec<scan::Item>)]) {
        let mut states: BTreeMap<u32, usize> = BTreeMap::new();
        for (_, items) in sents {
            for (k, it) in items.iter().enumerate() {
                let Some(a) = self.actor_at(it) else {
                    if let Some(g) = self.organ_at(it) {
                        if let Some(st) = items.get(k + 1).and_then(|n| self.tie_of(n)) {
                            self.organs.entry(g).or_insert(st);
                        }
                    }
                    continue;
                };
                let actor = self.known(a.0);
                // Where the events happen counts with who is named.
                let home = match actor.kind {
                    ActorType::State => Some(a.0),
                    ActorType::Place => actor
                        .country
                        .as_deref()
                        .and_then(|c| self.lex.actor_index(c)),
                    _ => None,
                };
                if let Some(h) = home {
                    *states.entry(h).or_default() += 1;
                }
                if a.1 != Via::Name
                    || !matches!(
                        actor.kind,
                        ActorType::Group | ActorType::Organization | ActorType::Place
                    )
                {
                    continue;
                }
                let Some((first, _)) = it.stem(text).split_once(' ') else {
                    continue;
                };
                let head = first.strip_prefix(ARTICLE).unwrap_or(first);
                // «القطاع» after «قطاع غزة», «الإقليم» after «إقليم كردستان».
                let place_head =
                    actor.kind == ActorType::Place && self.lex.classes.has(head, Class::PlaceHead);
                if !(place_head || actor.kind != ActorType::Place && self.is_head(head)) {
                    continue;
                }
                match self.heads.get(head) {
                    None => {
                        self.heads.insert(head.to_string(), Some(actor));
                    }
                    Some(Some(b)) if b.id != actor.id => {
                        self.heads.insert(head.to_string(), None);
                    }
                    _ => {}
                }
            }
        }
        // «النظام», «الجيش», «الشرطة» alone, in an article about one
        // state, are that state's; with no clear home state they stay
        // generic.
        let mut counts: Vec<(usize, u32)> = states.into_iter().map(|(s, c)| (c, s)).collect();
        counts.sort_unstable_by(|a, b| b.cmp(a));
        // A clear home: named at least three times, half again as often as
        // any other state.
        self.home = match counts.as_slice() {
            [(c, s), rest @ ..] if *c >= 3 && rest.first().is_none_or(|n| 2 * n.0 < 3 * *c) => {
                Some(self.known(*s))
            }
            _ => None,
        };
    }

    /// The article's home state for a bare organ that has one («الجيش»,
    /// «النظام»), when the article tied it to no state.
    fn home_of(&self, organ: u32) -> Option<ActorInfo> {
        self.lex.actors[organ as usize]
            .props
            .home
            .then(|| self.home.clone())
            .flatten()
    }

    /// The first payload of an item's lexicon form that `pick` accepts.
    fn payload_at<T>(&self, it: &scan::Item, pick: impl Fn(&Payload) -> Option<T>) -> Option<T> {
        let scan::Kind::Hit(f) = it.kind else {
            return None;
        };
        self.lex.gazetteer.payloads(f).iter().find_map(pick)
    }

    /// The gazetteer actor an item names, and how.
    fn actor_at(&self, it: &scan::Item) -> Option<(u32, Via)> {
        self.payload_at(it, |p| match *p {
            Payload::Actor { actor, via } => Some((actor, via)),
            _ => None,
        })
    }

    /// The generic node of a state organ (not a group) an item names.
    fn organ_at(&self, it: &scan::Item) -> Option<u32> {
        self.payload_at(it, |p| match *p {
            Payload::Organ {
                actor,
                group: false,
            } => Some(actor),
            _ => None,
        })
    }

    /// The state an item right after an organ makes it: a state's name or
    /// nisba, or a person of that state («نظام الأسد»).
    fn tie_of(&self, it: &scan::Item) -> Option<ActorInfo> {
        let (a, _) = self.actor_at(it)?;
        let a = self.known(a);
        match a.kind {
            ActorType::State | ActorType::Person => self.state_of(&a),
            _ => None,
        }
    }

    /// Whether a word (without the article) heads the names of bodies and
    /// stands for one of them alone: an organ or group noun of the lexicon
    /// («مقاومة»، «جيش») or a noun that names kinds of bodies.
    fn is_head(&self, w: &str) -> bool {
        self.lex.classes.has(w, Class::BodyHead)
            || self.lex.gazetteer.longest_at(w, 0).is_some_and(|h| {
                h.end == w.len()
                    && self
                        .lex
                        .gazetteer
                        .payloads(h.form)
                        .iter()
                        .any(|p| matches!(p, Payload::Organ { .. }))
            })
    }

    fn known(&self, i: u32) -> ActorInfo {
        let a = &self.lex.actors[i as usize];
        ActorInfo {
            id: a.id.clone(),
            label: a.label_ar.clone(),
            kind: a.kind,
            country: a.country.clone(),
        }
    }

    fn by_id(&self, id: &str) -> Option<ActorInfo> {
        self.lex.actor_index(id).map(|i| self.known(i))
    }

    /// The state an actor belongs to (itself for a state).
    fn state_of(&self, a: &ActorInfo) -> Option<ActorInfo> {
        match a.kind {
            ActorType::State => Some(a.clone()),
            _ => a
                .country
                .as_deref()
                .and_then(|c| self.by_id(c))
                .filter(|s| s.kind == ActorType::State),
        }
    }

    /// Remembers a person by the last word of the name used, the one
    /// news repeats («لافروف»): first names and titles are shared by many.
    fn remember_person(&mut self, a: &ActorInfo, words: &[String]) {
        let Some(last) = words.last().filter(|w| w.chars().count() >= 4) else {
            return;
        };
        let words = vec![last.clone()];
        if !self
            .persons
            .iter()
            .any(|(w, p)| p.id == a.id && *w == words)
        {
            self.aliases
                .entry(words[0].clone())
                .or_insert_with(|| a.clone());
            self.persons.push((words, a.clone()));
        }
    }

    fn saw(&mut self, a: &ActorInfo) {
        self.recent.retain(|r| r.id != a.id);
        self.recent.push(a.clone());
        if self.recent.len() > 16 {
            self.recent.remove(0);
        }
    }
}

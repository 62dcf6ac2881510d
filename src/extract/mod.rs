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
//! The stages per article: normalize, split sentences, match lexicon items
//! ([`scan`]), group items into actor phrases (titles with names, organs
//! with their state, coordinated lists) and apply the relation rules
//! ([`rules`]) with the article's memory of who was named ([`Cast`]).

pub mod scan;
pub mod span;

mod rules;

pub use span::Span;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{
    article::Article,
    lexicon::{Lexicon, Payload, Via},
    normalize::normalize,
    schema::{ActorType, Modality, Relation},
};

/// One triple as the text states it, with its citation.
///
/// Field order is the column order of `triples.csv`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TripleMention {
    /// Article id.
    pub article: String,
    /// 0-based sentence index in the article.
    pub sentence: usize,
    /// Evidence start, UTF-8 byte offset into the original text.
    pub start: usize,
    /// Evidence end (exclusive), bytes.
    pub end: usize,
    /// Evidence start in characters (code points).
    pub char_start: usize,
    /// Evidence end in characters.
    pub char_end: usize,
    /// Subject actor id; empty when unresolved.
    pub subject: String,
    /// The relation.
    pub relation: Relation,
    /// Object actor id; empty when unresolved.
    pub object: String,
    /// How the text puts it.
    pub modality: Modality,
    /// The words that signalled the relation, as in the original.
    pub cue: String,
    /// The sentence, exactly as `start..end` slices the original.
    pub evidence: String,
    /// Both sides resolved.
    pub complete: bool,
    /// Subject's Arabic label.
    pub subject_label: String,
    /// Subject's type.
    pub subject_type: String,
    /// Object's Arabic label.
    pub object_label: String,
    /// Object's type.
    pub object_type: String,
    /// The article's date, if known.
    pub date: String,
    /// Where the subject is named in the evidence, when it is.
    #[serde(default)]
    pub subject_span: Option<Span>,
    /// Where the cue stands in the evidence.
    #[serde(default)]
    pub cue_span: Option<Span>,
    /// Where the object is named in the evidence, when it is.
    #[serde(default)]
    pub object_span: Option<Span>,
    /// The article's source, if known.
    #[serde(default)]
    pub source: String,
    /// The article's address, if known.
    #[serde(default)]
    pub url: String,
}

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
        let raws = rules::sentence(&norm.text, items, lex, &mut cast);
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

/// Explains extraction sentence by sentence: items, phrases and mentions.
pub fn explain(article: &Article, lex: &Lexicon) -> String {
    let norm = normalize(&article.text);
    let mut cast = Cast::new(lex);
    cast.year = article_year(article);
    let sents = scan_sentences(&norm.text, lex);
    cast.survey(&norm.text, &sents);
    let mut out = String::new();
    for (si, (sr, items)) in sents.iter().enumerate() {
        let (sr, items) = (*sr, items.as_slice());
        out += &format!("sentence {si}: {}\n", &norm.text[sr.start..sr.end]);
        let mut probe = Cast {
            lex,
            persons: cast.persons.clone(),
            aliases: cast.aliases.clone(),
            roles: cast.roles.clone(),
            recent: cast.recent.clone(),
            topic: cast.topic.clone(),
            year: cast.year,
            organs: cast.organs.clone(),
            heads: cast.heads.clone(),
            pair: cast.pair.clone(),
            pair_age: cast.pair_age,
            home: cast.home.clone(),
        };
        out += &rules::describe(&norm.text, items, lex, &mut probe);
        for r in rules::sentence(&norm.text, items, lex, &mut cast) {
            let id = |a: &Option<ActorInfo>| a.as_ref().map(|a| a.id.clone()).unwrap_or_default();
            out += &format!(
                "  => {} {} {} [{}] cue#{}\n",
                id(&r.subject),
                r.relation,
                id(&r.object),
                r.modality,
                r.cue
            );
        }
    }
    out
}

/// State organs that, named alone, are the article's home state's: its
/// army, police, government («قوات حفظ السلام» or «الوفد» are not).
const HOME_ORGANS: &[&str] = &[
    "regime",
    "army",
    "armed_forces",
    "security_forces",
    "police",
    "special_forces",
    "republican_guard",
    "national_guard",
    "government",
    "authorities",
];

/// Nouns that head place names and stand alone for the place: «القطاع»
/// for «قطاع غزة».
const PLACE_HEADS: &[&str] = &["قطاع", "اقليم", "جزيره", "ولايه", "محافظه", "مخيم"];

/// Every sentence of the normalized text with its lexicon items: the rules
/// read them in order, but the article's survey reads them all first.
fn scan_sentences(text: &str, lex: &Lexicon) -> Vec<(scan::Range, Vec<scan::Item>)> {
    scan::sentences(text)
        .into_iter()
        .map(|sr| {
            let toks = scan::tokens(text, sr);
            let items = scan::items(text, &toks, &lex.gazetteer);
            (sr, items)
        })
        .collect()
}

fn article_year(a: &Article) -> Option<u32> {
    let d = crate::graph::iso_date(a.date.as_deref()?)?;
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
}

/// What an article has named so far: the memory behind short names, typos,
/// «بلاده» and «البلدين».
pub struct Cast<'l> {
    lex: &'l Lexicon,
    /// Persons named in the article: normalized name words → actor.
    persons: Vec<(Vec<String>, ActorInfo)>,
    /// The same names, for exact lookup.
    /// (Only looked up, never iterated, so hashing keeps runs identical.)
    aliases: rustc_hash::FxHashMap<String, ActorInfo>,
    /// (relation, governing actor id) → the person who holds that role.
    roles: BTreeMap<(Relation, String), ActorInfo>,
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
                let head = first.strip_prefix("ال").unwrap_or(first);
                // «القطاع» after «قطاع غزة», «الإقليم» after «إقليم كردستان».
                let place_head = actor.kind == ActorType::Place && PLACE_HEADS.contains(&head);
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
        let id = &self.lex.actors[organ as usize].id;
        HOME_ORGANS
            .contains(&id.as_str())
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
        const HEADS: &[&str] = &[
            "تنظيم",
            "حركه",
            "جماعه",
            "تحالف",
            "حزب",
            "جبهه",
            "لواء",
            "فصيل",
            "ائتلاف",
            "مجلس",
            "منظمه",
            "هيئه",
            "فيلق",
            "كتائب",
            "سرايا",
        ];
        HEADS.contains(&w)
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

    /// The item that names `actor` in a sentence (its name, nisba or
    /// metonym, or a short name the article remembered), nearest the cue
    /// and, at equal distance, before it for a subject and after it for an
    /// object; `None` when only a pronoun, title or earlier sentence
    /// stands for it.
    fn named_at(
        &self,
        text: &str,
        items: &[scan::Item],
        actor: &Option<ActorInfo>,
        cue: usize,
        subject: bool,
    ) -> Option<usize> {
        let id = &actor.as_ref()?.id;
        let names = |it: &scan::Item| {
            self.actor_at(it)
                .is_some_and(|(a, _)| self.lex.actors[a as usize].id == *id)
                || self.aliases.get(it.stem(text)).is_some_and(|a| a.id == *id)
        };
        items
            .iter()
            .enumerate()
            .filter(|&(k, it)| k != cue && names(it))
            .min_by_key(|&(k, _)| (k.abs_diff(cue), (k < cue) != subject))
            .map(|(k, _)| k)
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
